import datetime
import xml.etree.ElementTree as ET

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.utils import timezone

from articles.models import Language
from syndication import sitemaps
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "news": "http://www.google.com/schemas/sitemap-news/0.9"}


def get_xml(client, path):
    response = client.get(path)
    assert response.status_code == 200
    return response, ET.fromstring(response.content)


def locations(root):
    return [loc.text for loc in root.findall(".//s:loc", NS)]


@pytest.fixture
def site_content():
    section = SectionFactory(slug="health", name="Health")
    live_author, hidden_author = AuthorFactory(slug="live-author"), AuthorFactory(slug="hidden-author")
    live = ArticleFactory(title="LIVE", section=section, tags=["vaccines"], authors=[live_author])
    ArticleFactory(title="DRAFT", draft=True, section=section, tags=["secret-tag"], authors=[hidden_author])
    ArticleFactory(title="LATER", scheduled=True, section=section, tags=["secret-tag"], authors=[hidden_author])
    page = FlatPage.objects.create(url="/about-us-marker/", title="About")
    page.sites.add(Site.objects.get_current())
    return live


def test_the_index_names_every_sitemap_and_each_is_valid_xml(client, site_content):
    _, index = get_xml(client, "/sitemap.xml")
    sitemap_urls = locations(index)

    assert {url.rsplit("/", 1)[1] for url in sitemap_urls} == {
        "sitemap-articles.xml", "sitemap-sections.xml", "sitemap-tags.xml", "sitemap-authors.xml", "sitemap-pages.xml",
    }
    for url in sitemap_urls:
        get_xml(client, url.replace("http://example.com", ""))


def test_the_article_sitemap_lists_published_articles_with_lastmod(client, site_content):
    _, root = get_xml(client, "/sitemap-articles.xml")

    urls = root.findall("s:url", NS)
    assert [u.find("s:loc", NS).text for u in urls] == [f"http://example.com{site_content.get_absolute_url()}"]
    assert urls[0].find("s:lastmod", NS).text.startswith(str(site_content.updated_at.year))


def test_tags_authors_and_sections_appear_only_through_published_articles(client, site_content):
    tags = " ".join(locations(get_xml(client, "/sitemap-tags.xml")[1]))
    authors = " ".join(locations(get_xml(client, "/sitemap-authors.xml")[1]))
    sections = locations(get_xml(client, "/sitemap-sections.xml")[1])

    assert "/tag/vaccines/" in tags and "secret-tag" not in tags
    assert "/author/live-author/" in authors and "hidden-author" not in authors
    # Every edition of the section page, each with hreflang alternates.
    assert {"http://example.com/en/section/health/", "http://example.com/ps/section/health/"} <= set(sections)


def test_flat_pages_are_listed(client, site_content):
    assert "http://example.com/about-us-marker/" in locations(get_xml(client, "/sitemap-pages.xml")[1])


def test_article_sitemaps_are_paged(client, monkeypatch):
    monkeypatch.setattr(sitemaps.ArticleSitemap, "limit", 2)
    for _ in range(5):
        ArticleFactory()

    _, index = get_xml(client, "/sitemap.xml")
    article_pages = [url for url in locations(index) if "sitemap-articles" in url]

    assert len(article_pages) == 3
    assert len(locations(get_xml(client, "/sitemap-articles.xml?p=3")[1])) == 1


def test_the_news_sitemap_lists_the_last_two_days_only(client, db):
    now = timezone.now()
    fresh = ArticleFactory(title="FRESH & <new>", language=Language.DARI, published_at=now - datetime.timedelta(hours=5))
    ArticleFactory(title="STALE", published_at=now - datetime.timedelta(days=3))
    ArticleFactory(title="UNPUBLISHED", draft=True)
    ArticleFactory(title="EMBARGOED", scheduled=True)

    response, root = get_xml(client, "/sitemap-news.xml")

    assert response["Content-Type"].startswith("application/xml")
    entries = root.findall("s:url", NS)
    assert [e.find("news:news/news:title", NS).text for e in entries] == ["FRESH & <new>"]
    news = entries[0].find("news:news", NS)
    assert news.find("news:publication/news:language", NS).text == "fa"
    assert news.find("news:publication/news:name", NS).text
    assert news.find("news:publication_date", NS).text.startswith(fresh.published_at.astimezone().strftime("%Y-%m-%d")[:4])
    assert entries[0].find("s:loc", NS).text.endswith(f"/fa-af/{fresh.section.slug}/{fresh.pk}-{fresh.slug}/")


def test_robots_txt_names_the_sitemaps_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Sitemap: http://testserver/sitemap.xml" in lines
    assert "Sitemap: http://testserver/sitemap-news.xml" in lines
    assert "Disallow: /admin/" in lines
    assert "Disallow: /en/search/" in lines


def test_the_article_sitemap_runs_a_constant_number_of_queries(client, django_assert_max_num_queries):
    for _ in range(15):
        ArticleFactory()

    # site, count for the paginator, the page of articles with their sections,
    # their live translations (hreflang alternates, editions app)
    with django_assert_max_num_queries(4):
        client.get("/sitemap-articles.xml")
