"""The reader pages' listing queries, shaped so each reads an index range at any archive size.

All of them start from ``Article.objects.published()`` (what readers may see) and return
unevaluated querysets.
"""

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.db import connection
from django.db.models import Count, Exists, IntegerField, OuterRef, Subquery, Value, prefetch_related_objects
from django.db.models.functions import Coalesce
from django.utils import timezone

from articles.models import Article, ArticleTag, Banner, Pin, Place

NEWEST_FIRST = ("-published_at", "-id")
# The same order read from the link rows' copy of the time and their index (keep_link_times).
NEWEST_TAGGED_FIRST = ("-tagged_items__published_at", "-tagged_items__content_object_id")
NEWEST_BYLINED_FIRST = ("-article_authors__published_at", "-article_authors__article_id")
# "Related stories" scores only this many of the newest live stories of the language:
# constant work however big the archive (a full scan of the tag links took 1.2 s at 100k).
RELATED_CANDIDATE_WINDOW = 300
BEFORE_ANY_STORY = datetime.datetime(1, 1, 1, tzinfo=datetime.UTC)
# The home page's section blocks are picked from this many of the newest live stories (ids only).
SECTION_BLOCK_WINDOW = 200


def live_in(language: str):
    return Article.objects.published().filter(language=language)


# What a story card (articles/includes/story_card.html) shows, and its address needs.
CARD_FIELDS = (
    "title", "slug", "standfirst", "language", "status", "published_at", "section",
    "hero_image", "hero_width", "hero_height", "hero_alt", "hero_focal_x", "hero_focal_y",
)


def with_card_fields(stories):
    """Stories as cards show them: the section with them, none of the columns a card never
    shows (the body above all). ``as_cards`` then reads the pictures' renditions."""
    return stories.select_related("section").only(*CARD_FIELDS)


def as_cards(stories) -> list[Article]:
    """The stories, with the renditions of those that have a picture: one query for all of
    them, none when no card has a picture."""
    stories = list(stories)
    prefetch_related_objects([story for story in stories if story.hero_image], "hero_renditions")
    return stories


@dataclass(frozen=True)
class FrontPage:
    """A front page's story ids: ``pinned`` in the editors' order (lead first), then ``top``
    newest first (the others of the top of the page), and the (id, section id) pairs of the
    section blocks."""

    pinned: list[int]
    top: list[int]
    blocks: list[tuple[int, int]]


def front_page(language: str, section_ids, *, top: Callable[[int], int], per_section: int) -> FrontPage:
    """The stories editors pinned to this edition's front page (still pinned, and live), the
    newest ``top(number of pins)`` live stories besides those, and (id, section id) of the newest
    ``per_section`` of each section among the others, newest first. ``top`` depends on the pins
    (they take places the newest would have), so every story the page does not show at the top
    is free for its section's block: none falls between the two.

    One narrow read of the newest ``top + SECTION_BLOCK_WINDOW`` stories (an index range),
    with the few pinned ones in the same statement (UNION ALL), usually fills every section.
    Only a section still short while stories remain beyond the window is asked again, with its
    own ``[:n]`` slice (article_section_newest_idx), all such slices in one UNION ALL: one query
    at any archive size, two when a section is rare.
    """
    now = timezone.now()
    newest = live_in(language).order_by(*NEWEST_FIRST)
    size = top(0) + SECTION_BLOCK_WINDOW
    columns = ("pk", "section_id", "published_at")
    if connection.features.supports_slicing_ordering_in_compound:
        window = newest.values_list(*columns, Value(None, IntegerField()))[:size]
    else:  # SQLite: the slice inside ``pk IN (...)``; the order is put back below
        window = live_in(language).filter(pk__in=newest.values("pk")[:size]).order_by().values_list(
            *columns, Value(None, IntegerField()))
    pins = (
        Pin.objects.current(now).filter(place=Place.FRONT_PAGE, article__in=live_in(language))
        .order_by().values_list("article_id", "article__section_id", "article__published_at", "position")
    )
    rows = list(window.union(pins, all=True))
    pinned = [pk for pk, *_rest in sorted((row for row in rows if row[3] is not None), key=lambda row: row[3])]
    window = sorted((row for row in rows if row[3] is None), key=lambda row: (row[2], row[0]), reverse=True)
    flow = [(pk, section_id) for pk, section_id, _at, _position in window if pk not in pinned]
    shown = top(len(pinned))
    top_ids = [pk for pk, _section_id in flow[:shown]]
    picked = {section_id: [] for section_id in section_ids}
    for pk, section_id in flow[shown:]:
        ids = picked.get(section_id)
        if ids is not None and len(ids) < per_section:
            ids.append(pk)
    short = [section_id for section_id, ids in picked.items() if len(ids) < per_section]
    if short and len(window) == size:
        others = newest.exclude(pk__in=[*pinned, *top_ids])
        slices = [_ids_of(others.filter(section_id=section_id)[:per_section]) for section_id in short]
        more = live_in(language).filter(pk__in=slices[0].union(*slices[1:], all=True)).order_by(*NEWEST_FIRST)
        for section_id in short:
            picked[section_id] = []
        for pk, section_id in more.values_list("pk", "section_id"):
            picked[section_id].append(pk)
    return FrontPage(pinned, top_ids, [(pk, section_id) for section_id, ids in picked.items() for pk in ids])


