import pytest

from tests.factories import ArticleFactory, UserFactory


@pytest.fixture
def writer(db):
    return UserFactory(username="writer", role="Writers")


@pytest.fixture
def editor(db):
    return UserFactory(username="editor", role="Editors")


@pytest.fixture
def treasurer(db):
    return UserFactory(username="treasurer", role="Treasurer")


@pytest.fixture
def superuser(db):
    return UserFactory(username="admin", is_superuser=True)


@pytest.fixture
def published_article(db):
    return ArticleFactory()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
