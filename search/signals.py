"""Re-index an article whenever what search reads of it changes (connected in SearchConfig.ready).
A deleted article's document goes with it (CASCADE). Inside ``articles.batch.batch()`` the
articles are indexed once, when the batch ends."""

from articles.batch import defer
from articles.models import Article
from search.indexer import index_articles


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


def batch_finished(sender, pks, **kwargs):
    index_articles(Article.objects.filter(pk__in=pks))
