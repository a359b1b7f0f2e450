"""Pagination that does not count a big table on every page view.

``COUNT(*)`` on PostgreSQL reads every row (or every index entry) it counts;
on a 100,000-article list that is most of the admin page's time. When the
planner expects at least ``EXACT_BELOW`` rows, its estimate (kept fresh by
autovacuum's ANALYZE) is close enough for "page 3 of about 2,000"; smaller
lists, such as any filtered or searched list of reasonable size, are counted
exactly. Other databases always count exactly.
"""

import json

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db import connections
from django.db.models import Count, QuerySet, Window
from django.utils.functional import cached_property

EXACT_BELOW = 10_000


def planner_row_estimate(queryset) -> int | None:
    """The rows PostgreSQL expects ``queryset`` to return, from EXPLAIN (no execution); None elsewhere."""
    if not isinstance(queryset, QuerySet) or connections[queryset.db].vendor != "postgresql":
        return None
    plan = json.loads(queryset.order_by().explain(format="json"))
    return int(plan[0]["Plan"]["Plan Rows"])


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self):
        estimate = planner_row_estimate(self.object_list)
        if estimate is None or estimate < EXACT_BELOW:
            return super().count
        return estimate


class TotalInPagePaginator(Paginator):
    """A reader list's page of ids, and the list's total without a count query of its own.

    ``object_list`` is an ordered queryset; a page holds its ``id_field`` (the story ids). The total comes from
    ``total`` (a ``KeptTotal``: remembered per content version) or, when not known yet,
    in the same query as the page (``COUNT(*) OVER ()``): a tag's page otherwise joins its
    tag links twice (3 ms each at 100,000 articles). Only a page past the end (or of an
    empty list) may cost a separate count.
    """

    def __init__(self, object_list, per_page, orphans=0, allow_empty_first_page=True, *, total=None, id_field="pk",
                 **kwargs):
        if orphans:
            raise ValueError("TotalInPagePaginator does not fold orphans into the last page")
        super().__init__(object_list, per_page, orphans, allow_empty_first_page, **kwargs)
        self.total, self.id_field = total, id_field

    def page(self, number):
        number = self._positive(number)
        bottom = (number - 1) * self.per_page
        known = self.total.get() if self.total else None
        if known is not None:
            self.__dict__["count"] = known  # Paginator.count is a cached property
            number = self.validate_number(number)
            ids = list(self.object_list.values_list(self.id_field, flat=True)[bottom : bottom + self.per_page])
            return self._get_page(ids, number, self)
        rows = list(
            self.object_list.annotate(_total=Window(Count("pk")))
            .values_list(self.id_field, "_total")[bottom : bottom + self.per_page]
        )
        if rows:
            self.__dict__["count"] = rows[0][1]
        number = self.validate_number(number)
        if self.total:
            self.total.set(self.count)
        return self._get_page([pk for pk, _total in rows], number, self)

    def _positive(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(self.error_messages["invalid_page"]) from None
        if number < 1:
            raise EmptyPage(self.error_messages["min_page"])
        return number
