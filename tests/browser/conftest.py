"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server.

Use the ``page`` fixture (a fresh phone-sized tab whose ``goto("/en/")`` is
relative to the live server) and ``axe_violations(page)`` to check a page
with axe-core. Mark the tests ``@pytest.mark.browser``. Data for the page
must be created in the test before the first ``goto``: the live server sees
it because these tests use ``transactional_db``.
"""

import json
import os
import shutil
import time
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
AXE_SCRIPT = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 900}
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, one h1, heading order...).
AXE_RULESETS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


def pytest_collection_modifyitems(config, items):
    if not Path(CHROMIUM).exists():
        skip = pytest.mark.skip(reason=f"needs Chromium at {CHROMIUM} (apt-get install chromium)")
        for item in items:
            if "browser" in item.keywords:
                item.add_marker(skip)


@pytest.fixture(scope="module")
def browser():
    # Module scope, not session: only one Playwright may run in the process at a
    # time, and other folders' browser tests (donations, security) start their own.
    # Playwright's sync API runs an event loop in this thread; without this
    # Django refuses the ORM calls the test makes while it runs.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    """A phone-sized tab on the live server; it fails the test on any console error (script, CSP, a 404ing file).

    A test that expects one (opening a missing page) empties ``page.console_errors``.
    """
    context = open_context(browser, base_url=live_server.url, viewport=PHONE)
    tab = context.new_page()
    problems = tab.console_errors = []
    tab.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    tab.on("pageerror", lambda error: problems.append(str(error)))
    yield tab
    close_quietly(context)
    assert problems == [], f"browser console errors: {problems}"


def open_context(browser, **options):
    """``browser.new_context(**options)`` that keeps count of its requests still waiting for an answer."""
    context = browser.new_context(**options)
    context.waiting = set()
    context.on("request", lambda request: context.waiting.add(request))
    context.on("requestfinished", lambda request: context.waiting.discard(request))
    context.on("requestfailed", lambda request: context.waiting.discard(request))
    return context


def close_quietly(context, *, seconds: float = 5.0) -> None:
    """Close a context of ``open_context`` once its tabs' last requests are answered.

    Answered while the test's database is being emptied after the test, a late request locks a
    table of SQLite's shared in-memory database and the emptying fails. An admin form says
    goodbye as its tab is left (``sendBeacon``, desk/editing.js), and Playwright does not report
    beacons: so leave every tab, give an admin tab's goodbye a moment, and wait for the answers
    to the requests Playwright does report (an autosave, a heartbeat)."""
    admin = any("/admin/" in tab.url for tab in context.pages)
    for tab in context.pages:
        tab.goto("about:blank")
    if admin and context.pages:
        context.pages[0].wait_for_timeout(300)
    deadline = time.monotonic() + seconds
    while context.waiting and time.monotonic() < deadline and context.pages:
        context.pages[0].wait_for_timeout(50)
    context.close()


@pytest.fixture
def axe_violations():
    """``axe_violations(page)``: axe-core's violations on the page as it is now, as short readable dicts."""
    if not AXE_SCRIPT.exists():
        pytest.fail(f"{AXE_SCRIPT} is missing: run `npm ci` in the project folder")
    source = AXE_SCRIPT.read_text()

    def check(tab) -> list[dict]:
        # evaluate() runs through the DevTools protocol, so the page's CSP cannot block axe.
        # axe tells an icon font's ligature ("format_bold") from text only once the font has loaded.
        # The body editor draws its toolbar after loading its modules, so wait for the toolbar and
        # then for its icon font; fonts.ready alone can settle before the toolbar asks for the font.
        if tab.locator("textarea[data-django-prose-editor-configurable]").count():
            tab.locator(".prose-menubar").first.wait_for()
            tab.evaluate("document.fonts.load('24px \"Material Icons\"').then(() => true)")
        tab.evaluate("document.fonts.ready.then(() => true)")
        if not tab.evaluate("typeof window.axe !== 'undefined'"):
            tab.evaluate(source + "\n;undefined")
        result = tab.evaluate(
            "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}})).violations",
            AXE_RULESETS,
        )
        return [
            {"rule": v["id"], "impact": v["impact"], "help": v["help"], "where": [n["target"] for n in v["nodes"]][:5]}
            for v in result
        ]

    return check


def describe(violations) -> str:
    return json.dumps(violations, indent=1, ensure_ascii=False)
