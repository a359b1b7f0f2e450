"""The donate page in a real phone-sized Chromium: copy buttons work, the QR code
on screen scans, nothing overflows, and without JavaScript the numbers remain."""

import io
import shutil
from concurrent.futures import ThreadPoolExecutor

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


def in_browser(drive):
    """Run ``drive(browser)`` in a thread of its own: Playwright's sync API refuses a
    thread where another suite's session-wide Playwright already runs its loop."""

    def run():
        from playwright.sync_api import sync_playwright

        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
            try:
                return drive(browser)
            finally:
                browser.close()

    with ThreadPoolExecutor(max_workers=1) as executor:
        return executor.submit(run).result(timeout=120)


@pytest.fixture
def donate_url(live_server, transactional_db, monkeypatch):
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")  # another suite's Playwright loop may run here
    seed_details()
    return f"{live_server.url.replace('127.0.0.1', 'localhost')}/en/donate/"  # localhost is a secure context


def test_on_a_phone_the_copy_button_copies_the_compact_number_and_the_qr_code_scans(donate_url):
    def drive(browser):
        context = browser.new_context(viewport=PHONE, device_scale_factor=2)
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        page = context.new_page()
        problems = []
        page.on("console", lambda message: problems.append(message.text) if message.type == "error" else None)
        page.on("pageerror", lambda error: problems.append(str(error)))
        page.goto(donate_url)
        seen = {"visible_buttons": page.locator("button.donate-copy:visible").count()}
        page.locator("button.donate-copy").first.click()
        seen["clipboard"] = page.evaluate("navigator.clipboard.readText()")
        seen["button_text"] = page.locator("button.donate-copy").first.inner_text()
        seen["page_width"] = page.evaluate("document.documentElement.scrollWidth")
        seen["qr_png"] = page.locator("svg.donation-qr").screenshot()
        seen["problems"] = problems
        context.close()
        return seen

    seen = in_browser(drive)

    assert seen["visible_buttons"] == 3
    assert seen["clipboard"] == "05302294668"
    assert seen["button_text"] == "Copied"
    assert seen["page_width"] <= PHONE["width"]  # nothing overflows sideways
    qr = Image.open(io.BytesIO(seen["qr_png"]))
    assert [symbol.data.decode() for symbol in pyzbar.decode(qr)] == ["https://qr.vipps.no/donations/557320"]
    assert seen["problems"] == []  # no CSP violation, no script error


def test_without_javascript_the_numbers_are_there_and_the_buttons_are_not(donate_url):
    def drive(browser):
        context = browser.new_context(viewport=PHONE, java_script_enabled=False)
        page = context.new_page()
        page.goto(donate_url)
        seen = (
            page.locator("button.donate-copy:visible").count(),
            page.locator("output.donate-number").all_inner_texts(),
        )
        context.close()
        return seen

    visible_buttons, numbers = in_browser(drive)

    assert visible_buttons == 0
    assert numbers == ["0530 22 94668", "NO15 0530 2294 668", "#557320"]
