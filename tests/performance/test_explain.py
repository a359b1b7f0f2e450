"""`bench --explain` shows the plans a search page really runs, under the search's own planner settings."""

import pytest
from django.db import connection

from bench import explain
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN ANALYZE plans are PostgreSQL's"),
]


def test_each_search_statement_is_explained_through_the_gin_indexes():
    for number in range(3):
        ArticleFactory(title=f"Kabul wheat prices {number}", language="en", body="<p>Drought in Kabul.</p>")

    plans = explain.search_plans()

    names = [name for name, _plan in plans]
    for words in explain.SEARCH_QUERIES:
        assert any(name.startswith(f"search {words!r}: statement 1 of ") for name in names)
    counted_first = dict(plans)["search 'wheat prices': statement 1 of 2"]  # two words: a count, then a tier
    assert counted_first.startswith("Aggregate")
    for name, plan in plans:
        # A table this small would be read whole; the search's settings allow bitmap scans only.
        assert "Bitmap Index Scan" in plan and "Seq Scan" not in plan, f"{name}:\n{plan}"
