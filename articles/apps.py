from django.apps import AppConfig


class ArticlesConfig(AppConfig):
    name = "articles"
    verbose_name = "Newsroom content"

    def ready(self):
        from django.contrib.redirects.models import Redirect
        from django.db.models.signals import post_save
        from taggit.models import Tag

        from articles.models import (
            Article,
            ArticleAuthor,
            Author,
            Banner,
            Correction,
            HeroRendition,
            Pin,
            Section,
            TagName,
            next_curation_change,
        )
        from articles.tasks import queue_body_embeds, queue_hero_renditions
        from pagecache.watch import watch, watch_schedule

        post_save.connect(queue_hero_renditions, sender=Article, dispatch_uid="articles.queue_hero_renditions")
        post_save.connect(queue_body_embeds, sender=Article, dispatch_uid="articles.queue_body_embeds")

        watch(Article, visible=lambda article: article.seen_by_readers)
        watch(ArticleAuthor, visible=lambda byline: byline.article.seen_by_readers)
        watch(Correction, visible=lambda correction: correction.article.seen_by_readers)
        # Renditions are made in the background: the page gains its srcset when they are.
        watch(HeroRendition, visible=lambda rendition: rendition.article.seen_by_readers)
        watch(Section)
        watch(Author)
        watch(Tag, new_rows_unseen=True)  # a tag is public only once a live story carries it
        watch(TagName)  # Pashto and Dari pages show these names
        watch(Redirect)  # a merged tag's old address answers 301 from now on
        watch_schedule(Article.objects.next_scheduled_publication)
        # Editors' choices: a pin or banner change shows at once; an "until" or end time ends pages then.
        watch(Pin)
        watch(Banner)
        watch_schedule(next_curation_change)
