import pytest
from django.db import transaction
from django.test import RequestFactory

from articles.models import Article
from newsroom.routers import PRIMARY, REPLICA, PrimaryReplicaRouter, ReplicaForReadersMiddleware, reading_from_replica

router = PrimaryReplicaRouter()


def routed_read():
    return router.db_for_read(Article)


def test_reads_use_the_primary_unless_a_reader_request_allows_the_replica():
    assert routed_read() == PRIMARY
    with reading_from_replica():
        assert routed_read() == REPLICA
    assert routed_read() == PRIMARY


def test_writes_and_migrations_only_ever_go_to_the_primary():
    with reading_from_replica():
        assert router.db_for_write(Article) == PRIMARY
    assert router.allow_migrate(PRIMARY, "articles")
    assert not router.allow_migrate(REPLICA, "articles")
    assert router.allow_relation(Article(), Article())


@pytest.mark.django_db(transaction=True)
def test_reads_inside_a_transaction_stay_on_the_primary():
    with reading_from_replica(), transaction.atomic():
        assert routed_read() == PRIMARY


def seen_by_view(request):
    middleware = ReplicaForReadersMiddleware(lambda request: routed_read())
    return middleware(request)


@pytest.mark.parametrize(
    ("method", "path", "cookies", "database"),
    [
        ("get", "/en/", {}, REPLICA),
        ("head", "/en/section/news/", {}, REPLICA),
        ("get", "/en/", {"sessionid": "x"}, PRIMARY),
        ("post", "/en/search/", {}, PRIMARY),
        ("get", "/admin/articles/article/", {}, PRIMARY),
    ],
    ids=["anonymous page", "anonymous head", "signed in", "post", "admin"],
)
def test_only_anonymous_reader_requests_read_from_the_replica(method, path, cookies, database):
    request = getattr(RequestFactory(), method)(path)
    request.COOKIES.update(cookies)
    assert seen_by_view(request) == database
    assert routed_read() == PRIMARY  # and nothing leaks into the next request
