from django.apps import AppConfig
from django.db.models.signals import post_migrate


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from search import signals

        signals.connect()
        post_migrate.connect(index_unindexed_articles, sender=self, dispatch_uid="search.index_unindexed")


def index_unindexed_articles(using="default", **kwargs):
    """After migrate, index articles that arrived without signals (bulk loads, old data)."""
    from django.db import connections

    from search import indexer
    from search.models import SearchDocument

    if using != "default" or SearchDocument._meta.db_table not in connections[using].introspection.table_names():
        return
    indexer.index_articles(indexer.unindexed_articles())
