"""The admin's article list searches the search index: every state, for those allowed to see it."""

import pytest
from django.urls import reverse

from search.admin_search import raw_tsquery
from search.query import parse
from tests.factories import ArticleFactory, AuthorFactory, UserFactory

CHANGELIST = reverse("admin:articles_article_changelist")


def found(client, term: str) -> str:
    response = client.get(CHANGELIST, {"q": term})
    assert response.status_code == 200
    return response.content.decode()


@pytest.fixture
def archive(db):
    ArticleFactory(title="Live story", body="<p>The Kabul water board met.</p>")
    ArticleFactory(title="Draft story", draft=True, body="<p>Kabul floods again.</p>")
    ArticleFactory(title="Review story", in_review=True, standfirst="Kabul's mayor resigns.")
    ArticleFactory(title="Embargoed story", scheduled=True, tags=["Kabul"])
    ArticleFactory(title="Archived story", archived=True, body="<p>Old Kabul report.</p>")
    ArticleFactory(title="Unrelated story", body="<p>Herat weather.</p>")


def test_an_editor_finds_stories_in_every_state_by_body_standfirst_and_tag(client, editor, archive):
    client.force_login(editor)
    page = found(client, "kabul")
    for title in ("Live story", "Draft story", "Review story", "Embargoed story", "Archived story"):
        assert title in page, title
    assert "Unrelated story" not in page


def test_a_writer_finds_only_their_own_stories(client, writer, archive):
    mine = ArticleFactory(title="My Kabul draft", draft=True, created_by=writer)
    client.force_login(writer)
    page = found(client, "kabul")
    assert mine.title in page
    for title in ("Live story", "Draft story", "Review story", "Embargoed story", "Archived story"):
        assert title not in page, title


def test_an_authors_name_finds_their_stories(client, editor, db):
    author = AuthorFactory(name="Zarmina Sadat")
    ArticleFactory(title="Her draft", draft=True, authors=[author])
    ArticleFactory(title="Someone else's")
    client.force_login(editor)
    page = found(client, "Zarmina")
    assert "Her draft" in page and "Someone else" not in page


def test_arabic_and_persian_letter_forms_find_each_other(client, editor, db):
    # Written with Arabic kaf and yeh; typed with the Persian keheh and yeh (search.normalize).
    ArticleFactory(title="د كابل ښار", draft=True, language="ps", body="<p>په كابل كې باران.</p>")
    client.force_login(editor)
    assert "د كابل ښار" in found(client, "کابل")


def test_the_last_word_may_be_unfinished(client, editor, db):
    ArticleFactory(title="Kandahar airport reopens", draft=True)
    client.force_login(editor)
    assert "Kandahar airport reopens" in found(client, "kandah")


def test_an_editors_operators_never_reach_the_query_parser(client, editor, archive):
    client.force_login(editor)
    for term in ("kabul & !", "':* | (", "kabul:* <-> ", "a" * 500):
        assert client.get(CHANGELIST, {"q": term}).status_code == 200
    # A NUL byte is refused before any view (security.middleware.HostileInputMiddleware).
    assert client.get(CHANGELIST, {"q": "\x00kabul"}).status_code == 400
    assert raw_tsquery(parse("kabul -herat or \"water board\"")) == "((kabul) & !(herat)) | ((water <-> board:*))"


def test_reader_search_still_shows_only_published_stories(client, archive):
    page = client.get(reverse("search:results"), {"q": "kabul"}).content.decode()
    assert "Live story" in page
    for title in ("Draft story", "Review story", "Embargoed story", "Archived story"):
        assert title not in page, title


def test_the_article_autocomplete_searches_the_index_and_follows_the_rule(client, db, archive):
    writer = UserFactory(username="autocomplete-writer", role="Writers")
    ArticleFactory(title="My Kabul original", created_by=writer, draft=True)
    client.force_login(writer)
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "articles", "model_name": "article", "field_name": "translation_of", "term": "kab",
    })
    assert [result["text"] for result in response.json()["results"]] == ["My Kabul original"]


@pytest.mark.parametrize("first_ask, id_list_limit, estimate", [
    (10, 20, None),  # few matches: filtered by the ids of the first question
    (2, 20, 3),  # more than the first question: the ids again, up to the limit
    (2, 20, 10_000),  # the planner expects a common word: the newest articles walked, testing each
    (2, 3, 3),  # more than the limit after all: walked too
])
def test_every_way_of_asking_finds_the_same_stories(db, monkeypatch, first_ask, id_list_limit, estimate):
    from articles.models import Article
    from search import admin_search

    matching = {ArticleFactory(title=f"Kabul story {n}", draft=n % 2 == 0).pk for n in range(6)}
    ArticleFactory(title="Herat story")
    monkeypatch.setattr(admin_search, "FIRST_ASK", first_ask)
    monkeypatch.setattr(admin_search, "ID_LIST_LIMIT", id_list_limit)
    monkeypatch.setattr(admin_search, "planner_row_estimate", lambda queryset: estimate)
    assert set(admin_search.search_articles(Article.objects.all(), "kabu").values_list("pk", flat=True)) == matching
