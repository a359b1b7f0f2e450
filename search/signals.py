"""Re-index an article whenever what search reads of it changes (connected in SearchConfig.ready).
A deleted article's document goes with it (CASCADE)."""

from articles.models import Article
from search.indexer import index_articles


def article_saved(sender, instance, raw=False, **kwargs):
    if raw:
        return
    index_articles(Article.objects.filter(pk=instance.pk))


def article_tags_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    if not reverse:
        index_articles(Article.objects.filter(pk=instance.pk))
    elif pk_set:
        # tag.article_set.add(...) style: the changed articles are in pk_set.
        index_articles(Article.objects.filter(pk__in=pk_set))
