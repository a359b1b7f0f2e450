"""What each role finds on the admin's front page: the work that waits for them.

A person may hold several roles (a superuser holds all); each role adds its own part.
"""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from articles import services as articles
from articles.models import Article, Status
from articles.models import PendingChange as PendingArticleChange
from articles.times import oslo_and_kabul
from audience.counting import roll_up, start_of_day
from audience.selectors import top_stories
from donations.checks import account_and_iban_disagree, missing_appeal_languages, missing_appeal_warning
from donations.labels import field_label
from donations.models import AuditEntry, ChangeStatus, DonationDetails, PendingChange
from donations.services import APPROVE_PERMISSION
from editions.models import TranslationStatus

ROWS = 15


@dataclass
class Row:
    article: Article
    when: str = ""
    note: articles.ReturnNote | None = None


@dataclass
class Desk:
    roles: list[str] = field(default_factory=list)
    parts: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        if not self.roles:
            return "Newsroom admin"
        names = [role for role in ("Writer", "Editor", "Treasurer") if role in self.roles]
        return f"{names[0]}’s desk" if len(names) == 1 else f"Your desk: {' and '.join(names).lower()}"


def _articles():
    return Article.objects.select_related("section", "created_by").order_by()


def writer_part(user) -> dict:
    own = _articles().filter(created_by=user)
    drafts = list(own.filter(status=Status.DRAFT).order_by("-updated_at")[:ROWS * 2])
    notes = articles.return_notes(drafts)
    return {
        "returned": [Row(a, oslo_and_kabul(notes[a.pk].at), notes[a.pk]) for a in drafts if a.pk in notes],
        "drafts": [Row(a, oslo_and_kabul(a.updated_at)) for a in drafts if a.pk not in notes][:ROWS],
        "waiting": [Row(a, oslo_and_kabul(a.updated_at)) for a in own.awaiting_review().order_by("updated_at")[:ROWS]],
        "assigned": [
            Row(a, oslo_and_kabul(a.updated_at))
            for a in _articles().filter(assignee=user, status__in=articles.WRITABLE_BY_WRITERS).order_by("-updated_at")[:ROWS]
        ],
    }


def editor_part() -> dict:
    articles_ = _articles()
    stale = (
        TranslationStatus.objects.filter(out_of_date_since__isnull=False)
        .select_related("translation__section")
        .order_by("out_of_date_since")[:ROWS]
    )
    return {
        "review": [Row(a, oslo_and_kabul(a.updated_at)) for a in articles_.awaiting_review().order_by("updated_at")[:ROWS]],
        "scheduled": [Row(a, oslo_and_kabul(a.published_at)) for a in articles_.scheduled().order_by("published_at")[:ROWS]],
        # Staged edits of live stories (a writer's proposal, an editor's unfinished change): readers do not see them yet.
        "pending": [
            (pending, oslo_and_kabul(pending.proposed_at), oslo_and_kabul(pending.publish_at) if pending.publish_at else "")
            for pending in PendingArticleChange.objects.open().select_related("article", "proposed_by").order_by("proposed_at")[:ROWS]
        ],
        "recent": [Row(a, oslo_and_kabul(a.published_at)) for a in articles_.published().order_by("-published_at")[:10]],
        "stale": [(status, oslo_and_kabul(status.out_of_date_since)) for status in stale],
        **most_read_part(),
    }


def most_read_part(top: int = 10) -> dict:
    """Every edition's most read stories of today (the site's day) and of the last 7 days."""
    roll_up()  # every read up to now
    now = timezone.now()
    return {
        "read_today": top_stories(since=start_of_day(now), limit=top),
        "read_week": top_stories(since=now - timedelta(days=7), limit=top),
    }


def treasurer_part(user) -> dict:
    pending = list(
        PendingChange.objects.filter(status=ChangeStatus.PENDING).select_related("method", "proposed_by").order_by("proposed_at")
    )
    details = DonationDetails.objects.first()
    warnings = [missing_appeal_warning(language) for language in missing_appeal_languages(details)]
    if mismatch := account_and_iban_disagree(details):
        warnings.append(mismatch)
    return {
        "warnings": warnings,
        "for_you": [(change, oslo_and_kabul(change.proposed_at)) for change in pending if change.proposed_by_id != user.pk],
        "yours": [(change, oslo_and_kabul(change.proposed_at)) for change in pending if change.proposed_by_id == user.pk],
        # Each line names its field: one change writes a line per field, which alone read as repeats.
        "audit": [(entry, field_label(entry.field) if entry.field else "", oslo_and_kabul(entry.at))
                  for entry in AuditEntry.objects.order_by("-at", "-pk")[:8]],
    }


def desk_for(user) -> Desk:
    desk = Desk()
    if articles.can_publish(user):
        desk.roles.append("Editor")
        desk.parts["editor"] = editor_part()
    if user.has_perm("articles.add_article"):
        if "Editor" not in desk.roles:
            desk.roles.append("Writer")
        desk.parts["writer"] = writer_part(user)
    if user.has_perm(APPROVE_PERMISSION):
        desk.roles.append("Treasurer")
        desk.parts["treasurer"] = treasurer_part(user)
    return desk
