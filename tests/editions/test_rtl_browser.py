"""The right-to-left editions in a real browser: mirrored layout, the switcher, the admin's text direction.

Screenshots go to var/screenshots/editions/ for a person to look at.
"""

from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.utils import translation

from articles.models import Language
from tests.browser.conftest import DESKTOP, PHONE
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.browser

BODY_EDITOR = ".prose-editor:has(#id_body) > .ProseMirror"
SHOTS = Path(settings.BASE_DIR) / "var" / "screenshots" / "editions"


def shoot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=False)


def url_of(article):
    with translation.override(article.language):
        return article.get_absolute_url()


@pytest.fixture
def story(transactional_db):
    politics = SectionFactory(slug="politics", name="Politics", name_ps="سیاست", name_fa_af="سیاست")
    reporter = AuthorFactory(name="Zarghona Ahmadi")
    original = ArticleFactory(
        title="Floods in Nangarhar leave thousands without shelter", section=politics, authors=[reporter],
        standfirst="Heavy rain swept through eastern Afghanistan overnight.",
    )
    pashto = ArticleFactory(
        title="په ننګرهار کې سېلابونو زرګونه کسان بې سرپناه کړل", section=politics, authors=[reporter],
        standfirst="د افغانستان په ختیځ کې تېره شپه سختو بارانونو کورونه ویجاړ کړل.",
        body="<p>د سه شنبې په شپه په ننګرهار ولایت کې سخت باران و ورېد.</p>",
        language=Language.PASHTO, translation_of=original,
    )
    dari = ArticleFactory(
        title="سیلاب‌ها در ننگرهار هزاران تن را بی‌سرپناه کرد", section=politics, authors=[reporter],
        standfirst="باران‌های شدید شب گذشته در شرق افغانستان خانه‌ها را ویران کرد.",
        body="<p>شب سه‌شنبه باران شدید در ولایت ننگرهار بارید.</p>",
        language=Language.DARI, translation_of=original,
    )
    return {"en": original, "ps": pashto, "fa-af": dari}


def box(page, selector):
    return page.locator(selector).first.bounding_box()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", ["ps", "fa-af"])
def test_the_right_to_left_home_pages_are_mirrored(page, story, edition, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"/{edition}/")
    shoot(page, f"home-{edition}-{viewport['width']}")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == [edition, "rtl"]
    width = viewport["width"]
    name, switcher = box(page, ".site-name"), box(page, ".language-switcher")
    # The site's name starts at the right edge; the switcher, where it shares the row, is to its left.
    assert name["x"] + name["width"] > width * 0.75
    same_row = switcher["y"] < name["y"] + name["height"] and name["y"] < switcher["y"] + switcher["height"]
    if same_row:
        assert switcher["x"] + switcher["width"] <= name["x"] + 1
    # The switcher's own order runs right to left: English, the first, is the rightmost.
    editions = page.locator(".language-switcher a")
    assert editions.nth(0).bounding_box()["x"] > editions.nth(2).bounding_box()["x"]
    # The first item of the section navigation (Home) is the rightmost.
    items = page.locator(".section-nav li")
    assert items.nth(0).bounding_box()["x"] > items.nth(1).bounding_box()["x"]
    # The lead story's headline hugs the right edge, as Pashto and Dari text should.
    headline = box(page, f"a:has-text('{story[edition].title[:12]}')")
    assert headline["x"] + headline["width"] > width * 0.6


def test_the_english_home_page_is_not_mirrored(page, story):
    page.goto("/en/")
    assert page.evaluate("document.documentElement.dir") == "ltr"
    assert box(page, ".site-name")["x"] < page.viewport_size["width"] / 4


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("edition", ["ps", "fa-af"])
def test_article_pages_read_right_to_left_with_the_solar_hijri_date(page, story, edition, viewport):
    page.set_viewport_size(viewport)
    page.goto(url_of(story[edition]))
    shoot(page, f"article-{edition}-{viewport['width']}")
    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).direction") == "rtl"
    title = box(page, "article.story h1")
    assert title["x"] + title["width"] > viewport["width"] * 0.7
    dateline = page.locator(".dateline").inner_text()
    assert ("لیندۍ" if edition == "ps" else "قوس") in dateline or "۱۴۰۵" in dateline or "۱۴۰" in dateline


def test_a_reader_switches_from_the_english_story_to_its_pashto_translation_and_on_to_dari(page, story):
    page.goto(url_of(story["en"]))
    page.locator(".language-switcher a[hreflang='ps']").click()
    page.wait_for_url(f"**{url_of(story['ps'])}")
    assert page.locator("article.story h1").inner_text() == story["ps"].title
    page.locator(".language-switcher a[hreflang='fa-AF']").click()
    page.wait_for_url(f"**{url_of(story['fa-af'])}")
    assert page.evaluate("document.documentElement.lang") == "fa-af"


def test_the_root_address_opens_the_browsers_edition(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="fa-AF")
    tab = context.new_page()
    tab.goto("/")
    assert tab.url == f"{live_server.url}/fa-af/"
    context.close()


def test_the_admin_types_dari_right_to_left_and_follows_a_language_change(page, story, live_server):
    # A test-client login passes the second factor too (tests/conftest.py); the browser takes its cookie.
    signed_in = Client()
    signed_in.force_login(UserFactory(username="desk", is_superuser=True))
    session = signed_in.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}])
    page.set_viewport_size(DESKTOP)
    page.goto(f"/admin/articles/article/{story['fa-af'].pk}/change/")
    page.wait_for_selector(BODY_EDITOR)
    shoot(page, "admin-dari-article")
    direction = "el => getComputedStyle(el).direction"
    assert page.locator("#id_title").evaluate(direction) == "rtl"
    assert page.locator("#id_standfirst").evaluate(direction) == "rtl"
    assert page.locator(BODY_EDITOR).evaluate(direction) == "rtl"
    page.select_option("#id_language", "en")
    assert page.locator(".prose-editor:has(#id_body)").get_attribute("dir") == "auto"
    page.select_option("#id_language", "ps")
    assert page.locator(BODY_EDITOR).evaluate(direction) == "rtl"
    page.console_errors.clear()  # the admin's own scripts are not what this test checks

