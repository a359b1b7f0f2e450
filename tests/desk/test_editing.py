"""Soft locks: the second editor to open a story is told who else has it open, and since when."""

import datetime

import time_machine
from django.urls import reverse

from desk.models import EditingSession
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, UserFactory

NOW = datetime.datetime(2026, 12, 3, 13, 2, tzinfo=datetime.UTC)  # 14:02 in Oslo


def heartbeat_url(article):
    return reverse("desk:editing_heartbeat", args=[article.pk])


def release_url(article):
    return reverse("desk:editing_release", args=[article.pk])


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
    for minutes in (1, 2, 3, 4):  # Farid's open tab keeps saying so (desk/static/desk/editing.js)
        with time_machine.travel(NOW + datetime.timedelta(minutes=minutes), tick=False):
            assert client.post(heartbeat_url(article)).status_code == 200
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


def test_a_closed_tab_frees_the_story_at_once(client, editor):
    farid = UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    client.force_login(farid)
    client.get(url)
    assert client.post(release_url(article)).status_code == 204  # the page's goodbye (sendBeacon)
    client.force_login(editor)
    assert warnings_on_opening(client, url) == []


def test_without_a_heartbeat_the_lock_lapses_within_two_minutes(client, editor):
    farid = UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True)
    url = reverse("admin:articles_article_change", args=[article.pk])
    with time_machine.travel(NOW, tick=False):
        client.force_login(farid)
        client.get(url)  # then the browser crashed: no heartbeat, no goodbye
    with time_machine.travel(NOW + datetime.timedelta(minutes=1), tick=False):
        client.force_login(editor)
        assert len(warnings_on_opening(client, url)) == 1
    with time_machine.travel(NOW + datetime.timedelta(minutes=3), tick=False):
        client.force_login(editor)
        assert warnings_on_opening(client, url) == []


def test_the_heartbeat_tells_who_else_opened_the_story_since(client, editor):
    farid = UserFactory(username="farid", first_name="Farid", role="Editors")
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    assert client.post(heartbeat_url(article)).json() == {"editing": ""}
    client.force_login(farid)
    client.get(reverse("admin:articles_article_change", args=[article.pk]))
    client.force_login(editor)
    assert "Farid is also editing this article" in client.post(heartbeat_url(article)).json()["editing"]


def test_the_form_carries_the_heartbeat_script_with_its_addresses(client, editor):
    article = ArticleFactory(in_review=True)
    client.force_login(editor)
    page = client.get(reverse("admin:articles_article_change", args=[article.pk])).content.decode()
    assert "desk/editing.js" in page
    assert f'data-heartbeat-url="{heartbeat_url(article)}"' in page and f'data-release-url="{release_url(article)}"' in page


def test_only_those_who_may_edit_the_story_hold_or_free_a_session(client, writer, editor):
    others = ArticleFactory(draft=True, created_by=editor)
    live = ArticleFactory(created_by=writer)
    client.force_login(editor)
    client.post(heartbeat_url(others))
    client.force_login(writer)
    assert client.post(heartbeat_url(others)).status_code in (403, 404)
    assert client.post(release_url(others)).status_code in (403, 404)
    assert client.get(heartbeat_url(live)).status_code == 405
    assert EditingSession.objects.filter(article=others, user=editor).exists()
    assert not EditingSession.objects.filter(user=writer).exists()
    # Their own live story they may propose changes to (staged edits): that holds a session too.
    assert client.post(heartbeat_url(live)).status_code == 200
    assert client.post(release_url(live)).status_code == 204
    client.logout()
    assert client.post(heartbeat_url(others)).status_code == 302  # to the admin's sign-in
