"""The lite edition (/<edition>/lite/): the same stories as the full site, as plain pages that
load nothing but themselves, within their byte budgets, linked to and from their full twins."""

import datetime
import gzip
import random
import re

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import lorem_ipsum, timezone

from articles.models import Language
from articles.samples import STORIES
from tests.articles.test_views_images import jpeg, run_queued_renditions
from tests.donations.factories import seed_details
from tests.factories import ArticleFactory, AuthorFactory, CorrectionFactory, SectionFactory

pytestmark = pytest.mark.django_db

EDITIONS = [("en", Language.ENGLISH, "ltr"), ("ps", Language.PASHTO, "rtl"), ("fa-af", Language.DARI, "rtl")]
ARTICLE_BUDGET = 25 * 1024  # bytes over the wire, HTML and its CSS, compressed (issue 20)
HOME_BUDGET = 30 * 1024


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGECACHE_ENABLED = False


def html_of(response) -> str:
    return response.content.decode()


def wire_size(response) -> int:
    """What the page costs a reader: its HTML (the stylesheet is inside it), gzip-compressed."""
    return len(gzip.compress(response.content, compresslevel=6))


def lite_path(article) -> str:
    return f"/{article.language}/lite/{article.section.slug}/{article.pk}-{article.slug}/"


def full_path(article) -> str:
    return f"/{article.language}/{article.section.slug}/{article.pk}-{article.slug}/"


def words_of(language: str) -> list[str]:
    """Words that compress as real text does: our sample stories' in Pashto and Dari, lorem ipsum's
    (as the demo content) in English."""
    if language == Language.ENGLISH:
        return list(lorem_ipsum.WORDS)
    return " ".join(" ".join(story.paragraphs) for story in STORIES if story.language == language).split()


def long_body(language: str, *, paragraphs: int = 40, words_per_paragraph: int = 75) -> str:
    """A long feature (3,000 words), each word drawn from real ones."""
    rng = random.Random(20)
    words = words_of(language) or ["word"]
    return "".join(
        "<p>" + " ".join(rng.choice(words) for _ in range(words_per_paragraph)) + "</p>" for _ in range(paragraphs)
    )


def assert_plain_page(page: str):
    """Nothing that loads or runs: no script, no web font, no picture, no stylesheet file; the one
    image is the read counter's hidden pixel (audience/), an empty 204 answer."""
    assert "<script" not in page.lower()
    assert "@font-face" not in page and ".woff" not in page
    without_counter = re.sub(r'<img src="/reads/\d+" alt="" width="1" height="1" class="read-pixel" hidden>', "", page)
    assert "<img" not in without_counter and "<svg" not in page and "<picture" not in page
    assert '<link rel="stylesheet"' not in page and "<iframe" not in page


# ---------- Every edition, every page type ----------


@pytest.mark.parametrize(("code", "language", "direction"), EDITIONS)
def test_each_edition_has_a_plain_lite_home_section_article_and_search(client, code, language, direction):
    section = SectionFactory(slug="news", name="News")
    article = ArticleFactory(language=language, section=section, title="Water returns to the Helmand canals")

    for path in [f"/{code}/lite/", f"/{code}/lite/section/news/", lite_path(article), f"/{code}/lite/search/?q=Helmand"]:
        response = client.get(path)
        assert response.status_code == 200, path
        page = html_of(response)
        assert f'<html lang="{code}" dir="{direction}">' in page, path
        assert_plain_page(page)
        assert article.title in page, path


@pytest.mark.parametrize(("code", "language", "separator"), [("en", Language.ENGLISH, " · "), ("ps", Language.PASHTO, "، ")])
def test_a_stories_date_is_set_apart_by_a_mark_no_digit_is_mistaken_for(client, code, language, separator):
    # Beside Eastern Arabic digits a middle dot reads as their zero: "۱۴ ·" looked like "۱۴۰".
    section = SectionFactory(slug="news", name="News")
    article = ArticleFactory(language=language, section=section, title="Helmand canals", authors=[AuthorFactory(name="Sara")])

    home_page = html_of(client.get(f"/{code}/lite/"))
    story_page = html_of(client.get(lite_path(article)))
    search_page = html_of(client.get(f"/{code}/lite/search/?q=Helmand"))

    for page in (home_page, story_page, search_page):
        assert f"{separator}<time" in page
    if code != "en":
        assert " · <time" not in home_page + story_page + search_page


