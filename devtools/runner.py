"""The benchmark: the production server under wrk, page by page, against the floor.

The product runs twice under gunicorn.conf.py and the production settings: with the page
cache off (what a page costs to build) and on (what readers mostly get). Before each, the
floor (devtools/floor.py) runs under the same gunicorn settings, and every page's requests/s
are given as a share of that run's floor.
"""

import json
import os
import platform
import random
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import urlencode

import django
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri
from taggit.models import Tag

from articles.models import Article, Author, Section
from devtools import wrk

FLOOR_APP = "devtools.floor:application"
# Page cache on or off: the only switch between the two runs.
MODES = {"uncached": False, "cached": True}
SEARCH_WORDS = ["wheat", "drought", "Kabul", "hospital", "refugees", "electricity", "cricket", "Herat",
                "schools", "prices", "کابل", "خشکسالی"]
# The targets. Shares of the floor with the page cache off, and in-process medians (ms).
UNCACHED_SHARE = {"article": 6.0, "section": 6.0, "tag": 6.0, "author": 6.0, "home": 4.0, "search": 4.0}
IN_PROCESS_MS = {"article": 7.0, "section": 7.0, "tag": 7.0, "author": 7.0, "home": 12.0, "search": 12.0}
CACHED_SHARE = 60.0
SEARCH_P50_MS = 50.0


@dataclass
class Plan:
    port: int
    workers: int
    connections: int
    seconds: int
    warmup_seconds: int
    pages: dict[str, list[str]] = field(default_factory=dict)


ASKED_FOR_ONLY = ("read", "article+read")  # kinds measured only when --pages names them


def reader_paths(sample: int = 40, seed: int = 1) -> dict[str, list[str]]:
    """Addresses of real pages per kind, from the database the server will use: the models'
    own URLs and the URL names, so the reader side can change beneath them."""
    rng = random.Random(seed)
    live = Article.objects.published().select_related("section")
    ids = list(live.order_by("-published_at").values_list("pk", flat=True)[:20000])
    if not ids:
        raise RuntimeError("No published articles: generate demo content first.")
    languages = [code for code, _ in settings.LANGUAGES]
    busiest_tags = Tag.objects.annotate(uses=Count("articles_articletag_items")).order_by("-uses", "pk")[:50]
    busiest_authors = Author.objects.annotate(stories=Count("articles")).order_by("-stories", "pk")[:30]

    def localised(language, url):
        with translation.override(language):
            return url() if callable(url) else reverse(url)

    articles = list(live.filter(pk__in=rng.sample(ids, min(sample, len(ids)))))
    pages = {
        "home": [localised(language, "articles:home") for language in languages],
        "article": [localised(a.language, a.get_absolute_url) for a in articles],
        "section": [localised(language, s.get_absolute_url) for s in Section.objects.all() for language in languages],
        "tag": [localised("en", lambda t=tag: reverse("articles:tag", kwargs={"slug": t.slug})) for tag in busiest_tags],
        "author": [localised(languages[n % len(languages)], a.get_absolute_url) for n, a in enumerate(busiest_authors)],
        "search": [f"{localised('en', 'search:results')}?{urlencode({'q': word})}" for word in SEARCH_WORDS],
        "feed": [localised(language, "feeds:site-rss") for language in languages],
    }
    pages = {kind: [iri_to_uri(path) for path in paths] for kind, paths in pages.items()}
    # Only when asked for (--pages): what counting reads costs. "read" is the beacon alone;
    # "article+read" is each article page and its beacon, as a reader's browser sends them.
    beacons = [wrk.POST + reverse("audience:read", kwargs={"article_id": a.pk}) for a in articles]
    pages["read"] = beacons
    pages["article+read"] = [*pages["article"], *beacons]
    return pages


class Server:
    """gunicorn with the repository's gunicorn.conf.py on loopback, as `make serve` starts it:
    the product under the production settings, or the floor (``app=FLOOR_APP``)."""

    def __init__(self, plan: Plan, *, log: Path, page_cache: bool = True, app: str | None = None):
        self.plan, self.log_path, self.page_cache, self.app = plan, log, page_cache, app
        self.process = None

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_DEBUG": "",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "benchmark-only-secret-key-not-for-production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "DJANGO_SECURE_COOKIES": "0",
            "PAGECACHE_ENABLED": "1" if self.page_cache else "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.plan.port}",
            "GUNICORN_WORKERS": str(self.plan.workers),
            "GUNICORN_LOG_LEVEL": "warning",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)  # the production settings, not these development ones
        self.log = self.log_path.open("a")
        command = [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py", *filter(None, [self.app])]
        self.process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT)
        self._wait_until_up("/" if self.app else "/healthz")
        return self

    def __exit__(self, *exc):
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    @property
    def base_url(self):
        return f"http://127.0.0.1:{self.plan.port}"

    def _wait_until_up(self, path, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def check(self, paths: list[str]):
        """Every page answers 200 (a redirect or error would make the numbers lie)."""
        for path in paths:
            try:
                with urllib.request.urlopen(self.base_url + path, timeout=30) as response:
                    status, final_url = response.status, response.geturl()
                    cache_header = response.headers.get("X-Page-Cache")
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"{path} answered {error.code}") from None
            if status != 200 or final_url != self.base_url + path:
                raise RuntimeError(f"{path} answered {status} at {final_url}")
            if cache_header and not self.page_cache:
                raise RuntimeError(f"{path} came from the page cache with the page cache off")


