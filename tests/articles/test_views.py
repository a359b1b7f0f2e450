"""The reader website's pages: what readers see, what they never see, and how URLs behave."""

import datetime
import re

import pytest
from django.contrib.flatpages.models import FlatPage
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from articles import selectors
from articles.models import Language
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    # These tests look at what the views render, not at the page cache in front of them.
    settings.PAGECACHE_ENABLED = False


def html_of(response) -> str:
    return response.content.decode()


def query_count(client, url) -> int:
    """Queries for ``url`` once Django's own per-process caches (content types) are warm."""
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


# ---------- Home ----------


def test_home_leads_with_the_newest_story_and_lists_the_latest(client):
    older = ArticleFactory(title="Older story", published_at=timezone.now() - datetime.timedelta(days=2))
    newest = ArticleFactory(title="Newest story", standfirst="The newest standfirst.")

    page = html_of(client.get("/en/"))

    lead = page.split('class="lead-story"', 1)[1].split("</article>", 1)[0]
    assert newest.title in lead and "The newest standfirst." in lead
    assert older.title in page.split('class="latest"', 1)[1]


def test_home_never_shows_drafts_scheduled_review_or_archived_stories(client):
    ArticleFactory(title="Live story")
    ArticleFactory(title="Draft story", draft=True)
    ArticleFactory(title="Scheduled story", scheduled=True)
    ArticleFactory(title="Review story", in_review=True)
    ArticleFactory(title="Archived story", archived=True)

    page = html_of(client.get("/en/"))

    assert "Live story" in page
    for hidden in ("Draft story", "Scheduled story", "Review story", "Archived story"):
        assert hidden not in page


def test_home_has_a_block_per_section_in_navigation_order(client):
    late = SectionFactory(name="Sport", slug="sport", position=9)
    early = SectionFactory(name="Politics", slug="politics", position=1)
    for n in range(12):  # more than the top stories, which the section blocks do not repeat
        ArticleFactory(section=late if n % 2 else early)

    page = html_of(client.get("/en/"))

    headings = re.findall(r'<h2 id="section-block-\d+" class="block-heading"><a href="([^"]+)"', page)
    assert headings == [early.get_absolute_url(), late.get_absolute_url()]


@pytest.mark.parametrize("window", [200, 3], ids=["from the window", "a rare section asked again"])
def test_home_section_blocks_hold_the_newest_four_live_stories_of_the_edition_not_shown_above(client, monkeypatch, window):
    # With a window of 3 the newest ids hold no sport story: the block comes from its own slice.
    monkeypatch.setattr(selectors, "SECTION_BLOCK_WINDOW", window)
    news, sport = SectionFactory(slug="news", position=1), SectionFactory(slug="sport", position=2)
    hours = iter(range(1, 100))

    def story(section, title, **kwargs):
        return ArticleFactory(
            section=section, title=title, published_at=timezone.now() - datetime.timedelta(hours=next(hours)), **kwargs
        )

    top = [story(news, f"Top story {n}") for n in range(7)]  # the lead and the six latest
    news_block = [story(news, f"News block {n}") for n in range(5)]  # one more than a block holds
    sport_block = [story(sport, "Sport block 0"), story(sport, "Sport draft", draft=True)]
    story(sport, "Pashto sport", language=Language.PASHTO)

    page = html_of(client.get("/en/"))
    blocks = re.findall(r'id="section-block-\d+".*?</section>', page, flags=re.S)

    assert len(blocks) == 2
    news_html, sport_html = blocks
    assert [news_html.index(a.title) for a in news_block[:4]] == sorted(news_html.index(a.title) for a in news_block[:4])
    assert news_block[4].title not in news_html
    assert not any(a.title in news_html for a in top)
    assert sport_block[0].title in sport_html
    assert "Sport draft" not in sport_html and "Pashto sport" not in sport_html


def test_home_says_so_when_nothing_is_published_yet(client):
    ArticleFactory(draft=True)
    response = client.get("/en/")
    assert response.status_code == 200
    assert "No stories have been published yet" in html_of(response)


