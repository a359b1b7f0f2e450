import pytest
from django.db import connection

from articles import paginators
from articles.paginators import EXACT_BELOW, EstimatedCountPaginator
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db

ARTICLE_LIST = "/admin/articles/article/"


@pytest.fixture
def desk(client):
    client.force_login(UserFactory(username="desk-editor", role="Editors"))
    return client


def test_the_article_list_uses_the_estimated_count_paginator(desk):
    ArticleFactory()
    response = desk.get(ARTICLE_LIST)
    assert isinstance(response.context["cl"].paginator, EstimatedCountPaginator)


def test_a_big_list_takes_the_planners_estimate_and_runs_no_count(monkeypatch, django_assert_num_queries):
    ArticleFactory.create_batch(3)
    monkeypatch.setattr(paginators, "planner_row_estimate", lambda queryset: 123_456)
    from articles.models import Article

    paginator = EstimatedCountPaginator(Article.objects.all(), 50)
    with django_assert_num_queries(0):
        assert paginator.count == 123_456
    assert paginator.num_pages == 2470


def test_a_small_list_is_counted_exactly(monkeypatch):
    ArticleFactory.create_batch(3)
    monkeypatch.setattr(paginators, "planner_row_estimate", lambda queryset: EXACT_BELOW - 1)
    from articles.models import Article

    assert EstimatedCountPaginator(Article.objects.all(), 50).count == 3


def test_other_databases_and_plain_lists_are_counted_exactly():
    assert EstimatedCountPaginator(list(range(7)), 5).count == 7
    assert paginators.planner_row_estimate([1, 2]) is None


@pytest.mark.skipif(connection.vendor != "postgresql", reason="EXPLAIN estimates are PostgreSQL's")
def test_postgresql_gives_an_estimate_from_the_plan():
    from articles.models import Article

    ArticleFactory.create_batch(5)
    assert paginators.planner_row_estimate(Article.objects.all()) >= 1


@pytest.mark.parametrize("n", [1, 20])
def test_the_article_list_runs_a_constant_number_of_queries(desk, n, django_assert_num_queries):
    from tests.factories import AuthorFactory

    authors = AuthorFactory.create_batch(n)
    ArticleFactory.create_batch(n, authors=authors, tags=[f"tag {i}" for i in range(n)])
    desk.get(ARTICLE_LIST)
    # session, user, the session's verified OTP device (editors use two-factor authentication),
    # permissions (2); savepoint; list filters: sections, authors with articles, tags; the count
    # (exact on SQLite, EXPLAIN on PostgreSQL); the page of articles, their bylines with authors
    # (2); release; date hierarchy: first and last date, the distinct days/years. 16 whatever
    # the number of articles, authors or tags;
    # on PostgreSQL one more: a small table's estimate is followed by an exact count.
    with django_assert_num_queries(ADMIN_LIST_QUERIES + (connection.vendor == "postgresql")):
        response = desk.get(ARTICLE_LIST)
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == n


ADMIN_LIST_QUERIES = 16
