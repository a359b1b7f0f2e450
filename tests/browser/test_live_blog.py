"""A reader's open page shows an entry the editor adds, without a reload (liveblog/static/liveblog/live.js
polling every second here), and the editor adds it without leaving the article form (panel.js).

Screenshots of the Pashto live blog at 390 px go to var/screenshots/liveblog/ for a person to look at.
"""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.utils import translation

from articles.models import Language
from liveblog.models import Entry
from tests.browser.conftest import DESKTOP, close_quietly, open_context
from tests.browser.test_admin_editorial import log_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.liveblog.factories import EntryFactory, LiveBlogFactory

pytestmark = pytest.mark.browser
SHOTS = Path(django_settings.BASE_DIR) / "var" / "screenshots" / "liveblog"


def test_an_editor_adds_an_entry_and_a_readers_open_page_shows_it_without_a_reload(page, browser, live_server, settings):
    settings.LIVEBLOG_POLL_SECONDS = 1
    settings.PAGECACHE_ENABLED = True  # the polls come from the page cache, as in production
    section = SectionFactory(slug="news", name="News", name_ps="خبرونه")
    article = ArticleFactory(
        title="په کابل کې سیلاب: ژوندی", section=section, language=Language.PASHTO,
        standfirst="د کابل سیند له غاړو وتلی دی.", body="<p>هغه څه چې تر اوسه پوهېږو.</p>",
    )
    blog = LiveBlogFactory(article=article)
    EntryFactory(live_blog=blog, body="<p>اوبه بازار ته ورسېدې.</p>", is_key_event=True)
    UserFactory(username="eddie", role="Editors")
    with translation.override("ps"):
        reader_url = article.get_absolute_url()

    page.goto(reader_url)  # the reader: a phone-sized, anonymous tab
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator(".live-entry").count() == 1
    page.evaluate("window.openedOnce = true")  # gone if the page reloads
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "pashto-390-before.png"))

    desk = open_context(browser, base_url=live_server.url, viewport=DESKTOP)
    editor = desk.new_page()
    editor_errors = []
    editor.on("pageerror", lambda error: editor_errors.append(str(error)))
    log_in(editor, "eddie")
    editor.goto(f"/admin/articles/article/{article.pk}/change/")
    form_url = editor.url
    editor.locator("#live-blog .tiptap.ProseMirror").click()
    editor.keyboard.type("ژغورونکي په کښتیو راورسېدل.")
    editor.get_by_role("button", name="Add entry").click()
    editor.locator("#live-blog .liveblog-entry", has_text="ژغورونکي په کښتیو راورسېدل.").wait_for()
    assert editor.url == form_url, "the editor stayed on the article form"
    editor.locator("#live-blog").screenshot(path=str(SHOTS / "admin-panel-1366.png"))
    entry = Entry.objects.get(body="<p>ژغورونکي په کښتیو راورسېدل.</p>")

    new = page.locator(f"#entry-{entry.pk}")
    new.wait_for(timeout=15_000)
    assert "ژغورونکي په کښتیو راورسېدل." in new.inner_text()
    assert page.evaluate("window.openedOnce") is True, "shown without a reload"
    assert page.locator(".live-entry").first.get_attribute("id") == f"entry-{entry.pk}", "newest first"
    assert page.locator(".live-announce").inner_text().strip() != ""
    page.screenshot(path=str(SHOTS / "pashto-390-after.png"), full_page=True)

    # Pinning the older entry reorders the reader's page too; deleting the new one removes it.
    editor.locator("#live-blog .liveblog-entry", has_text="اوبه بازار").get_by_role("button", name="Pin to top").click()
    editor.locator("#live-blog .liveblog-entry.is-pinned", has_text="اوبه بازار").wait_for()
    page.locator(".live-entry.is-pinned").first.wait_for(timeout=15_000)
    assert page.locator(".live-entry").first.get_attribute("class").count("is-pinned") == 1

    editor.on("dialog", lambda dialog: dialog.accept())
    editor.locator("#live-blog .liveblog-entry", has_text="ژغورونکي").get_by_role("button", name="Delete").click()
    editor.locator("#live-blog .liveblog-entry", has_text="ژغورونکي").wait_for(state="detached")
    new.wait_for(state="detached", timeout=15_000)

    # Ending the coverage stops the reader's polling: the page says so, without a reload.
    editor.on("dialog", lambda dialog: dialog.accept())
    editor.get_by_role("button", name="End coverage").click()
    editor.get_by_role("button", name="Resume live coverage").wait_for()
    page.locator(".live-blog.is-ended").wait_for(timeout=15_000)
    assert page.locator(".live-badge").count() == 0
    close_quietly(desk)
    assert editor_errors == []


def test_a_page_that_slept_through_more_changes_than_one_answer_carries_catches_up(page, live_server, settings,
                                                                                   monkeypatch):
    from liveblog import selectors

    settings.LIVEBLOG_POLL_SECONDS = 1
    settings.PAGECACHE_ENABLED = True
    monkeypatch.setattr(selectors, "RECENT_CHANGES", 1)  # one change an answer: any burst is "too many"
    blog = LiveBlogFactory(article=ArticleFactory(title="Flood: live"))
    opened_with = EntryFactory(live_blog=blog, body="<p>Opened with this.</p>")
    with translation.override("en"):
        page.goto(blog.article.get_absolute_url())
    page.evaluate("window.openedOnce = true")
    burst = [EntryFactory(live_blog=blog, body=f"<p>Burst {n}.</p>") for n in range(3)]
    opened_with.body = "<p>Opened with this, corrected.</p>"
    opened_with.save()
    page.locator(f"#entry-{burst[0].pk}").wait_for(timeout=15_000)
    page.locator(f"#entry-{opened_with.pk}", has_text="corrected").wait_for(timeout=15_000)
    assert page.locator(".live-entry").count() == 4
    assert page.evaluate("window.openedOnce") is True, "caught up without a reload"
