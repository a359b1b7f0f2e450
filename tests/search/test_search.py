import datetime
import re

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from articles.models import Article, Language, Status
from search import views
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
    page = response.context_data["page"]
    return [article.title for article in page.object_list] if page is not None else []


def test_a_title_match_outranks_a_standfirst_match_which_outranks_a_body_match(client):
    ArticleFactory(title="Budget debate", standfirst="Talks go on.", body="<p>The zucchini harvest was late.</p>")
    ArticleFactory(title="Harvest news", standfirst="A zucchini glut in Herat.", body="<p>Prices fell.</p>")
    ArticleFactory(title="Zucchini prices climb", standfirst="Markets react.", body="<p>Traders worry.</p>")

    assert found_titles(search(client, "zucchini")) == ["Zucchini prices climb", "Harvest news", "Budget debate"]


def test_within_a_tier_the_newest_story_comes_first(client):
    now = datetime.datetime.now(datetime.UTC)
    for days in (3, 1, 2):
        ArticleFactory(title=f"Saffron exports, {days} days ago", published_at=now - datetime.timedelta(days=days))

    assert found_titles(search(client, "saffron")) == [f"Saffron exports, {days} days ago" for days in (1, 2, 3)]


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


def test_each_result_links_to_its_own_editions_page(client):
    # A Dari story found from the Pashto edition opens in the Dari edition, not in Pashto chrome.
    dari = ArticleFactory(title="Salang snow Salang", language=Language.DARI)
    english = ArticleFactory(title="Salang tunnel reopens")

    with translation.override("ps"):
        page = client.get(reverse("search:results"), {"q": "Salang"}).content.decode()
    for article in (dari, english):
        with translation.override(article.language):
            assert f'href="{article.get_absolute_url()}"' in page
    assert f'href="/ps/{dari.section.slug}/{dari.pk}-' not in page


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
    "<script>alert(1)</script>",
    "%_\\",
    "كابل\u200c\u0640\u064e",
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_hostile_queries_return_a_page_never_an_error(client, q):
    ArticleFactory(title="Peace in Kabul", body="<p>alert script evil</p>")

    response = search(client, q)

    assert b"<script>alert" not in response.content


def test_a_nul_byte_in_the_query_is_a_bad_request(client):
    # Refused before the view (security.middleware.HostileInputMiddleware): PostgreSQL rejects NUL in text.
    assert client.get(reverse("search:results"), {"q": "\x00null byte"}).status_code == 400


def test_a_huge_query_is_cut_to_size(client):
    ArticleFactory(title="Peace in Kabul")

    response = search(client, "peace " + "z" * 5000)

    assert response.status_code == 200
    assert len(response.context_data["form"].parsed_query().websearch()) <= MAX_QUERY_CHARS


def test_snippets_escape_article_text_and_mark_only_the_match(client):
    ArticleFactory(
        title="Quokka census",
        standfirst="Counting marsupials.",
        # Escaped in the stored HTML, so the plain text we index reads "<img ...>".
        body="<p>&lt;img src=x onerror=alert(1)&gt; The quokka &amp; friends grew.</p>",
    )

    response = search(client, "quokka")
    snippet = str(response.context_data["page"].object_list[0].search_snippet)

    assert "<img" not in snippet
    assert "&lt;img" in snippet
    assert "<mark>quokka</mark>" in snippet.lower()
    assert snippet.replace("<mark>", "").replace("</mark>", "").count("<") == 0


def test_results_highlight_the_words_of_each_search_and_follow_edits(client):
    article = ArticleFactory(title="Mulberry and fig harvest", body="<p>Mulberry trees and fig trees.</p>")

    def results_html(q):
        html = search(client, q).content.decode()
        return html[html.index('class="search-results"'):html.index("</ol>")]

    assert "<mark>Mulberry</mark>" in results_html("mulberry") and "<mark>fig</mark>" not in results_html("mulberry")
    assert "<mark>fig</mark>" in results_html("fig") and "<mark>Mulberry</mark>" not in results_html("fig")

    article.title = "Mulberry season"
    article.save()
    assert "Mulberry season" in results_html("mulberry") and "fig harvest" not in results_html("mulberry")


def test_result_headlines_are_escaped_and_follow_edits(client):
    article = ArticleFactory(title="<b>Loud</b> quince news")

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

    assert first.context_data["page"].has_next() and not first.context_data["page"].has_previous()
    assert "23 results" in first.content.decode() and "Page 1 of 2" in first.content.decode()
    assert second.context_data["page"].has_previous() and not second.context_data["page"].has_next()
    assert "23 results" in second.content.decode() and "Page 2 of 2" in second.content.decode()
    assert len(found_titles(first)) == 20
    assert len(found_titles(second)) == 3
    assert set(found_titles(first)).isdisjoint(found_titles(second))
    assert "q=pomegranate" in first.content.decode() and "page=2" in first.content.decode()
    assert 'rel="next"' not in second.content.decode() and "page=1" in second.content.decode()
    assert second.context_data["page"].start_index() == 21
    assert search(client, "pomegranate", page="999").context_data["page"].number == 2
    assert search(client, "pomegranate", page="3").context_data["page"].number == 2
    assert search(client, "pomegranate", page="nonsense").context_data["page"].number == 1


