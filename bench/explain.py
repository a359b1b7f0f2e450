"""EXPLAIN ANALYZE of the reader pages' listing queries, built as the views build them.

``manage.py bench --explain`` prints each plan and flags a sequential scan of
the article table, which a reader page must never need.
"""

import functools
import re

from django.db import connection, transaction
from django.db.models import Count
from django.utils import translation
from taggit.models import Tag

from articles import selectors, views
from articles.models import Article, ArticleAuthor, Author, Section
from search import engine
from search.query import parse
from search.views import RESULTS_PER_PAGE
from syndication.feeds import FEED_LENGTH

# A common word, a rarer one and two words together: the three ways a search's statements run
# (a page from the fortnight; every tier; counted first).
SEARCH_QUERIES = ("Kabul", "drought", "wheat prices")


def hot_queries() -> dict:
    """Name -> queryset (or callable giving the SQL's queryset), for a busy section, tag and author."""
    with translation.override("en"):
        live = selectors.live_in("en")
        articles = views.newest_ids(live)
        section = Section.objects.annotate(n=Count("articles")).order_by("-n").first()
        tag = Tag.objects.annotate(n=Count("taggit_taggeditem_items")).order_by("-n").first()
        author = Author.objects.annotate(n=Count("bylines")).order_by("-n").first()
        article = Article.objects.published().filter(language="en").order_by("-published_at").first()
        page = views.LIST_PAGE_SIZE
        queries = {
            "home: latest": articles[:7],
            "home: most read": selectors.most_read("en", limit=5),
            "section: page 1": articles.filter(section=section)[:page],
            "section: count": live.filter(section=section),
            "section: page 50": articles.filter(section=section)[page * 49 : page * 50],
            "tag: page 1": selectors.tagged(tag, "en").values_list("article_id", flat=True)[:page],
            "tag: count": selectors.tagged(tag, "en"),
            "author: page 1": articles.filter(authors=author)[:page],
            "author: count": live.filter(authors=author),
            "article: by id": Article.objects.published().filter(pk=article.pk),
            "article: bylines": ArticleAuthor.objects.filter(article=article).select_related("author"),
            f"feed: latest {FEED_LENGTH}": Article.objects.published().order_by("-published_at")[:FEED_LENGTH],
            # The reader pages' own queries, so the plans shown are the ones served.
            "article: related": selectors.related(article, limit=views.RELATED_COUNT),
            "home: top stories and section blocks (one window)": articles.values_list("pk", "section_id")[
                : 1 + views.HOME_LATEST_COUNT + selectors.SECTION_BLOCK_WINDOW
            ],
            "cards: rows of 12 stories": live.filter(pk__in=list(articles[:12])).select_related("section").defer("body"),
        }
    return queries


def explain_all(say) -> list[str]:
    """Print every plan; return the names whose plan reads the whole article table."""
    if connection.vendor != "postgresql":
        say("EXPLAIN ANALYZE needs PostgreSQL (DATABASE_URL=postgres://...).")
        return []
    seq_scans = []
    plans = [(name, _explain_count(q) if name.endswith(": count") else _explain(q)) for name, q in hot_queries().items()]
    plans += search_plans()
    for name, plan in plans:
        say(f"--- {name}\n{plan}\n")
        if re.search(r"Seq Scan on articles_article\b", plan):
            seq_scans.append(name)
    return seq_scans


def search_plans() -> list[tuple[str, str]]:
    """The statements a first result page really runs for each of SEARCH_QUERIES, explained
    under the planner settings the search gives them (search.engine.search_plans)."""
    plans = []
    for words in SEARCH_QUERIES:
        statements = []
        capture = functools.partial(_capture, statements)
        with connection.execute_wrapper(capture), engine.search_plans():
            engine.search_articles(parse(words), language="en").page(1, RESULTS_PER_PAGE)
        for number, (sql, params) in enumerate(statements, 1):
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute(engine.PLANS_OFF.format("off"))
                cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
                plan = "\n".join(row[0] for row in cursor.fetchall())
            plans.append((f"search {words!r}: statement {number} of {len(statements)}", plan))
    return plans


def _capture(statements, execute, sql, params, many, context):
    if sql not in (engine.PLANS_OFF.format("off"), engine.PLANS_OFF.format("on")):  # the settings, in a transaction
        statements.append((sql, params))
    return execute(sql, params, many, context)


def _explain(queryset) -> str:
    # Through the cursor: QuerySet.explain() cannot wrap a filtered window query.
    sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE {sql}", params)
        return "\n".join(row[0] for row in cursor.fetchall())


def _explain_count(queryset) -> str:
    sql, params = queryset.order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN ANALYZE SELECT COUNT(*) FROM ({sql}) counted", params)
        return "\n".join(row[0] for row in cursor.fetchall())
