"""Pagination that does not count a big table on every page view.

``COUNT(*)`` on PostgreSQL reads every row (or every index entry) it counts;
on a 100,000-article list that is most of the admin page's time. When the
planner expects at least ``EXACT_BELOW`` rows, its estimate (kept fresh by
autovacuum's ANALYZE) is close enough for "page 3 of about 2,000"; smaller
lists, such as any filtered or searched list of reasonable size, are counted
exactly. Other databases always count exactly.
"""

import json
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db import connections
from django.db.models import QuerySet
from django.http import Http404
from django.utils.functional import cached_property

EXACT_BELOW = 10_000


def planner_row_estimate(queryset) -> int | None:
    """The rows PostgreSQL expects ``queryset`` to return, from EXPLAIN (no execution); None elsewhere."""
    if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
        return None
    explained = queryset.order_by().explain(format="json")
    if not explained:  # a query Django knows is empty (``pk__in=[]``) is never sent: nothing to estimate
        return None
    plan = json.loads(explained)
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self):
        estimate = planner_row_estimate(self.object_list)
        if estimate is None or estimate < EXACT_BELOW:
            return super().count
        return estimate


# Reader lists stop here: far enough for anyone paging back through an archive (search and
# the sitemaps reach every story), and it keeps an absurd ?page= from becoming an absurd OFFSET.
MAX_ARCHIVE_PAGE = 5_000


@dataclass(frozen=True)
class ArchivePage:
    """One page of a newest-first reader list, read without counting the list.

    A count reads every entry of the list, so it grows with the archive; readers page with
    "Newer" and "Older", so the page asks for one row more than it shows to know whether an
    older page exists. Has the methods of Django's ``Page`` that templates use; ``paginator``
    is None (there is no total)."""

    number: int
    object_list: list
    more: bool
    paginator = None

    def has_next(self) -> bool:
        return self.more

    def has_previous(self) -> bool:
        return self.number > 1

    def has_other_pages(self) -> bool:
        return self.more or self.number > 1

    def next_page_number(self) -> int:
        return self.number + 1

    def previous_page_number(self) -> int:
        return self.number - 1

    def __len__(self) -> int:
        return len(self.object_list)


def archive_page(stories, page: str | None, *, per_page: int) -> ArchivePage:
    """Page ``page`` (``?page=``, 1 when absent) of ``stories``, an ordered queryset. A page that
    is not a whole number from 1 to MAX_ARCHIVE_PAGE, or lies past the end, is a 404."""
    try:
        number = int(page or 1)
    except ValueError:
        raise Http404("No such page") from None
    if not 1 <= number <= MAX_ARCHIVE_PAGE:
        raise Http404("No such page")
    start = (number - 1) * per_page
    rows = list(stories[start : start + per_page + 1])
    if not rows and number > 1:
        raise Http404("No such page")
    return ArchivePage(number, rows[:per_page], more=len(rows) > per_page)
