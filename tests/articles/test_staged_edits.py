"""Staged edits of live stories (issue 21): changes saved aside as a pending version, previewed,
published (at once or at a time) by an editor, invisible to readers until then."""

import datetime
import re

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone, translation

from articles import services
from articles.models import Article, Correction, PendingChange
from pagecache.version import content_version
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

MARKER = "zqstagedmark"


def change_url(article):
    return reverse("admin:articles_article_change", args=[article.pk])


def pending_url(article, action):
    return reverse("admin:articles_article_pending", args=[article.pk, action])


def stage(client, article, **fields):
    """Press "Save as pending changes" (or "Propose changes") on the article form with these fields changed."""
    loaded = client.get(change_url(article)).context["adminform"].form["loaded_version"].value()
    data = article_form_data(article, loaded_version=loaded, _save_pending="Save as pending changes", **fields)
    return client.post(change_url(article), data)


def reader_pages(article):
    with translation.override(article.language):
        return [article.get_absolute_url(), reverse("articles:home"),
                reverse("feeds:site-rss"), reverse("feeds:site-atom"), "/sitemap-news.xml",
                "/sitemap.xml", "/sitemap-articles.xml"]


def page_text(client, path):
    response = client.get(path)
    assert response.status_code == 200, path
    return (b"".join(response) if response.streaming else response.content).decode()


@pytest.fixture
def live_story(db):
    return ArticleFactory(title="Minister resigns", standfirst="The minister resigned on Tuesday.",
                          body="<p>The minister resigned on Tuesday.</p>", tags=["Kabul"])


def test_a_pending_edit_is_invisible_to_readers_until_an_editor_publishes_it(client, editor, live_story):
    client.force_login(editor)
    response = stage(client, live_story, title=f"Minister resigns {MARKER}", body=f"<p>Resigned on Monday {MARKER}.</p>")
    assert response.status_code == 302

    live_story.refresh_from_db()
    assert live_story.title == "Minister resigns" and MARKER not in live_story.body
    pending = PendingChange.objects.open().get(article=live_story)
    assert pending.proposed_by == editor and MARKER in pending.fields["body"]
    reader = client.__class__()
    for path in reader_pages(live_story):
        assert MARKER not in page_text(reader, path), path
    search = f"{reverse('search:results')}?q={MARKER}"  # the search page repeats the words asked for: look for the story
    assert live_story.get_absolute_url() not in page_text(reader, search)

    response = client.post(pending_url(live_story, "publish"), {"correction_note": ""})
    assert response.status_code == 302

    live_story.refresh_from_db()
    assert live_story.title == f"Minister resigns {MARKER}"
    with translation.override("en"):
        for path in [live_story.get_absolute_url(), reverse("articles:home"), reverse("feeds:site-rss")]:
            assert MARKER in page_text(reader, path), path
        assert live_story.get_absolute_url() in page_text(reader, f"{reverse('search:results')}?q={MARKER}")
    assert not PendingChange.objects.open().exists()
    assert PendingChange.objects.get().applied_by == editor


def test_saving_a_pending_version_does_not_change_the_page_cache_version_but_publishing_it_does(client, editor, live_story):
    client.force_login(editor)
    client.get(change_url(live_story))
    before = content_version()
    assert stage(client, live_story, title=f"Changed {MARKER}").status_code == 302
    assert PendingChange.objects.open().filter(article=live_story).exists()
    assert content_version() == before

    client.post(pending_url(live_story, "publish"))
    assert content_version() != before


def test_the_form_opens_with_the_pending_text_a_banner_and_the_comparison(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, title=f"Minister resigns {MARKER}")

    response = client.get(change_url(live_story))
    page = response.content.decode()
    form = response.context["adminform"].form
    assert form["title"].value() == f"Minister resigns {MARKER}"
    assert "Pending changes</strong> by" in page and "Readers see the live version" in page
    assert "<ins>" in page and MARKER in page  # the comparison with live
    assert "Publish changes" in page and "Save as pending changes" in page
    assert f"{live_story.get_absolute_url()}?pending" in page
    # Enter in a field presses the form's first button: it must be Save, never Publish or Discard changes.
    first_button = re.search(r'<(?:input|button)[^>]*type="submit"[^>]*>', page[page.index('id="article_form"'):]).group(0)
    assert 'name="_save"' in first_button


def test_the_comparison_shows_the_bodys_words_not_its_markup(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, body=live_story.body + f"<p>A new paragraph {MARKER}.</p>")

    page = client.get(change_url(live_story)).content.decode()
    compared = page[page.index('class="pending-diff"'):page.index("</table>", page.index('class="pending-diff"'))]
    assert f"A new paragraph {MARKER}." in compared
    assert "&lt;p&gt;" not in compared and "&lt;/p&gt;" not in compared  # was: the HTML source, tags and all


