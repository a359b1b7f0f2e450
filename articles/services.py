"""Editorial actions that change an article's state.

Forms validate, these act, and each one checks that the person may do it:
the admin's buttons and bulk actions are conveniences, this is the rule.
"""

from dataclasses import dataclass
from datetime import datetime

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from reversion.models import Version

from articles.models import PUBLISH_PERMISSION, STAGED_FIELDS, Article, ArticleNote, Correction, PendingChange, Status
from articles.sanitize import clean_body_html

WRITABLE_BY_WRITERS = {Status.DRAFT, Status.REVIEW}


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article | None) -> bool:
    """Editors edit everything; writers only their own unpublished work."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or can_publish(user):
        return True
    # Their own work (Article.objects.visible_to: created, bylined or assigned), while unpublished.
    return article.status in WRITABLE_BY_WRITERS and Article.objects.visible_to(user).filter(pk=article.pk).exists()


def _save(article: Article, by, comment: str) -> Article:
    with transaction.atomic(), reversion.create_revision():
        article.updated_by = by
        article.save()
        reversion.set_user(by)
        reversion.set_comment(comment)
    return article


def article_autosave(*, article: Article, by, title: str, standfirst: str, body: str) -> Article:
    """The words of an unpublished article as they are being typed, kept as a revision ("Autosaved").

    Live stories are not autosaved: half-typed words would go out to readers.
    """
    if not can_edit(by, article):
        raise PermissionDenied("You may not edit this article.")
    if article.status not in WRITABLE_BY_WRITERS:
        raise ValidationError("A live or archived story is saved only when you press Save.")
    if not title.strip():
        raise ValidationError("A story needs a headline before it can be saved.")
    article.title, article.standfirst, article.body = title.strip()[:255], standfirst, body
    return _save(article, by, "Autosaved")


def article_publish(*, article: Article, by, at=None) -> Article:
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish.")
    article.publish(at=at)
    return _save(article, by, "Scheduled" if article.is_scheduled else "Published")


def article_publish_now(*, article: Article, by) -> Article:
    """Live at once: a time still to come is brought forward, an earlier one (a story that was live before) kept."""
    now = timezone.now()
    at = now if article.published_at is None or article.published_at > now else article.published_at
    return article_publish(article=article, by=by, at=at)


def article_schedule(*, article: Article, by, at) -> Article:
    if not can_publish(by):
        raise PermissionDenied("Only editors may schedule.")
    if at is None or at <= timezone.now():
        raise ValidationError("Pick a time still to come to schedule a story; to publish at once, use Publish now.")
    return article_publish(article=article, by=by, at=at)


def article_unpublish(*, article: Article, by) -> Article:
    if not can_publish(by):
        raise PermissionDenied("Only editors may unpublish.")
    article.unpublish()
    return _save(article, by, "Unpublished")


RETURNED_TO_WRITER = "Returned to writer"


def article_return_to_writer(*, article: Article, by, note: str) -> Article:
    """Back to draft with the editor's note, which the writer's front page and form show.

    The note is the revision's comment, so it also stays in the article's history, and a line
    of the story's internal notes, so the writer can answer it where the newsroom talks.
    """
    if not can_publish(by):
        raise PermissionDenied("Only editors may return an article to its writer.")
    if article.status != Status.REVIEW:
        raise ValidationError("Only an article waiting for review can go back to its writer.")
    note = note.strip()
    if not note:
        raise ValidationError("Write the writer a note: what should they change?")
    article.unpublish()
    with transaction.atomic():
        ArticleNote.objects.create(article=article, author=by, text=f"{RETURNED_TO_WRITER}: {note}")
        return _save(article, by, f"{RETURNED_TO_WRITER}: {note}")


@dataclass(frozen=True)
class ReturnNote:
    text: str
    by: str
    at: datetime


def return_notes(articles) -> dict[int, ReturnNote]:
    """The latest editor's note for each of these articles that was returned to its writer."""
    versions = (
        Version.objects.get_for_model(Article)
        .filter(object_id__in=[str(article.pk) for article in articles],
                revision__comment__startswith=f"{RETURNED_TO_WRITER}: ")
        .select_related("revision__user")
        .order_by("revision__date_created")
    )
    notes = {}
    for version in versions:  # oldest first: the latest note wins
        revision = version.revision
        by = revision.user.get_full_name() or revision.user.get_username() if revision.user else "An editor"
        notes[int(version.object_id)] = ReturnNote(revision.comment.removeprefix(f"{RETURNED_TO_WRITER}: "), by, revision.date_created)
    return notes


# -- Staged edits of live stories --------------------------------------------------------
# A live story's words can be changed aside (a PendingChange), previewed, and published later:
# the Article row, and with it every reader page, feed and search document, keeps the live
# text until ``pending_publish``. Who may publish is the one rule above (``can_publish``).


def can_stage(user, article: Article) -> bool:
    """Editors stage changes to any live or scheduled story; writers propose changes to their own."""
    if article.status != Status.PUBLISHED or not (user.is_active and user.has_perm("articles.change_article")):
        return False
    return can_publish(user) or Article.objects.visible_to(user).filter(pk=article.pk).exists()


def open_pending_change(article: Article) -> PendingChange | None:
    return PendingChange.objects.open().filter(article=article).select_related("proposed_by", "scheduled_by").first()


