"""Editorial actions that change an article's state.

Forms validate, these act, and each one checks that the person may do it:
the admin's buttons and bulk actions are conveniences, this is the rule.
"""

import reversion
from django.core.exceptions import PermissionDenied
from django.db import transaction

from articles.models import Article, Status

PUBLISH_PERMISSION = "articles.publish_article"
WRITABLE_BY_WRITERS = {Status.DRAFT, Status.REVIEW}


def can_publish(user) -> bool:
    return user.is_active and user.has_perm(PUBLISH_PERMISSION)


def can_edit(user, article: Article | None) -> bool:
    """Editors edit everything; writers only their own unpublished work."""
    if not user.has_perm("articles.change_article"):
        return False
    if article is None or can_publish(user):
        return True
    return article.created_by_id == user.pk and article.status in WRITABLE_BY_WRITERS


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


def article_publish(*, article: Article, by, at=None) -> Article:
    if not can_publish(by):
        raise PermissionDenied("Only editors may publish.")
    article.publish(at=at)
    return _save(article, by, "Scheduled" if article.is_scheduled else "Published")


def article_unpublish(*, article: Article, by) -> Article:
    if not can_publish(by):
        raise PermissionDenied("Only editors may unpublish.")
    article.unpublish()
    return _save(article, by, "Unpublished")
