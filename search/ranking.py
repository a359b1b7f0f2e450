"""Which published articles match a reader's query, best first.

Matches rank in tiers: the headline, then the standfirst, tags or bylines, then the body (editors
weigh them so). A tier is asked only when the ones before it have not given ``limit``
ids: a common word costs one query over its headline matches, not a ranking of the half
of the archive that names it somewhere. Within a tier the newest come first; on
PostgreSQL the headline and standfirst tiers put more mentions (SearchRank) before that.

PostgreSQL matches the stored vectors (search.models) with the reader's words in both
the 'english' (stemmed) and 'simple' configurations, so English articles match stems
and Pashto and Dari ones words. Other databases (SQLite, for development) look for each
word or phrase in the normalised text.
"""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, Q

from articles.models import Article
from search.query import ParsedQuery

VECTORS = {"title": "title_vector", "head": "head_vector", "all": "vector"}
TEXTS = {
    "title": ["title"],
    "head": ["title", "standfirst", "tags", "authors"],
    "all": ["title", "standfirst", "tags", "authors", "body_text"],
}


def ranked_ids(parsed: ParsedQuery, *, limit: int, section=None, language: str = "") -> list[int]:
    """The ids of the first ``limit`` published articles matching ``parsed``, best first."""
    articles = Article.objects.published()
    if section is not None:
        articles = articles.filter(section=section)
    if language:
        articles = articles.filter(language=language)
    if connection.vendor == "postgresql":
        match, rank = _vector_match(parsed)
    else:
        match, rank = _text_match(parsed), None
    matching = articles.filter(match("all"))
    # Without exclusions a headline or standfirst match is a match of the whole text. With one
    # ("talks -doha") the body must not name the excluded word either.
    candidates = matching if parsed.has_exclusions else articles
    tiers = (
        (candidates.filter(match("title")), "title"),
        (candidates.filter(match("head")).exclude(match("title")), "head"),
        # Newest first only: ts_rank would read every body that names the word (for a common
        # word, half the archive).
        (matching.exclude(match("head")), None),
    )
    ids = []
    for tier, ranked_by in tiers:
        if len(ids) >= limit:
            break
        order = ("-published_at", "-pk")
        if rank and ranked_by:
            # A rank no index holds also makes PostgreSQL collect the tier's matches through
            # its GIN index, rather than walk the newest articles testing each one.
            order = (rank(ranked_by).desc(), *order)
        ids += tier.order_by(*order).values_list("pk", flat=True)[: limit - len(ids)]
    return ids


def _vector_match(parsed: ParsedQuery):
    words = parsed.websearch()
    query = SearchQuery(words, config="english", search_type="websearch") | SearchQuery(
        words, config="simple", search_type="websearch"
    )

    def match(part: str) -> Q:
        return Q(**{f"search_document__{VECTORS[part]}": query})

    def rank(part: str):
        return SearchRank(F(f"search_document__{VECTORS[part]}"), query)

    return match, rank


def _text_match(parsed: ParsedQuery):
    def contains(phrase: str, fields: list[str]) -> Q:
        return reduce(or_, (Q(**{f"search_document__{field}__icontains": phrase}) for field in fields))

    def match(part: str) -> Q:
        groups = Q()
        for group in parsed.groups:
            terms = Q()
            for term in group:
                phrase = " ".join(term.words)
                terms &= ~contains(phrase, TEXTS["all"]) if term.negated else contains(phrase, TEXTS[part])
            groups |= terms
        return groups

    return match
