"""Search over published articles, on whichever database we run.

PostgreSQL: the stored, GIN-indexed tsvector, matched with websearch_to_tsquery
in both the 'english' (stemmed) and 'simple' configurations, so English articles
match stems and Pashto and Dari articles match words; ranked by ts_rank with
title A > standfirst and tags B > body C. SQLite: the FTS5 table (bm25 with the
same order of weights), or plain substring matching if SQLite lacks FTS5.
"""

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import Case, F, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import Concat

from articles.models import Article
from search import indexer
from search.models import SearchDocument
from search.normalize import MARK_END, MARK_START
from search.query import ParsedQuery
from search.snippets import mark_words, render_marked

FTS = indexer.FTS_TABLE
# bm25 column weights for title, standfirst, body, tags (FTS5 column order).
FTS_WEIGHTS = "10.0, 4.0, 1.0, 4.0"


def search_articles(parsed: ParsedQuery, *, section=None, language: str = ""):
    """Published articles matching ``parsed``, best first, as a lazy queryset."""
    if parsed.is_empty:
        return Article.objects.none()
    articles = Article.objects.published().for_listing()
    if section is not None:
        articles = articles.filter(section=section)
    if language:
        articles = articles.filter(language=language)
    if connection.vendor == "postgresql":
        return _postgres(articles, parsed)
    if indexer.uses_fts5():
        return _fts5(articles, parsed)
    return _substring(articles, parsed)


def attach_snippets(articles: list, parsed: ParsedQuery) -> None:
    """Give each article on the page a ``search_snippet``: escaped text, matches in <mark>."""
    if not articles:
        return
    pks = [article.pk for article in articles]
    if connection.vendor == "postgresql":
        raw = _postgres_snippets(pks, parsed)
    elif indexer.uses_fts5():
        raw = _fts5_snippets(pks, parsed)
    else:
        documents = SearchDocument.objects.filter(pk__in=pks).values_list("pk", "standfirst", "body_text")
        raw = {pk: mark_words(f"{standfirst} {body}", parsed.words) for pk, standfirst, body in documents}
    for article in articles:
        article.search_snippet = render_marked(raw.get(article.pk, ""))


def _postgres_query(parsed: ParsedQuery):
    text = parsed.websearch()
    return SearchQuery(text, config="english", search_type="websearch") | SearchQuery(
        text, config="simple", search_type="websearch"
    )


def _postgres(articles, parsed):
    query = _postgres_query(parsed)
    return (
        articles.filter(search_document__vector=query)
        .annotate(rank=SearchRank(F("search_document__vector"), query))
        .order_by("-rank", "-published_at", "-id")
    )


def _postgres_snippets(pks, parsed):
    headline = SearchHeadline(
        Concat("standfirst", Value(" "), "body_text", output_field=TextField()),
        _postgres_query(parsed),
        config=F("config"),
        start_sel=MARK_START,
        stop_sel=MARK_END,
        min_words=20,
        max_words=40,
        max_fragments=2,
        fragment_delimiter=" … ",
    )
    return dict(SearchDocument.objects.filter(pk__in=pks).annotate(snippet=headline).values_list("pk", "snippet"))


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


def _fts5_snippets(pks, parsed):
    placeholders = ", ".join(["%s"] * len(pks))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT rowid, standfirst, body, snippet({FTS}, 2, %s, %s, ' … ', 40) FROM {FTS} "
            f"WHERE {FTS} MATCH %s AND rowid IN ({placeholders})",
            [MARK_START, MARK_END, parsed.fts5(), *pks],
        )
        rows = cursor.fetchall()
    snippets = {}
    for pk, standfirst, body, snippet in rows:
        # No match in the body: the standfirst, with our own marks, says more.
        snippets[pk] = snippet if MARK_START in (snippet or "") else mark_words(standfirst or body, parsed.words)
    return snippets


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