def measure(plan: Plan, log: Path, say, modes=tuple(MODES)) -> dict:
    results = {}
    for mode in modes:
        pages = {}
        with Server(plan, app=FLOOR_APP, log=log) as floor:
            pages["floor"] = _run(floor, ["/"], plan, mode, "floor", say)
        with Server(plan, page_cache=MODES[mode], log=log) as server:
            for kind, paths in plan.pages.items():
                pages_only = [path for path in paths if not path.startswith(wrk.POST)]
                server.check(pages_only[:5])
                if server.page_cache:
                    # Each page once, so the measured seconds show the cache, not its filling.
                    server.check(pages_only)
                pages[kind] = _run(server, paths, plan, mode, kind, say)
        floor_rate = pages["floor"]["requests_per_second"]
        for page in pages.values():
            page["percent_of_floor"] = round(100 * page["requests_per_second"] / floor_rate, 1) if floor_rate else 0.0
        results[mode] = pages
    return results


def _run(server, paths, plan, mode, kind, say) -> dict:
    if plan.warmup_seconds:
        wrk.run(server.base_url, paths, seconds=plan.warmup_seconds, connections=plan.connections)
    result = wrk.run(server.base_url, paths, seconds=plan.seconds, connections=plan.connections)
    say(f"  {mode:8} {kind:8} {result.requests_per_second:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
        f"p99 {result.p99_ms:7.2f} ms  errors {result.errors}")
    return result.as_dict()


def verdicts(results: dict, in_process_ms: dict) -> dict[str, bool]:
    """The issue's targets, for what was measured."""
    found = {}
    uncached, cached = results.get("uncached"), results.get("cached")
    if uncached:
        for share, kinds in _grouped(UNCACHED_SHARE, uncached).items():
            found[f"page cache off: {', '.join(kinds)} >= {share:g}% of the floor"] = all(
                uncached[kind]["percent_of_floor"] >= share for kind in kinds)
        if "search" in uncached:
            found[f"search p50 < {SEARCH_P50_MS:g} ms (page cache off)"] = uncached["search"]["p50_ms"] < SEARCH_P50_MS
    for limit, kinds in _grouped(IN_PROCESS_MS, in_process_ms).items():
        found[f"in-process median: {', '.join(kinds)} <= {limit:g} ms"] = all(
            in_process_ms[kind] <= limit for kind in kinds)
    if cached:
        found[f"page cache on: every reader page >= {CACHED_SHARE:g}% of the floor"] = all(
            page["percent_of_floor"] >= CACHED_SHARE for kind, page in cached.items() if kind != "floor")
    # A page that finished no request in the whole run failed too (wrk counts no error for it).
    found["no errors"] = all(page["errors"] == 0 and page["requests"] > 0
                             for pages in results.values() for page in pages.values())
    return found


def _grouped(targets: dict, measured: dict) -> dict[float, list[str]]:
    """The measured kinds by target: {6.0: ["article", ...], 4.0: ["home", "search"]}."""
    groups = {}
    for kind, target in targets.items():
        if kind in measured:
            groups.setdefault(target, []).append(kind)
    return groups


def table(results: dict) -> str:
    lines = [f"{'page':9} {'mode':9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'% floor':>8}"]
    for mode, pages in results.items():
        for kind, page in pages.items():
            lines.append(
                f"{kind:9} {mode:9} {page['requests_per_second']:9.1f} {page['p50_ms']:8.2f} {page['p99_ms']:8.2f} "
                f"{page['errors']:7d} {page['percent_of_floor']:7.1f}%"
            )
    return "\n".join(lines)


def in_process_table(medians: dict) -> str:
    lines = [f"{'page':9} {'median ms':>10} {'target':>8}   (in one process, page cache off)"]
    for kind, median in medians.items():
        target = f"{IN_PROCESS_MS[kind]:g}" if kind in IN_PROCESS_MS else "-"
        lines.append(f"{kind:9} {median:10.2f} {target:>8}")
    return "\n".join(lines)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    if connection.vendor == "postgresql":
        database = f"PostgreSQL {connection.pg_version // 10000}.{connection.pg_version % 10000}"
    else:
        database = f"{connection.vendor} {connection.Database.sqlite_version}"
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(), "python": platform.python_version(), "django": django.get_version(),
        "database": database, "cache": settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1],
        # Other work on the machine skews every figure: recorded so a reader can judge.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(report: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"bench-{report['articles']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return path
