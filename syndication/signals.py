"""A story's share cards leave public storage as soon as readers may no longer see it."""

from django.db import transaction

from syndication import share_image


def _remove_after_commit(article_pk) -> None:
    # After commit: until then a reader's request may still draw the card from the old rows.
    transaction.on_commit(lambda: share_image.remove_article_share_images(article_pk))


def article_saved(sender, instance, raw=False, **kwargs):
    """A draft, scheduled, in-review or pulled story has no card in public storage."""
    if raw or instance.is_published:
        return
    _remove_after_commit(instance.pk)


def article_deleted(sender, instance, **kwargs):
    _remove_after_commit(instance.pk)
