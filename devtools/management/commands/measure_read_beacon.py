"""Time one read beacon request in this process (µs, queries): a new read, a reload, a bot.

Why: counting reads must stay cheap under load (a read costs one small write); this is the
figure to watch instead of a whole benchmark. It adds reads to the story it is given (or the
newest live one): use a development database.
"""

from django.core.management.base import BaseCommand, CommandError

from articles.models import Article
from devtools.beacon_cost import measure


class Command(BaseCommand):
    help = "Median microseconds and queries of one read beacon request, through the whole middleware stack."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=500, help="Requests of each kind (default 500).")
        parser.add_argument("--article", type=int, help="The story's id (default: the newest live one).")

    def handle(self, *args, requests, article, **options):
        story = Article.objects.published().order_by("-published_at").first() if article is None else (
            Article.objects.filter(pk=article).first())
        if story is None:
            raise CommandError("No story to read: load some first (load_sample_stories).")
        for kind, figures in measure(story.pk, requests=requests).items():
            self.stdout.write(f"{kind:<10} " + "  ".join(f"{name} {value}" for name, value in figures.items()))
