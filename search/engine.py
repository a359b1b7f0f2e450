"""Search over published articles, on whichever database we run.

PostgreSQL ranks in tiers, then by recency: headline matches first, then
standfirst and tag matches, then body matches (title > standfirst > body, as
editors weigh them), newest first within a tier. All matching goes through the
GIN indexes (``search_plans``); a tier first looks at the last fortnight (a
common word fills a page there, and those are its newest matches anyway) and
only a rarer word has its whole, short match list sorted. So a word found in
half the archive costs about as little as a rare one. Queries go through
websearch_to_tsquery in both the 'english' (stemmed) and 'simple'
configurations, so English articles match stems and Pashto and Dari ones words.
Counting stops at RESULT_CAP: nobody reads page 11, and an exact count of
60,000 matches would cost more than the page itself.

SQLite: the FTS5 table ranked by bm25 with the same order of weights, or plain
substring matching if SQLite lacks FTS5.
"""

from contextlib import contextmanager, nullcontext
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Case, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone

from articles.models import Article
from search import indexer
from search.models import SearchDocument
from search.query import ParsedQuery
from search.snippets import mark_words, render_marked

RESULT_CAP = 200
RECENT_WINDOW = timedelta(days=14)
FTS = indexer.FTS_TABLE
# bm25 column weights for title, standfirst, body, tags (FTS5 column order).
FTS_WEIGHTS = "10.0, 4.0, 1.0, 4.0"


class SearchResults:
    """Matching articles, best first, as Django's Paginator wants them: ``count()``
    (capped at RESULT_CAP) and slicing. Each slice runs its own small queries;
    use it inside ``search_plans()``."""

    def __init__(self, *, count, fetch):
        self._count_query, self._fetch = count, fetch
        self._total = None

    def _matches(self) -> int:
        if self._total is None:
            self._total = self._count_query(RESULT_CAP + 1)
        return self._total

    def count(self) -> int:
        return min(self._matches(), RESULT_CAP)

    @property
    def capped(self) -> bool:
        """More matched than we count; the page says "more than 200"."""
        return self._matches() > RESULT_CAP

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        if not isinstance(key, slice):
            raise TypeError("SearchResults supports slices only")
        start, stop = key.start or 0, min(key.stop if key.stop is not None else RESULT_CAP, RESULT_CAP)
        return self._fetch(start, stop) if stop > start else []


EMPTY = SearchResults(count=lambda cap: 0, fetch=lambda start, stop: [])


def search_articles(parsed: ParsedQuery, *, section=None, language: str = "") -> SearchResults:
    """Published articles matching ``parsed``, best first."""
    if parsed.is_empty:
        return EMPTY
    if connection.vendor == "postgresql":
        return _postgres(parsed, section=section, language=language)
    articles = Article.objects.published().for_listing()
    if section is not None:
        articles = articles.filter(section=section)
    if language:
        articles = articles.filter(language=language)
    ranked = _fts5(articles, parsed) if indexer.uses_fts5() else _substring(articles, parsed)
    return SearchResults(count=lambda cap: ranked[:cap].count(), fetch=lambda start, stop: list(ranked[start:stop]))


def attach_snippets(articles: list, parsed: ParsedQuery) -> None:
    """Give each article on the page a ``search_snippet``: escaped text, matches in <mark>."""
    if not articles:
        return
    texts = SearchDocument.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "standfirst", "body_text")
    raw = {pk: mark_words(f"{standfirst} {body}".strip(), parsed.words) for pk, standfirst, body in texts}
    for article in articles:
        article.search_snippet = render_marked(raw.get(article.pk, ""))


def _postgres_query(parsed: ParsedQuery):
    text = parsed.websearch()
    return SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="simple", search_type="websearch"
    )


def _postgres(parsed, *, section, language):
    query = _postgres_query(parsed)
    live = SearchDocument.objects.live()
    if section is not None:
        live = live.filter(section=section)
    if language:
        live = live.filter(language=language)
    newest_first = ("-published_at", "-article_id")
    tiers = [
        live.filter(title_vector=query),
        live.filter(head_vector=query).exclude(title_vector=query),
        live.filter(vector=query).exclude(head_vector=query),
    ]

    def count(cap):
        return live.filter(vector=query)[:cap].count()

    def fetch(start, stop):
        ids = []
        recent = timezone.now() - RECENT_WINDOW
        for tier in tiers:  # a later tier is asked only when the earlier ones cannot fill the page
            wanted = stop - len(ids)
            if wanted <= 0:
                break
            newest = tier.order_by(*newest_first).values_list("article_id", flat=True)
            # A common word fills the page from the last fortnight alone, and those are the
            # newest matches anyway; only a rarer one needs its whole (short) match list sorted.
            found = list(newest.filter(published_at__gt=recent)[:wanted])
            if len(found) < wanted:
                found = list(newest[:wanted])
            ids += found
        page_ids = ids[start:stop]
        # Through published() once more: the document's copy of status and time could lag.
        found = Article.objects.published().for_listing().in_bulk(page_ids)
        return [found[pk] for pk in page_ids if pk in found]

    return SearchResults(count=count, fetch=fetch)


@contextmanager
def search_plans():
    """Run a search page's queries with PostgreSQL reading matches through the GIN
    indexes (bitmap scans), never by walking the table or the date index while
    testing every row. Wrap the paginating and the snippets in it.

    The planner's estimate for a word it has no statistics on (or for several
    words together) can be off a thousandfold; it then walks the
    ``published_at`` index expecting a match every few rows, finds none, and
    reads the whole archive (seconds). A bitmap scan costs in proportion to the
    real matches. Other databases: nothing to do.
    """
    if connection.vendor != "postgresql":
        yield
        return
    # SET LOCAL lasts until the transaction ends: our own transaction if we start one,
    # else (tests, ATOMIC_REQUESTS) we must switch the plans back ourselves.
    nested = connection.in_atomic_block
    with nullcontext() if nested else transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT set_config('enable_seqscan', 'off', true), set_config('enable_indexscan', 'off', true)")
        try:
            yield
        finally:
            if nested:
                cursor.execute("SELECT set_config('enable_seqscan', 'on', true), set_config('enable_indexscan', 'on', true)")


def _fts5(articles, parsed):
    match = parsed.fts5()
    table = Article._meta.db_table
    score = RawSQL(
        f"SELECT bm25({FTS}, {FTS_WEIGHTS}) FROM {FTS} WHERE {FTS} MATCH %s AND rowid = {table}.id", [match]
    )
    return (
        articles.filter(pk__in=RawSQL(f"SELECT rowid FROM {FTS} WHERE {FTS} MATCH %s", [match]))
        .annotate(rank=score)
        .order_by("rank", "-published_at", "-id")  # bm25: lower is better
    )


def _substring(articles, parsed):
    fields = ("title", "standfirst", "body_text", "tags")

    def contains(phrase):
        condition = Q()
        for field in fields:
            condition |= Q(**{f"search_document__{field}__icontains": phrase})
        return condition

    matches = Q()
    for group in parsed.groups:
        condition = Q()
        for term in group:
            phrase = " ".join(term.words)
            condition &= ~contains(phrase) if term.negated else contains(phrase)
        matches |= condition
    first = parsed.words[0]
    rank = Case(
        When(search_document__title__icontains=first, then=Value(3)),
        When(Q(search_document__standfirst__icontains=first) | Q(search_document__tags__icontains=first), then=Value(2)),
        default=Value(1),
        output_field=IntegerField(),
    )
    return articles.filter(matches).annotate(rank=rank).order_by("-rank", "-published_at", "-id")
