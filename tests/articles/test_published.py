import datetime

import pytest
import time_machine
from django.utils import timezone

from articles.models import Article, Status
from tests.factories import ArticleFactory

NOW = datetime.datetime(2026, 3, 1, 12, 0, tzinfo=datetime.UTC)
TIMES = {
    "past": NOW - datetime.timedelta(days=1),
    "exactly now": NOW,
    "future": NOW + datetime.timedelta(minutes=1),
}


@pytest.mark.django_db
@pytest.mark.parametrize("status", [s for s, _ in Status.choices])
@pytest.mark.parametrize("when", ["past", "exactly now", "future", "unset"])
def test_is_published_agrees_with_the_published_queryset(status, when):
    with time_machine.travel(NOW, tick=False):
        published_at = TIMES.get(when)
        if status == Status.PUBLISHED and published_at is None:
            pytest.skip("a published article always has a time (database constraint)")
        article = ArticleFactory(status=status, published_at=published_at)
        in_queryset = Article.objects.published().filter(pk=article.pk).exists()
        assert article.is_published is in_queryset
        expected = status == Status.PUBLISHED and when in {"past", "exactly now"}
        assert in_queryset is expected


@pytest.mark.django_db
def test_a_scheduled_article_goes_live_when_its_time_comes_without_any_job():
    with time_machine.travel(NOW, tick=False) as traveller:
        article = ArticleFactory(status=Status.PUBLISHED, published_at=NOW + datetime.timedelta(hours=2))
        assert not Article.objects.published().filter(pk=article.pk).exists()
        assert Article.objects.scheduled().filter(pk=article.pk).exists()
        assert article.state_label == "Scheduled"
        traveller.shift(datetime.timedelta(hours=2))
        assert Article.objects.published().filter(pk=article.pk).exists()
        article.refresh_from_db()
        assert article.state_label == "Live"


@pytest.mark.django_db
def test_publishing_without_a_time_stamps_now_and_remembers_the_first_publication():
    article = ArticleFactory(draft=True)
    article.publish()
    article.save()
    first = article.first_published_at
    assert article.published_at is not None and first == article.published_at
    article.unpublish()
    article.save()
    article.publish(at=timezone.now() + datetime.timedelta(days=1))
    article.save()
    assert article.first_published_at == first


@pytest.mark.django_db
def test_the_database_refuses_a_published_article_without_a_time():
    from django.db import IntegrityError, transaction

    article = ArticleFactory(draft=True)
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, published_at=None)


@pytest.mark.django_db
def test_slugs_are_generated_from_the_headline_and_kept_unique():
    first = ArticleFactory(title="Talks in Doha")
    second = ArticleFactory(title="Talks in Doha")
    pashto = ArticleFactory(title="د کابل خبرونه")
    assert first.slug == "talks-in-doha"
    assert second.slug == "talks-in-doha-2"
    assert pashto.slug == "د-کابل-خبرونه"


@pytest.mark.django_db
def test_the_same_import_hash_cannot_be_stored_twice():
    from django.db import IntegrityError, transaction

    ArticleFactory(source_hash="a" * 64)
    ArticleFactory(source_hash="")
    ArticleFactory(source_hash="")  # no hash is not a duplicate
    with pytest.raises(IntegrityError), transaction.atomic():
        ArticleFactory(source_hash="a" * 64)
