"""An editor stages a change to a live story, previews it, and publishes it with a correction; a writer proposes one."""

import pytest

from articles.models import Correction, PendingChange
from tests.browser.conftest import DESKTOP
from tests.browser.test_admin_editorial import log_in
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.browser


def test_an_editor_stages_previews_and_publishes_a_correction_to_a_live_story(page, axe_violations):
    story = ArticleFactory(title="Minister resigns", standfirst="He resigned on Tuesday.")
    UserFactory(username="eddie", role="Editors")
    page.set_viewport_size(DESKTOP)
    log_in(page, "eddie")

    page.goto(f"/admin/articles/article/{story.pk}/change/")
    page.fill("#id_standfirst", "He resigned on Monday.")
    page.click("input[name=_save_pending]")
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/**")
    panel = page.locator("#pending-changes")
    assert "Pending changes by" in panel.inner_text()
    assert panel.locator("ins").count() >= 1  # the comparison with live
    assert page.locator("#id_standfirst").input_value() == "He resigned on Monday."
    serious = [v for v in axe_violations(page) if v["impact"] in ("serious", "critical")]
    assert serious == [], serious

    reader = page.context.browser.new_page()
    reader.goto(page.url.split("/admin/")[0] + story.get_absolute_url())
    assert "He resigned on Tuesday." in reader.content()  # readers: the live text
    reader.close()
    with page.expect_popup() as popup:
        panel.get_by_text("Preview the pending version").click()
    preview = popup.value
    preview.wait_for_load_state()
    assert "He resigned on Monday." in preview.content() and "Preview of pending changes" in preview.content()
    preview.close()

    page.fill("#pending-correction", "An earlier version gave the wrong day.")
    page.get_by_role("button", name="Publish changes").click()
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/")
    assert "Published the pending changes with a correction" in page.locator(".messagelist").inner_text()
    assert page.locator("#pending-changes").count() == 0
    story.refresh_from_db()
    assert story.standfirst == "He resigned on Monday."
    assert Correction.objects.get(article=story).text == "An earlier version gave the wrong day."


def test_a_writer_proposes_a_change_to_their_live_story(page):
    wanda = UserFactory(username="wanda", role="Writers")
    story = ArticleFactory(title="Wells run dry", created_by=wanda)
    page.set_viewport_size(DESKTOP)
    log_in(page, "wanda")

    page.goto(f"/admin/articles/article/{story.pk}/change/")
    assert page.locator("input[name=_save]").count() == 0
    page.fill("#id_title", "Wells run dry across Kandahar")
    page.click("input[name=_save_pending]")
    page.wait_for_url(f"**/admin/articles/article/{story.pk}/change/**")
    assert "an editor will publish them" in page.locator(".messagelist").inner_text()
    assert page.get_by_role("button", name="Publish changes").count() == 0
    assert PendingChange.objects.open().get(article=story).proposed_by == wanda
    story.refresh_from_db()
    assert story.title == "Wells run dry"
