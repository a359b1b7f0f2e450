"""Two editors open the same story: the second save does not silently overwrite the first."""

from django.urls import reverse

from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, UserFactory


def test_the_second_save_is_stopped_once_and_then_overwrites_knowingly(client, editor):
    farid = UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True, title="Original")
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor)
    opened = client.get(url).context["adminform"].form["loaded_version"].value()
    assert opened

    client.force_login(farid)
    farids = client.get(url).context["adminform"].form["loaded_version"].value()
    assert client.post(url, article_form_data(article, title="Farid's headline", loaded_version=farids)).status_code == 302

    client.force_login(editor)
    response = client.post(url, article_form_data(article, title="My headline", loaded_version=opened))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Farid saved this article at" in page and "after you opened it" in page
    article.refresh_from_db()
    assert article.title == "Farid's headline"
    assert 'value="My headline"' in page, "the second editor's text is still in the form"

    newer = response.context["adminform"].form["loaded_version"].value()
    assert newer != opened
    assert client.post(url, article_form_data(article, title="My headline", loaded_version=newer)).status_code == 302
    article.refresh_from_db()
    assert article.title == "My headline"


def test_an_unchanged_article_saves_normally(client, editor):
    article = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(editor)
    loaded = client.get(url).context["adminform"].form["loaded_version"].value()
    assert client.post(url, article_form_data(article, title="Edited", loaded_version=loaded)).status_code == 302
