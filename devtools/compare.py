"""The same pages with a small and a large archive: does a page slow down as the archive grows?

The issue's target: each page's requests/s with 1,000 and with 100,000 articles differ by less
than 20 %. Requests/s are compared as measured; each run's share of its own floor is shown
beside them, because a VM's speed drifts between two runs minutes apart.
"""

import json
import statistics
from dataclasses import dataclass
from pathlib import Path

LIMIT_PERCENT = 20.0


@dataclass
class Row:
    mode: str
    kind: str
    small: dict
    large: dict

    @property
    def difference(self) -> float:
        """The large archive's requests/s against the small one's, in percent (negative: slower)."""
        before = self.small["requests_per_second"]
        return 100 * (self.large["requests_per_second"] - before) / before if before else float("inf")


def latest_reports(directory: Path, articles: int, count: int = 1) -> list[Path]:
    """The newest ``count`` reports for this archive size (their names sort by time)."""
    return sorted(directory.glob(f"bench-{articles}-*.json"))[-count:]


def combined(reports: list[dict]) -> dict:
    """Several rounds of one archive size as one report: each page's median requests/s and share
    of the floor, and the median of the in-process medians, over the pages every round measured.

    Rounds that alternate with the other size's spread the machine's drift over both sizes;
    one run of each compares two moments of a VM as much as two archives."""
    if len(reports) == 1:
        return reports[0]
    results = {}
    for mode, pages in reports[-1]["results"].items():
        for kind in pages:
            runs = [report["results"][mode][kind] for report in reports if kind in report["results"].get(mode, {})]
            if len(runs) == len(reports):
                results.setdefault(mode, {})[kind] = {
                    field: statistics.median(run[field] for run in runs) for field in ("requests_per_second", "percent_of_floor")
                }
    in_process = {
        kind: statistics.median(report["in_process_ms"][kind] for report in reports)
        for kind in reports[-1].get("in_process_ms", {})
        if all(kind in report.get("in_process_ms", {}) for report in reports)
    }
    return {"articles": reports[-1]["articles"], "results": results, "in_process_ms": in_process}


def read_report(path: Path) -> dict:
    try:
        report = json.loads(path.read_text())
        report["results"]  # noqa: B018 - a report without results is no report
    except (OSError, ValueError, KeyError) as error:
        raise ValueError(f"{path}: not a benchmark report ({error})") from None
    return report


def rows(small: dict, large: dict) -> list[Row]:
    """Every page measured in both reports, mode by mode, in the order the large run has them."""
    return [
        Row(mode, kind, small["results"][mode][kind], page)
        for mode, pages in large["results"].items() if mode in small["results"]
        for kind, page in pages.items() if kind in small["results"][mode]
    ]


def within_limit(compared: list[Row]) -> bool:
    pages = [row for row in compared if row.kind != "floor"]
    return bool(pages) and all(abs(row.difference) < LIMIT_PERCENT for row in pages)


def table(compared: list[Row], small_articles: int, large_articles: int) -> str:
    small, large = f"{small_articles:,}", f"{large_articles:,}"
    lines = [f"{'page':9} {'mode':9} {small + ' req/s':>14} {large + ' req/s':>16} {'difference':>11} "
             f"{'% floor':>8} {'% floor':>8}"]
    for row in compared:
        lines.append(
            f"{row.kind:9} {row.mode:9} {row.small['requests_per_second']:14.1f} {row.large['requests_per_second']:16.1f} "
            f"{row.difference:+10.1f}% {row.small['percent_of_floor']:7.1f}% {row.large['percent_of_floor']:7.1f}%"
        )
    return "\n".join(lines)


def medians_table(small: dict, large: dict) -> str:
    """The in-process medians side by side: steadier than requests/s when the machine is busy."""
    small_ms, large_ms = small.get("in_process_ms", {}), large.get("in_process_ms", {})
    kinds = [kind for kind in large_ms if kind in small_ms]
    if not kinds:
        return ""
    sizes = [f"{report['articles']:,} ms" for report in (small, large)]
    lines = [f"{'page':9} {sizes[0]:>10} {sizes[1]:>10} {'difference':>11}   (medians in one process, page cache off)"]
    for kind in kinds:
        before, after = small_ms[kind], large_ms[kind]
        difference = f"{100 * (after - before) / before:+10.1f}%" if before else f"{'-':>11}"
        lines.append(f"{kind:9} {before:10.2f} {after:10.2f} {difference}")
    return "\n".join(lines)
