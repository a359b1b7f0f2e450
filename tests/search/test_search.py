import datetime

import pytest
from django.db import connection
from django.urls import reverse

from articles.models import Article, Language
from search import engine
from search.models import SearchDocument
from search.query import MAX_QUERY_CHARS
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

on_postgres = pytest.mark.skipif(
    connection.vendor != "postgresql", reason="stemming and ts_rank exist only in PostgreSQL full-text search"
)


def search(client, q="", **params):
    response = client.get(reverse("search:results"), {"q": q, **params})
    assert response.status_code == 200
    return response


def found_titles(response):
    page = response.context["page"]
    return [article.title for article in page.object_list] if page is not None else []


def test_a_title_match_outranks_a_standfirst_match_which_outranks_a_body_match(client):
    ArticleFactory(title="Budget debate", standfirst="Talks go on.", body="<p>The zucchini harvest was late.</p>")
    ArticleFactory(title="Harvest news", standfirst="A zucchini glut in Herat.", body="<p>Prices fell.</p>")
    ArticleFactory(title="Zucchini prices climb", standfirst="Markets react.", body="<p>Traders worry.</p>")

    assert found_titles(search(client, "zucchini")) == ["Zucchini prices climb", "Harvest news", "Budget debate"]


def test_tags_are_searched(client):
    article = ArticleFactory(title="Parliament sits", body="<p>Long session.</p>")
    article.tags.add("quorumwatch")

    assert found_titles(search(client, "quorumwatch")) == ["Parliament sits"]

    article.tags.clear()
    assert found_titles(search(client, "quorumwatch")) == []


def test_drafts_scheduled_in_review_and_archived_articles_are_not_found(client):
    ArticleFactory(title="Secret walrus plan", draft=True)
    ArticleFactory(title="Walrus embargo story", scheduled=True)
    ArticleFactory(title="Walrus under review", in_review=True)
    ArticleFactory(title="Walrus of old", archived=True)
    ArticleFactory(title="Walrus seen in Kabul zoo")

    assert found_titles(search(client, "walrus")) == ["Walrus seen in Kabul zoo"]


def test_an_edit_is_searchable_at_once_and_a_deleted_article_disappears(client):
    article = ArticleFactory(title="Old headline")
    article.title = "Marmalade shortage"
    article.save()
    assert found_titles(search(client, "marmalade")) == ["Marmalade shortage"]
    assert found_titles(search(client, "old headline")) == []

    article.delete()
    assert found_titles(search(client, "marmalade")) == []


def test_results_can_be_narrowed_by_section_and_language(client):
    sport = SectionFactory(slug="sport", name="Sport")
    ArticleFactory(title="Cricket final in Kabul", section=sport)
    ArticleFactory(title="Cricket board budget")
    ArticleFactory(title="Cricket کرکټ لوبه", section=sport, language=Language.PASHTO)

    assert sorted(found_titles(search(client, "cricket", section="sport"))) == [
        "Cricket final in Kabul", "Cricket کرکټ لوبه",
    ]
    assert found_titles(search(client, "cricket", section="sport", language="ps")) == ["Cricket کرکټ لوبه"]
    assert found_titles(search(client, "cricket", language="en", section="no-such-section")) == []
    refused = search(client, "cricket", section="no-such-section").content.decode()
    assert "search-page-form__errors" in refused
    assert "Type a word or two" not in refused  # a word was typed: only the choice is wrong


def test_web_search_syntax_phrases_exclusions_and_or(client):
    ArticleFactory(title="Peace talks resume in Doha")
    ArticleFactory(title="Talks on peace stall")
    ArticleFactory(title="Flood relief arrives")

    assert found_titles(search(client, '"peace talks"')) == ["Peace talks resume in Doha"]
    assert found_titles(search(client, "talks -doha")) == ["Talks on peace stall"]
    assert sorted(found_titles(search(client, "doha or flood"))) == ["Flood relief arrives", "Peace talks resume in Doha"]


