"""Issue 18, item 3, from outside: the hostile list against every reader URL pattern of the
production server (gunicorn, production settings, PostgreSQL when the run uses it, where a
NUL byte is a database error): never a 5xx."""

import json

import pytest

from tests.blackbox.server import fetch, gunicorn, prepare, production_env, shell
from tests.security.test_hostile_urls import ROUTES, hostile_urls

WORLD = """
import json
from django.utils import timezone
from articles.models import Article, ArticleAuthor, Author, Section
section = Section.objects.create(name="News", slug="news")
article = Article.objects.create(title="A live story", slug="a-live-story", section=section, status="published",
                                 published_at=timezone.now())
article.tags.add("floods")
ArticleAuthor.objects.create(article=article, author=Author.objects.create(name="Reporter", slug="reporter"))
print(json.dumps({"slug": article.slug, "section": section.slug, "pk": str(article.pk), "language": "en",
                  "flatpage": "about-us"}))
"""


@pytest.fixture(scope="module")
def server(tmp_path_factory, server_database_url):
    tmp_path = tmp_path_factory.mktemp("hostile")
    env = production_env(tmp_path, server_database_url)
    prepare(env)
    world = json.loads(shell(env, WORLD).strip().splitlines()[-1])
    with gunicorn(env, workers=2) as base:
        yield base, world


@pytest.mark.parametrize("route", ROUTES)
def test_the_production_server_answers_hostile_input_to_every_reader_pattern_without_a_server_error(server, route):
    base, world = server
    answers = {url: fetch(base + url)[0] for url in hostile_urls(route, world)}

    assert not {url[:120]: status for url, status in answers.items() if status >= 500}
    # 414: gunicorn refuses a request line over 4 KB before Django sees it; 204: the read beacon.
    assert {status for status in answers.values()} <= {200, 204, 301, 302, 400, 404, 414}
