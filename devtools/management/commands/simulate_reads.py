"""Simulate a day of readers and bots through the read beacon; compare "Most read" with what they did.

Why: the read counts must be right where nobody can watch them (no reader is identified), so
this drives them as readers would and checks the result: readers reload, some have no
JavaScript, bots come (devtools/reads_simulation.py). It adds reads to the database it runs
against: use a development database (`--settings=devtools.settings`).
"""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Sum
from django.utils import timezone

from audience.counting import roll_up
from audience.models import ArticleReads
from audience.reader import HOME_MOST_READ_COUNT
from audience.selectors import most_read
from devtools import reads_simulation as simulation


class Command(BaseCommand):
    help = "Send a simulated day of readers and bots to the read beacon; print Most read against the expected order."

    def add_arguments(self, parser):
        parser.add_argument("--readers", type=int, default=300, help="Readers per edition (default 300).")
        parser.add_argument("--stories", type=int, default=8, help="Newest live stories read per edition (default 8).")
        parser.add_argument("--seed", type=int, default=20)
        parser.add_argument("--url", default="", help="A running server (e.g. http://127.0.0.1:8000); default: in this process.")

    def handle(self, *args, readers, stories, seed, url, **options):
        if ArticleReads.objects.exists():
            self.stdout.write(self.style.WARNING("This database has counted reads already: Most read mixes them in."))
        languages = [code for code, _name in settings.LANGUAGES]
        editions = simulation.stories_by_edition(languages, stories)
        if not any(editions.values()):
            raise CommandError("No live stories to read: load some first (load_sample_stories, generate_demo_content).")
        started = timezone.now()
        roll_up()
        before = self.counts(editions)
        day = simulation.simulate(editions, readers=readers, sender=simulation.Sender(url), seed=seed)
        roll_up()
        self.stdout.write(
            f"{day.requests} requests ({day.bot_requests} from bots, {day.reloads} reloads) in "
            f"{(timezone.now() - started).total_seconds():.1f} s"
        )
        wanted = simulation.expected(editions, day, limit=HOME_MOST_READ_COUNT)
        after = self.counts(editions)
        wrong = 0
        for language in languages:
            shown = most_read(language, limit=HOME_MOST_READ_COUNT)
            self.stdout.write(f"\nMost read, /{language}/   (expected readers / counted)")
            for rank, (story, readers_expected) in enumerate(wanted[language], start=1):
                got = shown[rank - 1] if rank <= len(shown) else None
                counted = after.get(story.pk, 0) - before.get(story.pk, 0)
                ok = got is not None and got.pk == story.pk and counted == readers_expected
                wrong += not ok
                mark = self.style.SUCCESS("ok") if ok else self.style.ERROR(f"WRONG: shows {got.title if got else 'nothing'}")
                self.stdout.write(f"  {rank}. {story.title[:60]:<60} {readers_expected:>5} / {counted:<5} {mark}")
        if wrong:
            raise CommandError(f"{wrong} place(s) differ from what the simulated readers did.")
        self.stdout.write(self.style.SUCCESS("\nEvery edition's Most read matches the simulated day."))

    @staticmethod
    def counts(editions) -> dict[int, int]:
        ids = [story.pk for edition in editions.values() for story in edition]
        return dict(ArticleReads.objects.filter(article__in=ids).values_list("article_id").annotate(n=Sum("reads")).order_by())
