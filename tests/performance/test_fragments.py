"""Kept pieces of pages (story cards, the story, navigation) are never stale.

The page cache is off here, so every request builds its page; what it may reuse
are the pieces in the fragment cache (pagecache/fragments.py), keyed by the
content version. A change through the models must show at once everywhere; a
change that bypasses them (``QuerySet.update``) stays invisible until the version
moves, which proves the pieces really are kept.
"""

import datetime

import pytest
import time_machine
from django.core.cache import caches
from django.utils import timezone

from articles.models import Article, Section, Status
from pagecache.invalidation import bump_content_version
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def pages_are_built(settings):
    settings.PAGECACHE_ENABLED = False
    settings.FRAGMENTS_ENABLED = True


def page(client, url) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.fixture
def story():
    return ArticleFactory(title="Wheat prices rise in Kabul", section=SectionFactory(slug="economy", name="Economy"),
                          tags=["wheat"])


def reader_urls(article):
    return ["/en/", article.section.get_absolute_url(), "/en/tag/wheat/", article.get_absolute_url()]


def test_pieces_are_reused_until_the_content_changes(client, story):
    for url in reader_urls(story):
        page(client, url)
    Article.objects.filter(pk=story.pk).update(title="Changed behind the models' back")

    for url in reader_urls(story):
        assert "Wheat prices rise in Kabul" in page(client, url), url  # kept: no signal, no new version

    bump_content_version()  # what any save on any app server does, through the shared cache
    for url in reader_urls(story):
        html = page(client, url)
        assert "Changed behind the models" in html and "Wheat prices rise" not in html, url


def test_an_edited_headline_shows_at_once_on_every_page(client, story):
    for url in reader_urls(story):
        page(client, url)

    story.title = "Wheat prices fall in Kabul"
    story.save()

    for url in reader_urls(story):
        html = page(client, url)
        assert "Wheat prices fall in Kabul" in html and "Wheat prices rise" not in html, url


def test_a_renamed_section_shows_at_once_in_navigation_cards_and_the_story(client, story):
    other = ArticleFactory(title="Another story", section=SectionFactory(slug="society", name="Society"))
    urls = [*reader_urls(story), other.get_absolute_url()]
    for url in urls:
        page(client, url)

    section = Section.objects.get(pk=story.section_id)
    section.name = "Business"
    section.save()

    for url in urls:
        html = page(client, url)
        assert ">Business<" in html and ">Economy<" not in html, url


