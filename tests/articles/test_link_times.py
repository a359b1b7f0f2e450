"""Tag and byline rows keep a copy of their article's publication time (articles.models.keep_link_times):
tag and author pages read their order from it. The copy follows every way a story's time changes,
and it only ever orders: what readers see is still ``published()``."""

import datetime

import pytest
from django.core import serializers
from django.urls import reverse
from django.utils import timezone

from articles.models import ArticleAuthor, ArticleTag, Status
from articles.services import article_publish, article_schedule, article_unpublish
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

pytestmark = pytest.mark.django_db


def link_times(article):
    return (
        set(ArticleTag.objects.filter(content_object=article).values_list("published_at", flat=True))
        | set(ArticleAuthor.objects.filter(article=article).values_list("published_at", flat=True))
    )


def listed(client, url):
    return [story.title for story in client.get(url).context_data["object_list"]]


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def test_links_made_one_by_one_copy_the_time_of_their_article():
    article = ArticleFactory(tags=["Herat", "Floods"], authors=[AuthorFactory(), AuthorFactory()])
    assert link_times(article) == {article.published_at}


def test_a_new_time_reaches_the_links_when_the_story_is_published_scheduled_or_redated():
    editor = UserFactory(role="Editors")
    article = ArticleFactory(draft=True, tags=["Herat"], authors=[AuthorFactory()])
    assert link_times(article) == {None}

    article_publish(article=article, by=editor)
    assert link_times(article) == {article.published_at} != {None}

    article_schedule(article=article, by=editor, at=timezone.now() + datetime.timedelta(days=2))
    assert link_times(article) == {article.published_at}

    article.refresh_from_db()
    article.published_at = ago(days=30)
    article.save()
    assert link_times(article) == {article.published_at}


def test_a_link_written_without_the_time_is_put_right_by_the_story_s_next_save():
    # As the previous release writes links while servers are replaced one by one.
    article = ArticleFactory(tags=["Herat"], authors=[AuthorFactory()])
    ArticleTag.objects.filter(content_object=article).update(published_at=None)
    ArticleAuthor.objects.filter(article=article).update(published_at=None)
    article.refresh_from_db()
    article.title = "A better headline"
    article.save()
    assert link_times(article) == {article.published_at}


def test_a_raw_save_such_as_a_restored_version_copies_the_time_too():
    article = ArticleFactory(tags=["Herat"], authors=[AuthorFactory()])
    article.published_at = ago(days=400)
    [restored] = serializers.deserialize("json", serializers.serialize("json", [article]))
    restored.save()  # save_base(raw=True), as loaddata and django-reversion's revert do
    assert restored.object.published_at < ago(days=399)
    assert link_times(article) == {restored.object.published_at}


def test_links_restored_from_an_older_version_take_their_article_s_time():
    article = ArticleFactory(tags=["Herat"], authors=[AuthorFactory()])
    links = [ArticleAuthor.objects.get(article=article), ArticleTag.objects.get(content_object=article)]
    for link in links:
        link.published_at = None  # as in a version saved before links held the time
    for restored in serializers.deserialize("json", serializers.serialize("json", links)):
        restored.save()
    assert link_times(article) == {article.published_at}


def test_tag_and_author_pages_follow_a_redated_story(client):
    reporter = AuthorFactory(slug="nadia")
    older = ArticleFactory(title="Older", tags=["Herat"], authors=[reporter], published_at=ago(days=3))
    ArticleFactory(title="Newer", tags=["Herat"], authors=[reporter], published_at=ago(days=1))
    tag_url, author_url = reverse("articles:tag", args=["herat"]), reverse("articles:author", args=["nadia"])
    assert listed(client, tag_url) == listed(client, author_url) == ["Newer", "Older"]

    older.refresh_from_db()
    older.published_at = ago(hours=1)
    older.save()
    assert listed(client, tag_url) == listed(client, author_url) == ["Older", "Newer"]


def test_ties_in_time_go_newest_id_first_as_on_every_other_list(client):
    reporter = AuthorFactory(slug="nadia")
    same_time = ago(hours=2)
    first = ArticleFactory(title="First", tags=["Herat"], authors=[reporter], published_at=same_time)
    second = ArticleFactory(title="Second", tags=["Herat"], authors=[reporter], published_at=same_time)
    assert second.pk > first.pk
    assert listed(client, reverse("articles:tag", args=["herat"])) == ["Second", "First"]
    assert listed(client, reverse("articles:author", args=["nadia"])) == ["Second", "First"]


def test_a_stale_copy_can_misplace_a_story_but_never_show_an_unpublished_one(client):
    reporter = AuthorFactory(slug="nadia")
    editor = UserFactory(role="Editors")
    ArticleFactory(title="Live", tags=["Herat"], authors=[reporter])
    pulled = ArticleFactory(title="Pulled", tags=["Herat"], authors=[reporter])
    article_unpublish(article=pulled, by=editor)
    # Whatever the links say, the article's own state decides.
    ArticleTag.objects.filter(content_object=pulled).update(published_at=timezone.now())
    ArticleAuthor.objects.filter(article=pulled).update(published_at=timezone.now())
    assert pulled.status != Status.PUBLISHED
    assert listed(client, reverse("articles:tag", args=["herat"])) == ["Live"]
    assert listed(client, reverse("articles:author", args=["nadia"])) == ["Live"]


def test_a_tag_page_pages_through_every_story_once_in_order(client):
    for day in range(30):
        ArticleFactory(title=f"Day {day:02}", tags=["Herat"], published_at=ago(days=day, hours=1))
    url = reverse("articles:tag", args=["herat"])
    pages = listed(client, url) + listed(client, url + "?page=2") + listed(client, url + "?page=3")
    assert pages == [f"Day {day:02}" for day in range(30)]