def test_home_query_count_does_not_grow_with_stories_sections_or_authors(client):
    # Sections (nav and blocks), the ids of the top stories and of the newest per section (one
    # window), the cards' rows (no pictures, so no renditions), "most read" (the week's counted
    # reads, and with none here the imported totals: audience/selectors.py), the donation
    # details (none here: the live methods, then the details), the sign-up form's newsletters,
    # the edition's breaking-news banner: 9. Pinned stories come with the window's ids (UNION ALL).
    def add(n):
        for i in range(n):
            ArticleFactory(section=SectionFactory(slug=f"s{i % 5}"), authors=[AuthorFactory(), AuthorFactory()], tags=[f"t{i}"])

    add(8)  # more than the top stories, so the section blocks have stories too
    small = query_count(client, "/en/")
    add(30)
    assert query_count(client, "/en/") == small == 9


def test_every_page_has_the_language_and_direction_of_its_edition(client):
    ArticleFactory()
    english = html_of(client.get("/en/"))
    pashto = html_of(client.get("/ps/"))
    assert '<html lang="en" dir="ltr">' in english
    assert '<html lang="ps" dir="rtl">' in pashto


def test_pages_have_one_h1_a_skip_link_and_landmarks(client):
    article = ArticleFactory()
    for url in ("/en/", article.section.get_absolute_url(), article.get_absolute_url(), "/en/corrections/"):
        page = html_of(client.get(url))
        assert len(re.findall(r"<h1[ >]", page)) == 1, url
        assert 'href="#main"' in page and '<main id="main"' in page, url
        assert "<header" in page and "<footer" in page and "<nav" in page, url


# ---------- Section, tag and author pages ----------


def test_section_page_lists_its_live_stories_newest_first(client):
    section = SectionFactory(name="Economy", slug="economy", description="Money and work.")
    old = ArticleFactory(section=section, title="Old economy story", published_at=timezone.now() - datetime.timedelta(days=3))
    new = ArticleFactory(section=section, title="New economy story")
    ArticleFactory(section=section, title="Economy draft", draft=True)
    ArticleFactory(title="Other section story")

    page = html_of(client.get(section.get_absolute_url()))

    assert "<h1" in page and "Economy" in page and "Money and work." in page
    assert page.index(new.title) < page.index(old.title)
    assert "Economy draft" not in page and "Other section story" not in page


def test_unknown_section_tag_and_author_are_404(client):
    for url in ("/en/section/nope/", "/en/tag/nope/", "/en/author/nope/"):
        assert client.get(url).status_code == 404, url


def test_list_pages_paginate_and_refuse_bad_or_out_of_range_pages(client):
    section = SectionFactory(slug="news")
    ArticleFactory.create_batch(13, section=section)  # 12 a page: two pages
    url = section.get_absolute_url()

    first, second = client.get(url), client.get(url + "?page=2")
    assert first.status_code == second.status_code == 200
    assert 'rel="next" href="?page=2"' in html_of(first)
    assert 'rel="prev" href="?page=1"' in html_of(second)
    assert html_of(second).count('<article class="card') == 1
    for bad in ("?page=3", "?page=0", "?page=-1", "?page=abc", "?page=1.5", f"?page={2**63}", "?page=5001"):
        assert client.get(url + bad).status_code == 404, bad


def test_an_empty_section_is_a_page_not_an_error(client):
    section = SectionFactory(slug="empty")
    response = client.get(section.get_absolute_url())
    assert response.status_code == 200
    assert "No stories have been published here yet." in html_of(response)


