"""The benchmark's pieces that can be checked without a server: wrk's report, the floor, the pages,
the targets and the comparison of two archive sizes."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from devtools import compare, inprocess, runner, wrk
from devtools.floor import FLOOR_PAGE, PAGE_BYTES, floor
from devtools.management.commands import bench_compare
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

REPORT = """Running 10s test @ http://127.0.0.1:8106
  2 threads and 16 connections
  Thread Stats   Avg      Stdev     Max   +/- Stdev
    Latency     9.10ms    3.20ms  80.00ms   90.00%
  Latency Distribution
     50%    8.42ms
     75%   10.00ms
     90%   12.00ms
     99%    1.20s
  17000 requests in 10.00s, 680.00MB read
  Socket errors: connect 0, read 1, write 0, timeout 2
  Non-2xx or 3xx responses: 3
Requests/sec:   1708.30
Transfer/sec:     68.00MB
"""


def test_wrk_report_is_read_with_units_and_every_kind_of_error():
    result = wrk.parse(REPORT)
    assert result.requests == 17000
    assert result.requests_per_second == 1708.3
    assert result.p50_ms == 8.42
    assert result.p99_ms == 1200.0
    assert result.errors == 6


def test_a_report_without_figures_is_an_error_not_a_zero():
    with pytest.raises(ValueError, match="wrk report without"):
        wrk.parse("unable to connect to 127.0.0.1:8106 Connection refused")


def test_the_floor_is_a_fixed_40_kb_page(rf):
    response = floor(rf.get("/"))
    assert response.content == FLOOR_PAGE
    assert len(FLOOR_PAGE) == PAGE_BYTES == 40 * 1024


@pytest.mark.django_db
def test_every_kind_of_reader_page_is_found_and_answers_in_process():
    for number in range(3):
        ArticleFactory(title=f"Wheat prices in Kabul {number}", tags=["drought"], authors=[AuthorFactory()])

    pages = runner.reader_paths()

    beacons = pages.pop("read")
    assert pages.pop("article+read") == pages["article"] + beacons  # each page and its read beacon
    assert len(beacons) == len(pages["article"]) and all(b.startswith("POST /reads/") for b in beacons)
    assert set(pages) == {"home", "article", "section", "tag", "author", "search", "feed"}
    assert all(pages.values())
    medians = inprocess.medians(pages, requests=2)  # raises unless every page answers 200
    assert set(medians) == set(pages) and all(ms > 0 for ms in medians.values())


def page(rps, p50=5.0, p99=50.0, errors=0, requests=100):
    return {"requests_per_second": rps, "p50_ms": p50, "p99_ms": p99, "errors": errors, "requests": requests}


def with_shares(results):
    for pages in results.values():
        for p in pages.values():
            p["percent_of_floor"] = 100 * p["requests_per_second"] / pages["floor"]["requests_per_second"]
    return results


def test_verdicts_judge_shares_of_the_floor_medians_and_errors():
    uncached = {"floor": page(1000), "article": page(70), "home": page(45), "search": page(45, p50=20)}
    cached = {"floor": page(1000), "article": page(900), "home": page(700), "search": page(650)}
    results = with_shares({"uncached": uncached, "cached": cached})
    medians = {"article": 6.5, "home": 11.0, "search": 9.0}
    assert all(runner.verdicts(results, medians).values())

    uncached["home"]["requests"] = 0  # no request finished: a failure even without errors
    cached["search"]["percent_of_floor"] = 59
    uncached["article"]["percent_of_floor"] = 5.9
    verdicts = runner.verdicts(results, {**medians, "home": 12.5})
    assert not verdicts["no errors"]
    assert not verdicts["page cache on: every reader page >= 60% of the floor"]
    assert not verdicts["page cache off: article >= 6% of the floor"]
    assert verdicts["page cache off: home, search >= 4% of the floor"]
    assert verdicts["in-process median: article <= 7 ms"]
    assert not verdicts["in-process median: home, search <= 12 ms"]


def report(articles, **rates):
    """A benchmark report as `bench` writes it, with these uncached requests/s per page."""
    pages = {kind: {**page(rps), "percent_of_floor": 100 * rps / rates["floor"]} for kind, rps in rates.items()}
    return {"articles": articles, "results": {"uncached": pages}, "in_process_ms": {"home": 10.0}}


def test_the_archive_comparison_is_within_the_limit_only_if_every_page_is():
    small = report(1000, floor=1000, home=200, tag=300)
    close = compare.rows(small, report(100000, floor=900, home=185, tag=250))  # -7.5 %, -16.7 %
    assert [(row.kind, round(row.difference, 1)) for row in close] == [("floor", -10.0), ("home", -7.5), ("tag", -16.7)]
    assert compare.within_limit(close)
    far = compare.rows(small, report(100000, floor=1000, home=200, tag=239))  # -20.3 %
    assert not compare.within_limit(far)
    faster = compare.rows(small, report(100000, floor=1000, home=250, tag=300))  # +25 %: noise, still a difference
    assert not compare.within_limit(faster)


def test_bench_compare_reads_the_newest_report_of_each_size(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    directory = tmp_path / "bench"
    directory.mkdir()
    for name, data in [
        ("bench-1000-20261101T000000Z.json", report(1000, floor=1000, home=400)),  # older: -50 %
        ("bench-1000-20261102T000000Z.json", report(1000, floor=1000, home=210)),
        ("bench-100000-20261102T000100Z.json", report(100000, floor=1000, home=200)),
    ]:
        (directory / name).write_text(json.dumps(data))
    out = StringIO()
    call_command(bench_compare.Command(), stdout=out)
    assert "bench-1000-20261102T000000Z.json" in out.getvalue()
    assert "-4.8%" in out.getvalue()
    assert "home           10.00      10.00       +0.0%" in out.getvalue()  # the in-process medians
    assert "met  every page within 20%" in out.getvalue()


def test_bench_compare_takes_the_median_of_alternating_rounds(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    directory = tmp_path / "bench"
    directory.mkdir()
    rounds = [  # one slow moment of the machine in each size's rounds
        ("1000-20261102T000000Z", report(1000, floor=1000, home=200)),
        ("100000-20261102T000100Z", report(100000, floor=1000, home=130)),
        ("1000-20261102T000200Z", report(1000, floor=1000, home=120)),
        ("100000-20261102T000300Z", report(100000, floor=1000, home=190)),
        ("1000-20261102T000400Z", report(1000, floor=1000, home=210)),
        ("100000-20261102T000500Z", report(100000, floor=1000, home=195)),
    ]
    for name, data in rounds:
        (directory / f"bench-{name}.json").write_text(json.dumps(data))

    single = StringIO()
    call_command(bench_compare.Command(), stdout=single)  # the newest pair alone: 210 against 195
    assert "-7.1%" in single.getvalue()
    out = StringIO()
    call_command(bench_compare.Command(), "--rounds", "3", stdout=out)  # medians: 200 against 190

    assert "-5.0%" in out.getvalue()
    assert out.getvalue().count("bench-1000-") == 3 and out.getvalue().count("bench-100000-") == 3
    assert "met  every page within 20%" in out.getvalue()
    with pytest.raises(CommandError, match="Fewer than 4 reports for 1,000 or 100,000 articles"):
        call_command(bench_compare.Command(), "--rounds", "4", stdout=StringIO())


def test_bench_compare_says_which_report_is_missing_or_broken(tmp_path, settings):
    settings.VAR_DIR = tmp_path
    (tmp_path / "bench").mkdir()
    (tmp_path / "bench" / "bench-100000-20261102T000100Z.json").write_text(json.dumps(report(100000, floor=1, home=1)))
    with pytest.raises(CommandError, match="No report for 1,000 articles"):
        call_command(bench_compare.Command(), stdout=StringIO())
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    with pytest.raises(CommandError, match="broken.json: not a benchmark report"):
        call_command(bench_compare.Command(), str(broken), str(tmp_path / "bench" / "bench-100000-20261102T000100Z.json"),
                     stdout=StringIO())


@pytest.mark.django_db
def test_explain_prints_the_plan_of_every_query_a_page_runs():
    ArticleFactory(title="Wheat prices in Kabul")
    home = runner.reader_paths()["home"][:1]
    printed = []

    whole_table = inprocess.explain({"home": home}, printed.append)

    if connection.vendor != "postgresql":
        assert printed == ["EXPLAIN ANALYZE needs PostgreSQL (DATABASE_URL=postgres://...)."]
        return
    assert printed[0].startswith(f"=== home: {home[0]} (")
    assert any("FROM \"articles_article\"" in text and "Execution Time" in text for text in printed[1:])
    assert whole_table in ([], ["home"])  # a table this small may well be read whole


@pytest.mark.django_db
def test_the_article_pages_data_run_sends_every_statement_the_page_sends():
    # --orm-share compares the page with its data fetched through the ORM: if the page came to
    # fetch something the data run leaves out, the comparison would flatter the ORM.
    section = SectionFactory(slug="health")
    article = ArticleFactory(section=section, tags=["polio"], authors=[AuthorFactory()])
    CorrectionFactory(article=article)
    ArticleFactory(section=section, tags=["polio"])

    costs = inprocess.article_data_costs([article.get_absolute_url()], requests=2)

    assert costs["missing"] == []
    assert costs["queries"] >= 8  # the story, bylines, tags, corrections, related, and the chrome
    assert costs["page"] > 0 and costs["data"] > 0 and costs["sql"] > 0
    assert costs["pieces"]["the donation details"] > 0
