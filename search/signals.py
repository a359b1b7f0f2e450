"""Reindex an article whenever what search reads of it changes."""

from django.db.models.signals import m2m_changed, post_delete, post_save

from articles.models import Article
from search import indexer


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    indexer.index_article(instance)


def article_deleted(sender, instance, **kwargs):
    indexer.remove_article(instance.pk)


def article_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        indexer.index_article(instance)
    elif pk_set:
        # tag.article_set.add(...) style: the changed articles are in pk_set.
        indexer.index_articles(Article.objects.filter(pk__in=pk_set))


def connect():
    post_save.connect(article_saved, sender=Article, dispatch_uid="search.article_saved")
    post_delete.connect(article_deleted, sender=Article, dispatch_uid="search.article_deleted")
    m2m_changed.connect(article_tags_changed, sender=Article.tags.through, dispatch_uid="search.article_tags_changed")