@pytest.mark.parametrize("kind", ["section", "tag", "author"])
def test_list_page_query_count_does_not_grow_with_the_list(client, kind):
    section, author = SectionFactory(slug="politics"), AuthorFactory(slug="reporter")

    def add(n):
        for _ in range(n):
            ArticleFactory(section=section, tags=["election", "kabul"], authors=[author, AuthorFactory()])

    url = {"section": section.get_absolute_url(), "tag": "/en/tag/election/", "author": author.get_absolute_url()}[kind]
    add(1)
    one = query_count(client, url)
    add(11)
    # The page's subject (a section is one of the sections the navigation lists), the page's
    # rows (no count: one row more says whether an older page exists; no pictures, so no
    # renditions; on a section's first page the story pinned at its top too, a UNION of ids),
    # the nav sections, the donation details (none here: two queries), the breaking-news banner.
    built = {"section": 5, "tag": 6, "author": 6}[kind]
    assert query_count(client, url) == one == built


@pytest.mark.parametrize("kind", ["tag", "author"])
def test_tag_and_author_pages_page_through_live_stories_newest_first(client, kind):
    author = AuthorFactory(slug="reporter")
    stories = [
        ArticleFactory(title=f"Story {n:02d}", tags=["election"], authors=[author], published_at=timezone.now() - datetime.timedelta(hours=n + 1))
        for n in range(14)
    ]
    ArticleFactory(title="Election draft", tags=["election"], authors=[author], draft=True)
    url = {"tag": "/en/tag/election/", "author": author.get_absolute_url()}[kind]

    first, second = html_of(client.get(url)), html_of(client.get(url + "?page=2"))

    titles = re.findall(r"Story \d\d", first) + re.findall(r"Story \d\d", second)
    assert list(dict.fromkeys(titles)) == [story.title for story in stories]
    assert first.count('<article class="card') == 12 and second.count('<article class="card') == 2
    assert "Election draft" not in first + second
    assert client.get(url + "?page=3").status_code == 404


def test_tag_page_lists_live_stories_with_the_tag(client):
    ArticleFactory(title="Flood story", tags=["floods"])
    ArticleFactory(title="Flood draft", tags=["floods"], draft=True)
    ArticleFactory(title="Untagged story")

    page = html_of(client.get("/en/tag/floods/"))

    assert "Flood story" in page
    assert "Flood draft" not in page and "Untagged story" not in page


def test_author_page_shows_bio_and_only_their_live_stories(client):
    author = AuthorFactory(name="Zarghuna Ahmadi", bio="Covers health from Herat.")
    ArticleFactory(title="Her story", authors=[author])
    ArticleFactory(title="Her draft", authors=[author], draft=True)
    ArticleFactory(title="Someone else's story", authors=[AuthorFactory()])

    page = html_of(client.get(author.get_absolute_url()))

    assert "Zarghuna Ahmadi" in page and "Covers health from Herat." in page
    assert "Her story" in page
    assert "Her draft" not in page and "Someone else&#x27;s story" not in page


# ---------- Article page ----------


def test_article_page_shows_the_story_with_byline_section_dates_and_tags(client):
    first, second = AuthorFactory(name="First Reporter"), AuthorFactory(name="Second Reporter")
    article = ArticleFactory(
        title="Floods hit Nangarhar",
        standfirst="Hundreds of families lost their homes.",
        body="<p>Rain fell for <strong>three days</strong>.</p>",
        authors=[second, first],
        tags=["floods"],
        published_at=timezone.now() - datetime.timedelta(minutes=5),
    )

    page = html_of(client.get(article.get_absolute_url()))

    assert '<h1 class="story-title">Floods hit Nangarhar</h1>' in page
    assert "Hundreds of families lost their homes." in page
    assert "<p>Rain fell for <strong>three days</strong>.</p>" in page
    byline = page.split('class="byline"', 1)[1].split("</p>", 1)[0]
    assert byline.index(second.get_absolute_url()) < byline.index(first.get_absolute_url())
    assert f'href="{article.section.get_absolute_url()}"' in page
    assert 'href="/en/tag/floods/"' in page
    assert "Published <time datetime=" in page
    assert "Updated" not in page.split('class="story-body')[0]


def test_article_page_shows_updated_only_when_changed_well_after_publication(client):
    article = ArticleFactory(published_at=timezone.now() - datetime.timedelta(days=2))
    article.standfirst = "Now with the official figures."
    article.save()  # updated_at is now, two days after publication

    page = html_of(client.get(article.get_absolute_url()))

    assert "Updated" in page.split('class="story-body')[0]


