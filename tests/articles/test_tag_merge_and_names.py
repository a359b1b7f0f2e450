"""Editors merge tags (articles move, old addresses redirect 301) and name tags in Pashto and Dari."""

import pytest
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.contrib.redirects.models import Redirect
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from articles.models import Article, TagName
from articles.tags import tag_addresses, tag_display_name, tags_merge
from pagecache.version import content_version as current_content_version
from tests.factories import ArticleFactory

CHANGELIST = reverse("admin:taggit_tag_changelist")


@pytest.fixture
def spellings(db):
    """Two spellings of one place, as the old site's import left them."""
    both = ArticleFactory(title="On both", tags=["Afghanistan", "Afganistan"])
    only_old = ArticleFactory(title="Old spelling", tags=["Afganistan"])
    only_kept = ArticleFactory(title="Kept spelling", tags=["Afghanistan"])
    return Tag.objects.get(name="Afghanistan"), Tag.objects.get(name="Afganistan"), (both, only_old, only_kept)


def merge_request(client, keep, *tags, apply=True, follow=False):
    data = {"action": "merge_selected", ACTION_CHECKBOX_NAME: [str(t.pk) for t in tags], "keep": str(keep.pk)}
    if apply:
        data["apply"] = "Merge"
    return client.post(CHANGELIST, data, follow=follow)


def test_the_tag_list_counts_each_tags_stories(client, editor, spellings):
    client.force_login(editor)

    rows = client.get(CHANGELIST).context["cl"].result_list

    assert {tag.name: tag.stories for tag in rows} == {"Afghanistan": 2, "Afganistan": 2}


def test_an_editor_merges_two_spellings_and_the_old_address_redirects(client, editor, spellings):
    kept, old, articles = spellings
    old_slug = old.slug
    client.force_login(editor)
    page = merge_request(client, kept, kept, old, apply=False)
    assert page.status_code == 200 and "choose the one to keep" in page.content.decode()
    # Each with its number of stories and its real address (the English edition's).
    assert f'2 stories · <a href="/en/tag/{old_slug}/">' in page.content.decode()
    response = merge_request(client, kept, kept, old, follow=True)
    assert response.redirect_chain[0][1] == 302
    # "On both" already had the kept tag: its link to the old one was dropped, not moved.
    assert "1 article(s) moved to it, 1 had it already." in response.content.decode()
    assert not Tag.objects.filter(pk=old.pk).exists()
    for article in articles:
        assert list(Article.objects.get(pk=article.pk).tags.names()) == ["Afghanistan"]
    client.logout()
    for language in ("en", "ps", "fa-af"):
        with translation.override(language):
            old_page = reverse("articles:tag", kwargs={"slug": old_slug})
            kept_page = reverse("articles:tag", kwargs={"slug": kept.slug})
            old_feed = reverse("feeds:tag-rss", kwargs={"slug": old_slug})
        answer = client.get(old_page)
        assert answer.status_code == 301 and answer["Location"] == kept_page
        assert client.get(old_feed).status_code == 301
    with translation.override("en"):
        assert client.get(reverse("articles:tag", kwargs={"slug": kept.slug})).status_code == 200


def test_merging_moves_search_and_clears_the_page_cache(client, editor, spellings):
    kept, old, (_both, only_old, _kept) = spellings
    before = current_content_version()
    tags_merge(keep=kept, merged=[old], by=editor)
    assert current_content_version() != before
    results = client.get(reverse("search:results"), {"q": "Afghanistan"}).content.decode()
    assert "Old spelling" in results  # re-indexed with its new tag


def test_a_second_merge_leaves_no_chain_of_redirects(editor, spellings):
    kept, old, _articles = spellings
    tags_merge(keep=kept, merged=[old], by=editor)
    newest = Tag.objects.create(name="Afghanistan (country)")
    tags_merge(keep=newest, merged=[kept], by=editor)
    targets = set(Redirect.objects.filter(old_path__in=tag_addresses(old.slug)).values_list("new_path", flat=True))
    assert targets <= set(tag_addresses(newest.slug)) and targets


