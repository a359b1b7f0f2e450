"""A writer and an editor do their jobs in the real admin, in a real browser."""

import pytest

from articles.models import Article, Status
from tests.browser.conftest import DESKTOP
from tests.factories import SectionFactory, UserFactory

pytestmark = pytest.mark.browser
PASSWORD = "correct horse battery"


def log_in(tab, username):
    tab.goto("/admin/login/")
    tab.fill("#id_username", username)
    tab.fill("#id_password", PASSWORD)
    tab.click("input[type=submit]")
    tab.wait_for_url("**/admin/")


def test_a_writer_drafts_and_submits_and_an_editor_publishes(page):
    SectionFactory(name="News", name_en="News", slug="news")
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
    desk = page.locator(".newsroom-dashboard")
    assert "Water crisis in Kandahar" in desk.inner_text(), "the editor's desk lists what waits for review"
    desk.get_by_role("link", name="Water crisis in Kandahar").click()
    page.select_option("#id_status", "published")
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Today").click()
    page.locator(".field-published_at .datetimeshortcuts a", has_text="Now").click()
    page.click("input[name=_continue]")
    assert page.locator(".newsroom-state").first.inner_text() == "Live"
    article.refresh_from_db()
    assert article.is_published and article.updated_by.username == "eddie"

    page.context.clear_cookies()
    page.goto(article.get_absolute_url())
    assert page.locator("h1").inner_text() == "Water crisis in Kandahar"