def test_lite_headings_never_skip_a_level(client):
    # A screen reader's outline: a story list under the page's h1 is h2, under an h2 it is h3 (axe: heading-order).
    section = SectionFactory(slug="news", name="News")
    stories = [ArticleFactory(section=section, title=f"Helmand story {number}") for number in range(12)]
    for path in ["/en/lite/", "/en/lite/section/news/", lite_path(stories[0]), "/en/lite/search/?q=Helmand"]:
        levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", html_of(client.get(path)))]
        assert levels[0] == 1, path
        assert all(later <= earlier + 1 for earlier, later in zip(levels, levels[1:], strict=False)), (path, levels)


def test_lite_pages_link_to_lite_pages(client):
    section = SectionFactory(slug="news", name="News")
    article = ArticleFactory(language=Language.PASHTO, section=section)

    home = html_of(client.get("/ps/lite/"))

    assert f'href="{lite_path(article)}"' in home
    assert 'href="/ps/lite/section/news/"' in home and 'action="/ps/lite/search/"' in home
    # The edition links stay in the lite edition.
    assert 'href="/en/lite/"' in home and 'href="/fa-af/lite/"' in home
    search = html_of(client.get("/ps/lite/search/", {"q": article.title.split()[0]}))
    assert f'href="{lite_path(article)}"' in search


def test_a_lite_article_shows_the_story_its_byline_corrections_and_related_stories(client):
    section = SectionFactory(slug="news")
    author = AuthorFactory(name="Gul Ahmad")
    article = ArticleFactory(section=section, title="Main story", body="<p>The whole body.</p>", authors=[author])
    CorrectionFactory(article=article, text="The dam is 40 km away, not 14.")
    related = ArticleFactory(section=section, title="A related story")

    page = html_of(client.get(lite_path(article)))

    assert "<h1>Main story</h1>" in page and "<p>The whole body.</p>" in page
    assert "Gul Ahmad" in page and "The dam is 40 km away, not 14." in page
    assert f'href="{lite_path(related)}"' in page


# ---------- The one rule of what readers see ----------


@pytest.mark.parametrize("trait", ["draft", "in_review", "scheduled", "archived"])
def test_a_story_readers_may_not_see_is_404_on_lite_and_listed_nowhere(client, trait):
    section = SectionFactory(slug="news")
    hidden = ArticleFactory(section=section, title="Not for readers yet", **{trait: True})
    ArticleFactory(section=section, title="Live story")

    assert client.get(lite_path(hidden)).status_code == 404
    for path in ["/en/lite/", "/en/lite/section/news/", "/en/lite/search/?q=readers"]:
        page = html_of(client.get(path))
        assert "Live story" in page or "search" in path
        assert "Not for readers yet" not in page, path


def test_an_outdated_lite_address_redirects_to_the_lite_article(client):
    article = ArticleFactory(language=Language.PASHTO)

    response = client.get(f"/ps/lite/{article.section.slug}/{article.pk}-old-headline/")

    assert response.status_code == 301 and response["Location"] == lite_path(article)
    # The full site's own redirect is unchanged.
    assert client.get(f"/ps/{article.section.slug}/{article.pk}/")["Location"] == full_path(article)


# ---------- Twins: alternate and canonical ----------


def test_full_and_lite_pages_link_to_each_other(client):
    section = SectionFactory(slug="news")
    article = ArticleFactory(language=Language.PASHTO, section=section)
    pairs = [
        ("/ps/", "/ps/lite/"),
        ("/ps/section/news/", "/ps/lite/section/news/"),
        (full_path(article), lite_path(article)),
        ("/ps/search/?q=kabul", "/ps/lite/search/?q=kabul"),
    ]
    for full, lite in pairs:
        full_page = html_of(client.get(full))
        lite_page = html_of(client.get(lite))
        assert f'<link rel="alternate" href="{lite}"' in full_page, full
        assert f'class="lite-link" href="{lite}"' in full_page, full  # the visible link in the footer
        assert f'<link rel="alternate" href="{full}">' in lite_page, lite
        assert f'class="full" href="{full}"' in lite_page, lite  # the visible link in the header


