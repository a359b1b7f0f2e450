"""Re-index an article whenever what search reads of it changes: its text, tags, bylines or an
author's name (connected in SearchConfig.ready). A deleted article's document goes with it (CASCADE). Inside ``articles.batch.batch()`` the
articles are indexed once, when the batch ends."""

from django.db import transaction

from articles.batch import defer
from articles.models import Article, Author
from search.indexer import index_articles
from search.models import SearchDocument


def _reindex(pks) -> None:
    if not defer(pks):
        index_articles(Article.objects.filter(pk__in=pks))


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    _reindex([instance.pk])


def article_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        _reindex([instance.pk])
    elif pk_set:
        # tag.article_set.add(...) style: the changed articles are in pk_set.
        _reindex(pk_set)


def byline_saved(sender, instance, raw=False, **kwargs):
    """A byline added or changed (the admin saves them after the article itself)."""
    if raw:
        return
    _reindex([instance.article_id])


def byline_deleted(sender, instance, **kwargs):
    # After the commit: when the whole article is being deleted, its document is deleted in the same
    # transaction, and writing it again now would break that delete.
    article_id = instance.article_id
    transaction.on_commit(lambda: _reindex([article_id]))


def author_saving(sender, instance, raw=False, **kwargs):
    """Note the name before the save, so ``author_saved`` knows whether it changed (a bio edit
    rewrites no document; a rename rewrites every one of the author's, so the old name finds nothing:
    a newsroom may rename a writer to protect them)."""
    if raw or instance.pk is None:
        return
    instance.search_name_before_save = Author.objects.filter(pk=instance.pk).values_list("name", flat=True).first()


def author_saved(sender, instance, raw=False, created=False, **kwargs):
    if raw or created or getattr(instance, "search_name_before_save", instance.name) == instance.name:
        return
    pks = list(SearchDocument.objects.filter(article__authors=instance).values_list("article_id", flat=True))
    if pks:
        _reindex(pks)


def batch_finished(sender, pks, **kwargs):
    index_articles(Article.objects.filter(pk__in=pks))