def first_page_with_pin(flow, pinned, *, per_page: int) -> tuple[Article | None, list[Article], bool]:
    """A list's first page with the story pinned above it, in one query (a UNION of their ids):
    the pinned story (the newest of ``pinned``) or None, the first ``per_page`` cards of ``flow``
    newest first, and whether more follow."""
    ids = _ids_of(flow.order_by(*NEWEST_FIRST)[: per_page + 1]).union(
        _ids_of(pinned.order_by(*NEWEST_FIRST)[:1]), all=True)
    rows = Article.objects.published().filter(pk__in=ids).annotate(is_pinned=Exists(pinned.filter(pk=OuterRef("pk"))))
    cards = as_cards(with_card_fields(rows).order_by(*NEWEST_FIRST))
    top = next((card for card in cards if card.is_pinned), None)
    listed = [card for card in cards if card is not top]
    return top, listed[:per_page], len(listed) > per_page


def section_pins(now=None):
    """The ids of the stories pinned at the top of their sections (still pinned; live or not)."""
    return Pin.objects.current(now).filter(place=Place.SECTION).values("article_id")


def banner(language: str):
    """This edition's breaking-news banner while it shows, or None."""
    found = Banner.objects.filter(language=language, is_on=True).first()
    return found if found is not None and found.is_showing() else None


def related(article: Article, *, limit: int, tag_ids=None):
    """Live stories of the article's language sharing the most tags, then the same section;
    newest first among equals.

    Candidates: those of the newest ``RELATED_CANDIDATE_WINDOW`` stories of the language that
    share a tag (the newest links of the article's few tags, index-only, joined to that window
    of the newest-first index), plus the newest ``limit`` of its section, so the section
    fallback never runs dry. Only those few are scored. ``tag_ids``: the article's tags, when
    the caller has them (the article page prefetches them); else they are a subquery.
    """
    others = live_in(article.language).exclude(pk=article.pk)
    newest = others.order_by(*NEWEST_FIRST)
    same_section = _ids_of(newest.filter(section_id=article.section_id)[:limit])
    if tag_ids is None:
        tag_ids = ArticleTag.objects.filter(content_object=article).values("tag_id")
    elif not tag_ids:
        return others.filter(pk__in=same_section).order_by(*NEWEST_FIRST)
    window = newest.values("pk")[:RELATED_CANDIDATE_WINDOW]
    # The window's oldest time bounds the tag links read (their copy of the story's time): a
    # range of each tag's newest links, not every link the tag ever had. A language with fewer
    # stories than the window has no such time: all links then.
    window_start = newest.values("published_at")[RELATED_CANDIDATE_WINDOW - 1 : RELATED_CANDIDATE_WINDOW]
    since = Coalesce(Subquery(window_start), Value(BEFORE_ANY_STORY))
    sharing = ArticleTag.objects.filter(tag_id__in=tag_ids, published_at__gte=since, content_object__in=window)
    # One UNION, not two ORed IN tests: with OR, PostgreSQL filters every live story instead.
    candidates = sharing.values("content_object_id").union(same_section, all=True)
    return (
        others.filter(pk__in=candidates)
        .annotate(shared_tags=_shared_tag_count(tag_ids))
        .order_by("-shared_tags", *NEWEST_FIRST)[:limit]
    )


def _shared_tag_count(tag_ids):
    """How many of ``tag_ids`` each story carries: a probe of the unique (article, tag) index per candidate."""
    links = ArticleTag.objects.filter(content_object=OuterRef("pk"), tag_id__in=tag_ids)
    counted = links.order_by().values("content_object").annotate(n=Count("tag_id")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _ids_of(sliced):
    """``sliced``'s ids as a query UNION accepts. PostgreSQL takes the slice as it is;
    SQLite (the tests) refuses a LIMIT directly inside a compound statement, so there
    the slice sits in a ``pk IN (...)``."""
    if connection.features.supports_slicing_ordering_in_compound:
        return sliced.values("pk")
    return Article.objects.filter(pk__in=sliced.values("pk")).order_by().values("pk")
