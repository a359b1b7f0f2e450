"""The benchmark: the production server under wrk, page by page, against the floor.

Two server runs with the same gunicorn.conf.py and settings: one with the page
cache off (what a page costs to build) and one with it on (what readers
mostly get). The floor, a bare 40 KB view through the same middleware, is
measured in both; percentages use the floor of the same run.
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

import django
from django.conf import settings
from django.db import connection
from django.db.models import Count
from django.urls import reverse
from django.utils import translation
from django.utils.encoding import iri_to_uri

from bench import wrk

FLOOR_PATH = "/_bench/floor/"
SEARCH_WORDS = ["wheat", "drought", "Kabul", "hospital", "refugees", "electricity", "cricket", "Herat",
                "schools", "prices", "کابل", "خشکسالی"]
TARGETS = {"uncached_floor_share": 12.0, "uncached_p99_ms": 100.0, "cached_floor_share": 70.0, "search_p50_ms": 50.0}


@dataclass
class Plan:
    port: int
    workers: int
    connections: int
    seconds: int
    warmup_seconds: int
    pages: dict[str, list[str]] = field(default_factory=dict)


def reader_paths(sample: int = 40, seed: int = 1) -> dict[str, list[str]]:
    """Addresses of real pages per kind, from the database the server will use."""
    from taggit.models import Tag

    from articles.models import Article, Section

    rng = random.Random(seed)
    live = Article.objects.published().select_related("section")
    ids = list(live.order_by("-published_at").values_list("pk", flat=True)[:20000])
    if not ids:
        raise RuntimeError("No published articles: generate demo content first.")
    articles = live.filter(pk__in=rng.sample(ids, min(sample, len(ids))))
    languages = [code for code, _ in settings.LANGUAGES]
    popular_tags = (
        Tag.objects.annotate(uses=Count("taggit_taggeditem_items")).order_by("-uses").values_list("slug", flat=True)[:50]
    )

    def localised(name, language, **kwargs):
        with translation.override(language):
            return reverse(name, kwargs=kwargs or None)

    def article_url(article):
        with translation.override(article.language):
            return article.get_absolute_url()

    pages = {
        "home": [localised("articles:home", lang) for lang in languages],
        "article": [article_url(a) for a in articles],
        "section": [localised("articles:section", lang, slug=s) for s in Section.objects.values_list("slug", flat=True)
                    for lang in languages],
        "tag": [localised("articles:tag", "en", slug=slug) for slug in popular_tags],
        "search": [f"{localised('search:results', 'en')}?q={word}" for word in SEARCH_WORDS],
        "feed": [localised("feeds:site-rss", lang) for lang in languages],
    }
    return {kind: [iri_to_uri(p) for p in paths] for kind, paths in pages.items()}


class Server:
    """gunicorn with the repository's config, as `make serve` starts it, on loopback."""

    def __init__(self, plan: Plan, *, page_cache: bool, fragments: bool = True, log: Path):
        self.plan, self.page_cache, self.fragments, self.log_path = plan, page_cache, fragments, log
        self.process = None

    def __enter__(self):
        env = {
            **os.environ,
            "DJANGO_DEBUG": "",
            "DJANGO_SECRET_KEY": os.environ.get("DJANGO_SECRET_KEY") or "benchmark-only-secret-key-not-for-production",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_SECURE_SSL_REDIRECT": "0",  # plain HTTP on loopback
            "DJANGO_SECURE_COOKIES": "0",
            "NEWSROOM_BENCH_FLOOR": "1",
            "PAGECACHE_ENABLED": "1" if self.page_cache else "0",
            "FRAGMENTS_ENABLED": "1" if self.fragments else "0",
            "GUNICORN_BIND": f"127.0.0.1:{self.plan.port}",
            "GUNICORN_WORKERS": str(self.plan.workers),
            "GUNICORN_LOG_LEVEL": "warning",
        }
        env.pop("DJANGO_SETTINGS_MODULE", None)
        self.log = self.log_path.open("a")
        self.process = subprocess.Popen(
            [str(Path(sys.executable).with_name("gunicorn")), "-c", "gunicorn.conf.py"],
            cwd=settings.BASE_DIR, env=env, stdout=self.log, stderr=subprocess.STDOUT,
        )
        self._wait_until_up()
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

    def _wait_until_up(self, timeout=60):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited with {self.process.returncode}; see {self.log_path}")
            try:
                with urllib.request.urlopen(self.base_url + FLOOR_PATH, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer within {timeout} s; see {self.log_path}")

    def check(self, paths: list[str]):
        """Every page answers 200 (a redirect or error would make the numbers lie)."""
        for path in paths:
            request = urllib.request.Request(self.base_url + path)
            try:
                with urllib.request.urlopen(request, timeout=30) as response:
                    status, cache_header = response.status, response.headers.get("X-Page-Cache")
                    final_url = response.geturl()
            except urllib.error.HTTPError as error:
                raise RuntimeError(f"{path} answered {error.code}") from None
            if status != 200 or final_url != self.base_url + path:
                raise RuntimeError(f"{path} answered {status} at {final_url}")
            if cache_header and not self.page_cache:
                raise RuntimeError(f"{path} came from the page cache in the uncached run")


# "uncached": the page cache is off, pages are built on every request (what a page-cache miss
# costs: the queries run, story cards and navigation come from the fragment cache once rendered).
# "cold": the fragment cache is off too, every piece rendered every time. "cached": the page cache.
MODES = {
    "cold": {"page_cache": False, "fragments": False},
    "uncached": {"page_cache": False, "fragments": True},
    "cached": {"page_cache": True, "fragments": True},
}


def measure(plan: Plan, log_dir: Path, say, modes=tuple(MODES)) -> dict:
    results = {mode: {} for mode in modes}
    for mode in modes:
        with Server(plan, **MODES[mode], log=log_dir / "gunicorn.log") as server:
            for kind, paths in [("floor", [FLOOR_PATH]), *plan.pages.items()]:
                server.check(paths[:5])
                if server.page_cache:
                    # Each page once, so the measured seconds show the cache, not its filling.
                    server.check(paths)
                if plan.warmup_seconds:
                    wrk.run(server.base_url, paths, seconds=plan.warmup_seconds, connections=plan.connections)
                result = wrk.run(server.base_url, paths, seconds=plan.seconds, connections=plan.connections)
                results[mode][kind] = result.as_dict()
                say(f"  {mode:8} {kind:8} {result.requests_per_second:9.1f} req/s  p50 {result.p50_ms:7.2f} ms  "
                    f"p99 {result.p99_ms:7.2f} ms  errors {result.errors}")
    for pages in results.values():
        floor = pages["floor"]["requests_per_second"]
        for page in pages.values():
            page["percent_of_floor"] = round(100 * page["requests_per_second"] / floor, 1)
    return results


def verdicts(results: dict) -> dict[str, bool]:
    """The issue's targets, for the modes that ran ("cold" has none: it is for comparison)."""
    found = {}
    uncached, cached = results.get("uncached"), results.get("cached")
    if uncached:
        reader = [kind for kind in uncached if kind != "floor"]
        found["uncached reader pages >= 12% of floor"] = all(
            uncached[k]["percent_of_floor"] >= TARGETS["uncached_floor_share"] for k in reader)
        found["uncached p99 < 100 ms"] = all(uncached[k]["p99_ms"] < TARGETS["uncached_p99_ms"] for k in reader)
        if "search" in uncached:
            found["search p50 < 50 ms (uncached)"] = uncached["search"]["p50_ms"] < TARGETS["search_p50_ms"]
    if cached:
        found["cached reader pages >= 70% of floor"] = all(
            cached[k]["percent_of_floor"] >= TARGETS["cached_floor_share"] for k in cached if k != "floor")
    # A page that finished no request in the whole run failed too (wrk counts no error for it).
    found["zero errors"] = all(page["errors"] == 0 and page["requests"] > 0
                               for pages in results.values() for page in pages.values())
    return found


def table(results: dict) -> str:
    lines = [f"{'page':9} {'mode':9} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'% floor':>8}"]
    for mode, pages in results.items():
        for kind, page in pages.items():
            lines.append(
                f"{kind:9} {mode:9} {page['requests_per_second']:9.1f} {page['p50_ms']:8.2f} {page['p99_ms']:8.2f} "
                f"{page['errors']:7d} {page['percent_of_floor']:7.1f}%"
            )
    return "\n".join(lines)


def machine() -> dict:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory_kb = next(int(line.split()[1]) for line in Path("/proc/meminfo").read_text().splitlines()
                     if line.startswith("MemTotal"))
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW server_version")
            database = f"PostgreSQL {cursor.fetchone()[0]}"
        else:
            database = f"{connection.vendor} {connection.Database.sqlite_version}"
    cache = settings.CACHES["default"]["BACKEND"].rsplit(".", 1)[-1]
    return {
        "cpu": cpu, "cores": os.cpu_count(), "memory_gb": round(memory_kb / 1024 / 1024, 1),
        "kernel": platform.release(), "python": platform.python_version(), "django": django.get_version(),
        "database": database, "cache": cache,
        # Other work on the machine skews every figure: recorded so a reader can judge.
        "load_average_1_5_15": [round(x, 2) for x in os.getloadavg()],
    }


def write_json(report: dict, directory: Path) -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    path = directory / f"bench-{report['articles']}-{stamp}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    return path
