"""What readers may see beyond articles themselves, defined from ``published()``."""

from taggit.models import Tag

from articles.models import Article, Author


def tag_is_public(tag: Tag) -> bool:
    """A tag exists for readers only while a published article uses it: a tag made
    for an unpublished story must not announce that story."""
    return Article.objects.published().filter(tags=tag).exists()


def author_is_public(author: Author) -> bool:
    """As for tags: an author page or feed exists for readers only once a story under their
    byline is published, so a new reporter's name is not announced before their first story."""
    return Article.objects.published().filter(authors=author).exists()
