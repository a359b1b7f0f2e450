"""A read is counted in a real Chromium: by the beacon with JavaScript, by the pixel without,
once however often the reader reloads; the page sets no cookie for it."""

import time

import pytest

from audience import counting
from audience.models import ArticleReads, PendingRead
from tests.factories import ArticleFactory

pytestmark = pytest.mark.browser

# Headless Chromium says "HeadlessChrome", which the bot list leaves out (as it should).
CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"
FIREFOX = "Mozilla/5.0 (Windows NT 10.0; rv:128.0) Gecko/20100101 Firefox/128.0"


def pending_reads(expected: int, seconds: float = 5) -> int:
    deadline = time.monotonic() + seconds
    while (count := PendingRead.objects.count()) < expected and time.monotonic() < deadline:
        time.sleep(0.1)
    return count


def test_a_reader_is_counted_once_with_javascript_and_once_more_without(browser, live_server, transactional_db):
    counting.forget()
    story = ArticleFactory(title="A story readers read")
    with_script = browser.new_context(base_url=live_server.url, user_agent=CHROME)
    tab = with_script.new_page()
    beacons = []
    tab.on("request", lambda request: beacons.append((request.method, request.url)) if "/reads/" in request.url else None)
    for _ in range(3):  # a reload or two
        tab.goto(story.get_absolute_url())
        tab.wait_for_load_state("networkidle")
    assert [method for method, _url in beacons] == ["POST"] * 3  # the script's beacon, not the pixel
    assert pending_reads(1) == 1
    assert with_script.cookies() == []
    with_script.close()

    without_script = browser.new_context(base_url=live_server.url, user_agent=FIREFOX, java_script_enabled=False)
    tab = without_script.new_page()
    pixels = []
    tab.on("request", lambda request: pixels.append(request.method) if "/reads/" in request.url else None)
    tab.goto(story.get_absolute_url())
    tab.wait_for_load_state("networkidle")
    assert pixels == ["GET"]
    assert pending_reads(2) == 2
    assert without_script.cookies() == []
    without_script.close()

    counting.roll_up()
    assert ArticleReads.objects.get(article=story).reads == 2


def test_headless_chromium_is_a_bot(browser, live_server, transactional_db):
    story = ArticleFactory()
    context = browser.new_context(base_url=live_server.url)
    tab = context.new_page()
    tab.goto(story.get_absolute_url())
    tab.wait_for_load_state("networkidle")
    assert "HeadlessChrome" in tab.evaluate("navigator.userAgent")
    time.sleep(0.3)
    assert PendingRead.objects.count() == 0
    context.close()