def test_article_page_shows_corrections_at_the_top_newest_first(client):
    article = ArticleFactory()
    CorrectionFactory(article=article, text="Older fix.", corrected_at=timezone.now() - datetime.timedelta(days=1))
    CorrectionFactory(article=article, text="Newer fix.")

    page = html_of(client.get(article.get_absolute_url()))

    corrections = page.split('class="story-corrections', 1)[1].split("</aside>", 1)[0]
    assert corrections.index("Newer fix.") < corrections.index("Older fix.")
    assert page.index("story-corrections") < page.index("story-body")


def test_related_stories_share_tags_or_section_and_are_live(client):
    section = SectionFactory(slug="health")
    article = ArticleFactory(section=section, tags=["polio", "vaccines"])
    best = ArticleFactory(title="Shares two tags", tags=["polio", "vaccines"], published_at=timezone.now() - datetime.timedelta(days=5))
    ArticleFactory(title="Same section only", section=section)
    ArticleFactory(title="Unrelated story", tags=["cricket"])
    ArticleFactory(title="Related draft", tags=["polio"], draft=True)

    page = html_of(client.get(article.get_absolute_url()))

    related = page.split('id="related-heading"', 1)[1]
    assert related.index(best.title) < related.index("Same section only")
    assert "Unrelated story" not in related and "Related draft" not in related
    assert article.title not in related


def test_related_stories_score_only_recent_candidates_but_still_fall_back_to_the_section(client, monkeypatch):
    # Scoring every story of the archive by shared tags read all tag links (1.2 s at 100,000).
    monkeypatch.setattr(selectors, "RELATED_CANDIDATE_WINDOW", 3)
    section = SectionFactory(slug="health")
    days = iter(range(1, 100))

    def story(title, **kwargs):
        return ArticleFactory(title=title, published_at=timezone.now() - datetime.timedelta(days=next(days)), **kwargs)

    article = story("The article", section=section, tags=["polio"])
    recent_tagged = story("Recent polio story", tags=["polio"])
    story("Recent unrelated 1")
    story("Recent unrelated 2")
    story("Old polio story", tags=["polio"])  # outside the window of candidates
    old_same_section = story("Old health story", section=section)

    related = [story.title for story in selectors.related(article, limit=4)]

    assert related == [recent_tagged.title, old_same_section.title]


def test_article_page_query_count_does_not_grow_with_authors_tags_corrections_or_related(client):
    def story(n):
        section = SectionFactory(slug="news")
        article = ArticleFactory(section=section, authors=[AuthorFactory() for _ in range(n)], tags=[f"tag{i}" for i in range(n)])
        for _ in range(n):
            CorrectionFactory(article=article)
            ArticleFactory(section=section, tags=["tag0"], authors=[AuthorFactory()])
        return article

    one = query_count(client, story(1).get_absolute_url())
    # Article + section (and whether it has corrections or translations); for the story itself:
    # bylines, tags, corrections; related stories (no pictures: no renditions); the nav
    # sections; the donation details (none here: the live methods, then the details); the
    # newsletters of the sign-up form; the breaking-news banner.
    url = story(20).get_absolute_url()
    assert query_count(client, url) == one == 10


def test_pashto_article_on_an_english_page_is_marked_right_to_left(client):
    article = ArticleFactory(language=Language.PASHTO, title="د کابل ښار ټولنه")

    page = html_of(client.get(article.get_absolute_url()))

    assert '<html lang="en" dir="ltr">' in page
    assert '<article class="story" lang="ps" dir="rtl">' in page


def test_an_old_slug_or_section_redirects_permanently_to_the_current_url(client):
    article = ArticleFactory(title="First headline")
    old_url = article.get_absolute_url()
    article.slug = "fixed-headline"
    article.save()

    for url in (old_url, f"/en/wrong-section/{article.pk}-fixed-headline/", f"/en/{article.section.slug}/{article.pk}/"):
        response = client.get(url)
        assert response.status_code == 301, url
        assert response["Location"] == article.get_absolute_url()


