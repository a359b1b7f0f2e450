"""A reader walks the site in a real Chromium: home, section, article, tag, author.

Each page is checked for what a reader sees and with axe-core (WCAG 2.2 AA and
best practices): zero violations. A Pashto story is laid out right to left,
even inside the English edition, in the self-hosted Naskh font.
"""

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site

from articles.models import Language
from tests.browser.conftest import DESKTOP, describe
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.browser

PASHTO_TITLE = "د ننګرهار سیلاب ټولې کورنۍ بې کوره کړې"
PASHTO_LETTERS = "ټ ډ ړ ښ ږ ځ څ ۍ ې"


@pytest.fixture
def newsroom():
    politics = SectionFactory(name="Politics", slug="politics", position=1)
    health = SectionFactory(name="Health", slug="health", position=2)
    reporter = AuthorFactory(name="Mariam Sadat", slug="mariam-sadat", bio="Mariam covers politics from Kabul.")
    story = ArticleFactory(
        title="Parliament debates the new budget",
        standfirst="Lawmakers argued for six hours over spending on schools.",
        body="<p>The debate began at nine.</p><h2>What comes next</h2><p>A vote is due on Monday.</p>",
        section=politics,
        authors=[reporter],
        tags=["budget"],
    )
    CorrectionFactory(article=story, text="An earlier version gave the wrong length of the debate.")
    ArticleFactory(title="Clinics reopen in Herat", section=health, tags=["budget"])
    ArticleFactory.create_batch(7, section=health)
    pashto = ArticleFactory(
        title=PASHTO_TITLE,
        standfirst=f"په ننګرهار کې سیلاب. {PASHTO_LETTERS}",
        body=f"<p>{PASHTO_LETTERS} د سیلاب له امله ډېرې کورنۍ بې کوره شوې.</p>",
        section=politics,
        language=Language.PASHTO,
    )
    return {"story": story, "reporter": reporter, "pashto": pashto}


def assert_accessible(page, axe_violations):
    violations = axe_violations(page)
    assert violations == [], f"axe found problems on {page.url}:\n{describe(violations)}"
    # Nothing sticks out sideways on a phone (or on any other width the test uses).
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"], page.url


def test_a_reader_walks_home_section_article_tag_author(page, newsroom, axe_violations):
    story, reporter = newsroom["story"], newsroom["reporter"]

    page.goto("/en/")
    assert page.locator("h1").inner_text() == "Dawat Media"
    assert page.get_by_role("link", name=story.title).first.is_visible()
    assert_accessible(page, axe_violations)

    page.get_by_role("navigation", name="Sections").first.get_by_role("link", name="Politics").click()
    page.wait_for_url("**/en/section/politics/")
    assert page.locator("h1").inner_text() == "Politics"
    assert page.get_by_role("link", name="Clinics reopen in Herat").count() == 0
    assert_accessible(page, axe_violations)

    page.get_by_role("link", name=story.title).click()
    page.wait_for_url(f"**{story.get_absolute_url()}")
    assert page.locator("h1").inner_text() == story.title
    assert page.get_by_text("Lawmakers argued for six hours").is_visible()
    assert page.get_by_text("An earlier version gave the wrong length").is_visible()
    assert page.get_by_role("heading", name="What comes next").is_visible()
    assert page.get_by_role("link", name="Clinics reopen in Herat").is_visible()  # related by tag
    assert_accessible(page, axe_violations)

    page.get_by_role("link", name="budget").click()
    page.wait_for_url("**/en/tag/budget/")
    assert page.locator("h1").inner_text() == "budget"
    assert page.get_by_role("link", name=story.title).is_visible()
    assert_accessible(page, axe_violations)

    page.go_back()
    page.get_by_role("link", name=reporter.name).click()
    page.wait_for_url(f"**{reporter.get_absolute_url()}")
    assert page.locator("h1").inner_text() == reporter.name
    assert page.get_by_text("Mariam covers politics from Kabul.").is_visible()
    assert_accessible(page, axe_violations)


def test_corrections_about_and_not_found_pages_are_accessible(page, newsroom, axe_violations):
    # The data migration's About page may be gone: the flush after an earlier transactional test removes it.
    about, _ = FlatPage.objects.get_or_create(url="/about/", defaults={"title": "About us", "content": "<p>Who we are.</p>"})
    about.sites.add(Site.objects.get_current())
    for url, heading in (("/en/corrections/", "Corrections"), ("/about/", "About us")):
        page.goto(url)
        assert page.locator("h1").inner_text() == heading
        assert_accessible(page, axe_violations)

    response = page.goto("/en/section/nowhere/")
    assert response.status == 404
    page.console_errors.clear()  # the browser logs the 404 itself
    assert page.locator("h1").inner_text() == "We can't find that page"
    assert_accessible(page, axe_violations)


def test_the_skip_link_appears_on_focus_and_moves_to_the_main_content(page, newsroom):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    assert skip.evaluate("element => element === document.activeElement")
    box = skip.bounding_box()
    assert box["y"] >= 0 and box["height"] > 0  # on screen while focused
    skip.press("Enter")
    assert page.evaluate("location.hash") == "#main"


def test_a_pashto_story_in_the_english_edition_reads_right_to_left(page, newsroom, axe_violations):
    page.set_viewport_size(DESKTOP)
    page.goto(newsroom["pashto"].get_absolute_url())

    assert page.evaluate("document.documentElement.dir") == "ltr"
    story = page.locator("article.story")
    assert story.get_attribute("lang") == "ps"
    assert story.evaluate("element => getComputedStyle(element).direction") == "rtl"
    # Mirrored: the section label hugs the right edge of the story column, not the left.
    column = page.locator(".story-header").bounding_box()
    kicker = page.locator(".story-header .kicker a").bounding_box()
    column_right = column["x"] + column["width"]
    assert abs((kicker["x"] + kicker["width"]) - (column_right - 24)) <= 2, (kicker, column)
    assert kicker["x"] > column["x"] + column["width"] / 2
    # The Pashto letters are drawn with the self-hosted Naskh face.
    page.evaluate("document.fonts.ready")
    assert page.evaluate(f"document.fonts.check('20px \"Noto Naskh Arabic\"', {PASHTO_LETTERS!r})")
    loaded = page.evaluate("[...document.fonts].filter(f => f.status === 'loaded').map(f => f.family)")
    assert any("Noto Naskh Arabic" in family for family in loaded)
    assert_accessible(page, axe_violations)


def test_the_pashto_edition_mirrors_the_whole_page(page, newsroom, axe_violations):
    page.goto("/ps/")
    assert page.evaluate("[document.documentElement.lang, document.documentElement.dir]") == ["ps", "rtl"]
    name = page.locator(".site-name").bounding_box()
    assert name["x"] + name["width"] > page.viewport_size["width"] / 2  # the masthead starts at the right
    assert_accessible(page, axe_violations)