def test_pages_follow_the_ranking_without_gaps_or_repeats(client):
    # 2 title matches, then 45 body matches: the pages walk one ranking, tier boundary included.
    for n in range(2):
        ArticleFactory(title=f"Tamarind report {n}")
    for n in range(45):
        ArticleFactory(title=f"Market day {n}", body="<p>Tamarind sellers were there.</p>")

    pages = [search(client, "tamarind", page=number).context_data["page"] for number in (1, 2, 3)]
    titles = [article.title for page in pages for article in page.object_list]

    assert len(titles) == len(set(titles)) == 47
    assert all(title.startswith("Tamarind report") for title in titles[:2])
    assert [page.has_next() for page in pages] == [True, True, False]
    assert all(page.paginator.count == 47 for page in pages)


def test_an_exact_fit_has_no_next_page(client):
    for n in range(20):
        ArticleFactory(title=f"Persimmon story {n}")

    page = search(client, "persimmon").context_data["page"]

    assert len(page.object_list) == 20
    assert page.paginator.count == 20 and not page.has_next() and not page.has_other_pages()


def test_a_search_with_nothing_found_says_so(client):
    ArticleFactory(title="Peace in Kabul")

    response = search(client, "zanzibarite")

    assert response.context_data["page"].paginator.count == 0
    assert "Nothing matched" in response.content.decode()


def test_the_search_page_runs_a_constant_number_of_queries(client, django_assert_num_queries):
    farming = SectionFactory(slug="farming", name="Farming")
    for n in range(25):
        ArticleFactory(title=f"Apricot story {n}", section=farming)

    # The site's sections (the navigation's, which the section menu and the chosen section
    # share); the ids of the three ranking tiers (fewer than RESULT_CAP headline matches, so
    # the later tiers are asked too); the page's articles with their sections and snippet
    # text; the donation appeal (no details here: two queries); the breaking-news banner.
    with django_assert_num_queries(8):
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


def test_search_asks_the_article_itself_whether_it_is_published(client):
    """No copy of the publish state: a change that reaches no signal still counts at once."""
    article = ArticleFactory(title="Hazelnut exports")
    Article.objects.filter(pk=article.pk).update(status=Status.DRAFT)
    assert found_titles(search(client, "hazelnut")) == []

    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED)
    assert found_titles(search(client, "hazelnut")) == ["Hazelnut exports"]


def test_a_scheduled_article_is_found_once_its_time_has_come(client, time_machine):
    article = ArticleFactory(title="Embargoed mulberry report", scheduled=True)
    assert found_titles(search(client, "mulberry")) == []

    time_machine.move_to(article.published_at + datetime.timedelta(minutes=1))

    assert found_titles(search(client, "mulberry")) == ["Embargoed mulberry report"]


def test_paging_stops_at_the_cap(client, monkeypatch):
    monkeypatch.setattr(views, "RESULT_CAP", 3)
    for n in range(5):
        ArticleFactory(title=f"Walnut harvest {n}")

    response = search(client, "walnut")
    page = response.context_data["page"]

    assert response.context_data["capped"] is True and page.has_next() is False
    assert len(page.object_list) == 3
    assert "More than 3 results" in response.content.decode()
    assert search(client, "walnut", page=2).context_data["page"].number == 1


def test_a_writers_name_finds_their_stories_and_follows_bylines_and_renames(client, django_capture_on_commit_callbacks):
    from articles.models import ArticleAuthor
    from tests.factories import AuthorFactory

    writer, other = AuthorFactory(name="Zarghuna Tokhi"), AuthorFactory(name="Nadia Rahimi")
    story = ArticleFactory(title="Schools reopen", authors=[writer])
    ArticleFactory(title="Prices rise", authors=[other])
    assert found_titles(search(client, "Tokhi")) == ["Schools reopen"]

    # A byline added in the admin after the article was saved.
    ArticleAuthor.objects.create(article=story, author=other, position=1)
    assert sorted(found_titles(search(client, "Rahimi"))) == ["Prices rise", "Schools reopen"]

    # Removed again: found only after the removal commits (the document is rewritten then).
    with django_capture_on_commit_callbacks(execute=True):
        ArticleAuthor.objects.filter(article=story, author=other).delete()
    assert found_titles(search(client, "Rahimi")) == ["Prices rise"]

    writer.name = "Zarghuna Wardak"
    writer.save()
    assert found_titles(search(client, "Wardak")) == ["Schools reopen"]
    assert found_titles(search(client, "Tokhi")) == []
    # Shortened to a name the old one contained: the old full name finds nothing any more.
    writer.name = "Wardak"
    writer.save()
    assert found_titles(search(client, "Zarghuna")) == []