def test_staff_preview_the_pending_version_in_the_reader_page_and_readers_never_do(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, body=f"<p>New paragraph {MARKER}.</p>")
    url = live_story.get_absolute_url()

    preview = client.get(url + "?pending")
    assert MARKER in preview.content.decode()
    assert "Preview of pending changes" in preview.content.decode()
    assert "no-cache" in preview["Cache-Control"] or "private" in preview["Cache-Control"]
    assert MARKER not in client.get(url).content.decode()  # without ?pending: the live page

    reader = client.__class__()
    assert MARKER not in page_text(reader, url + "?pending")


def test_publishing_with_a_note_creates_a_correction_and_the_history_shows_both(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, standfirst="The minister resigned on Monday.")
    client.post(pending_url(live_story, "publish"), {"correction_note": "An earlier version gave the wrong day."})

    correction = Correction.objects.get(article=live_story)
    assert correction.text == "An earlier version gave the wrong day." and correction.created_by == editor
    live_story.refresh_from_db()
    assert live_story.standfirst == "The minister resigned on Monday."
    assert "An earlier version gave the wrong day." in page_text(client.__class__(), live_story.get_absolute_url())

    stage(client, live_story, title=f"Second change {MARKER}")
    history = client.get(reverse("admin:articles_article_history", args=[live_story.pk])).content.decode()
    assert "Pending versions" in history
    assert "Published" in history and "An earlier version gave the wrong day." in history
    assert f"Second change {MARKER}" in history and "Pending: readers do not see it" in history
    assert "Published pending changes with a correction" in history  # the saved version: what went live when
    assert "As it was live before the pending changes were published" in history  # the factory's story had none


def test_a_writer_can_propose_changes_to_their_live_story_but_not_publish_them(client, writer, editor):
    story = ArticleFactory(created_by=writer, title="Their live story")
    client.force_login(writer)
    form_page = client.get(change_url(story)).content.decode()
    assert "Propose changes" in form_page and 'name="_save"' not in form_page
    first_button = re.search(r'<(?:input|button)[^>]*type="submit"[^>]*>', form_page[form_page.index('id="article_form"'):])
    assert 'name="_save_pending"' in first_button.group(0)

    assert stage(client, story, title=f"Their live story {MARKER}").status_code == 302
    pending = PendingChange.objects.open().get(article=story)
    assert pending.proposed_by == writer

    assert client.post(pending_url(story, "publish")).status_code == 403
    assert client.post(change_url(story), article_form_data(story, title="Straight to readers")).status_code == 403
    story.refresh_from_db()
    assert story.title == "Their live story"

    client.force_login(editor)
    client.post(pending_url(story, "publish"))
    story.refresh_from_db()
    assert story.title == f"Their live story {MARKER}"


def test_a_writer_cannot_stage_changes_to_someone_elses_live_story(client, writer, live_story):
    client.force_login(writer)
    data = article_form_data(live_story, title=MARKER, _save_pending="Propose changes")
    assert client.post(change_url(live_story), data).status_code == 403
    assert not PendingChange.objects.exists()
    with pytest.raises(services.PermissionDenied):
        services.pending_save(article=live_story, by=writer, fields={"title": MARKER})


def test_pending_changes_scheduled_for_a_time_are_published_then_by_the_worker(client, editor, live_story, run_worker):
    client.force_login(editor)
    stage(client, live_story, title=f"Scheduled change {MARKER}")
    at = timezone.localtime(timezone.now() + datetime.timedelta(hours=2)).replace(second=0, microsecond=0)
    response = client.post(pending_url(live_story, "schedule"), {
        "pending_publish_at": at.strftime("%Y-%m-%dT%H:%M"), "correction_note": "The headline was wrong."})
    assert response.status_code == 302
    assert PendingChange.objects.open().get().publish_at == at

    run_worker()  # not due yet
    live_story.refresh_from_db()
    assert live_story.title == "Minister resigns"
    assert MARKER not in page_text(client.__class__(), live_story.get_absolute_url())

    with time_machine.travel(at + datetime.timedelta(minutes=1), tick=False):
        run_worker()
    live_story.refresh_from_db()
    assert live_story.title == f"Scheduled change {MARKER}"
    assert Correction.objects.get(article=live_story).text == "The headline was wrong."
    assert not PendingChange.objects.open().exists()


