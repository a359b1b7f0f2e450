"""Page-weight budgets: each kind of reader page, opened cold in a phone-sized headless
Chromium, stays within the bytes a reader on a slow, metered connection can afford.

The site runs as production serves it (gunicorn, ``newsroom.settings``, WhiteNoise's compressed
static files, the page cache, HTML compression) on a 120-story demo archive with one photo per
edition (``page_weight_site``). For each row of ``PAGES`` the browser opens the page with an
empty cache and the DevTools protocol adds up the bytes each response took on the wire
(``Network.loadingFinished`` → ``encodedDataLength``: headers and the compressed body) by type.
The table is printed; the test fails when a page is over budget (docs/performance.md, "Page
weight"). Alone: ``make budgets``.
"""

import json
import re
from dataclasses import dataclass, field
from urllib.parse import unquote

import pytest

from tests.blackbox.server import fetch, gunicorn, manage, prepare, production_env
from tests.browser.conftest import PHONE

pytestmark = [pytest.mark.browser, pytest.mark.budgets]

KB = 1000
FULL_PAGE = 150 * KB  # a first view without its pictures: HTML, CSS, JavaScript, fonts
SCRIPT = 50 * KB  # JavaScript on any page
HERO_480 = 60 * KB  # the 480 px rendition of a story's photo (what a phone loads)
LITE_ARTICLE, LITE_HOME = 25 * KB, 30 * KB

# One row per page: what it is, its edition, its address ({name} comes from the site built for the
# check; "lite:" rows are the lite twin the page of that name links to with rel="alternate", or
# the given address, and are left out while the site has no such page), its budget without pictures.
PAGES = [
    ("home", "en", "/en/", FULL_PAGE),
    ("section", "en", "/en/section/{section_en}/", FULL_PAGE),
    ("article", "en", "{article_en}", FULL_PAGE),
    ("tag", "en", "/en/tag/{tag_en}/", FULL_PAGE),
    ("author", "en", "/en/author/{author_en}/", FULL_PAGE),
    ("search", "en", "/en/search/?q={query_en}", FULL_PAGE),
    ("donate", "en", "/en/donate/", FULL_PAGE),
    ("home", "ps", "/ps/", FULL_PAGE),
    ("section", "ps", "/ps/section/{section_ps}/", FULL_PAGE),
    ("article", "ps", "{article_ps}", FULL_PAGE),
    ("tag", "ps", "/ps/tag/{tag_ps}/", FULL_PAGE),
    ("author", "ps", "/ps/author/{author_ps}/", FULL_PAGE),
    ("search", "ps", "/ps/search/?q={query_ps}", FULL_PAGE),
    ("donate", "ps", "/ps/donate/", FULL_PAGE),
    ("lite home", "en", "lite:/en/lite/", LITE_HOME),
    ("lite article", "en", "lite:{article_en}", LITE_ARTICLE),
    ("lite home", "ps", "lite:/ps/lite/", LITE_HOME),
    ("lite article", "ps", "lite:{article_ps}", LITE_ARTICLE),
]

TYPES = {"Document": "html", "Stylesheet": "css", "Script": "js", "Font": "font", "Image": "image"}
COLUMNS = ["html", "css", "js", "font", "image", "other"]


@dataclass
class Weight:
    kind: str
    edition: str
    path: str
    budget: int
    bytes: dict = field(default_factory=dict)
    hero: int | None = None  # the story's photo as the phone loaded it
    hero_url: str = ""
    lite_twin: str = ""

    @property
    def without_pictures(self) -> int:
        return sum(size for kind, size in self.bytes.items() if kind != "image")

    def problems(self) -> list[str]:
        found = []
        name = f"{self.kind} ({self.edition}) {self.path}"
        if self.without_pictures > self.budget:
            found.append(f"{name}: {self.without_pictures:,} bytes without pictures, budget {self.budget:,}")
        if self.bytes.get("js", 0) > SCRIPT:
            found.append(f"{name}: {self.bytes['js']:,} bytes of JavaScript, budget {SCRIPT:,}")
        if self.hero is not None and self.hero > HERO_480:
            found.append(f"{name}: the photo {self.hero_url} is {self.hero:,} bytes, budget {HERO_480:,}")
        return found


