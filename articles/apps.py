from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from django.contrib.redirects.models import Redirect
        from taggit.models import Tag

        from articles.models import Article, ArticleAuthor, Author, Correction, Section, TagName
        from pagecache.watch import watch, watch_schedule

        watch(Article, visible=lambda article: article.seen_by_readers)
        watch(ArticleAuthor, visible=lambda byline: byline.article.seen_by_readers)
        watch(Correction, visible=lambda correction: correction.article.seen_by_readers)
        watch(Section)
        watch(Author)
        watch(Tag, new_rows_unseen=True)  # a tag is public only once a live story carries it
        watch(TagName)  # Pashto and Dari pages show these names
        watch(Redirect)  # a merged tag's old address answers 301 from now on
        watch_schedule(Article.objects.next_scheduled_publication)
