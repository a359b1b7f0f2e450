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

from articles.models import PUBLISH_PERMISSION, Article, Status

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


def article_submit_for_review(*, article: Article, by) -> Article:
    if not can_edit(by, article):
        raise PermissionDenied("You may not edit this article.")
    article.submit_for_review()
    return _save(article, by, "Submitted for review")


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

    The note is the revision's comment, so it also stays in the article's history.
    """
    if not can_publish(by):
        raise PermissionDenied("Only editors may return an article to its writer.")
    if article.status != Status.REVIEW:
        raise ValidationError("Only an article waiting for review can go back to its writer.")
    note = note.strip()
    if not note:
        raise ValidationError("Write the writer a note: what should they change?")
    article.unpublish()
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
