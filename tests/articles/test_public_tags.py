import pytest
from django.urls import reverse
from django.utils import translation

from tests.factories import ArticleFactory


def tag_page(slug, language="en"):
    with translation.override(language):
        return reverse("articles:tag", kwargs={"slug": slug})


@pytest.mark.django_db
@pytest.mark.parametrize("state", ["draft", "in_review", "scheduled", "archived"])
def test_a_tag_only_an_unpublished_story_uses_does_not_exist_for_readers(client, state):
    ArticleFactory(tags=["Secret talks"], **{state: True})
    assert client.get(tag_page("secret-talks")).status_code == 404


@pytest.mark.django_db
def test_a_tag_of_a_live_story_in_another_edition_shows_an_empty_listing(client):
    ArticleFactory(tags=["Herat"], language="fa-af")
    assert client.get(tag_page("herat", "fa-af")).status_code == 200
    response = client.get(tag_page("herat", "en"))
    assert response.status_code == 200
    assert list(response.context_data["object_list"]) == []
