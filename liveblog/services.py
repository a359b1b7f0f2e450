"""Running a live blog: start, end, and each entry's add, edit, pin and delete.

Who: an entry is public the moment it is saved, so running a live blog is publishing. Editors
(``articles.publish_article``) do it, on any story they may edit; writers may read the panel on
their own stories but not add to it (as they cannot publish). Every function here checks that,
whatever sent the request.
"""

import datetime

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from articles.models import Article
from articles.services import can_edit, can_publish
from liveblog.models import Entry, LiveBlog

DEFAULT_COVERAGE = datetime.timedelta(hours=24)


def can_run(user, article: Article) -> bool:
    """May ``user`` start or end ``article``'s live blog and write its entries?"""
    return can_publish(user) and can_edit(user, article)


def _check(user, article: Article) -> None:
    if not can_run(user, article):
        raise PermissionDenied("Only editors run live blogs: an entry goes out to readers as soon as it is saved.")


def live_blog_start(*, article: Article, by, coverage_end=None) -> LiveBlog:
    """Make ``article`` a live blog, or resume one whose coverage ended."""
    _check(by, article)
    now = timezone.now()
    with transaction.atomic():
        blog, created = LiveBlog.objects.get_or_create(article=article, defaults={"coverage_start": now})
        blog.article = article
        blog.is_live = True
        if coverage_end is not None:
            blog.coverage_end = coverage_end
        elif created or blog.coverage_end is None or blog.coverage_end <= now:
            blog.coverage_end = max(now, blog.coverage_start) + DEFAULT_COVERAGE
        blog.save()
    return blog


def live_blog_end(*, blog: LiveBlog, by) -> LiveBlog:
    """End the coverage: the article reads as a normal one, its entries a timeline; pages stop polling."""
    _check(by, blog.article)
    now = timezone.now()
    blog.is_live = False
    if blog.coverage_end is None or blog.coverage_end > now:
        blog.coverage_end = now
    with transaction.atomic():
        blog.save()
    return blog


def entry_save(*, entry: Entry, by) -> Entry:
    """Add or change an entry (its fields set by a validated form)."""
    _check(by, entry.live_blog.article)
    if entry.pk is None:
        entry.created_by = by
    entry.updated_by = by
    with transaction.atomic():  # the entry and the page cache's content version commit together
        entry.save()
    return entry


def entry_pin(*, entry: Entry, by, pinned: bool) -> Entry:
    _check(by, entry.live_blog.article)
    entry.is_pinned = pinned
    entry.updated_by = by
    with transaction.atomic():
        entry.save(update_fields=["is_pinned", "updated_by"])
    return entry


def entry_delete(*, entry: Entry, by) -> None:
    _check(by, entry.live_blog.article)
    with transaction.atomic():
        entry.delete()
