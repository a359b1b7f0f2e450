"""Soft locks: the second editor to open a story is told who else has it open, and since when."""

import datetime

import time_machine
from django.urls import reverse

from desk.models import EditingSession
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, UserFactory

NOW = datetime.datetime(2026, 12, 3, 13, 2, tzinfo=datetime.UTC)  # 14:02 in Oslo


def warnings_on_opening(client, url):
    page = client.get(url).content.decode()
    return [line.strip() for line in page.splitlines() if "also editing this article" in line]


def test_the_second_editor_sees_who_is_editing_since_when(client, editor):
    UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    with time_machine.travel(NOW, tick=False):
        client.login(username="farid", password="correct horse battery")
        assert warnings_on_opening(client, url) == []
    with time_machine.travel(NOW + datetime.timedelta(minutes=5), tick=False):
        client.force_login(editor)
        [warning] = warnings_on_opening(client, url)
    assert "Farid is also editing this article (since 03 Dec 2026 14:02 Oslo" in warning


def test_saving_or_leaving_for_long_ends_the_session(client, editor):
    farid = UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    with time_machine.travel(NOW, tick=False):
        client.force_login(farid)
        client.get(url)
        client.post(url, article_form_data(article))
    assert not EditingSession.objects.filter(user=farid).exists()
    with time_machine.travel(NOW, tick=False):
        client.get(url)
    with time_machine.travel(NOW + datetime.timedelta(hours=1), tick=False):
        client.force_login(editor)
        assert warnings_on_opening(client, url) == []


def test_reading_without_the_right_to_change_is_not_editing(client, writer, editor):
    article = ArticleFactory()  # live: a writer may only read it
    client.force_login(writer)
    client.get(reverse("admin:articles_article_change", args=[article.pk]))
    assert not EditingSession.objects.exists()