def test_a_page_without_a_lite_twin_links_to_the_lite_home_but_names_no_alternate(client):
    author = AuthorFactory(slug="gul")
    ArticleFactory(language=Language.DARI, authors=[author])

    page = html_of(client.get("/fa-af/author/gul/"))

    assert 'class="lite-link" href="/fa-af/lite/"' in page
    assert "/lite/" not in page.split("</head>", 1)[0]


def test_lite_pages_name_the_full_page_as_canonical(client):
    original = ArticleFactory(language=Language.ENGLISH, title="Original")
    translation = ArticleFactory(language=Language.PASHTO, translation_of=original)

    article_page = html_of(client.get(lite_path(translation)))
    home = html_of(client.get("/ps/lite/"))
    section_page_2 = html_of(client.get(f"/ps/lite/section/{translation.section.slug}/?page=1"))

    assert f'<link rel="canonical" href="http://testserver{full_path(translation)}">' in article_page
    assert '<link rel="canonical" href="http://testserver/ps/">' in home
    assert f'<link rel="canonical" href="http://testserver/ps/section/{translation.section.slug}/">' in section_page_2
    # Its translation is offered in the lite edition too.
    assert f'href="{lite_path(original)}"' in article_page


# ---------- Pictures and donations ----------


def test_a_hero_photo_is_only_a_link_to_its_smallest_copy(client):
    article = ArticleFactory(language=Language.PASHTO, title="Kites over Kabul")
    article.hero_image = ContentFile(jpeg(1200, 800), name="kites.jpg")
    article.hero_alt = "Boys fly kites on a hill above Kabul"
    article.save()
    run_queued_renditions()
    smallest = min(article.hero_renditions.all(), key=lambda rendition: rendition.width)

    page = html_of(client.get(lite_path(article)))

    assert_plain_page(page)
    assert f'<a href="{smallest.file.url}">' in page and smallest.width == 320
    assert "Boys fly kites on a hill above Kabul" in page


@pytest.mark.parametrize(("code", "language", "headline"), [
    ("en", Language.ENGLISH, "Support Dawat Media Center"),
    ("ps", Language.PASHTO, "د دعوت رسنیز مرکز ملاتړ وکړئ"),
    ("fa-af", Language.DARI, "از مرکز رسانه‌ای دعوت حمایت کنید"),
])
def test_lite_pages_give_the_donation_details_as_text(client, code, language, headline):
    seed_details()
    article = ArticleFactory(language=language)

    for path in [f"/{code}/lite/", lite_path(article)]:
        page = html_of(client.get(path))
        assert headline in page, path
        assert '<bdi class="donation-number" dir="ltr">0530 22 94668</bdi>' in page
        assert "NO15 0530 2294 668" in page and "#557320" in page
        assert f'href="/{code}/donate/"' in page
        assert "<svg" not in page  # the Vipps QR code is for the full site's donate page


def test_lite_pages_without_donation_details_show_no_appeal(client):
    article = ArticleFactory()

    assert 'class="donate"' not in html_of(client.get(lite_path(article)))


# ---------- Budgets ----------


@pytest.mark.parametrize(("code", "language"), [("en", Language.ENGLISH), ("ps", Language.PASHTO)])
def test_a_long_lite_article_stays_within_25_kb_over_the_wire(client, code, language):
    seed_details()
    section = SectionFactory(slug="news")
    author = AuthorFactory()
    article = ArticleFactory(
        language=language, section=section, authors=[author], title=" ".join(words_of(language)[:14]),
        standfirst=" ".join(words_of(language)[14:40]), body=long_body(language),
    )
    for n in range(4):  # related stories
        ArticleFactory(language=language, section=section, title=" ".join(words_of(language)[n * 10:n * 10 + 12]))

    response = client.get(lite_path(article))

    assert len(re.sub("<[^>]+>", " ", article.body).split()) == 3000  # a long feature
    assert wire_size(response) <= ARTICLE_BUDGET, wire_size(response)