def test_an_excluded_word_anywhere_in_the_article_excludes_it(client):
    ArticleFactory(title="Talks in Kabul", body="<p>Delegates later flew to Doha.</p>")
    ArticleFactory(title="Talks in Herat", body="<p>Nobody travelled.</p>")

    assert found_titles(search(client, "talks -doha")) == ["Talks in Herat"]
    assert found_titles(search(client, "talks -doha -herat")) == []


def test_an_arabic_yeh_and_kaf_in_the_query_find_persian_yeh_and_keheh_in_the_text(client):
    # Persian letters in the article; the reader types with an Arabic keyboard.
    ArticleFactory(title="کابل کې نوی ښوونځی", language=Language.PASHTO)

    assert found_titles(search(client, "كابل")) == ["کابل کې نوی ښوونځی"]
    assert found_titles(search(client, "ښوونځي")) == ["کابل کې نوی ښوونځی"]


def test_diacritics_tatweel_and_zwnj_do_not_stop_a_match(client):
    ArticleFactory(title="می\u200cخواهم مکتب بروم", language=Language.DARI)
    ArticleFactory(title="کتـــاب جدید", language=Language.DARI)

    assert found_titles(search(client, "میخواهم")) == ["می\u200cخواهم مکتب بروم"]
    assert found_titles(search(client, "کِتاب")) == ["کتـــاب جدید"]


@on_postgres
def test_english_articles_match_word_stems(client):
    ArticleFactory(title="Farmers were running out of seed", language=Language.ENGLISH)

    assert found_titles(search(client, "runs")) == ["Farmers were running out of seed"]


