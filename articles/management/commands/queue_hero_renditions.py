"""Queue the renditions of every hero that lacks some (photos stored before the task existed,
or whose renditions were lost); ``manage.py db_worker`` makes them."""

from django.core.management.base import BaseCommand

from articles import renditions
from articles.models import Article
from articles.tasks import make_hero_renditions


class Command(BaseCommand):
    help = "Queue WebP renditions for every article hero that lacks some (run db_worker to make them)."

    def handle(self, *args, **options):
        queued = 0
        for article in Article.objects.exclude(hero_image="").only("pk", "hero_image", "hero_width").iterator():
            if renditions.needs_renditions(article):
                make_hero_renditions.enqueue(article.pk)
                queued += 1
        self.stdout.write(f"Queued renditions for {queued} article(s).")
