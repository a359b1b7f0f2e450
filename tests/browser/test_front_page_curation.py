"""An editor pins a breaking story and switches on the banner of the Pashto edition in the real
admin; a reader's /ps/ shows both, on a phone and a desktop."""

import datetime
import os
from pathlib import Path

import pytest
from django.utils import timezone

from articles.models import Banner, Pin
from tests.browser.conftest import describe
from tests.browser.test_admin_editorial import log_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.browser
# Set SCREENSHOT_DIR to keep the reader's pages as pictures (390 and 1280 px wide).
SCREENSHOTS = os.environ.get("SCREENSHOT_DIR")


def test_an_editor_pins_a_pashto_story_and_switches_on_the_banner_and_readers_see_both(page, axe_violations):
    news = SectionFactory(name="News", name_en="News", name_ps="خبرونه", slug="news")
    now = timezone.now()
    for n in range(6):
        ArticleFactory(title=f"د ورځې خبر {n}", language="ps", section=news, published_at=now - datetime.timedelta(minutes=n + 1))
    breaking = ArticleFactory(title="په ننګرهار کې سیلاب: لسګونه کورونه ویجاړ شول", language="ps", section=news,
                              standfirst="د ولایت چارواکي وايي ژغورنې کارونه روان دي.",
                              published_at=now - datetime.timedelta(days=2))
    UserFactory(username="eddie", role="Editors")
    page.set_viewport_size({"width": 1280, "height": 900})

    log_in(page, "eddie")
    page.goto(f"/admin/articles/article/{breaking.pk}/change/")
    page.click("button[value=front][formaction]")
    page.wait_for_url(f"**/admin/articles/article/{breaking.pk}/change/")
    assert "Pinned" in page.locator(".messagelist").inner_text()
    assert Pin.objects.filter(article=breaking).exists()

    page.goto("/admin/articles/pin/")
    pashto = page.locator("#edition-ps")
    pashto.locator("input[name=text]").fill("زلزله: د تازه معلوماتو لپاره دلته کلیک وکړئ")
    pashto.locator("input[name=link]").fill(f"/ps/news/{breaking.pk}-{breaking.slug}/")
    pashto.locator("button[name=switch][value=on]").click()
    page.wait_for_url("**/admin/articles/pin/**")
    assert "banner is on" in page.locator(".messagelist").inner_text()
    assert Banner.objects.get(language="ps").is_showing()
    assert page.locator("#edition-ps .fp-state").inner_text() == "On"

    # A second story from the screen's list, then dragged above the first: it becomes the lead.
    pashto = page.locator("#edition-ps")
    pashto.locator("select[name=article]").select_option(label="د ورځې خبر 3")
    pashto.locator(".fp-add button[value=front]").click()
    page.wait_for_url("**/admin/articles/pin/**")
    pins = page.locator("#edition-ps .fp-pins li[data-pin]")
    assert pins.count() == 2
    with page.expect_navigation():
        pins.nth(1).locator(".fp-handle").drag_to(pins.nth(0), target_position={"x": 5, "y": 2})
    assert [pin.article.title for pin in Pin.objects.order_by("position")][0] == "د ورځې خبر 3"
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SCREENSHOTS}/admin-front-pages.png", full_page=True)
    # And back with the arrow (what works without JavaScript too).
    page.locator("#edition-ps .fp-pins li[data-pin]").nth(1).locator("button[aria-label^='Move'][aria-label$='up']").click()
    page.wait_for_url("**/admin/articles/pin/**")
    assert [pin.article for pin in Pin.objects.order_by("position")][0] == breaking

    page.context.clear_cookies()  # a reader now
    for width in (390, 1280):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto("/ps/")
        banner = page.locator(".breaking-news")
        assert "زلزله" in banner.inner_text()
        assert page.locator(".lead-story .card--lead .card-title").inner_text() == breaking.title
        # The banner sits under the navigation, full width, right to left like the page.
        box = banner.bounding_box()
        assert box["width"] == pytest.approx(width, abs=20)
        assert page.evaluate("getComputedStyle(document.querySelector('.breaking-news-inner')).direction") == "rtl"
        if SCREENSHOTS:
            Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
            page.screenshot(path=f"{SCREENSHOTS}/ps-front-page-{width}.png", full_page=False)
    assert axe_violations(page) == [], describe(axe_violations(page))

    banner.locator("a").click()
    page.wait_for_url(f"**/ps/news/{breaking.pk}-**")
    assert "زلزله" in page.locator(".breaking-news").inner_text()
    # Not in the English edition.
    page.goto("/en/")
    assert page.locator(".breaking-news").count() == 0
