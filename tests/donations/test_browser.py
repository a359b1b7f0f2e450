"""The donate page in a real phone-sized Chromium: copy buttons work, the QR code
on screen scans, nothing overflows, and without JavaScript the numbers remain."""

import io
import shutil

import pytest
from PIL import Image
from pyzbar import pyzbar

from tests.donations.factories import seed_details

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(shutil.which("chromium") is None, reason="needs Debian's chromium"),
]

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
PHONE = {"width": 390, "height": 844}


@pytest.fixture
def browser(monkeypatch):
    # Playwright's sync API runs an event loop in this thread; the test's own ORM calls happen before it starts.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def donate_url(live_server, transactional_db):
    seed_details()
    return f"{live_server.url.replace('127.0.0.1', 'localhost')}/en/donate/"  # localhost is a secure context


def test_on_a_phone_the_copy_button_copies_the_compact_number_and_the_qr_code_scans(browser, donate_url):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2)
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    problems = []
    page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: problems.append(str(error)))

    page.goto(donate_url)

    assert page.locator("button.donate-copy:visible").count() == 3
    page.locator("button.donate-copy").first.click()
    assert page.evaluate("navigator.clipboard.readText()") == "05302294668"
    assert page.locator("button.donate-copy").first.inner_text() == "Copied"

    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    qr = Image.open(io.BytesIO(page.locator("svg.donation-qr").screenshot()))
    assert [symbol.data.decode() for symbol in pyzbar.decode(qr)] == ["https://qr.vipps.no/donations/557320"]
    assert problems == []  # no CSP violation, no script error
    context.close()


def test_without_javascript_the_numbers_are_there_and_the_buttons_are_not(browser, donate_url):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()

    page.goto(donate_url)

    assert page.locator("button.donate-copy:visible").count() == 0
    assert page.locator("output.donate-number").all_inner_texts() == ["0530 22 94668", "NO15 0530 2294 668", "#557320"]
    context.close()