HOSTILE_QUERIES = [
    "",
    "   ",
    "x" * 2000,
    "peace " * 400,
    '"',
    '"""unbalanced',
    "'; DROP TABLE articles_article; --",
    "1' OR '1'='1",
    "a & b | !c <-> d",
    "(((",
    "NEAR(a b) AND OR NOT",
    "title:foo* ^bar",
    "-",
    "-only -exclusions",
    "or or or",
    "😀🔥 نیوز",
    "\u202eevil\u202c",
    "\x00null byte",
    "<script>alert(1)</script>",
    "%_\\",
    "كابل\u200c\u0640\u064e",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_return_a_page_never_an_error(client, q):
    ArticleFactory(title="Peace in Kabul", body="<p>alert script evil</p>")

    response = search(client, q)

    assert b"<script>alert" not in response.content


def test_a_huge_query_is_cut_to_size(client):
    ArticleFactory(title="Peace in Kabul")

    response = search(client, "peace " + "z" * 5000)

    assert response.status_code == 200
    assert len(response.context["form"].parsed_query().websearch()) <= MAX_QUERY_CHARS


def test_snippets_escape_article_text_and_mark_only_the_match(client):
    ArticleFactory(
        title="Quokka census",
        standfirst="Counting marsupials.",
        # Escaped in the stored HTML, so the plain text we index reads "<img ...>".
        body="<p>&lt;img src=x onerror=alert(1)&gt; The quokka &amp; friends grew.</p>",
    )

    response = search(client, "quokka")
    snippet = str(response.context["page"].object_list[0].search_snippet)

    assert "<img" not in snippet
    assert "&lt;img" in snippet
    assert "<mark>quokka</mark>" in snippet.lower()
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_kept_results_highlight_the_words_of_each_search_and_follow_edits(client):
    article = ArticleFactory(title="Mulberry and fig harvest", body="<p>Mulberry trees and fig trees.</p>")

    def results_html(q):
        html = search(client, q).content.decode()
        return html[html.index('class="search-results"'):html.index("</ol>")]

    assert "<mark>Mulberry</mark>" in results_html("mulberry") and "<mark>fig</mark>" not in results_html("mulberry")
    assert "<mark>fig</mark>" in results_html("fig") and "<mark>Mulberry</mark>" not in results_html("fig")
    assert "<mark>Mulberry</mark>" in results_html("mulberry")  # a kept piece, still this search's words

    article.title = "Mulberry season"
    article.save()
    assert "Mulberry season" in results_html("mulberry") and "fig harvest" not in results_html("mulberry")


def test_result_headlines_are_escaped_and_follow_edits_also_when_kept(client):
    article = ArticleFactory(title="<b>Loud</b> quince news")

    for _ in range(2):  # rendered, then kept
        html = search(client, "quince").content.decode()
        assert "&lt;b&gt;Loud&lt;/b&gt; quince news" in html and "<b>Loud</b>" not in html
        assert article.get_absolute_url() in html

    article.title = "Quince prices settle"
    article.save()
    html = search(client, "quince").content.decode()
    assert "Quince prices settle" in html and "Loud" not in html


def test_results_are_paginated_and_keep_the_query_in_page_links(client):
    for n in range(23):
        ArticleFactory(title=f"Pomegranate story {n}")

    first = search(client, "pomegranate", language="en")
    second = search(client, "pomegranate", language="en", page=2)

    # Page 1 knows only that more follow; the last page knows how many there are.
    assert first.context["page"].total is None
    assert first.context["page"].has_next and not first.context["page"].has_previous
    assert "More than 20 results" in first.content.decode()
    assert second.context["page"].total == 23
    assert second.context["page"].has_previous and not second.context["page"].has_next
    assert "23 results" in second.content.decode() and "Page 2 of 2" in second.content.decode()
    assert len(found_titles(first)) == 20
    assert len(found_titles(second)) == 3
    assert set(found_titles(first)).isdisjoint(found_titles(second))
    assert "q=pomegranate" in first.content.decode() and "page=2" in first.content.decode()
    assert 'rel="next"' not in second.content.decode() and "page=1" in second.content.decode()
    assert second.context["page"].start_index() == 21
    assert search(client, "pomegranate", page="999").context["page"].number == 2
    assert search(client, "pomegranate", page="3").context["page"].number == 2
    assert search(client, "pomegranate", page="nonsense").context["page"].number == 1
    assert search(client, "pomegranate", page="-4").context["page"].number == 1


def test_pages_follow_the_ranking_without_gaps_or_repeats(client):
    # 2 title matches, then 45 body matches: the pages walk one ranking, tier boundary included.
    for n in range(2):
        ArticleFactory(title=f"Tamarind report {n}")
    for n in range(45):
        ArticleFactory(title=f"Market day {n}", body="<p>Tamarind sellers were there.</p>")

    pages = [search(client, "tamarind", page=number).context["page"] for number in (1, 2, 3)]
    titles = [article.title for page in pages for article in page.object_list]

    assert len(titles) == len(set(titles)) == 47
    assert all(title.startswith("Tamarind report") for title in titles[:2])
    assert [page.has_next for page in pages] == [True, True, False]
    assert [page.total for page in pages] == [None, None, 47]


def test_an_exact_fit_has_no_next_page(client):
    for n in range(20):
        ArticleFactory(title=f"Persimmon story {n}")

    page = search(client, "persimmon").context["page"]

    assert len(page.object_list) == 20
    assert page.total == 20 and not page.has_next and not page.has_other_pages()


def test_a_search_with_nothing_found_says_so(client):
    ArticleFactory(title="Peace in Kabul")

    response = search(client, "zanzibarite")

    assert response.context["page"].total == 0
    assert "Nothing matched" in response.content.decode()


def test_the_search_page_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    farming = SectionFactory(slug="farming", name="Farming")
    for n in range(25):
        ArticleFactory(title=f"Apricot story {n}", section=farming)
    search(client, "apricot", section="farming")  # the section menu is kept per content version

    # The page's ids (one more than shown, to know of a next page); its articles with their
    # snippet text. No count, no bylines; the sections (menu, filter, results') are kept.
    # PostgreSQL asks the first ranking tier (the recent fortnight fills the page) and, around
    # it, set_config to bitmap plans and (inside the test's transaction only) set_config back.
    with django_assert_max_num_queries(5 if connection.vendor == "postgresql" else 2):
        assert len(found_titles(search(client, "apricot", section="farming"))) == 20


def test_the_section_menu_shows_the_chosen_section_and_errors(client):
    SectionFactory(slug="sport", name="Sport")
    ArticleFactory(title="Cricket final")

    def section_menu(**params):
        html = search(client, "cricket", **params).content.decode()
        return html[html.index('name="section"'):html.index('name="language"')]

    chosen, again, none = section_menu(section="sport"), section_menu(section="sport"), section_menu()
    bogus, other_bogus = section_menu(section="no-such-section"), section_menu(section="another-bogus")

    assert '<option value="sport" selected>' in chosen and chosen.count(" selected>") == 1
    assert again == chosen
    assert '<option value="" selected>' in none and '<option value="sport">' in none
    for menu in (bogus, other_bogus):
        assert " selected>" not in menu and 'aria-invalid="true"' in menu


def test_search_pages_ask_robots_not_to_index_them(client):
    response = search(client, "anything")

    assert response["X-Robots-Tag"] == "noindex"


def test_the_documents_live_set_agrees_with_published_for_every_status_and_time():
    ArticleFactory()
    ArticleFactory(draft=True)
    ArticleFactory(in_review=True)
    ArticleFactory(scheduled=True)
    ArticleFactory(archived=True)
    ArticleFactory(archived=True, published_at=None)

    live_documents = set(SearchDocument.objects.live().values_list("article_id", flat=True))
    assert live_documents == set(Article.objects.published().values_list("pk", flat=True))
    assert len(live_documents) == 1


def test_a_scheduled_article_is_found_once_its_time_has_come(client, time_machine):
    article = ArticleFactory(title="Embargoed mulberry report", scheduled=True)
    assert found_titles(search(client, "mulberry")) == []

    time_machine.move_to(article.published_at + datetime.timedelta(minutes=1))

    assert found_titles(search(client, "mulberry")) == ["Embargoed mulberry report"]


def test_paging_stops_at_the_cap(client, monkeypatch):
    monkeypatch.setattr(engine, "RESULT_CAP", 3)
    for n in range(5):
        ArticleFactory(title=f"Walnut harvest {n}")

    response = search(client, "walnut")
    page = response.context["page"]

    assert page.capped is True and page.has_next is False and page.total is None
    assert len(page.object_list) == 3
    assert "More than 3 results" in response.content.decode()
    assert search(client, "walnut", page=2).context["page"].number == 1


@on_postgres
def test_the_planner_settings_of_a_search_do_not_leak_into_later_queries(client):
    ArticleFactory(title="Pistachio crop")
    search(client, "pistachio")

    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')")
        assert cursor.fetchone() == ("on", "on")


@on_postgres
@pytest.mark.django_db(transaction=True)
def test_outside_a_transaction_each_search_query_runs_under_the_planner_settings_and_only_it(client):
    """A reader's request runs in autocommit: the settings go out in front of each search query."""
    for n in range(3):
        ArticleFactory(title=f"Saffron exports {n}")
    assert not connection.in_atomic_block

    def current_settings():
        with connection.cursor() as cursor:
            cursor.execute("SELECT current_setting('enable_indexscan'), current_setting('enable_seqscan')")
            return cursor.fetchone()

    with engine.search_plans():
        inside = current_settings()
    assert inside == ("off", "off")
    assert current_settings() == ("on", "on")
    assert found_titles(search(client, "saffron")) == [f"Saffron exports {n}" for n in (2, 1, 0)]
    assert current_settings() == ("on", "on")


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the fallback for SQLite without FTS5")
def test_without_fts5_substring_matching_ranks_and_pages_the_same_way(client, monkeypatch):
    monkeypatch.setattr(engine.indexer, "uses_fts5", lambda: False)
    ArticleFactory(title="Budget debate", body="<p>The zucchini harvest was late.</p>")
    ArticleFactory(title="Zucchini prices climb")
    for n in range(20):
        ArticleFactory(title=f"Market day {n}", standfirst="Zucchini everywhere.")

    first = search(client, "zucchini").context["page"]
    second = search(client, "zucchini", page=2).context["page"]

    assert first.object_list[0].title == "Zucchini prices climb"
    assert first.has_next and first.total is None
    assert second.total == 22 and second.object_list[-1].title == "Budget debate"