def test_a_writer_cannot_merge_tags_by_a_forged_request(client, writer, spellings):
    kept, old, _articles = spellings
    client.force_login(writer)
    response = merge_request(client, kept, kept, old)
    assert response.status_code in (200, 302, 403)
    assert Tag.objects.filter(pk=old.pk).exists() and not Redirect.objects.exists()
    # Taggit's own merge page is gone with its admin.
    assert client.post("/admin/taggit/tag/merge-tags/", {"new_tag_name": "X"}).status_code in (302, 403, 404)
    assert Tag.objects.filter(pk=old.pk).exists() and not Tag.objects.filter(name="X").exists()
    with pytest.raises(PermissionDenied):
        tags_merge(keep=kept, merged=[old], by=writer)


def test_the_merged_tag_hands_its_pashto_name_to_the_kept_one(editor, spellings):
    kept, old, _articles = spellings
    TagName.objects.create(tag=old, language="ps", name="افغانستان")
    TagName.objects.create(tag=old, language="fa-af", name="افغانستان قدیم")
    TagName.objects.create(tag=kept, language="fa-af", name="افغانستان")
    tags_merge(keep=kept, merged=[old], by=editor)
    assert dict(kept.translated_names.values_list("language", "name")) == {"ps": "افغانستان", "fa-af": "افغانستان"}


def test_an_editor_names_a_tag_in_pashto_and_dari_in_its_form(client, editor, spellings):
    kept, _old, _articles = spellings
    client.force_login(editor)
    data = {
        "name": kept.name, "slug": kept.slug,
        "translated_names-TOTAL_FORMS": "2", "translated_names-INITIAL_FORMS": "0",
        "translated_names-MIN_NUM_FORMS": "0", "translated_names-MAX_NUM_FORMS": "2",
        "translated_names-0-language": "ps", "translated_names-0-name": "افغانستان",
        "translated_names-1-language": "fa-af", "translated_names-1-name": "افغانستان",
    }
    response = client.post(reverse("admin:taggit_tag_change", args=[kept.pk]), data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert tag_display_name(kept, "ps") == "افغانستان" and tag_display_name(kept, "fa-af") == "افغانستان"
    assert tag_display_name(kept, "en") == "Afghanistan"
    listing = client.get(CHANGELIST).content.decode()
    assert "افغانستان" in listing


def test_a_writer_cannot_name_tags(client, writer, spellings):
    kept, _old, _articles = spellings
    client.force_login(writer)
    data = {"name": kept.name, "slug": kept.slug, "translated_names-TOTAL_FORMS": "1", "translated_names-INITIAL_FORMS": "0",
            "translated_names-0-language": "ps", "translated_names-0-name": "جعلي"}
    assert client.post(reverse("admin:taggit_tag_change", args=[kept.pk]), data).status_code == 403
    assert not TagName.objects.exists()


def test_tag_display_name_falls_back_to_the_tags_own_name_and_costs_no_query_when_prefetched(
    spellings, django_assert_num_queries
):
    kept, old, (both, _only_old, _only_kept) = spellings
    TagName.objects.create(tag=kept, language="ps", name="افغانستان")
    article = Article.objects.prefetch_related("tags__translated_names").get(pk=both.pk)
    with django_assert_num_queries(0):
        names = sorted(tag_display_name(tag, "ps") for tag in article.tags.all())
        dari = sorted(tag_display_name(tag, "fa-af") for tag in article.tags.all())
    assert names == ["Afganistan", "افغانستان"]
    assert dari == ["Afganistan", "Afghanistan"]  # no Dari name yet: the tag's own
    assert tag_display_name(kept, "PS") == "افغانستان"


def test_a_new_tag_name_clears_the_page_cache(spellings):
    kept, _old, _articles = spellings
    before = current_content_version()
    TagName.objects.create(tag=kept, language="ps", name="افغانستان")
    assert current_content_version() != before


def test_the_tags_pages_say_tags_not_taggit(client, editor, spellings):
    client.force_login(editor)
    page = client.get(CHANGELIST).content.decode()
    assert "Taggit" not in page and "TAGGIT" not in page
