"""Publish now, Schedule, Unpublish and Return to writer: buttons on the front page and the article form,
all through articles/services.py, each saying what happened."""

import datetime

import pytest
import time_machine
from django.contrib.messages import get_messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from articles import services
from articles.models import Article, Status
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, SectionFactory

NOW = datetime.datetime(2026, 12, 3, 15, 0, tzinfo=datetime.UTC)  # 16:00 in Oslo, 19:30 in Kabul


def desk_action(article, action):
    return reverse("admin:articles_article_desk_action", args=[article.pk, action])


def messages_of(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def review(db, writer):
    return ArticleFactory(title="Girls' schools reopen", section=SectionFactory(slug="news"), in_review=True, created_by=writer)


def test_an_editor_publishes_from_the_front_page_and_is_told_where_it_is_live(client, editor, review):
    client.force_login(editor)
    response = client.post(desk_action(review, "publish"), {"next": reverse("admin:index")})
    assert response.status_code == 302 and response.url == reverse("admin:index")
    review.refresh_from_db()
    assert review.is_published and review.updated_by == editor
    [message] = messages_of(response)
    assert message.startswith("Published “<bdi>Girls&#x27; schools reopen</bdi>”.")
    assert f'<a href="{review.get_absolute_url()}">' in message


def test_a_pashto_story_is_linked_in_the_pashto_edition(client, editor, writer):
    article = ArticleFactory(language="ps", in_review=True, created_by=writer)
    client.force_login(editor)
    [message] = messages_of(client.post(desk_action(article, "publish")))
    assert 'href="/ps/' in message


def test_an_editor_schedules_in_oslo_time_and_sees_kabul_time(client, editor, review):
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = client.post(desk_action(review, "schedule"), {"schedule_at": "2026-12-04T09:00"})
        review.refresh_from_db()
        assert review.is_scheduled
    assert review.published_at == datetime.datetime(2026, 12, 4, 8, 0, tzinfo=datetime.UTC)
    [message] = messages_of(response)
    assert "for 04 Dec 2026 09:00 Oslo · 12:30 Kabul" in message


def test_scheduling_in_the_past_is_refused_with_a_reason(client, editor, review):
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        response = client.post(desk_action(review, "schedule"), {"schedule_at": "2026-12-01T09:00"})
    review.refresh_from_db()
    assert review.status == Status.REVIEW
    assert "Pick a time still to come" in messages_of(response)[0]


def test_publish_now_brings_a_scheduled_story_forward(client, editor):
    scheduled = ArticleFactory(published_at=NOW + datetime.timedelta(days=2))
    client.force_login(editor)
    with time_machine.travel(NOW, tick=False):
        client.post(desk_action(scheduled, "publish"))
        scheduled.refresh_from_db()
        assert scheduled.is_published and scheduled.published_at == NOW


def test_an_editor_returns_a_story_with_a_note_the_writer_then_sees(client, editor, writer, review):
    client.force_login(editor)
    response = client.post(desk_action(review, "return"), {"note": "Name the source, please."})
    review.refresh_from_db()
    assert review.status == Status.DRAFT
    assert "Returned “<bdi>Girls&#x27; schools reopen</bdi>” to its writer" in messages_of(response)[0]
    client.force_login(writer)
    form = client.get(reverse("admin:articles_article_change", args=[review.pk])).content.decode()
    assert "Name the source, please." in form
    assert "Name the source, please." in client.get(reverse("admin:index")).content.decode()


def test_returning_without_a_note_is_refused(client, editor, review):
    client.force_login(editor)
    response = client.post(desk_action(review, "return"), {"note": "  "})
    review.refresh_from_db()
    assert review.status == Status.REVIEW
    assert "Write the writer a note" in messages_of(response)[0]


def test_an_editor_unpublishes(client, editor, published_article):
    client.force_login(editor)
    response = client.post(desk_action(published_article, "unpublish"))
    published_article.refresh_from_db()
    assert published_article.status == Status.DRAFT
    assert "readers no longer see it" in messages_of(response)[0]


@pytest.mark.parametrize("action", ["publish", "schedule", "unpublish", "return"])
def test_a_writer_cannot_forge_a_publishing_action(client, writer, review, action):
    client.force_login(writer)
    response = client.post(desk_action(review, action), {"schedule_at": "2099-01-01T09:00", "note": "x"})
    assert response.status_code == 403
    review.refresh_from_db()
    assert review.status == Status.REVIEW and review.published_at is None


def test_publishing_actions_refuse_get(client, editor, review):
    client.force_login(editor)
    assert client.get(desk_action(review, "publish")).status_code == 405
    review.refresh_from_db()
    assert review.status == Status.REVIEW


def test_the_next_address_must_be_on_this_site(client, editor, review):
    client.force_login(editor)
    response = client.post(desk_action(review, "publish"), {"next": "https://evil.example/"})
    assert response.url == reverse("admin:articles_article_change", args=[review.pk])


def test_the_article_form_saves_the_text_then_publishes(client, editor, review):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[review.pk])
    form = client.get(url).content.decode()
    assert 'name="status"' not in form, "the state is not a select any more"
    assert 'value="publish"' in form and 'value="return"' in form and 'name="schedule_at"' in form
    response = client.post(url, article_form_data(review, title="Girls' schools reopen in Herat", _desk_action="publish"))
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.title == "Girls' schools reopen in Herat" and review.is_published
    [message] = messages_of(response)
    assert message.startswith("Published") and "was changed successfully" not in message


def test_the_article_form_schedules_and_unpublishes(client, editor, review):
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[review.pk])
    with time_machine.travel(NOW, tick=False):
        client.post(url, article_form_data(review, _desk_action="schedule", schedule_at="2026-12-05T07:15"))
        review.refresh_from_db()
        assert review.is_scheduled
        assert 'value="unpublish"' in client.get(url).content.decode()
        client.post(url, article_form_data(review, _desk_action="unpublish"))
        review.refresh_from_db()
    assert review.status == Status.DRAFT


def test_a_writer_forging_a_desk_action_in_the_form_cannot_publish(client, writer, section=None):
    draft = ArticleFactory(draft=True, created_by=writer)
    client.force_login(writer)
    url = reverse("admin:articles_article_change", args=[draft.pk])
    response = client.post(url, article_form_data(draft, _desk_action="publish", status="published"))
    assert response.status_code == 403
    assert not Article.objects.published().filter(pk=draft.pk).exists()


def test_the_return_note_stays_in_the_history(editor, review):
    services.article_return_to_writer(article=review, by=editor, note="Shorter, please.")
    note = services.return_notes([review])[review.pk]
    assert note.text == "Shorter, please." and note.by == editor.get_username()


def test_the_return_note_joins_the_storys_internal_notes(editor, review):
    services.article_return_to_writer(article=review, by=editor, note="Shorter, please.")
    assert [(note.author, note.text) for note in review.notes.all()] == [(editor, "Returned to writer: Shorter, please.")]


def test_a_refused_return_leaves_no_note(editor, writer, review):
    with pytest.raises(PermissionDenied):
        services.article_return_to_writer(article=review, by=writer, note="Shorter, please.")
    with pytest.raises(ValidationError):
        services.article_return_to_writer(article=review, by=editor, note=" ")
    assert not review.notes.exists()
