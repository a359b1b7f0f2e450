"""What the counts say: an edition's most read stories, the editors' top stories, one story's reads."""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db.models import Q, Sum
from django.utils import timezone

from articles.models import Article
from audience.counting import start_of_day
from audience.models import ArticleReads

NEWEST_FIRST = ("-published_at", "-id")
# What a "Most read" link needs.
LINK_FIELDS = ("pk", "slug", "title", "language", "section__slug")


def most_read(language: str, *, limit: int, now: datetime | None = None) -> list[Article]:
    """The edition's live stories most read in the last 24 hours; while the site is quiet
    (fewer than ``limit`` stories read in that time) those of the last 7 days; with no reads
    in a week at all, the totals imported from the old site.

    One query (the week's rows of the edition, an index range), two when nothing was read in
    a week. It fetches up to ``2 * limit - 1`` stories ordered by the day's reads, then the
    week's: when fewer than ``limit`` of them were read today, those are all of the day's
    stories followed by the week's top ``limit`` of the rest, among which are the week's
    top ``limit`` overall."""
    now = now or timezone.now()
    live = Article.objects.published().filter(language=language).select_related("section").only(*LINK_FIELDS)
    day = Q(hourly_reads__hour__gte=now - timedelta(hours=24))
    stories = list(
        live.filter(hourly_reads__language=language, hourly_reads__hour__gte=now - timedelta(days=7))
        .annotate(day_reads=Sum("hourly_reads__reads", filter=day, default=0), week_reads=Sum("hourly_reads__reads"))
        .order_by("-day_reads", "-week_reads", *NEWEST_FIRST)[: 2 * limit - 1]
    )
    if sum(1 for story in stories if story.day_reads) >= limit:
        return stories[:limit]
    if stories:
        return sorted(stories, key=lambda story: -story.week_reads)[:limit]  # stable: newest first among equals
    # Imported view counts: the old site's totals (article_most_read_idx).
    return list(live.order_by("-view_count", *NEWEST_FIRST)[:limit])


@dataclass
class TopStory:
    article: Article
    reads: int


def top_stories(*, since: datetime, limit: int = 10) -> list[TopStory]:
    """Every edition's stories most read since ``since``, for the editors' desk."""
    stories = (
        Article.objects.filter(hourly_reads__hour__gte=since)
        .select_related("section")
        .only("pk", "title", "language", "status", "published_at", "section__name", "section__slug")
        .annotate(period_reads=Sum("hourly_reads__reads"))
        .order_by("-period_reads", *NEWEST_FIRST)[:limit]
    )
    return [TopStory(story, story.period_reads) for story in stories]


@dataclass
class StoryReads:
    today: int
    week: int
    counted: int  # every read counted here, since counting began
    imported: int  # the old site's total, from the import

    @property
    def total(self) -> int:
        return self.counted + self.imported


def article_reads(article: Article, *, now: datetime | None = None) -> StoryReads:
    """One story's readers today (the site's day), in the last 7 days and in all."""
    now = now or timezone.now()
    rows = ArticleReads.objects.filter(article=article)
    totals = rows.aggregate(
        today=Sum("reads", filter=_since(start_of_day(now))),
        week=Sum("reads", filter=_since(now - timedelta(days=7))),
        counted=Sum("reads"),
    )
    return StoryReads(
        today=totals["today"] or 0, week=totals["week"] or 0, counted=totals["counted"] or 0,
        imported=article.view_count,
    )


def _since(moment):
    return Q(hour__gte=moment)