def test_an_unpublished_story_leaves_every_list_at_once(client, story):
    ArticleFactory(title="Still live", section=story.section, tags=["wheat"])
    for url in reader_urls(story):
        page(client, url)

    story.status = Status.DRAFT
    story.save()

    for url in reader_urls(story)[:3]:
        html = page(client, url)
        assert "Still live" in html and "Wheat prices rise" not in html, url
    assert client.get(story.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_at_its_time_beside_kept_cards(client, story):
    now = timezone.now()
    ArticleFactory(title="Embargoed budget story", section=story.section, tags=["wheat"], scheduled=True,
                   published_at=now + datetime.timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        for url in reader_urls(story)[:3]:
            assert "Embargoed budget story" not in page(client, url), url
    with time_machine.travel(now + datetime.timedelta(minutes=5, seconds=1), tick=False):
        for url in reader_urls(story)[:3]:
            html = page(client, url)
            assert "Embargoed budget story" in html and "Wheat prices rise in Kabul" in html, url


def test_each_edition_keeps_its_own_navigation(client):
    SectionFactory(slug="health", name="Health", name_ps="روغتیا")
    ArticleFactory(language="en")
    ArticleFactory(language="ps", title="د روغتیا خبر")

    english, pashto = page(client, "/en/"), page(client, "/ps/")

    assert ">Health<" in english and ">روغتیا<" not in english
    assert ">روغتیا<" in pashto and ">Health<" not in pashto


def test_a_preview_is_never_kept(client, editor):
    draft = ArticleFactory(title="Draft headline", draft=True)
    client.force_login(editor)
    assert "Draft headline" in page(client, draft.get_absolute_url())

    Article.objects.filter(pk=draft.pk).update(title="Second draft headline")  # no new version

    assert "Second draft headline" in page(client, draft.get_absolute_url())


def test_nothing_is_kept_while_a_read_replica_may_lag(client, story, settings):
    settings.PAGECACHE_SETTLE_SECONDS = 60
    bump_content_version()  # a change just now: the replica may not have it yet
    page(client, story.get_absolute_url())

    Article.objects.filter(pk=story.pk).update(title="Read from the primary later")

    assert "Read from the primary later" in page(client, story.get_absolute_url())


def test_the_fragment_cache_can_be_switched_off(client, story, settings):
    settings.FRAGMENTS_ENABLED = False
    page(client, "/en/")
    Article.objects.filter(pk=story.pk).update(title="Seen without any new version")

    assert "Seen without any new version" in page(client, "/en/")
    assert not caches["fragments"]._cache


def test_related_stories_are_kept_only_until_the_next_scheduled_story_goes_live(client, story):
    now = timezone.now()
    ArticleFactory(title="Flour mills reopen", tags=["wheat"], published_at=now - datetime.timedelta(days=2))
    ArticleFactory(title="Embargoed wheat report", tags=["wheat"], scheduled=True,
                   published_at=now + datetime.timedelta(minutes=5))
    with time_machine.travel(now, tick=False):
        html = page(client, story.get_absolute_url())
        assert "Flour mills reopen" in html and "Embargoed wheat report" not in html
    with time_machine.travel(now + datetime.timedelta(minutes=5, seconds=1), tick=False):
        assert "Embargoed wheat report" in page(client, story.get_absolute_url())


def test_a_scheduled_translation_appears_in_the_originals_switcher_at_its_time(client):
    from editions.links import article_url

    now = timezone.now()
    original = ArticleFactory(title="Original story", language="en")
    pashto = ArticleFactory(title="پښتو ژباړه", language="ps", translation_of=original, section=original.section,
                            scheduled=True, published_at=now + datetime.timedelta(minutes=2))
    with time_machine.travel(now, tick=False):
        assert article_url(pashto) not in page(client, original.get_absolute_url())
    with time_machine.travel(now + datetime.timedelta(minutes=2, seconds=1), tick=False):
        html = page(client, original.get_absolute_url())
    assert html.count(article_url(pashto)) >= 3  # switcher, "in other languages", hreflang


def test_an_articles_own_pieces_outlive_another_storys_publication(client, story):
    # With a story scheduled every few minutes, re-rendering every article each time was the
    # article page's p99: its pieces wait only for their own family's translations.
    now = timezone.now()
    ArticleFactory(title="Embargoed budget report", scheduled=True, published_at=now + datetime.timedelta(minutes=2))
    with time_machine.travel(now, tick=False):
        page(client, story.get_absolute_url())
    Article.objects.filter(pk=story.pk).update(body="<p>BODY-CHANGED-WITHOUT-A-NEW-VERSION</p>")
    with time_machine.travel(now + datetime.timedelta(minutes=2, seconds=1), tick=False):
        html = page(client, story.get_absolute_url())
    assert "BODY-CHANGED-WITHOUT-A-NEW-VERSION" not in html  # the story as kept, not rendered again


def test_a_story_unpublished_while_its_page_is_built_is_left_out_in_place(client, monkeypatch):
    from articles import cards

    stories = [ArticleFactory(title=f"Story {n}", published_at=timezone.now() - datetime.timedelta(hours=n))
               for n in range(12)]
    card_rows = cards._card_rows

    def editor_unpublishes_one_meanwhile(ids):
        Article.objects.filter(pk=stories[1].pk).update(status=Status.DRAFT)
        return card_rows(ids)

    monkeypatch.setattr(cards, "_card_rows", editor_unpublishes_one_meanwhile)
    html = page(client, "/en/")
    assert "Story 0" in html and ">Story 1<" not in html and "Story 2" in html


def test_nothing_is_kept_while_the_shared_cache_is_down(client, settings):
    from django.test import override_settings

    ArticleFactory.create_batch(3)
    dead = {**settings.CACHES, "default": {"BACKEND": "operations.cache.TolerantRedisCache",
                                          "LOCATION": "redis://127.0.0.1:1/0"}}
    with override_settings(CACHES=dead):
        for _ in range(3):
            page(client, "/en/")
        assert not caches["fragments"]._cache  # no version anyone else can know: nothing to reuse


def test_metadata_is_kept_per_host(client, story, settings):
    settings.ALLOWED_HOSTS = ["news.example", "mirror.example"]
    first = client.get(story.get_absolute_url(), HTTP_HOST="news.example").content.decode()
    second = client.get(story.get_absolute_url(), HTTP_HOST="mirror.example").content.decode()
    assert 'rel="canonical" href="http://news.example/' in first
    assert 'rel="canonical" href="http://mirror.example/' in second and "news.example" not in second


def test_the_navigation_marks_each_page_own_section(client):
    ArticleFactory(section=SectionFactory(slug="health", name="Health"))
    ArticleFactory(section=SectionFactory(slug="sport", name="Sport"))
    for slug in ("health", "sport", "health"):
        html = page(client, f"/en/section/{slug}/")
        current = html.split('aria-current="page"')[0].rsplit("<a ", 1)[1]
        assert f"/en/section/{slug}/" in current, slug


def test_a_photos_resized_copies_do_not_empty_the_caches(story):
    from articles.models import HeroRendition
    from pagecache.invalidation import content_version

    before = content_version()
    HeroRendition.objects.create(article=story, source="x", width=320, height=180, file="renditions/x.webp")
    assert content_version() == before


def test_a_lists_total_is_kept_only_until_the_next_scheduled_story_goes_live(client):
    section = SectionFactory(slug="economy", name="Economy")
    now = timezone.now()
    for n in range(13):
        ArticleFactory(section=section, published_at=now - datetime.timedelta(hours=n + 1))
    for n in range(12):
        ArticleFactory(section=section, scheduled=True, published_at=now + datetime.timedelta(minutes=5, seconds=n))
    with time_machine.travel(now, tick=False):
        assert "Page 1 of 2" in page(client, "/en/section/economy/")
        assert "Page 1 of 2" in page(client, "/en/section/economy/")  # the kept total
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        assert "Page 1 of 3" in page(client, "/en/section/economy/")
    ArticleFactory(section=section, published_at=now - datetime.timedelta(days=9))  # a save: new version
    with time_machine.travel(now + datetime.timedelta(minutes=6), tick=False):
        assert client.get("/en/section/economy/?page=3").status_code == 200
        assert "Page 3 of 3" in page(client, "/en/section/economy/?page=3")
