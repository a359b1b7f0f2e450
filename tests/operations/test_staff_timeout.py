"""Issue 18, item 7: an admin request stuck behind a lock gets the 503 page within the staff
statement timeout, instead of holding a worker until gunicorn kills it (then a 500)."""

import threading
import time

import pytest
from django.db import connection, transaction

from articles.models import Article
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory

pytestmark = [
    pytest.mark.skipif(connection.vendor != "postgresql", reason="statement timeouts are PostgreSQL's"),
    pytest.mark.django_db(transaction=True),
]


class RowLock:
    """Another connection holds ``article``'s row (an editor's long save, a migration...)."""

    def __init__(self, article):
        self.article, self.locked, self.release = article, threading.Event(), threading.Event()
        self.thread = threading.Thread(target=self._hold)

    def _hold(self):
        try:
            with transaction.atomic():
                Article.objects.select_for_update().get(pk=self.article.pk)
                self.locked.set()
                self.release.wait(30)
        finally:
            connection.close()

    def __enter__(self):
        self.thread.start()
        assert self.locked.wait(10)
        return self

    def __exit__(self, *exc):
        self.release.set()
        self.thread.join(30)


@pytest.fixture(autouse=True)
def _fresh_connection_afterwards():
    """The session keeps the test's short timeout: the test database's flush needs a fresh one."""
    yield
    connection.close()


def test_an_admin_save_behind_a_held_row_lock_gets_the_503_page_within_the_staff_timeout(
    client, superuser, settings
):
    settings.STAFF_STATEMENT_TIMEOUT_MS = 500
    article = ArticleFactory(title="Locked story")
    client.force_login(superuser)
    client.raise_request_exception = False
    url = f"/admin/articles/article/{article.pk}/change/"

    with RowLock(article):
        started = time.monotonic()
        response = client.post(url, article_form_data(article, title="Edited behind a lock"))
        elapsed = time.monotonic() - started

    assert response.status_code == 503
    assert response.headers["Retry-After"] == "30"
    assert "We will be back shortly" in response.content.decode()
    assert elapsed < 5
    # The save was cancelled whole: nothing half-written.
    assert Article.objects.get(pk=article.pk).title == "Locked story"
