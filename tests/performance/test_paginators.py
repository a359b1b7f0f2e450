"""Reader lists get their page of ids and their total in one query."""

import datetime

import pytest
from django.core.paginator import EmptyPage, PageNotAnInteger
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from articles import selectors
from newsroom.paginators import TotalInPagePaginator
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def stories():
    now = timezone.now()
    return [ArticleFactory(published_at=now - datetime.timedelta(hours=n)) for n in range(7)]


def newest(language="en"):
    return selectors.live_in(language).order_by(*selectors.NEWEST_FIRST)


def test_a_page_and_the_total_come_in_one_query(stories):
    paginator = TotalInPagePaginator(newest(), 3)
    with CaptureQueriesContext(connection) as queries:
        page = paginator.page(2)
        total, pages = paginator.count, paginator.num_pages
    assert len(queries) == 1
    assert list(page.object_list) == [story.pk for story in stories[3:6]]
    assert (total, pages, page.has_next(), page.has_previous()) == (7, 3, True, True)
    assert list(paginator.page(3).object_list) == [stories[6].pk]


def test_pages_past_the_end_and_bad_numbers_are_refused(stories):
    with pytest.raises(EmptyPage):
        TotalInPagePaginator(newest(), 3).page(4)
    with pytest.raises(EmptyPage):
        TotalInPagePaginator(newest(), 3).page(0)
    with pytest.raises(PageNotAnInteger):
        TotalInPagePaginator(newest(), 3).page("two")


def test_an_empty_list_has_one_empty_first_page():
    page = TotalInPagePaginator(newest("ps"), 3).page(1)
    assert list(page.object_list) == [] and page.paginator.count == 0


def test_orphans_are_refused_rather_than_dropped():
    with pytest.raises(ValueError):
        TotalInPagePaginator(newest(), 3, orphans=1)


class Remembered:
    def __init__(self, value=None):
        self.value = value

    def get(self):
        return self.value

    def set(self, value):
        self.value = value


def test_a_remembered_total_spares_the_count_and_a_new_one_is_remembered(stories):
    remembered = Remembered()
    TotalInPagePaginator(newest(), 3, total=remembered).page(1)
    assert remembered.value == 7

    with CaptureQueriesContext(connection) as queries:
        page = TotalInPagePaginator(newest(), 3, total=remembered).page(3)
    assert [q["sql"].count("OVER") for q in queries.captured_queries] == [0]
    assert list(page.object_list) == [stories[6].pk] and page.paginator.num_pages == 3
