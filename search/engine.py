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
Nothing counts the matches: a page asks for one id more than it shows to know
whether a next page exists (counting even the first 200 of a common word's
60,000 matches cost more than the page itself), and paging stops at RESULT_CAP
matches: nobody reads page 11. The rows, and the text of the snippets, are
fetched for the shown page only.

SQLite: the FTS5 table ranked by bm25 with the same order of weights, or plain
substring matching if SQLite lacks FTS5.
"""

from contextlib import contextmanager
from datetime import timedelta

from django.contrib.postgres.search import SearchQuery
from django.db import connection, transaction
from django.db.models import Case, F, IntegerField, Q, Value, When
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.functional import cached_property
from psycopg import ClientCursor

from articles.models import Article, Section
from search import indexer
from search.compiled import Shapes
from search.models import SearchDocument
from search.query import ParsedQuery
from search.snippets import mark_words, render_marked

RESULT_CAP = 200
RECENT_WINDOW = timedelta(days=14)
FTS = indexer.FTS_TABLE
# bm25 column weights for title, standfirst, body, tags (FTS5 column order).
FTS_WEIGHTS = "10.0, 4.0, 1.0, 4.0"


class SearchResults:
    """Matching articles, best first. ``ids(limit)`` gives the ids of the first ``limit``
    matches (use it inside ``search_plans()``); ``page()`` turns a reader's page number into a
    ``SearchPage``. Nothing counts every match: a page asks for one id more than it shows, to
    know whether there is a next page."""

    def __init__(self, ids):
        self.ids = ids

    def page(self, number, per_page: int, *, load=None) -> "SearchPage":
        """Page ``number`` (1-based, as Paginator.get_page takes it: nonsense is page 1, past
        the end the last page). Pages stop at RESULT_CAP matches. ``load(ids)`` turns the
        page's ids into its articles when they are first asked for (default: ``rows``)."""
        last_possible = max(1, -(-RESULT_CAP // per_page))
        try:
            number = min(max(int(number), 1), last_possible)
        except (TypeError, ValueError):
            number = 1
        with search_plans():
            ids = self.ids(min(number * per_page, RESULT_CAP) + 1)
        if number > 1 and len(ids) <= (number - 1) * per_page:
            # Past the end: the last page there is (we hold every id up to it).
            number = max(1, -(-len(ids) // per_page))
        start, stop = (number - 1) * per_page, min(number * per_page, RESULT_CAP)
        return SearchPage(number=number, start=start, ids=ids[start:stop], more=len(ids) > stop, load=load or rows)


class SearchPage:
    """What the results template needs of a page of matches: their ids, where they start,
    whether there are more, the number of matches once the last page is reached, and the
    articles themselves (``object_list``), read only when something asks for them: a page
    whose results are already rendered (search.views) needs just the ids."""

    def __init__(self, *, number: int, start: int, ids: list, more: bool, load):
        self.number, self.start, self.ids, self._load = number, start, ids, load
        self.has_previous = number > 1
        # More matches than we page through: the page says "more than 200".
        self.capped = more and self.end_index >= RESULT_CAP
        self.has_next = more and not self.capped
        # The number of matches, known once nothing comes after this page (else more than end_index).
        self.total = None if more else self.end_index

    @cached_property
    def object_list(self) -> list:
        return self._load(self.ids)

    @property
    def end_index(self) -> int:
        return self.start + len(self.ids)

    def start_index(self) -> int:
        return self.start + 1 if self.ids else 0

    def has_other_pages(self) -> bool:
        return self.has_previous or self.has_next

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


EMPTY = SearchResults(lambda limit: [])


def search_articles(parsed: ParsedQuery, *, section=None, language: str = "") -> SearchResults:
    """Published articles matching ``parsed``, best first."""
    if parsed.is_empty:
        return EMPTY
    if connection.vendor == "postgresql":
        return _postgres(parsed, section=section, language=language)
    articles = Article.objects.published()
    if section is not None:
        articles = articles.filter(section=section)
    if language:
        articles = articles.filter(language=language)
    ranked = _fts5(articles, parsed) if indexer.uses_fts5() else _substring(articles, parsed)
    ids = ranked.values_list("pk", flat=True)
    return SearchResults(lambda limit: list(ids[:limit]))


def search_page(parsed: ParsedQuery, number=1, *, per_page: int, section=None, language: str = "",
                sections=None) -> SearchPage:
    """The search page's work: page ``number`` of the matches; its articles, when asked for,
    come with their sections and a highlighted snippet each. ``sections`` (id -> Section, e.g.
    the kept navigation's) saves asking for the results' sections."""

    def load(page_ids):
        articles = rows(page_ids)
        _attach_sections(articles, sections or {})
        attach_snippets(articles, parsed)
        return articles

    return search_articles(parsed, section=section, language=language).page(number, per_page, load=load)


# What a result shows: headline, link (slug, section), language, date; the section comes apart.
LISTED_FIELDS = ("title", "slug", "language", "published_at", "section")


def rows(page_ids: list) -> list:
    """The page's articles in ``page_ids`` order, with the text their snippets come from. Through
    published() once more: the document's copy of status and time could lag."""
    if not page_ids:
        return []
    found = (
        Article.objects.published()
        .only(*LISTED_FIELDS)
        .annotate(snippet_standfirst=F("search_document__standfirst"), snippet_body=F("search_document__body_text"))
        .in_bulk(page_ids)
    )
    return [found[pk] for pk in page_ids if pk in found]


def _attach_sections(articles: list, sections: dict) -> None:
    missing = {article.section_id for article in articles} - sections.keys()
    if missing:
        sections = {**sections, **Section.objects.in_bulk(missing)}
    for article in articles:
        article.section = sections[article.section_id]


def attach_snippets(articles: list, parsed: ParsedQuery) -> None:
    """Give each article on the page a ``search_snippet``: escaped text, matches in <mark>."""
    words = parsed.words
    for article in articles:
        text = f"{article.snippet_standfirst or ''} {article.snippet_body or ''}".strip()
        article.search_snippet = render_marked(mark_words(text, words))


def _postgres(parsed, *, section, language):
    now = timezone.now()
    values = {
        "now": now, "recent": now - RECENT_WINDOW, "text": parsed.websearch(),
        "section": section.pk if section is not None else None, "language": language,
    }
    filters = (parsed.has_exclusions, section is not None, bool(language))

    def ids(limit):
        """The first ``limit`` ids in ranking order (fewer if fewer match).

        Each tier's newest matches: first from the last fortnight (a common word fills the
        page there, and those are its newest matches anyway), else from its whole, shorter
        list. Nothing counts a common word's matches; a query that does not fill the page
        from the first tier's fortnight (or has several words, so probably few matches) is
        counted up to ``limit``, and asking stops once that many are found: no tier is
        searched for matches that do not exist."""
        found, target, counted = [], limit, False
        if len(parsed.words) > 1:
            target, counted = _SHAPES[("count", None, *filters)].count(values, limit=limit), True
        for tier in range(len(TIERS)):  # a later tier is asked only when the earlier ones cannot fill the page
            wanted = target - len(found)
            if wanted <= 0:
                break
            more = _SHAPES[("recent", tier, *filters)].fetch_column(values, limit=wanted)
            if len(more) < wanted and not counted:
                target, counted = _SHAPES[("count", None, *filters)].count(values, limit=limit), True
                wanted = target - len(found)
            if len(more) < wanted:
                more = _SHAPES[("all", tier, *filters)].fetch_column(values, limit=wanted)
            found += more[: max(wanted, 0)]
        return found

    return SearchResults(ids)


# The ranking tiers, given the documents that match (``matching``) and those a tier picks its
# matches from (``ranked``): headline, then standfirst or tags, then the body. What matches is
# the whole text (as on SQLite); the tiers only rank it. Without exclusions a headline or
# standfirst match is a match of the whole text anyway. With one ("kabul -herat"), a headline
# can match while the body names the excluded word: the whole text must match too.
TIERS = (
    lambda matching, ranked, query: ranked.filter(title_vector=query),
    lambda matching, ranked, query: ranked.filter(head_vector=query).exclude(title_vector=query),
    lambda matching, ranked, query: matching.exclude(head_vector=query),
)


def _id_query(shape, values):
    """The queryset of one of a search's statements: ``kind`` "count" (the matches), or a tier's
    ids newest first, from the "recent" fortnight or from "all" its matches."""
    kind, tier, has_exclusions, has_section, has_language = shape
    text = values["text"]
    query = SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="simple", search_type="websearch"
    )  # English articles match stems, Pashto and Dari ones words
    live = SearchDocument.objects.live(values["now"])
    if has_section:
        live = live.filter(section_id=values["section"])
    if has_language:
        live = live.filter(language=values["language"])
    matching = live.filter(vector=query)
    if kind == "count":
        return matching.values_list("article_id")
    newest = TIERS[tier](matching, matching if has_exclusions else live, query).order_by("-published_at", "-article_id")
    if kind == "recent":
        newest = newest.filter(published_at__gt=values["recent"])
    return newest.values_list("article_id", flat=True)


_SHAPES = Shapes(_id_query)


# Bitmap scans through the GIN indexes only: no table walk, no date-index walk testing every row.
PLANS_OFF = "SELECT set_config('enable_seqscan', '{0}', true), set_config('enable_indexscan', '{0}', true)"


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
    if connection.in_atomic_block:
        # A caller's transaction (tests, ATOMIC_REQUESTS): SET LOCAL would outlive us; switch back.
        with connection.cursor() as cursor:
            cursor.execute(PLANS_OFF.format("off"))
            try:
                yield
            finally:
                cursor.execute(PLANS_OFF.format("on"))
        return
    # Autocommit (a reader's request): each query goes out behind the settings in one message,
    # which PostgreSQL runs as one implicit transaction, so they hold for that query and end
    # with it. One round trip per query instead of BEGIN, settings, queries and COMMIT.
    with connection.execute_wrapper(_behind_plan_settings):
        yield


def _behind_plan_settings(execute, sql, params, many, context):
    cursor = context["cursor"].cursor
    if many or not isinstance(cursor, ClientCursor):  # server-side binding takes one statement
        with transaction.atomic(using=context["connection"].alias):
            context["cursor"].cursor.execute(PLANS_OFF.format("off"))
            return execute(sql, params, many, context)
    result = execute(f"{PLANS_OFF.format('off')}; {sql}", params, many, context)
    cursor.nextset()  # past the settings' row to the query's own result
    return result


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
