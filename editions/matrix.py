"""The translation matrix: every story, and where it stands in each edition."""

from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Status

EDITIONS = list(settings.LANGUAGES)

STATE_LABELS = {
    "published": _("Published"),
    "scheduled": _("Scheduled"),
    "review": _("In review"),
    "draft": _("Draft"),
    "archived": _("Archived"),
    "out_of_date": _("Out of date"),
    "missing": _("Missing"),
}


def edition_state(article: Article | None) -> str:
    """One of STATE_LABELS' keys. Out of date wins over published: it is what needs doing."""
    if article is None:
        return "missing"
    status = getattr(article, "translation_status", None) if article.translation_of_id else None
    if article.is_published and status is not None and status.is_out_of_date:
        return "out_of_date"
    if article.is_scheduled:
        return "scheduled"
    if article.is_published:
        return "published"
    return {Status.REVIEW: "review", Status.ARCHIVED: "archived"}.get(article.status, "draft")


@dataclass
class Cell:
    language: str
    article: Article | None
    state: str
    is_original: bool = False

    @property
    def label(self):
        return STATE_LABELS[self.state]


@dataclass
class Row:
    original: Article
    cells: list[Cell]


def stories(*, readable, query: str = "", section=None, language: str = "", needs_work: bool = False):
    """Originals (articles that translate nothing) among ``readable`` (what this person may read:
    ``Article.objects.readable_by(user)``), newest first, filtered as the editor asked."""
    originals = readable.filter(translation_of__isnull=True).select_related("section")
    if query:
        originals = originals.filter(Q(title__icontains=query) | Q(translations__title__icontains=query)).distinct()
    if section:
        originals = originals.filter(section=section)
    if language:
        originals = originals.filter(language=language)
    if needs_work:
        other_editions = len(EDITIONS) - 1
        originals = originals.annotate(
            editions_done=Count("translations__language", distinct=True)
        ).filter(
            Q(editions_done__lt=other_editions) | Q(translations__translation_status__out_of_date_since__isnull=False)
        ).distinct()
    return originals.order_by("-created_at", "-pk")


def rows_for(originals, *, readable=None) -> list[Row]:
    """One row per original with a cell per edition, in two queries for the whole page.
    A translation outside ``readable`` (another writer's draft) is not shown."""
    originals = list(originals)
    translations = (
        (Article.objects.all() if readable is None else readable).filter(translation_of__in=originals)
        .select_related("translation_status")
        .order_by("translation_of_id", "-published_at", "-pk")
    )
    by_original: dict[int, dict[str, Article]] = {}
    for article in translations:
        versions = by_original.setdefault(article.translation_of_id, {})
        current = versions.get(article.language)
        # Several drafts in one language: show the published one, else the newest.
        if current is None or (article.is_published and not current.is_published):
            versions[article.language] = article
    rows = []
    for original in originals:
        versions = by_original.get(original.pk, {})
        cells = []
        for code, _name in EDITIONS:
            if code == original.language:
                cells.append(Cell(code, original, edition_state(original), is_original=True))
            else:
                cells.append(Cell(code, versions.get(code), edition_state(versions.get(code))))
        rows.append(Row(original, cells))
    return rows
