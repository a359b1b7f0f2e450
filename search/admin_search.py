"""The article list's search box in the admin, through the search index.

Django's own admin search looks for the term in every body with ``icontains``: a sequential
scan of the whole archive (2.4 s at 20,000 articles). This reads the search documents
instead: headline, standfirst, tags, bylines and body, normalised as for readers
(search.normalize), so a Pashto word typed with an Arabic yeh finds the story written with a
Persian one. Unlike reader search, drafts and every other state
are found: the list hands in the articles this person may see
(``Article.objects.visible_to``, via ``ArticleAdmin.get_queryset``), and only those come back.

The search box turns off the list's date drill-down (articles/admin.py): its first and
last dates would read every match of a common word twice more.

The last word may be unfinished (an editor types "kandah" for Kandahar, and the autocomplete
boxes search as one types), so it matches as a prefix.
"""

from functools import reduce
from operator import and_, or_

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Q

from articles.paginators import planner_row_estimate
from search.models import SearchDocument
from search.query import ParsedQuery, parse

TEXT_FIELDS = ["title", "standfirst", "tags", "authors", "body_text"]


# Up to this many matches, the list filters by their ids: PostgreSQL sorts a few thousand rows
# in a millisecond or two. More, and it walks the newest articles testing each one's document,
# which finds a page of a common word's matches within the first few hundred.
ID_LIST_LIMIT = 3000
# The first question asks only this many: for a common word PostgreSQL reads documents in table
# order until it has them, so asking for ten times as many takes about ten times as long
# (docs/performance.md, "The admin article list").
FIRST_ASK = 300


def search_articles(articles, term: str):
    """``articles`` narrowed to those matching ``term``, in any state; ``articles`` if it has no words."""
    parsed = parse(term)
    if parsed.is_empty:
        return articles
    if connection.vendor == "postgresql":
        query = _tsquery(parsed)
        documents, joined = SearchDocument.objects.filter(vector=query), Q(search_document__vector=query)
    else:
        documents = SearchDocument.objects.filter(_text_match(parsed))
        joined = Q(pk__in=documents.values("article_id"))
    # PostgreSQL cannot guess how many documents match a prefix ("kandah:*") or several words, and
    # left to choose it may walk all 100,000 articles for a word no story has, or look up each of
    # 8,000 matches for a writer who may see 300. So: ask, then choose. A writer's own stories are
    # few: only their documents are tested.
    visible = list(articles.order_by().values_list("pk", flat=True)[: ID_LIST_LIMIT + 1])
    if len(visible) <= ID_LIST_LIMIT:
        documents = documents.filter(article_id__in=visible)
    ids = list(documents.values_list("article_id", flat=True)[: FIRST_ASK + 1])
    if len(ids) <= FIRST_ASK:
        return articles.filter(pk__in=ids)
    # More than a few pages. A common word (the planner expects thousands) is found fastest by
    # walking the newest articles; for a middling one the ids are worth reading after all.
    if (planner_row_estimate(documents) or 0) > ID_LIST_LIMIT:
        return articles.filter(joined)
    ids = list(documents.values_list("article_id", flat=True)[: ID_LIST_LIMIT + 1])
    return articles.filter(Q(pk__in=ids) if len(ids) <= ID_LIST_LIMIT else joined)


def raw_tsquery(parsed: ParsedQuery) -> str:
    """``parsed`` in to_tsquery syntax, built only from its words (``\\w+``, no operators of the
    editor's): AND within a group, OR between groups, phrases in order, the last word a prefix."""
    last_term = next((term for group in reversed(parsed.groups) for term in reversed(group) if not term.negated), None)
    groups = []
    for group in parsed.groups:
        terms = []
        for term in group:
            words = list(term.words)
            if term is last_term:
                words[-1] = f"{words[-1]}:*"
            phrase = " <-> ".join(words)
            terms.append(f"!({phrase})" if term.negated else f"({phrase})")
        groups.append(" & ".join(terms))
    return " | ".join(f"({group})" for group in groups)


def _tsquery(parsed: ParsedQuery) -> SearchQuery:
    # English stories are indexed stemmed, Pashto and Dari word for word (search.indexer).
    raw = raw_tsquery(parsed)
    return SearchQuery(raw, config="english", search_type="raw") | SearchQuery(raw, config="simple", search_type="raw")


def _text_match(parsed: ParsedQuery) -> Q:
    """SQLite, for development: each word or phrase somewhere in the normalised text."""

    def contains(phrase: str) -> Q:
        return reduce(or_, (Q(**{f"{field}__icontains": phrase}) for field in TEXT_FIELDS))

    groups = []
    for group in parsed.groups:
        terms = [~contains(" ".join(t.words)) if t.negated else contains(" ".join(t.words)) for t in group]
        groups.append(reduce(and_, terms))
    return reduce(or_, groups)
