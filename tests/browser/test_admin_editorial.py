"""A writer and an editor do their jobs in the real admin, in a real browser."""

import re

import pytest
from django.contrib.auth import get_user_model

from articles.models import Article, Status
from security.twofactor import second_factor_required
from tests.browser.conftest import DESKTOP, close_quietly, open_context
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.security.otp import confirmed_device, unused_code

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def log_in(tab, username):
    user = get_user_model().objects.get(username=username)
    # Editors must give a second factor (docs/security.md): an enrolled authenticator, its code.
    device = confirmed_device(user) if second_factor_required(user) else None
    tab.goto("/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    if device is not None:
        tab.wait_for_url("**/admin/2fa/verify/**")
        tab.fill("input[name=token]", unused_code(device))
        tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")


def test_a_writer_drafts_and_submits_and_an_editor_publishes(page):
    SectionFactory(name="News", name_en="News", slug="news")
    ArticleFactory(title="Older story", tags=["Kandahar"])
    UserFactory(username="wanda", role="Writers")
    UserFactory(username="eddie", role="Editors")
    page.set_viewport_size(DESKTOP)

    log_in(page, "wanda")
    page.goto("/admin/articles/article/add/")
    assert page.locator("#id_status").count() == 0, "writers get no status field to set"
    page.fill("#id_title", "Water crisis in Kandahar")
    page.fill("#id_standfirst", "Wells have run dry across the province.")
    page.locator(".tiptap.ProseMirror").click()
    page.keyboard.type("Farmers say the river is gone.")
    page.locator(".field-section .select2-selection").click()
    page.keyboard.type("News")
    page.locator(".select2-results__option", has_text="News").click()
    page.locator(".field-tags .select2-search__field").click()
    page.keyboard.type("Kandahar")
    page.locator(".select2-results__option", has_text="Kandahar").wait_for()
    page.keyboard.press("Enter")
    page.click("input[name=_submit_for_review]")
    page.wait_for_url("**/admin/articles/article/")
    article = Article.objects.get(title="Water crisis in Kandahar")
    assert article.status == Status.REVIEW
    assert article.body == "<p>Farmers say the river is gone.</p>"
    assert list(article.tags.names()) == ["Kandahar"]
    assert page.locator("tr", has_text="Water crisis in Kandahar").locator(".newsroom-state").inner_text() == "In review"

    page.context.clear_cookies()
    log_in(page, "eddie")
    queue = page.locator("section", has=page.locator("h2", has_text="Waiting for review"))
    row = queue.locator("li", has_text="Water crisis in Kandahar")
    row.locator("summary", has_text="Return to writer").click()
    row.get_by_label("What should the writer change?").fill("Who says the river is gone? Name them.")
    row.get_by_role("button", name="Return with this note").click()
    assert "Returned" in page.locator(".messagelist").inner_text()

    page.context.clear_cookies()
    log_in(page, "wanda")
    returned = page.locator("section", has=page.locator("h2", has_text="Came back to you"))
    assert "Who says the river is gone? Name them." in returned.inner_text()
    returned.get_by_role("link", name="Water crisis in Kandahar").click()
    assert "Who says the river is gone?" in page.locator(".messagelist").inner_text()
    page.locator(".tiptap.ProseMirror").click()
    page.keyboard.press("End")
    page.keyboard.type(" Farmer Gul Agha says so.")
    page.click("input[name=_submit_for_review]")
    page.wait_for_url("**/admin/articles/article/")

    page.context.clear_cookies()
    log_in(page, "eddie")
    row = page.locator("section", has=page.locator("h2", has_text="Waiting for review")).locator("li", has_text="Water crisis")
    row.get_by_role("button", name="Publish now").click()
    message = page.locator(".messagelist")
    assert "Published “Water crisis in Kandahar”. It is live at" in message.inner_text()
    article.refresh_from_db()
    assert message.get_by_role("link").get_attribute("href") == article.get_absolute_url()
    assert article.is_published and article.updated_by.username == "eddie"

    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    assert page.locator("h1").inner_text() == "Water crisis in Kandahar"


def test_on_a_phone_the_article_list_keeps_headlines_readable(page):
    # The page fixture is 390 px wide; the list scrolls sideways rather than squeezing a headline
    # to a word a line (the headline is the row's link, a <th>).
    writer = UserFactory(username="wanda", role="Writers")
    ArticleFactory(title="Kabul bakers adapt to winter flour prices", draft=True, created_by=writer)
    log_in(page, "wanda")
    page.goto("/admin/articles/article/")
    headline = page.locator("#result_list .field-headline", has_text="Kabul bakers").bounding_box()
    font = float(page.evaluate("parseFloat(getComputedStyle(document.querySelector('#result_list .field-headline')).fontSize)"))
    assert headline["width"] >= 12 * font - 1


def test_the_tag_box_picks_the_existing_tag_on_enter(page):
    ArticleFactory(tags=["Afghanistan", "Bafghi Street"])
    UserFactory(username="wanda", role="Writers")
    log_in(page, "wanda")
    page.goto("/admin/articles/article/add/")
    page.locator(".field-tags .select2-search__field").click()
    page.keyboard.type("Afgh")
    page.locator(".select2-results__option", has_text="Afghanistan").wait_for()
    assert "Create new tag" not in page.locator(".select2-results").inner_text(), "writers cannot create tags"
    page.keyboard.press("Enter")
    assert page.locator(".field-tags .select2-selection__choice").all_inner_texts() == ["×Afghanistan"]


def test_a_writer_is_told_why_a_new_tag_cannot_be_picked(page):
    ArticleFactory(tags=["Afghanistan"])
    UserFactory(username="wanda", role="Writers")
    log_in(page, "wanda")
    page.goto("/admin/articles/article/add/")
    assert "Only editors add new tags" in page.locator(".field-tags .help").inner_text()
    page.locator(".field-tags .select2-search__field").click()
    page.keyboard.type("Flour prices")
    assert page.locator(".select2-results__message").inner_text() == "No such tag: only editors add new tags"


def test_an_editor_creates_a_tag_only_by_choosing_to(page):
    ArticleFactory(tags=["Afghanistan"])
    UserFactory(username="eddie", role="Editors")
    log_in(page, "eddie")
    page.goto("/admin/articles/article/add/")
    page.locator(".field-tags .select2-search__field").click()
    page.keyboard.type("Afgh")
    page.locator(".select2-results__option", has_text="Afghanistan").wait_for()
    assert page.locator(".select2-results__option").all_inner_texts() == ["Afghanistan", "Create new tag “Afgh”"]
    page.keyboard.press("Enter")
    assert page.locator(".field-tags .select2-selection__choice").all_inner_texts() == ["×Afghanistan"]


def test_an_editor_links_an_author_to_a_staff_account(page):
    UserFactory(username="wanda", first_name="Wanda", role="Writers")
    UserFactory(username="eddie", role="Editors")
    log_in(page, "eddie")
    page.goto("/admin/articles/author/add/")
    page.fill("#id_name", "Wanda")
    page.locator(".field-user .select2-selection").click()
    page.keyboard.type("wan")
    page.locator(".select2-results__option", has_text="Wanda (wanda)").click()
    page.click("input[name=_save]")
    page.wait_for_url("**/admin/articles/author/")
    from articles.models import Author

    assert Author.objects.get(name="Wanda").user.username == "wanda"


@pytest.mark.parametrize("viewport", [None, DESKTOP], ids=["phone", "desktop"])
def test_the_editors_pages_have_no_serious_accessibility_problems(page, axe_violations, viewport):
    from tests.browser.conftest import describe

    if viewport:
        page.set_viewport_size(viewport)
    writer = UserFactory(username="wanda", role="Writers")
    ArticleFactory(title="A headline long enough to wrap across the section and the time of the row", in_review=True,
                   created_by=writer)
    ArticleFactory(title="Live story")
    UserFactory(username="eddie", role="Editors")
    log_in(page, "eddie")
    for path in ("/admin/", "/admin/articles/article/", "/admin/articles/article/add/"):
        page.goto(path)
        serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{path}: {describe(serious)}"
        assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"] + 1, path


def test_two_editors_open_the_same_story_and_the_second_save_shows_the_conflict(page, browser, live_server):
    article = ArticleFactory(title="Original headline", in_review=True)
    UserFactory(username="eddie", role="Editors")
    UserFactory(username="farid", first_name="Farid", role="Editors")
    page.set_viewport_size(DESKTOP)
    other = open_context(browser, base_url=live_server.url, viewport=DESKTOP).new_page()
    url = f"/admin/articles/article/{article.pk}/change/"
    log_in(page, "eddie")
    page.goto(url)
    log_in(other, "farid")
    other.goto(url)
    assert "Eddie is also editing this article (since" in other.locator(".messagelist").inner_text()

    other.fill("#id_title", "Farid's headline")
    other.click("input[name=_continue]")
    page.fill("#id_title", "Eddie's headline")
    page.click("input[name=_continue]")
    assert "Farid saved this article at" in page.locator(".errorlist.nonfield").inner_text()
    assert page.input_value("#id_title") == "Eddie's headline"
    article.refresh_from_db()
    assert article.title == "Farid's headline"
    page.click("input[name=_continue]")
    article.refresh_from_db()
    assert article.title == "Eddie's headline"
    close_quietly(other.context)


def test_autosave_survives_a_closed_tab(page, browser, live_server):
    writer = UserFactory(username="wanda", role="Writers")
    draft = ArticleFactory(title="Flood in Nangarhar", draft=True, created_by=writer, body="<p>First line.</p>")
    log_in(page, "wanda")
    page.goto(f"/admin/articles/article/{draft.pk}/change/")
    page.locator(".tiptap.ProseMirror").click()
    page.keyboard.press("End")
    page.keyboard.type(" Second line, never saved by hand.")
    # The save's own message, not the note that was there before it (has_text ignores case).
    page.locator("output.desk-autosave", has_text=re.compile("^Autosaved ")).wait_for(timeout=15000)
    page.close()  # the tab is gone; nobody pressed Save

    reopened = page.context.new_page()
    reopened.goto(f"/admin/articles/article/{draft.pk}/change/")
    assert "Second line, never saved by hand." in reopened.locator(".tiptap.ProseMirror").inner_text()
    reopened.fill("#id_title", "Flood in Nangarhar: thousands moved")
    reopened.click("input[name=_continue]")
    assert reopened.locator(".errorlist.nonfield").count() == 0, "her own autosave is not a conflict"
    draft.refresh_from_db()
    assert draft.title == "Flood in Nangarhar: thousands moved" and "Second line" in draft.body


def test_an_open_form_hears_of_a_second_editor_and_a_closed_tab_frees_the_story(page, browser, live_server):
    """Checked through Eddie's page only: the test reading the table while the live server writes it
    would meet SQLite's shared-cache table lock."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    article = ArticleFactory(title="Heartbeat story", in_review=True)
    UserFactory(username="eddie", role="Editors")
    UserFactory(username="farid", first_name="Farid", role="Editors")
    url = f"/admin/articles/article/{article.pk}/change/"

    def beat(tab):
        # A tab beats every 30 s; one shown again from the back/forward cache beats at once.
        tab.evaluate("window.dispatchEvent(new PageTransitionEvent('pageshow', {persisted: true}))")

    log_in(page, "eddie")
    page.goto(url)
    other = open_context(browser, base_url=live_server.url, viewport=DESKTOP).new_page()
    log_in(other, "farid")
    other.goto(url)
    beat(page)
    page.locator("p.desk-editing", has_text="Farid is also editing this article").wait_for(timeout=10000)

    other.close()  # Farid's tab is gone: its goodbye (sendBeacon) frees the story at once, not in 2 minutes
    for _attempt in range(20):
        beat(page)
        try:
            page.locator("p.desk-editing").wait_for(state="hidden", timeout=500)
            break
        except PlaywrightTimeout:
            continue
    else:
        pytest.fail("Eddie's page still says Farid is editing after Farid closed the tab")
    close_quietly(other.context)
