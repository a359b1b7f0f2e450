"""Soft locks: "Farid is editing since 14:02" on the article form, so two people do not rewrite the same story.

Nothing is refused: the form's version check (articles/forms.py) stops a save over a newer one.
A session counts while its editor opened or saved the form within ``FRESH``.
"""

import datetime

from django.utils import timezone
from django.utils.html import format_html

from articles.times import oslo_and_kabul
from desk.models import EditingSession

FRESH = datetime.timedelta(minutes=20)


def note_editing(*, article, user) -> list[EditingSession]:
    """Record that ``user`` has the form open; return the others who have it open now."""
    now = timezone.now()
    session, created = EditingSession.objects.get_or_create(article=article, user=user)
    if not created:
        session.since = session.since if session.seen_at >= now - FRESH else now
        session.seen_at = now
        session.save(update_fields=["since", "seen_at"])
    return list(
        EditingSession.objects.filter(article=article, seen_at__gte=now - FRESH)
        .exclude(user=user).select_related("user").order_by("since")
    )


def stop_editing(*, article, user) -> None:
    EditingSession.objects.filter(article=article, user=user).delete()


class EditingNotice:
    """Hooked into the article form (articles.admin.article_form_hooks) by DeskConfig.ready()."""

    def opened(self, request, article) -> str:
        others = note_editing(article=article, user=request.user)
        return format_html(
            "{} also editing this article (since {}). Agree who goes first: if you both save, the second save is stopped.",
            ", ".join(f"{s.user.get_full_name() or s.user.get_username()}" for s in others) + (" is" if len(others) == 1 else " are"),
            oslo_and_kabul(others[0].since),
        ) if others else ""

    def saved(self, request, article) -> None:
        stop_editing(article=article, user=request.user)
