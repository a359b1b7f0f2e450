"""Editors link an author profile to a staff account; a writer's new article then carries their byline."""

import pytest
from django.urls import reverse

from articles.models import Article, Author
from tests.articles.admin_forms import article_form_data
from tests.factories import AuthorFactory, SectionFactory, UserFactory

SEARCH = reverse("admin:articles_author_staff_accounts")
FIELD = {"app_label": "articles", "model_name": "author", "field_name": "user"}


@pytest.fixture
def wanda(db):
    return UserFactory(username="wanda", first_name="Wanda", last_name="Rahimi", role="Writers")


def test_an_editor_finds_staff_accounts_for_an_author(client, editor, wanda):
    UserFactory(username="wandering-reader", is_staff=False)
    client.force_login(editor)
    response = client.get(SEARCH, {**FIELD, "term": "wan"})
    assert response.status_code == 200
    assert response.json()["results"] == [{"id": str(wanda.pk), "text": "Wanda Rahimi (wanda)"}]


def test_editors_still_cannot_browse_accounts(client, editor, wanda):
    client.force_login(editor)
    assert client.get(reverse("admin:autocomplete"), {"app_label": "articles", "model_name": "author",
                                                       "field_name": "user", "term": "wan"}).status_code == 403
    assert client.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_a_writer_cannot_search_staff_accounts(client, writer):
    client.force_login(writer)
    assert client.get(SEARCH, {**FIELD, "term": "a"}).status_code == 403


def test_an_editor_links_an_author_and_the_writers_next_article_has_the_byline(client, editor, wanda):
    author = AuthorFactory(name="Wanda Rahimi", slug="wanda-rahimi")
    client.force_login(editor)
    form = client.get(reverse("admin:articles_author_change", args=[author.pk])).content.decode()
    assert SEARCH in form, "the user box asks the editors' own search"
    response = client.post(reverse("admin:articles_author_change", args=[author.pk]),
                           {"name": author.name, "slug": author.slug, "bio": "", "user": wanda.pk})
    assert response.status_code == 302, response.content.decode()[:2000]
    author.refresh_from_db()
    assert author.user == wanda

    client.force_login(wanda)
    section = SectionFactory(slug="news")
    client.post(reverse("admin:articles_article_add"), article_form_data(section=section.pk, title="Wanda's story"))
    assert Article.objects.get(title="Wanda's story").ordered_authors == [author]


def test_an_author_cannot_be_linked_to_a_reader_account(client, editor):
    reader = UserFactory(username="reader", is_staff=False)
    author = AuthorFactory()
    client.force_login(editor)
    response = client.post(reverse("admin:articles_author_change", args=[author.pk]),
                           {"name": author.name, "slug": author.slug, "bio": "", "user": reader.pk})
    assert response.status_code == 200 and "user" in response.context["adminform"].form.errors
    assert Author.objects.get(pk=author.pk).user is None