def measure(browser, base: str, row: Weight) -> Weight:
    """Open the page cold (new context, cache off) and add up every response's bytes on the wire by type."""
    context = browser.new_context(viewport=PHONE, device_scale_factor=1)
    tab = context.new_page()
    cdp = context.new_cdp_session(tab)
    seen, sizes = {}, {}
    cdp.on("Network.responseReceived", lambda e: seen.__setitem__(e["requestId"], (e["type"], e["response"]["url"])))
    cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__(e["requestId"], e["encodedDataLength"]))
    cdp.send("Network.enable")
    cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
    response = tab.goto(base + row.path, wait_until="networkidle")
    assert response.status == 200, f"{row.path}: {response.status}"
    row.hero_url = tab.evaluate("document.querySelector('.story-hero img')?.currentSrc || ''")
    row.lite_twin = tab.evaluate(
        "[...document.querySelectorAll('link[rel~=alternate]')].map(l => l.href).find(h => h.includes('/lite/')) || ''"
    )
    context.close()
    for request_id, (resource, url) in seen.items():
        kind = TYPES.get(resource, "other")
        row.bytes[kind] = row.bytes.get(kind, 0) + int(sizes.get(request_id, 0))
        if url == row.hero_url:
            row.hero = int(sizes.get(request_id, 0))
    return row


def table(rows: list[Weight]) -> str:
    head = f"{'page':<13} {'ed':<3} " + " ".join(f"{c:>7}" for c in COLUMNS) + f" {'no pics':>8} {'budget':>7} {'hero':>7}  address"
    lines = [head, "-" * len(head)]
    for row in rows:
        cells = " ".join(f"{row.bytes.get(c, 0):>7,}" for c in COLUMNS)
        hero = f"{row.hero:>7,}" if row.hero is not None else f"{'':>7}"
        mark = " OVER" if row.problems() else ""
        lines.append(f"{row.kind:<13} {row.edition:<3} {cells} {row.without_pictures:>8,} {row.budget:>7,} {hero}  {unquote(row.path)[:48]}{mark}")
    return "\n".join(lines)


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    """The production server on a demo archive; yields (base URL, the places the table names)."""
    tmp_path = tmp_path_factory.mktemp("page-weight")
    env = production_env(tmp_path, MEDIA_ROOT=str(tmp_path / "media"), GUNICORN_WORKERS="2")
    prepare(env)
    manage(env, "generate_demo_content", "--settings=devtools.settings", "--articles", "120", "--verbosity", "0")
    output = manage(env, "shell", "-c", "from tests.browser.page_weight_site import main; main()")
    places = json.loads(re.search(r"^PLACES=(.*)$", output, re.M).group(1))
    with gunicorn(env, workers=2, app="tests.browser.page_weight_wsgi:application") as base:
        yield base, places


def test_every_page_type_is_within_its_budget(site, browser, capsys):
    base, places = site
    rows = []
    lite_twins = {}
    for kind, edition, path, budget in PAGES:
        if path.startswith("lite:"):
            target = path.removeprefix("lite:").format(**places)
            path = lite_twins.get(target) or target
            if path == target and (not path.rstrip("/").endswith("/lite") or fetch(base + path)[0] != 200):
                continue  # no lite twin (yet) for this page
        else:
            path = path.format(**places)
        row = measure(browser, base, Weight(kind, edition, path, budget))
        if row.lite_twin:
            lite_twins[path] = row.lite_twin.removeprefix(base)
        rows.append(row)

    with capsys.disabled():
        print("\n\nPage weight: bytes over the wire, first view in a 390 px window (docs/performance.md)\n" + table(rows))

    articles = [row for row in rows if row.kind == "article"]
    assert all(row.hero is not None for row in articles), [row.hero_url for row in articles]
    problems = [problem for row in rows for problem in row.problems()]
    assert problems == [], "\n".join(problems)