def test_unknown_article_id_is_404(client):
    assert client.get("/en/news/999999-nothing/").status_code == 404


# ---------- Preview ----------


@pytest.mark.parametrize("trait", ["draft", "scheduled", "in_review", "archived"])
def test_readers_get_404_for_anything_not_published(client, trait):
    article = ArticleFactory(**{trait: True})
    assert client.get(article.get_absolute_url()).status_code == 404
    reader = UserFactory(username="reader", is_staff=False)
    client.force_login(reader)
    assert client.get(article.get_absolute_url()).status_code == 404


@pytest.mark.parametrize("trait", ["draft", "scheduled"])
def test_staff_preview_unpublished_articles_through_the_real_template_uncached(client, editor, trait):
    article = ArticleFactory(title="Embargoed story", **{trait: True})
    client.force_login(editor)

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert "articles/article_detail.html" in response.template_name
    page = html_of(response)
    assert "Embargoed story" in page and "Readers cannot see this article yet" in page
    assert "no-cache" in response["Cache-Control"] and "no-store" in response["Cache-Control"]


def test_a_live_article_is_not_marked_as_a_preview(client, editor):
    article = ArticleFactory()
    client.force_login(editor)
    response = client.get(article.get_absolute_url())
    assert "Readers cannot see this article yet" not in html_of(response)
    assert "no-store" not in response.get("Cache-Control", "")


# ---------- Corrections, flat pages, errors ----------


def test_corrections_page_lists_corrections_to_live_stories_newest_first(client):
    CorrectionFactory(text="Old correction.", corrected_at=timezone.now() - datetime.timedelta(days=3))
    CorrectionFactory(text="New correction.")
    CorrectionFactory(text="Correction to a draft.", article=ArticleFactory(draft=True))

    page = html_of(client.get(reverse("articles:corrections")))

    assert page.index("New correction.") < page.index("Old correction.")
    assert "Correction to a draft." not in page


@pytest.mark.parametrize("url", ["/about/", "/contact/", "/privacy/"])
def test_about_contact_and_privacy_pages_exist_in_the_site_design(client, url):
    # The migrations' pages keep their old addresses; the English edition serves them.
    response = client.get(f"/en{url}")
    assert response.status_code == 200
    page = html_of(response)
    assert f"<h1 class=\"page-title\">{FlatPage.objects.get(url=url).title}</h1>" in page
    assert 'class="site-header"' in page and 'class="site-footer"' in page


def test_editors_can_change_a_flat_page(client):
    FlatPage.objects.filter(url="/about/").update(content="<p>We are a small team in Oslo and Kabul.</p>")
    assert "We are a small team in Oslo and Kabul." in html_of(client.get("/en/about/"))


def test_not_found_is_a_friendly_page_in_the_site_design(client):
    response = client.get("/en/section/no-such-section/")
    assert response.status_code == 404
    page = html_of(response)
    assert "We can't find that page" in page and 'class="site-header"' in page
    assert 'href="/en/"' in page


def test_server_error_page_renders_without_a_request_or_database():
    page = render_to_string("500.html")
    assert "Something went wrong on our side" in page and "/static/css/site.css" in page


@pytest.mark.parametrize("language", ["en", "ps", "fa-af"])
@pytest.mark.parametrize(("section_slug", "slug"), [
    ("politics", "a-plain-headline"), ("سیاست", "د-کابل-ښار-ټولنه"), ("news", "100-per-cent_sure"), ("x", "{braces}-and-%"),
])
def test_an_article_address_is_what_reversing_its_url_pattern_gives(language, section_slug, slug):
    article = ArticleFactory.build(pk=42, slug=slug, section=SectionFactory.build(slug=section_slug))
    with translation.override(language):
        expected = reverse("articles:detail", kwargs={"section": section_slug, "pk": 42, "slug": slug})
        assert article.get_absolute_url() == expected
