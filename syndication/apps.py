from django.apps import AppConfig


class SyndicationConfig(AppConfig):
    name = "syndication"
    verbose_name = "Feeds, sitemaps and share metadata"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from articles.models import Article
        from syndication import signals

        post_save.connect(signals.article_saved, sender=Article, dispatch_uid="syndication-share-cards-saved")
        post_delete.connect(signals.article_deleted, sender=Article, dispatch_uid="syndication-share-cards-deleted")
