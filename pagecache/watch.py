"""What the page cache watches, as the content apps register it.

``watch(Model)`` says a save or delete of ``Model`` can change what readers see;
``visible`` narrows that to the rows readers can see (a draft saved changes no page), and
``new_rows_unseen`` says a row just created is on no page yet (a tag nothing live carries).
``watch_schedule(next_change)`` names a function that returns when the next
scheduled change goes live (an article's publication time), so no page is kept past it.
"""

from collections.abc import Callable
from datetime import datetime

from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from pagecache.version import bump_content_version

Visible = Callable[[Model], bool]

_watched: dict[type[Model], Visible | None] = {}
_new_rows_unseen: set[type[Model]] = set()
_schedules: list[Callable[[], datetime | None]] = []


def watch(model: type[Model], *, visible: Visible | None = None, new_rows_unseen: bool = False) -> None:
    _watched[model] = visible
    if new_rows_unseen:
        _new_rows_unseen.add(model)


def watch_schedule(next_change: Callable[[], datetime | None]) -> None:
    _schedules.append(next_change)


def next_scheduled_change() -> datetime | None:
    moments = [moment for moment in (next_change() for next_change in _schedules) if moment is not None]
    return min(moments, default=None)


def _seen_by_readers(instance) -> bool:
    model = type(instance)
    if model not in _watched:
        return False
    visible = _watched[model]
    return visible is None or visible(instance)


def _saved_or_deleted(sender, instance, raw=False, created=False, **kwargs):
    if raw or (created and type(instance) in _new_rows_unseen):
        return
    if _seen_by_readers(instance):
        bump_content_version()


def _relations_changed(sender, instance, action, model, pk_set=None, **kwargs):
    if not action.startswith("post_"):
        return
    # article.tags.set(...): the article decides (tagging a draft changes no page); from the
    # other side (tag.article_set.add(...)) the relation counts if either model is watched.
    seen = _seen_by_readers(instance) if type(instance) in _watched else model in _watched
    if seen:
        bump_content_version()


def connect_signals() -> None:
    post_save.connect(_saved_or_deleted, dispatch_uid="pagecache-save")
    post_delete.connect(_saved_or_deleted, dispatch_uid="pagecache-delete")
    m2m_changed.connect(_relations_changed, dispatch_uid="pagecache-m2m")
