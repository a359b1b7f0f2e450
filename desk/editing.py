"""Soft locks: "Farid is editing since 14:02" on the article form, so two people do not rewrite the same story.

Nothing is refused: the form's version check (articles/forms.py) stops a save over a newer one.
While the form is open its page says so every ``HEARTBEAT_SECONDS`` (desk/static/desk/editing.js),
and says goodbye when the tab closes; a session counts while it was heard from within ``FRESH``,
so a crashed browser or a laptop closed mid-sentence frees the story within two minutes.
"""

import datetime

from django.forms import Media, Script
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html

from articles.times import oslo_and_kabul
from desk.models import EditingSession

HEARTBEAT_SECONDS = 30
FRESH = datetime.timedelta(minutes=2)  # four missed heartbeats


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


def editing_warning(others: list[EditingSession]) -> str:
    if not others:
        return ""
    names = ", ".join(f"{s.user.get_full_name() or s.user.get_username()}" for s in others)
    return format_html(
        "{} also editing this article (since {}). Agree who goes first: if you both save, the second save is stopped.",
        names + (" is" if len(others) == 1 else " are"), oslo_and_kabul(others[0].since),
    )


class EditingNotice:
    """Hooked into the article form (articles.admin.article_form_hooks) by DeskConfig.ready()."""

    def opened(self, request, article) -> str:
        return editing_warning(note_editing(article=article, user=request.user))

    def media(self, request, article) -> Media:
        """The heartbeat that keeps this person's session fresh while the tab is open."""
        return Media(js=[Script(
            "desk/editing.js", defer=True,
            **{
                "data-heartbeat-url": reverse("desk:editing_heartbeat", args=[article.pk]),
                "data-release-url": reverse("desk:editing_release", args=[article.pk]),
                "data-heartbeat-seconds": str(HEARTBEAT_SECONDS),
            },
        )])

    def saved(self, request, article) -> None:
        stop_editing(article=article, user=request.user)