@pytest.mark.parametrize(("code", "language"), [("en", Language.ENGLISH), ("ps", Language.PASHTO)])
def test_a_full_lite_home_stays_within_30_kb_over_the_wire(client, code, language):
    seed_details()
    rng, words = random.Random(30), words_of(language)
    now = timezone.now()
    for s in range(10):  # ten sections, each with a full block, and the top stories
        section = SectionFactory(slug=f"section-{s}", name=" ".join(rng.choices(words, k=2)))
        for n in range(6):
            ArticleFactory(
                language=language, section=section, title=" ".join(rng.choices(words, k=14)),
                standfirst=" ".join(rng.choices(words, k=30)), published_at=now - datetime.timedelta(hours=s * 6 + n),
            )

    response = client.get(f"/{code}/lite/")

    page = html_of(response)
    assert len(re.findall(r"<li", page)) > 40
    assert wire_size(response) <= HOME_BUDGET, wire_size(response)


# ---------- The page cache ----------


def test_the_page_cache_keeps_lite_and_full_pages_apart(client, settings):
    settings.PAGECACHE_ENABLED = True
    article = ArticleFactory(language=Language.PASHTO)

    full = client.get(full_path(article))
    lite = client.get(lite_path(article))
    lite_again = client.get(lite_path(article))
    full_again = client.get(full_path(article))

    assert (full["X-Page-Cache"], lite["X-Page-Cache"]) == ("miss", "miss")
    assert (lite_again["X-Page-Cache"], full_again["X-Page-Cache"]) == ("hit", "hit")
    assert lite_again.content == lite.content and "<script" not in html_of(lite_again)
    assert full_again.content == full.content and 'class="story-body' in html_of(full_again)


def test_lite_pages_run_no_more_queries_than_their_full_twins(client):
    """The same views: the pins in tests/performance/test_query_counts.py bound the lite pages too."""
    seed_details()
    section = SectionFactory(slug="news")
    author = AuthorFactory()
    stories = [ArticleFactory(language=Language.PASHTO, section=section, authors=[author]) for _ in range(6)]
    CorrectionFactory(article=stories[0])
    pairs = [
        ("/ps/", "/ps/lite/"),
        ("/ps/section/news/", "/ps/lite/section/news/"),
        (full_path(stories[0]), lite_path(stories[0])),
        ("/ps/search/?q=Headline", "/ps/lite/search/?q=Headline"),
    ]
    for full, lite in pairs:
        assert query_count(client, lite) <= query_count(client, full), lite


def query_count(client, url) -> int:
    client.get(url)  # Django's own per-process caches (content types) warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_a_lite_search_result_in_another_language_marks_only_its_own_words(client):
    # The English page's section and date under a Pashto story were mirrored and read in Pashto.
    article = ArticleFactory(language=Language.PASHTO, title="د کابل ښوونځي", standfirst="د کابل ښوونځي پرانیستل شول")

    page = html_of(client.get("/en/lite/search/?q=کابل"))

    result = page.split("<ol", 1)[1].split("</ol>", 1)[0]
    assert '<li><h2 lang="ps" dir="rtl">' in result and article.title in result
    assert '<p lang="ps" dir="rtl">' in result
    assert '<span class="meta">' in result and 'lang="ps"' not in result.split('<span class="meta">', 1)[1].split("</span>")[0]


@pytest.mark.parametrize(("code", "eastern", "numbered_in_persian"), [("ps", True, True), ("fa-af", True, True), ("en", True, False), ("ps", False, False)])
def test_lite_lists_are_numbered_in_the_editions_digits(client, settings, code, eastern, numbered_in_persian):
    # The "Most read" list counted 1, 2, 3 on a Pashto page that writes every other number ۱, ۲, ۳.
    settings.NEWSROOM_EASTERN_DIGITS = eastern
    ArticleFactory()

    page = html_of(client.get(f"/{code}/lite/"))

    assert ("ol { list-style-type: persian; }" in page) is numbered_in_persian
