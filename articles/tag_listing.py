"""Keep ``TagListing`` in step with articles and their tag links.

Each change is copied in the transaction that makes it: an article's save copies its
language, status and time to its rows; a tag link saved or deleted one at a time (taggit's
manager, the tag admin's inline and merge) rebuilds its article's rows. Writers that add
links in bulk without signals (the importer, the demo generator) call ``refresh`` themselves.
Rows go with their article or tag (CASCADE).
"""

import threading
from contextlib import contextmanager

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from taggit.models import TaggedItem

from articles.models import Article, TagListing

_paused = threading.local()


def refresh(article_ids=None) -> None:
    """Rebuild the rows of ``article_ids`` (every article when None) from their tag links:
    one DELETE and one INSERT ... SELECT, however many links."""
    if article_ids is not None:
        article_ids = list(article_ids)
        if not article_ids:
            return
    quote = connection.ops.quote_name
    listing, article, link = (quote(model._meta.db_table) for model in (TagListing, Article, TaggedItem))
    # Plain SQL both ways: an ORM delete would fetch every row to send post_delete for it (the
    # page cache listens to every model), emptying the page cache once per row.
    delete = f"DELETE FROM {listing}"
    insert = (
        f"INSERT INTO {listing} (tag_id, article_id, language, status, published_at) "
        f"SELECT l.tag_id, a.id, a.language, a.status, a.published_at "
        f"FROM {link} l JOIN {article} a ON a.id = l.object_id WHERE l.content_type_id = %s"
    )
    params = [_article_type_id()]
    if article_ids is not None:
        placeholders = ", ".join(["%s"] * len(article_ids))
        delete += f" WHERE article_id IN ({placeholders})"
        insert += f" AND l.object_id IN ({placeholders})"
        params += article_ids
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(delete, article_ids or [])
        cursor.execute(insert, params)


@contextmanager
def paused():
    """Skip the per-link receivers inside (a bulk delete or insert); call ``refresh`` after."""
    _paused.active = True
    try:
        yield
    finally:
        _paused.active = False


def _article_type_id() -> int:
    return ContentType.objects.get_for_model(Article).pk  # cached by ContentType's manager


def article_saved(sender, instance, raw=False, **kwargs):
    if raw or kwargs.get("created"):
        return  # a new article has no tag links yet; fixtures bring their own rows
    TagListing.objects.filter(article_id=instance.pk).update(
        language=instance.language, status=instance.status, published_at=instance.published_at
    )


def link_changed(sender, instance, raw=False, **kwargs):
    if raw or getattr(_paused, "active", False) or instance.content_type_id != _article_type_id():
        return
    refresh([instance.object_id])


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="articles.tag_listing.article_saved")
    post_save.connect(link_changed, sender=TaggedItem, dispatch_uid="articles.tag_listing.link_saved")
    post_delete.connect(link_changed, sender=TaggedItem, dispatch_uid="articles.tag_listing.link_deleted")
