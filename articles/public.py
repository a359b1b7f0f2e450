"""What readers may see beyond articles themselves, defined from ``published()``."""

from taggit.models import Tag

from articles.models import Article


def tag_is_public(tag: Tag) -> bool:
    """A tag exists for readers only while a published article uses it: a tag made
    for an unpublished story must not announce that story."""
    return Article.objects.published().filter(tags=tag).exists()
