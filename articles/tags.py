"""Tags that stay clean: their names in each edition, and merging two spellings into one.

Taggit's Tag holds the English name; ``TagName`` rows hold the Pashto and Dari ones. A merge
moves the articles to the kept tag and leaves a permanent redirect (django.contrib.redirects)
from every address of the old tag's page and feeds to the kept one's.
"""

from dataclasses import dataclass

from django.contrib.redirects.models import Redirect
from django.contrib.sites.models import Site
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router, transaction
from django.db.models import Exists, OuterRef
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils import translation
from taggit.models import Tag

from articles.models import Article, ArticleTag, Language, TagName

MERGE_PERMISSIONS = ("taggit.change_tag", "taggit.delete_tag")
# The reader addresses a tag has in each edition: its page and its two feeds.
TAG_ADDRESSES = ("articles:tag", "feeds:tag-rss", "feeds:tag-atom")


def tag_display_name(tag: Tag, language: str) -> str:
    """The tag's name for readers of ``language`` ("ps", "fa-af"; English and a missing
    translation give the tag's own name). Prefetch ``translated_names`` (for an article's tags:
    ``prefetch_related("tags__translated_names")``) and a list of tags costs no query per tag."""
    language = (language or "").lower()
    if language and language != Language.ENGLISH:
        for translated in tag.translated_names.all():
            if translated.language == language:
                return translated.name
    return tag.name


def tag_addresses(slug: str) -> list[str]:
    """Every reader address of the tag with ``slug``, in every edition."""
    addresses = []
    for language, _name in Language.choices:
        with translation.override(language):
            addresses += [reverse(name, kwargs={"slug": slug}) for name in TAG_ADDRESSES]
    return addresses


def can_merge_tags(user) -> bool:
    return user.is_active and user.has_perms(MERGE_PERMISSIONS)


@dataclass(frozen=True)
class MergedTags:
    moved: int  # articles that now carry the kept tag in place of a merged one
    already_tagged: int  # articles that carried the kept tag already: their merged links were dropped


def tags_merge(*, keep: Tag, merged, by) -> MergedTags:
    """Move every article of the ``merged`` tags to ``keep``, delete those tags, and redirect
    their pages and feeds (301) to ``keep``'s."""
    if not can_merge_tags(by):
        raise PermissionDenied("Only editors may merge tags.")
    merged = [tag for tag in merged if tag.pk != keep.pk]
    if not merged:
        raise ValidationError("Pick at least one other tag to merge into the one you keep.")
    site = Site.objects.get_current()
    with transaction.atomic():
        touched = set(ArticleTag.objects.filter(tag__in=merged).values_list("content_object_id", flat=True))
        already = set(ArticleTag.objects.filter(tag=keep, content_object_id__in=touched)
                      .values_list("content_object_id", flat=True))
        for old in merged:
            items = ArticleTag.objects.filter(tag=old)
            # An article that carries both keeps one link; the others move over.
            also_kept = ArticleTag.objects.filter(tag=keep, content_object=OuterRef("content_object"))
            items.filter(Exists(also_kept)).delete()
            items.update(tag=keep)
            # The kept tag takes the old one's Pashto or Dari name where it has none.
            own_languages = keep.translated_names.values("language")
            TagName.objects.filter(tag=old).exclude(language__in=own_languages).update(tag=keep)
            _redirect(site, old_slug=old.slug, new_slug=keep.slug)
            old.delete()
        if touched:
            # The rows moved in bulk: tell search and the page cache, as taggit's manager would.
            for action in ("pre_add", "post_add"):
                m2m_changed.send(sender=Article.tags.through, instance=keep, action=action, reverse=True,
                                 model=Article, pk_set=touched, using=router.db_for_write(Article))
    return MergedTags(moved=len(touched - already), already_tagged=len(already))


def _redirect(site, *, old_slug: str, new_slug: str) -> None:
    """301s from the old tag's addresses; earlier redirects to it now point at the kept tag (no chains)."""
    for old_path, new_path in zip(tag_addresses(old_slug), tag_addresses(new_slug), strict=True):
        Redirect.objects.filter(site=site, new_path=old_path).update(new_path=new_path)
        Redirect.objects.update_or_create(site=site, old_path=old_path, defaults={"new_path": new_path})
    # A tag that takes a merged tag's slug again has a page of its own: never redirect it away.
    Redirect.objects.filter(site=site, old_path__in=tag_addresses(new_slug)).delete()
