"""Autosave keeps an unpublished story's words in its revision history, never a live story's, never over a newer save."""

from django.urls import reverse
from reversion.models import Version

from articles.models import Status
from tests.factories import ArticleFactory


def autosave(client, article, **data):
    loaded = data.pop("loaded_version", article.updated_at.isoformat())
    return client.post(reverse("admin:articles_article_autosave", args=[article.pk]),
                       {"title": article.title, "standfirst": "", "body": "", "loaded_version": loaded, **data})


def test_a_writers_draft_is_autosaved_into_its_history(client, writer):
    draft = ArticleFactory(draft=True, created_by=writer, title="Working title")
    client.force_login(writer)
    answer = autosave(client, draft, body="<p>Half a sentence</p>").json()
    assert answer["saved"] and answer["reason"].startswith("Autosaved ")
    draft.refresh_from_db()
    assert draft.body == "<p>Half a sentence</p>" and draft.status == Status.DRAFT
    assert answer["version"] == draft.updated_at.isoformat()
    assert Version.objects.get_for_object(draft).first().revision.comment == "Autosaved"


def test_a_live_story_is_not_autosaved(client, editor, published_article):
    client.force_login(editor)
    answer = autosave(client, published_article, title="Half-typed").json()
    assert not answer["saved"] and "only when you press Save" in answer["reason"]
    published_article.refresh_from_db()
    assert published_article.title != "Half-typed"


def test_autosave_never_overwrites_a_newer_save(client, writer):
    draft = ArticleFactory(draft=True, created_by=writer, title="Theirs")
    client.force_login(writer)
    answer = autosave(client, draft, title="Mine", loaded_version="2020-01-01T00:00:00+00:00").json()
    assert not answer["saved"] and "press Save to compare" in answer["reason"]
    draft.refresh_from_db()
    assert draft.title == "Theirs"


def test_nobody_autosaves_someone_elses_draft(client, writer, editor):
    others = ArticleFactory(draft=True, created_by=editor, title="Editor's draft")
    client.force_login(writer)
    assert autosave(client, others, title="Defaced").status_code == 403
    others.refresh_from_db()
    assert others.title == "Editor's draft"


def test_only_unpublished_forms_offer_autosave(client, editor, published_article):
    draft = ArticleFactory(in_review=True)
    client.force_login(editor)
    assert "data-autosave-url" in client.get(reverse("admin:articles_article_change", args=[draft.pk])).content.decode()
    live_form = client.get(reverse("admin:articles_article_change", args=[published_article.pk])).content.decode()
    assert "data-autosave-url" not in live_form