def pending_save(*, article: Article, by, fields: dict) -> PendingChange:
    """Keep ``fields`` (the staged ones) as the article's pending version; the live row is not touched.

    A second save updates the same pending version and keeps what it was started from, so
    the version check on publishing still sees changes made to the live story meanwhile.
    """
    if not can_stage(by, article):
        raise PermissionDenied("You may not change this story.")
    staged = {name: fields[name] for name in STAGED_FIELDS if name in fields}
    if not (staged.get("title") or "").strip():
        raise ValidationError("A story needs a headline.")
    staged["title"] = staged["title"].strip()[:255]
    if "body" in staged:
        staged["body"] = clean_body_html(staged["body"])
    with transaction.atomic():
        live = Article.objects.select_for_update().get(pk=article.pk)
        pending = PendingChange.objects.open().select_for_update().filter(article=live).first()
        if pending is None:
            pending = PendingChange(article=live, based_on=live.updated_at,
                                    base={name: getattr(live, name) for name in STAGED_FIELDS})
        if pending.publish_at is not None and staged != pending.fields:
            # Scheduled text was reviewed as it was: new words wait for an editor to schedule them again
            # (else a writer's later save would go out under the scheduling editor's name).
            pending.publish_at, pending.scheduled_by = None, None
            pending.held_reason = "The text changed after it was scheduled: schedule it again to publish it."
        pending.fields = staged
        pending.proposed_by = by
        pending.proposed_at = timezone.now()
        pending.save()
    return pending


class PendingConflict(ValidationError):
    """The live story changed, in the staged fields, after the pending version was started from it."""


def pending_publish(*, pending: PendingChange, by, correction_note: str = "", over_conflict: bool = False) -> Article:
    """Make the pending text live: a save of the article (history, page cache, search index), and a
    public correction when ``correction_note`` is given. Refused with ``PendingConflict`` when the live
    text changed since, unless ``over_conflict`` (the editor saw the comparison)."""
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish changes to a live story.")
    correction_note = correction_note.strip()
    with transaction.atomic():
        pending = PendingChange.objects.select_for_update(of=("self",)).select_related("proposed_by").get(pk=pending.pk)
        if pending.applied_at is not None:
            raise ValidationError("These changes were already published.")
        article = Article.objects.select_for_update().get(pk=pending.article_id)
        pending.article = article
        conflicts = pending.conflicts()
        if conflicts and not over_conflict:
            raise PendingConflict(
                "The live story was changed after these pending changes were started (%(fields)s): publishing them "
                "would undo that. Compare below, then publish again with “Publish over the newer live text” ticked.",
                code="stale", params={"fields": ", ".join(str(Article._meta.get_field(name).verbose_name) for name in conflicts)},
            )
        if not Version.objects.get_for_object(article).exists():
            # A story never saved through the admin (imported, seeded) has no saved version yet: keep the
            # text that was live until now in the history, so the two can be compared there.
            with reversion.create_revision():
                reversion.add_to_revision(article)
                reversion.set_comment("As it was live before the pending changes were published")
        pending.applied_to(article)
        proposer = pending.proposed_by
        who = f" proposed by {proposer.get_full_name() or proposer.get_username()}" if proposer and proposer != by else ""
        _save(article, by, f"Published pending changes{who}" + (f" with a correction: {correction_note}" if correction_note else ""))
        if correction_note:
            Correction.objects.create(article=article, text=correction_note, created_by=by)
        pending.applied_at, pending.applied_by, pending.correction_note = timezone.now(), by, correction_note
        pending.held_reason = ""
        pending.save(update_fields=["applied_at", "applied_by", "correction_note", "held_reason"])
    return article


def pending_schedule(*, pending: PendingChange, by, at, correction_note: str = "") -> PendingChange:
    """Publish the pending changes at ``at``, in the background (articles.tasks.publish_due_pending_changes)."""
    from articles import tasks

    if not can_publish(by):
        raise PermissionDenied("Only editors may schedule changes to a live story.")
    if at is None or at <= timezone.now():
        raise ValidationError("Pick a time still to come; to publish the changes now, use Publish changes.")
    with transaction.atomic():
        pending = PendingChange.objects.open().select_for_update().get(pk=pending.pk)
        pending.publish_at, pending.scheduled_by = at, by
        pending.correction_note, pending.held_reason = correction_note.strip(), ""
        pending.save(update_fields=["publish_at", "scheduled_by", "correction_note", "held_reason"])
        # A task left from an earlier time finds nothing due then and does nothing.
        tasks.publish_due_pending_changes.using(run_after=at).enqueue()
    return pending


def pending_discard(*, pending: PendingChange, by) -> None:
    """Drop the pending version: editors any, a writer their own proposal."""
    if not (can_publish(by) or (pending.proposed_by_id == by.pk and can_stage(by, pending.article))):
        raise PermissionDenied("Only editors, or whoever proposed them, may discard pending changes.")
    PendingChange.objects.open().filter(pk=pending.pk).delete()


def pending_settled_by_save(*, article: Article, by, pending_id) -> bool:
    """An editor pressed Save on a form that showed the pending text: it is live now, so the
    pending version is done (recorded as published by that save)."""
    return bool(PendingChange.objects.open().filter(article=article, pk=pending_id).update(
        applied_at=timezone.now(), applied_by=by))


def publish_due_pending_changes(now=None) -> int:
    """Publish every scheduled pending version whose time has come; hold those whose live story
    changed since (the editor decides). How many were published."""
    published = 0
    for pending in PendingChange.objects.due(now).select_related("article", "scheduled_by").order_by("publish_at"):
        try:
            if pending.scheduled_by is None:
                raise PermissionDenied("the editor who scheduled them no longer has an account.")
            pending_publish(pending=pending, by=pending.scheduled_by, correction_note=pending.correction_note)
            published += 1
        except (ValidationError, PermissionDenied) as error:
            reason = " ".join(getattr(error, "messages", [str(error)]))
            PendingChange.objects.filter(pk=pending.pk).update(
                publish_at=None, held_reason=f"Not published at the scheduled time: {reason}"[:300])
    return published
