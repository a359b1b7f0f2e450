from django.apps import AppConfig
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_save


class SearchConfig(AppConfig):
    name = "search"
    verbose_name = "Search"

    def ready(self):
        from articles.admin import article_list_search
        from articles.batch import batch_finished
        from articles.models import Article, ArticleAuthor, Author
        from search import signals
        from search.admin_search import search_articles

        article_list_search.append(search_articles)

        post_save.connect(signals.article_saved, sender=Article, dispatch_uid="search.article_saved")
        m2m_changed.connect(
            signals.article_tags_changed, sender=Article.tags.through, dispatch_uid="search.article_tags_changed"
        )
        post_save.connect(signals.byline_saved, sender=ArticleAuthor, dispatch_uid="search.byline_saved")
        post_delete.connect(signals.byline_deleted, sender=ArticleAuthor, dispatch_uid="search.byline_deleted")
        pre_save.connect(signals.author_saving, sender=Author, dispatch_uid="search.author_saving")
        post_save.connect(signals.author_saved, sender=Author, dispatch_uid="search.author_saved")
        batch_finished.connect(signals.batch_finished, dispatch_uid="search.batch_finished")
