"""What readers may see beyond articles themselves, defined from ``published()``."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from taggit.models import Tag

from articles.models import Article


def tag_is_public(tag: Tag) -> bool:
    """A tag exists for readers only while a published article uses it: a tag made
    for an unpublished story must not announce that story."""
    return Article.objects.published().filter(tags=tag).exists()


def public_tag_or_404(slug: str) -> Tag:
    tag = get_object_or_404(Tag, slug=slug)
    if not tag_is_public(tag):
        raise Http404("No published article has this tag")
    return tag