def test_a_headline_match_outranks_a_byline_match(client):
    from tests.factories import AuthorFactory

    ArticleFactory(title="A story by Saffi", authors=[AuthorFactory(name="Other Writer")])
    ArticleFactory(title="Budget talks", authors=[AuthorFactory(name="Ahmad Saffi")])
    assert found_titles(search(client, "saffi")) == ["A story by Saffi", "Budget talks"]


def search_in(client, edition, q):
    with translation.override(edition):
        return search(client, q)


def snippet_of(response, title):
    return next(str(a.search_snippet) for a in response.context_data["page"].object_list if a.title == title)


DARI_BODY = "<p>باشندگان هرات می\u200cگویند که باران امسال کم بود.</p>"
PASHTO_BODY = "<p>خلک وايي چې په کابل کې ښوونځي بیا پرانیستل شول.</p>"


@pytest.mark.parametrize("q", ["هرات", "می\u200cگویند", "میگویند", "مي\u200cگويند"])
def test_a_dari_excerpt_keeps_its_zero_width_non_joiners_however_the_word_is_typed(client, q):
    ArticleFactory(title="باران در هرات", body=DARI_BODY, language=Language.DARI)

    snippet = snippet_of(search_in(client, "fa-af", q), "باران در هرات")

    assert "هرات می\u200cگویند که باران" in snippet.replace("<mark>", "").replace("</mark>", "")
    assert "میگویند" not in snippet
    if "هرات" not in q:
        assert "<mark>می\u200cگویند</mark>" in snippet


@pytest.mark.parametrize(("edition", "q"), [("ps", "کابل"), ("ps", "وايي"), ("ps", "وایی"), ("en", "كابل")])
def test_a_pashto_excerpt_keeps_its_arabic_yeh_in_every_edition(client, edition, q):
    ArticleFactory(title="ښوونځي پرانیستل شول", body=PASHTO_BODY, language=Language.PASHTO)

    snippet = snippet_of(search_in(client, edition, q), "ښوونځي پرانیستل شول")

    assert "خلک وايي چې په کابل کې ښوونځي" in snippet.replace("<mark>", "").replace("</mark>", "")
    assert "وایی" not in snippet and "ښوونځی" not in snippet
    assert "<mark>کابل</mark>" in snippet or "<mark>وايي</mark>" in snippet


def test_the_match_is_marked_where_it_stands_after_many_removed_joiners_and_marks(client):
    # Each ZWNJ, tatweel and haraka before the match makes the index's copy shorter than the story:
    # the excerpt window and the mark must still fall on the word in the story's own text.
    words = ["می\u200cروم", "کتـــاب", "کِتَابٌ"] * 30
    body = f"<p>{' '.join(words)} می\u200cروم به کتـــاب\u200cخانهٔ شهر هرات که زیبا است.</p>"
    ArticleFactory(title="سفر", body=body, language=Language.DARI)

    snippet = snippet_of(search_in(client, "fa-af", "هرات"), "سفر")

    assert "می\u200cروم به کتـــاب\u200cخانهٔ شهر <mark>هرات</mark> که زیبا است." in snippet
    assert snippet.startswith("… ") and snippet.count("<mark>") == 1


def result_items(html):
    return re.findall(r'<li class="search-result.*?</li>', html, re.DOTALL)


def test_an_english_result_for_a_pashto_story_keeps_the_pages_language_on_section_and_date(client):
    news = SectionFactory(slug="news", name="News")
    story = ArticleFactory(title="د کابل ښوونځي", body=PASHTO_BODY, section=news, language=Language.PASHTO)

    [item] = result_items(search_in(client, "en", "کابل").content.decode())

    opening_tag = item[: item.index(">") + 1]
    assert "dir=" not in opening_tag and "lang=" not in opening_tag  # the li is the English page's
    assert re.search(r'<h2 class="search-result__title" lang="ps" dir="rtl">', item)
    assert re.search(r'<p class="search-result__snippet" lang="ps" dir="rtl">', item)
    # The section in the story's own edition, which lists it (/en/section/news/ lists English only).
    assert 'href="/ps/section/news/" hreflang="ps">News</a>' in item
    assert f'href="/ps/news/{story.pk}-' in item
    time_element = re.search(r"<time[^>]*>", item).group(0)
    assert 'lang="ps"' not in time_element and 'dir="rtl"' not in time_element


def test_a_result_in_the_pages_own_language_links_its_section_here(client):
    SectionFactory(slug="news", name="News")
    ArticleFactory(title="د کابل ښوونځي", body=PASHTO_BODY, section__slug="news", language=Language.PASHTO)

    [item] = result_items(search_in(client, "ps", "کابل").content.decode())

    assert 'href="/ps/section/news/">News</a>' in item and "hreflang" not in item
