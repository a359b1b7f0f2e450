"""Several gunicorn workers, and a change made by another process: every worker serves the
change at once. With no REDIS_URL the workers share Django's file-based cache; with it, Redis.

The server runs the production settings against its own SQLite file, as a newcomer's
first deployment on one machine would.
"""

import os
import time

import pytest

from tests.blackbox.server import fetch, gunicorn, manage, prepare, production_env

WORKERS = 3
REQUESTS = 30


def status(url: str) -> int:
    return fetch(url)[0]


STORY = """
from django.utils import timezone
from articles.models import Article, Section
section = Section.objects.create(name="News", slug="news")
article = Article.objects.create(title="A story", section=section, status="published", published_at=timezone.now())
print(article.get_absolute_url())
"""

UNPUBLISH = """
from articles.models import Article
article = Article.objects.get()
article.unpublish()
article.save()
"""


@pytest.fixture(params=["file cache", "redis"])
def server(request, tmp_path):
    extra = {}
    if request.param == "redis":
        if not os.environ.get("REDIS_URL"):
            pytest.skip("REDIS_URL is not set")
        extra = {"REDIS_URL": os.environ["REDIS_URL"], "CACHE_KEY_PREFIX": f"workers-agree-{os.getpid()}"}
    env = production_env(tmp_path, **extra)
    prepare(env)
    path = manage(env, "shell", "-c", STORY).strip().splitlines()[-1]
    with gunicorn(env, workers=WORKERS) as base:
        yield env, base + path


def test_a_story_unpublished_from_another_process_is_gone_from_every_worker_within_a_second(server):
    env, url = server
    # Enough requests that every worker has served, and stored, the page.
    assert {status(url) for _ in range(REQUESTS)} == {200}

    manage(env, "shell", "-c", UNPUBLISH)
    time.sleep(1)

    assert [status(url) for _ in range(REQUESTS)] == [404] * REQUESTS