def test_publishing_changes_started_from_an_older_live_version_warns_first(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, title=f"My change {MARKER}")
    # Meanwhile a colleague fixes the live headline directly.
    live_story.refresh_from_db()
    live_story.title = "Minister resigns, say officials"
    services._save(live_story, editor, "Fixed")

    page = client.get(change_url(live_story)).content.decode()
    assert "The live story was changed after these pending changes were started" in page

    response = client.post(pending_url(live_story, "publish"), follow=True)
    assert "would undo that" in response.content.decode()
    live_story.refresh_from_db()
    assert live_story.title == "Minister resigns, say officials"
    assert PendingChange.objects.open().exists()

    client.post(pending_url(live_story, "publish"), {"over_conflict": "1"})
    live_story.refresh_from_db()
    assert live_story.title == f"My change {MARKER}"


def test_a_second_pending_save_keeps_what_the_version_was_started_from(editor, live_story):
    services.pending_save(article=live_story, by=editor, fields={"title": "First try"})
    live_story.title = "Changed live"
    services._save(live_story, editor, "Fixed")
    pending = services.pending_save(article=live_story, by=editor, fields={"title": "Second try"})
    pending.article.refresh_from_db()
    assert pending.conflicts() == ["title"]
    assert PendingChange.objects.open().count() == 1


def test_an_editors_plain_save_of_the_pending_text_settles_the_pending_version(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, title=f"Pending {MARKER}")
    form = client.get(change_url(live_story)).context["adminform"].form
    data = article_form_data(live_story, title=form["title"].value(), loaded_version=form["loaded_version"].value(),
                             loaded_pending=form["loaded_pending"].value())
    assert client.post(change_url(live_story), data).status_code == 302
    live_story.refresh_from_db()
    assert live_story.title == f"Pending {MARKER}"
    assert not PendingChange.objects.open().exists()


def test_discarding_leaves_the_live_story_as_it_was(client, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, title=f"Never mind {MARKER}")
    client.post(pending_url(live_story, "discard"))
    assert not PendingChange.objects.exists()
    assert Article.objects.get(pk=live_story.pk).title == "Minister resigns"


def test_the_editors_desk_lists_pending_changes_to_live_stories(client, writer, editor):
    story = ArticleFactory(created_by=writer, title="Their live story")
    client.force_login(writer)
    stage(client, story, title=f"Their live story {MARKER}")

    client.force_login(editor)
    page = client.get(reverse("admin:index")).content.decode()
    assert "Pending changes to live stories" in page
    assert f'{change_url(story)}#pending-changes' in page and "by writer" in page


def test_the_page_restoring_an_old_version_shows_that_version_not_the_pending_one(client, editor, live_story):
    from reversion.models import Version

    services._save(live_story, editor, "First saved version")
    live_story.title = "Minister resigns, officials say"
    services._save(live_story, editor, "Second")
    services.pending_save(article=live_story, by=editor, fields={"title": f"Pending {MARKER}"})
    first = Version.objects.get_for_object(live_story).order_by("pk").first()
    client.force_login(editor)

    response = client.get(reverse("admin:articles_article_revision", args=[live_story.pk, first.pk]))
    assert response.context["adminform"].form["title"].value() == "Minister resigns"
    assert 'name="_save_pending"' not in response.content.decode()


def test_another_writer_cannot_preview_pending_text_of_a_live_story_they_may_read(client, writer, editor, live_story):
    client.force_login(editor)
    stage(client, live_story, body=f"<p>Correction not yet public {MARKER}.</p>")
    client.force_login(writer)  # a writer: may read the live story, may not open it in the admin
    page = client.get(live_story.get_absolute_url() + "?pending").content.decode()
    assert MARKER not in page and "Preview of pending changes" not in page


def test_new_words_after_scheduling_wait_for_an_editor_to_schedule_them_again(editor):
    writer_user = UserFactory(username="w2", role="Writers")
    story = ArticleFactory(created_by=writer_user, title="A live story")
    pending = services.pending_save(article=story, by=writer_user, fields={"title": "Reviewed headline"})
    services.pending_schedule(pending=pending, by=editor, at=timezone.now() + datetime.timedelta(hours=1))

    services.pending_save(article=story, by=writer_user, fields={"title": f"Unreviewed headline {MARKER}"})
    pending.refresh_from_db()
    assert pending.publish_at is None and pending.scheduled_by is None
    assert "schedule it again" in pending.held_reason
    with time_machine.travel(timezone.now() + datetime.timedelta(hours=2)):
        assert services.publish_due_pending_changes() == 0
    story.refresh_from_db()
    assert story.title == "A live story"

    # The same words saved again by an editor keep their schedule.
    services.pending_schedule(pending=pending, by=editor, at=timezone.now() + datetime.timedelta(hours=1))
    services.pending_save(article=story, by=editor, fields={"title": f"Unreviewed headline {MARKER}"})
    pending.refresh_from_db()
    assert pending.publish_at is not None
