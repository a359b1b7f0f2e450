import datetime

import pytest
import time_machine
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.urls import reverse
from django.utils import timezone
from taggit.models import Tag

from articles.models import ArticleAuthor
from pagecache.version import VERSION_KEY, content_version
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.pagecache.urls")]


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    settings.PAGECACHE_ENABLED = True
    settings.PAGECACHE_TIMEOUT = 300
    settings.PAGECACHE_CDN_MAX_AGE = 60
    # A slow test machine must not turn a hit into a database check (tests of the check set their own).
    settings.PAGECACHE_VERSION_CHECK_SECONDS = 60


def home():
    return reverse("articles:home")


def s_maxage(response) -> int:
    return int(response["Cache-Control"].split("s-maxage=")[1].split(",")[0])


def test_an_anonymous_reader_gets_the_second_request_from_the_cache_without_a_query(
    client, published_article, django_assert_num_queries
):
    first = client.get(home())
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(home())
    assert second.status_code == 200
    assert second["X-Page-Cache"] == "hit"
    assert second.content == first.content
    assert second["Content-Type"] == first["Content-Type"]


def test_a_head_request_is_served_from_the_cache_too(client, published_article):
    client.get(home())
    assert client.head(home())["X-Page-Cache"] == "hit"


def test_the_article_page_is_cached(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    response = client.get(url)
    assert response["X-Page-Cache"] == "hit"
    assert published_article.title in response.content.decode()


def test_pages_tell_a_cdn_it_may_hold_them_briefly_and_browsers_to_revalidate(client, published_article):
    response = client.get(home())
    directives = {part.strip() for part in response["Cache-Control"].split(",")}
    assert directives == {"public", "max-age=0", "s-maxage=60"}
    assert response["ETag"].startswith('"')  # strong: every hit sends the very bytes stored
    assert response["Last-Modified"]


def test_a_reader_whose_copy_is_current_gets_304_not_modified(client, published_article):
    etag = client.get(home())["ETag"]
    not_modified = client.get(home(), headers={"If-None-Match": etag})
    assert not_modified.status_code == 304
    assert not_modified.content == b""
    assert not_modified["ETag"] == etag


def test_a_reader_gets_the_new_page_not_304_after_an_edit(client, published_article):
    etag = client.get(home())["ETag"]
    published_article.title = "Rewritten headline"
    published_article.save()
    response = client.get(home(), headers={"If-None-Match": etag})
    assert response.status_code == 200
    assert "Rewritten headline" in response.content.decode()


def test_if_modified_since_is_answered_from_the_cache(client, published_article):
    last_modified = client.get(home())["Last-Modified"]
    assert client.get(home(), headers={"If-Modified-Since": last_modified}).status_code == 304


# -- invalidation: correct before fast -----------------------------------------------


def test_publishing_an_article_shows_it_at_once(client, editor):
    draft = ArticleFactory(draft=True, title="Embargoed story")
    assert "Embargoed story" not in client.get(home()).content.decode()
    from articles.services import article_publish

    article_publish(article=draft, by=editor)
    response = client.get(home())
    assert response["X-Page-Cache"] == "miss"
    assert "Embargoed story" in response.content.decode()


def test_unpublishing_an_article_removes_it_from_lists_and_its_page_at_once(client, editor, published_article):
    url = published_article.get_absolute_url()
    assert client.get(url).status_code == 200
    assert published_article.title in client.get(home()).content.decode()
    from articles.services import article_unpublish

    article_unpublish(article=published_article, by=editor)
    assert client.get(url).status_code == 404
    assert published_article.title not in client.get(home()).content.decode()


def test_deleting_an_article_removes_it_at_once(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    published_article.delete()
    assert client.get(url).status_code == 404


def test_editing_an_article_changes_its_page_at_once(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    published_article.standfirst = "A corrected summary"
    published_article.save()
    assert "A corrected summary" in client.get(url).content.decode()


def test_renaming_a_section_changes_the_pages_that_show_it(client, published_article):
    url = published_article.get_absolute_url()
    client.get(url)
    section = published_article.section
    section.name = "Renamed desk"
    section.save()
    assert "Renamed desk" in client.get(url).content.decode()


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(lambda a: a.tags.add("floods"), id="tag added to an article"),
        pytest.param(lambda a: ArticleAuthor.objects.create(article=a, author=AuthorFactory()), id="byline added"),
        pytest.param(lambda a: AuthorFactory(), id="author created"),
        pytest.param(lambda a: CorrectionFactory(article=a), id="correction added"),
        pytest.param(lambda a: SectionFactory(), id="section created"),
        pytest.param(
            lambda a: FlatPage.objects.create(url="/en/about-us/", title="About", content="Us"), id="flat page created"
        ),
        pytest.param(lambda a: Site.objects.update_or_create(pk=1, defaults={"name": "Dawat"}), id="site renamed"),
        pytest.param(lambda a: a.delete(), id="article deleted"),
    ],
)
def test_every_change_readers_can_see_clears_the_cached_pages(client, published_article, change):
    client.get(home())
    before = content_version()
    change(published_article)
    assert content_version() != before
    assert client.get(home())["X-Page-Cache"] == "miss"


def test_renaming_a_tag_a_live_story_carries_clears_the_cached_pages_but_a_new_tag_does_not(client, published_article):
    published_article.tags.add("Kabul")
    client.get(home())
    before = content_version()
    Tag.objects.create(name="Not on any story yet")
    assert content_version() == before
    tag = Tag.objects.get(name="Kabul")
    tag.name = "Kabul city"
    tag.save()
    assert content_version() != before


def test_changing_the_donation_details_clears_the_cached_pages(client, published_article):
    details_model = pytest.importorskip("donations.models").DonationDetails
    client.get(home())
    before = content_version()
    details_model(organisation="Dawat Media", appeal_headline="Keep us independent", appeal_text="Give.").save()
    assert content_version() != before


def test_saving_something_readers_never_see_leaves_the_cache_alone(client, published_article, editor):
    client.get(home())
    before = content_version()
    editor.first_name = "Changed"
    editor.save()
    assert content_version() == before
    assert client.get(home())["X-Page-Cache"] == "hit"


def test_a_cache_that_lost_the_version_is_re_seeded_from_the_database(client, published_article):
    from django.core.cache import cache

    client.get(home())
    cache.delete(VERSION_KEY)
    # The pages were stored under the database's counter, which has not changed: still current.
    assert client.get(home())["X-Page-Cache"] == "hit"
    assert cache.get(VERSION_KEY) == content_version()


def test_a_cache_version_behind_the_database_serves_nothing_stored_under_it(client, published_article):
    from django.core.cache import cache

    client.get(home())
    stale = cache.get(VERSION_KEY)
    published_article.title = "Changed while the cache was away"
    published_article.save()
    cache.set(VERSION_KEY, stale)  # the cache never heard of the change (a restore, a lost write)
    response = client.get(home())
    assert response["X-Page-Cache"] == "miss"
    assert "Changed while the cache was away" in response.content.decode()


def test_a_draft_saved_or_tagged_leaves_the_cache_alone(client, published_article, editor):
    draft = ArticleFactory(draft=True)
    client.get(home())
    before = content_version()
    draft.title = "Still a draft"
    draft.save()
    draft.tags.add("not-yet-public")
    draft.delete()
    assert content_version() == before
    assert client.get(home())["X-Page-Cache"] == "hit"


def test_unpublishing_a_story_clears_the_cache_and_so_does_any_later_change_to_it(client, published_article):
    client.get(home())
    before = content_version()
    published_article.unpublish()
    published_article.save()
    after_unpublish = content_version()
    assert after_unpublish != before
    # Once live, always watched: it may have been cached anywhere.
    published_article.title = "Reworked while withdrawn"
    published_article.save()
    assert content_version() != after_unpublish


# -- scheduled articles --------------------------------------------------------------


def test_a_scheduled_article_appears_at_its_time_although_the_list_was_cached_a_minute_before(client):
    now = timezone.now()
    ArticleFactory(title="Older story")
    ArticleFactory(title="Story at noon", published_at=now + datetime.timedelta(minutes=2))
    with time_machine.travel(now + datetime.timedelta(minutes=1), tick=False):
        cached = client.get(home())
        assert "Story at noon" not in cached.content.decode()
        assert client.get(home())["X-Page-Cache"] == "hit"
        # A CDN may not hold the page past the publication time either.
        assert s_maxage(cached) <= 60
    with time_machine.travel(now + datetime.timedelta(minutes=2, seconds=1), tick=False):
        response = client.get(home())
        assert response["X-Page-Cache"] == "miss"
        assert "Story at noon" in response.content.decode()


def test_a_page_never_outlives_the_next_publication_even_at_a_cdn(client):
    now = timezone.now()
    ArticleFactory(title="Older story")
    ArticleFactory(scheduled=True, published_at=now + datetime.timedelta(seconds=30))
    with time_machine.travel(now, tick=False):
        response = client.get(home())
    assert 0 < s_maxage(response) <= 30


# -- who is never cached --------------------------------------------------------------


def test_signed_in_staff_are_never_served_or_stored_and_shared_caches_are_told(client, editor, published_article):
    client.force_login(editor)
    first = client.get(home())
    second = client.get(home())
    assert "X-Page-Cache" not in first and "X-Page-Cache" not in second
    assert "private" in second["Cache-Control"]
    client.logout()
    assert client.get(home())["X-Page-Cache"] == "miss"


def test_a_preview_of_a_draft_never_reaches_the_cache(client, editor):
    draft = ArticleFactory(draft=True, title="Secret draft")
    url = draft.get_absolute_url()
    client.force_login(editor)
    assert client.get(url).status_code == 200
    client.logout()
    assert client.get(url).status_code == 404
    assert client.get(url).status_code == 404


def test_an_anonymous_preview_link_with_never_cache_headers_is_not_stored(client):
    first = client.get("/never-cached/")
    second = client.get("/never-cached/")
    assert "X-Page-Cache" not in second
    assert second.content != first.content


def test_a_page_with_a_form_and_its_csrf_cookie_is_not_stored(client):
    first = client.get("/form/")
    assert "csrftoken" in first.cookies
    second = client.get("/form/")
    assert "X-Page-Cache" not in second
    assert "csrftoken" in second.cookies


def test_a_reader_with_a_flash_message_waiting_is_not_served_from_the_cache(client, published_article):
    client.get(home())
    client.cookies["messages"] = "pending"
    assert "X-Page-Cache" not in client.get(home())


def test_a_post_is_never_answered_from_the_cache(client, published_article):
    client.get(home())
    response = client.post(home())
    assert "X-Page-Cache" not in response


def test_the_admin_is_never_cached(client):
    client.get("/admin/login/")
    assert "X-Page-Cache" not in client.get("/admin/login/")


def test_campaign_parameters_share_the_page_but_real_parameters_do_not(client, published_article):
    client.get(home())
    assert client.get(home() + "?utm_source=newsletter&fbclid=x")["X-Page-Cache"] == "hit"
    assert client.get(home() + "?page=1")["X-Page-Cache"] == "miss"


def test_the_cache_can_be_switched_off(client, settings, published_article):
    settings.PAGECACHE_ENABLED = False
    client.get(home())
    assert "X-Page-Cache" not in client.get(home())


def test_a_page_that_uses_a_csp_nonce_is_never_stored(client, settings):
    # Reader pages carry no nonce; a page that does must not hand every reader the same one.
    constants = pytest.importorskip("csp.constants")
    settings.CONTENT_SECURITY_POLICY = {"DIRECTIVES": {"script-src": [constants.SELF, constants.NONCE]}}
    nonces = []
    for _ in range(3):
        response = client.get("/nonce/")
        nonce = response.content.decode().split("nonce=")[1].split('"')[1]
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        assert response.get("X-Page-Cache") != "hit"
        nonces.append(nonce)
    assert len(set(nonces)) == 3


def test_with_a_lagging_replica_pages_rendered_just_after_a_change_are_kept_only_briefly(client, settings):
    settings.PAGECACHE_SETTLE_SECONDS = 5
    now = timezone.now()
    with time_machine.travel(now, tick=False):
        ArticleFactory(title="Fresh story")
        assert s_maxage(client.get(home())) <= 5
    with time_machine.travel(now + datetime.timedelta(seconds=6), tick=False):
        assert client.get(home())["X-Page-Cache"] == "miss"
    with time_machine.travel(now + datetime.timedelta(seconds=7), tick=False):
        response = client.get(home())
        assert response["X-Page-Cache"] == "hit"
        assert s_maxage(response) == 60


def test_a_release_ends_the_pages_the_previous_templates_drew(db):
    # Every release runs migrate (docs/deploy.md); pages stored before it are not served after.
    from django.core.management import call_command

    before = content_version()
    call_command("migrate", verbosity=0, interactive=False)
    assert content_version() != before
