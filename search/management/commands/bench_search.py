"""Time reader searches over the current database: one- and three-word queries.

Why: search must stay fast as the archive grows (target on PostgreSQL with
100,000 articles: median under 50 ms, 95th percentile under 150 ms). Each
timing covers what the search page does (search.engine.search_page): find the
first page's matches and whether more follow, fetch its rows with their
sections, and build the snippets.

Query words are drawn (with a fixed seed) from indexed titles and bodies, so
they hit real documents in every language. ``--generate N`` first fills the
database with generate_demo_content when it holds fewer published articles.
"""

import random
import re
import statistics
import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand, CommandError
from django.db.models import Max, Min

from articles.models import Article
from search.engine import search_page
from search.models import SearchDocument
from search.query import parse
from search.views import RESULTS_PER_PAGE

_WORD = re.compile(r"\w{4,}")


class Command(BaseCommand):
    help = "Benchmark search: median and 95th percentile for one- and three-word queries."

    def add_arguments(self, parser):
        parser.add_argument("--queries", type=int, default=200, help="Queries per kind (default 200).")
        parser.add_argument("--seed", type=int, default=7)
        parser.add_argument("--generate", type=int, default=0, metavar="N",
                            help="First make sure N published articles exist (generate_demo_content --replace).")
        parser.add_argument("--warmup", type=int, default=20, help="Untimed queries first, to warm caches.")

    def handle(self, *args, queries, seed, generate, warmup, verbosity, **options):
        if generate:
            self._ensure_articles(generate, verbosity)
        live = Article.objects.published().count()
        if not live:
            raise CommandError("No published articles to search; pass --generate 100000.")
        rng = random.Random(seed)
        vocabulary = self._sample_words(rng)
        if len(vocabulary) < 3:
            raise CommandError("The index holds too few words; run rebuild_search_index.")

        kinds = {
            "1 word": [[rng.choice(vocabulary)] for _ in range(queries)],
            "3 words": [rng.sample(vocabulary, 3) for _ in range(queries)],
        }
        for words in kinds["1 word"][:warmup]:
            self._run(" ".join(words))
        self.stdout.write(f"{live} published articles, {queries} queries per kind")
        failed = False
        for kind, queries_of_kind in kinds.items():
            timings, hits, slowest = [], [], []
            for words in queries_of_kind:
                seconds, count = self._run(" ".join(words))
                timings.append(seconds * 1000)
                hits.append(count)
                slowest.append((seconds * 1000, " ".join(words)))
            median = statistics.median(timings)
            p95 = statistics.quantiles(timings, n=20)[-1]
            ok = median < 50 and p95 < 150
            failed |= not ok
            style = self.style.SUCCESS if ok else self.style.WARNING
            self.stdout.write(style(
                f"{kind:>8}: median {median:6.1f} ms, p95 {p95:6.1f} ms, max {max(timings):6.1f} ms "
                f"(median {statistics.median(hits):.0f} matches; {RESULTS_PER_PAGE + 1} means a page and more)"
            ))
            if verbosity >= 2:
                for milliseconds, text in sorted(slowest, reverse=True)[:5]:
                    self.stdout.write(f"          slow: {milliseconds:6.1f} ms  {text}")
        if failed:
            self.stdout.write(self.style.WARNING("Slower than the target (median < 50 ms, p95 < 150 ms)."))

    def _run(self, text):
        started = time.perf_counter()
        parsed = parse(text)
        page = search_page(parsed, 1, per_page=RESULTS_PER_PAGE)
        page.object_list  # the rows and snippets, as a search whose results are not kept yet  # noqa: B018
        return time.perf_counter() - started, page.end_index + page.has_next

    def _sample_words(self, rng):
        """Distinct words from the titles and standfirsts of up to 300 random documents."""
        bounds = SearchDocument.objects.aggregate(low=Min("pk"), high=Max("pk"))
        if bounds["low"] is None:
            return []
        picks = {rng.randint(bounds["low"], bounds["high"]) for _ in range(300)}
        words = set()
        for title, standfirst in SearchDocument.objects.filter(pk__in=picks).values_list("title", "standfirst"):
            words.update(_WORD.findall(f"{title} {standfirst}".lower()))
        return sorted(words)

    def _ensure_articles(self, wanted, verbosity):
        if Article.objects.published().count() >= wanted:
            return
        if "generate_demo_content" not in get_commands():
            raise CommandError("generate_demo_content is not installed; fill the database another way.")
        call_command("generate_demo_content", articles=wanted, replace=True, verbosity=verbosity)
        if SearchDocument.objects.count() < wanted:
            call_command("rebuild_search_index", missing_only=True, verbosity=verbosity)
