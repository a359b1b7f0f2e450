"""Tags stay clean: Enter picks the existing tag, and only editors create new ones (enforced here, on the server)."""

import pytest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, SectionFactory

ADD_URL = reverse("admin:articles_article_add")


@pytest.fixture
def section(db):
    return SectionFactory(slug="news")


@pytest.fixture
def afghanistan(db):
    ArticleFactory(tags=["Afghanistan", "Kabul"])
    return Tag.objects.get(name="Afghanistan")


def test_a_writers_forged_new_tag_is_a_form_error_and_no_tag_is_made(client, writer, section, afghanistan):
    client.force_login(writer)
    response = client.post(ADD_URL, article_form_data(section=section.pk, title="Tagged", tags=["Afgh"]))
    assert response.status_code == 200
    assert "There is no tag “Afgh”" in response.context["adminform"].form.errors["tags"][0]
    assert not Tag.objects.filter(name__iexact="afgh").exists()
    assert not Article.objects.filter(title="Tagged").exists()


def test_a_writer_picks_existing_tags_whatever_the_case(client, writer, section, afghanistan):
    client.force_login(writer)
    response = client.post(ADD_URL, article_form_data(section=section.pk, title="Tagged", tags=["afghanistan", "Kabul"]))
    assert response.status_code == 302
    assert sorted(Article.objects.get(title="Tagged").tags.names()) == ["Afghanistan", "Kabul"]
    assert Tag.objects.count() == 2


def test_an_editor_creates_a_new_tag(client, editor, section, afghanistan):
    client.force_login(editor)
    response = client.post(ADD_URL, article_form_data(section=section.pk, title="Tagged", tags=["Afghanistan", "Helmand"]))
    assert response.status_code == 302
    assert sorted(Article.objects.get(title="Tagged").tags.names()) == ["Afghanistan", "Helmand"]


def test_only_the_editors_tag_box_offers_to_create_tags(client, writer, editor):
    client.force_login(writer)
    assert 'data-can-create="false"' in client.get(ADD_URL).content.decode()
    client.force_login(editor)
    assert 'data-can-create="true"' in client.get(ADD_URL).content.decode()


def test_tag_suggestions_put_names_starting_with_the_term_first(client, writer):
    ArticleFactory(tags=["Bafghi Street", "Afghanistan", "Afghan refugees"])
    client.force_login(writer)
    response = client.get(reverse("admin:articles_tag_names"), {"term": "Afgh"})
    assert [r["text"] for r in response.json()["results"]] == ["Afghan refugees", "Afghanistan", "Bafghi Street"]
