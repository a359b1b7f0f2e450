"""The HTML of a Pashto issue, opened in headless Chromium as a mail client's web view would: the
text runs right to left and sits against the right edge. The screenshot is kept in
var/newsletters/ for a person to look at."""

import os
import shutil
from pathlib import Path

import pytest

from articles.models import Language
from newsletters import rendering
from newsletters.models import Newsletter
from tests.donations.factories import seed_details
from tests.factories import ArticleFactory
from tests.newsletters.factories import issue_with

CHROMIUM = os.environ.get("CHROMIUM_PATH") or shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[2] / "var" / "newsletters"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"needs Chromium at {CHROMIUM}"),
]


def _issue_html(newsletter_slug, language, title, intro):
    newsletter = Newsletter.objects.get(slug=newsletter_slug)
    story = ArticleFactory(language=language, title=title, standfirst=intro)
    issue = issue_with(newsletter, [story], subject=title, intro=intro)
    rendered = rendering.render_issue(issue)
    message = rendering.issue_message(rendered, to="reader@example.net", subscriber_id=1, message_id="<x@y>")
    return message.alternatives[0][0]


@pytest.mark.django_db
def test_a_pashto_issue_is_laid_out_right_to_left_in_chromium():
    seed_details()
    pashto = _issue_html("weekly-pashto", Language.PASHTO, "د کابل د اوبو ستونزه", "د دې اونۍ مهم خبرونه")
    english = _issue_html("daily-english", Language.ENGLISH, "Water shortage in Kabul", "This week's news")

    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"  # Playwright's loop in this thread; no ORM calls below
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu", "--disable-background-networking"]
        )
        try:
            tab = browser.new_page(viewport={"width": 700, "height": 1100})
            layout = {}
            for name, html in (("pashto", pashto), ("english", english)):
                tab.set_content(html)
                tab.screenshot(path=str(SHOTS / f"{name}-issue.png"), full_page=True)
                layout[name] = tab.evaluate("""() => {
                    const title = document.querySelector('.story-title a').getBoundingClientRect();
                    const box = document.querySelector('.content').getBoundingClientRect();
                    const intro = document.querySelector('.intro');
                    return {direction: getComputedStyle(intro).direction, align: getComputedStyle(intro).textAlign,
                            gapRight: box.right - title.right, gapLeft: title.left - box.left};
                }""")
        finally:
            browser.close()

    assert layout["pashto"]["direction"] == "rtl" and layout["pashto"]["align"] == "right"
    assert layout["pashto"]["gapRight"] < layout["pashto"]["gapLeft"]  # the headline hugs the right edge
    assert layout["english"]["direction"] == "ltr"
    assert layout["english"]["gapLeft"] < layout["english"]["gapRight"]
