import io
import json
import re
from html.parser import HTMLParser

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.utils import translation
from PIL import Image

from articles.models import Language
from tests.factories import ArticleFactory, AuthorFactory, SectionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english_edition():
    # get_absolute_url() follows the active language, which an earlier test's request can leave behind.
    with translation.override("en"):
        yield


class HeadReader(HTMLParser):
    """Collects <meta>, <link> and JSON-LD blocks of a page."""

    def __init__(self):
        super().__init__()
        self.meta, self.links, self.json_ld, self._in_ld = {}, [], [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta" and ("property" in attrs or "name" in attrs):
            self.meta.setdefault(attrs.get("property") or attrs.get("name"), []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._in_ld = True

    def handle_endtag(self, tag):
        self._in_ld = False

    def handle_data(self, data):
        if self._in_ld:
            self.json_ld.append(json.loads(data))


def read_head(client, url):
    response = client.get(url)
    assert response.status_code == 200
    reader = HeadReader()
    reader.feed(response.content.decode())
    return response, reader


def first(reader, name):
    values = reader.meta.get(name, [])
    assert len(values) == 1, (name, values)
    return values[0]


@pytest.fixture
def article():
    return ArticleFactory(
        title="Wheat prices </script><script>alert(1)</script> & more",
        standfirst="Bakers in Kabul raise the price of bread.",
        section=SectionFactory(slug="economy", name="Economy"),
        tags=["wheat", "bread"],
        authors=[AuthorFactory(name="Sara Ahmadi", slug="sara-ahmadi")],
    )


def test_an_article_page_has_canonical_description_opengraph_and_twitter_tags(client, article):
    _, head = read_head(client, article.get_absolute_url())

    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [f"http://testserver{article.get_absolute_url()}"]
    assert first(head, "description") == "Bakers in Kabul raise the price of bread."
    assert first(head, "og:type") == "article"
    assert first(head, "og:title") == article.title
    assert first(head, "og:url") == canonical[0]
    assert first(head, "og:description") == article.standfirst
    assert first(head, "twitter:card") == "summary_large_image"
    assert first(head, "article:section") == "Economy"
    assert sorted(head.meta["article:tag"]) == ["bread", "wheat"]
    assert first(head, "og:image").startswith("http://testserver/media/share/")
    assert (first(head, "og:image:width"), first(head, "og:image:height")) == ("1200", "630")


def test_an_article_page_carries_news_article_and_breadcrumb_json_ld(client, article):
    response, head = read_head(client, article.get_absolute_url())

    # The headline's </script> must not end the data block early.
    assert b"</script><script>alert(1)" not in response.content
    by_type = {block["@type"]: block for block in head.json_ld}
    news = by_type["NewsArticle"]
    for key in ("headline", "description", "datePublished", "dateModified", "author", "publisher", "image",
                "inLanguage", "articleSection", "keywords"):
        assert news[key], key
    assert news["headline"] == article.title
    assert news["author"] == [{"@type": "Person", "name": "Sara Ahmadi", "url": "http://testserver/en/author/sara-ahmadi/"}]
    assert news["publisher"]["logo"]["url"].endswith(".png")
    assert news["inLanguage"] == "en"
    assert news["articleSection"] == "Economy"
    assert sorted(news["keywords"]) == ["bread", "wheat"]
    assert news["datePublished"].startswith(str(article.published_at.year))
    crumbs = by_type["BreadcrumbList"]["itemListElement"]
    assert [crumb["position"] for crumb in crumbs] == [1, 2, 3]
    assert crumbs[1]["name"] == "Economy" and crumbs[2]["item"] == news["url"]


def test_the_canonical_address_of_an_article_is_its_own_languages_edition(client):
    pashto = ArticleFactory(title="د کابل خبر", language=Language.PASHTO)

    _, head = read_head(client, pashto.get_absolute_url())  # read in the English edition

    canonical = next(link["href"] for link in head.links if link.get("rel") == "canonical")
    assert "/ps/" in canonical
    news = next(block for block in head.json_ld if block["@type"] == "NewsArticle")
    assert news["inLanguage"] == "ps"


def test_list_pages_have_metadata_and_link_their_feeds(client, article):
    _, head = read_head(client, "/en/section/economy/")

    alternates = {link["href"] for link in head.links if link.get("rel") == "alternate" and "type" in link}
    assert {"/en/feeds/section/economy/rss/", "/en/feeds/section/economy/atom/", "/en/feeds/rss/"} <= alternates
    assert first(head, "og:type") == "website"
    assert first(head, "og:url") == "http://testserver/en/section/economy/"
    assert head.json_ld == []


def test_the_home_page_links_the_site_feeds(client, article):
    _, head = read_head(client, "/en/")

    types = {link.get("type") for link in head.links if link.get("rel") == "alternate"}
    assert {"application/rss+xml", "application/atom+xml"} <= types


def test_each_edition_names_its_own_languages_feed_before_the_whole_sites(client, article):
    for edition in ("en", "ps", "fa-af"):
        _, head = read_head(client, f"/{edition}/")
        rss = [link["href"] for link in head.links if link.get("type") == "application/rss+xml"]
        # Feed readers subscribe to the first: a reader of the Pashto edition gets Pashto.
        assert rss == [f"/{edition}/feeds/language/{edition}/rss/", f"/{edition}/feeds/rss/"]


def test_an_article_without_a_photo_gets_a_stored_share_image_redrawn_when_the_headline_changes(client, article):
    _, head = read_head(client, article.get_absolute_url())
    first_image = first(head, "og:image")
    name = re.sub(r"^http://testserver/media/", "", first_image)
    assert default_storage.exists(name)

    article.title = "A new headline"
    article.save()
    _, head = read_head(client, article.get_absolute_url())

    assert first(head, "og:image") != first_image


def test_an_article_with_a_photo_shares_the_photo_cut_to_the_card_shape(client):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "#336699").save(buffer, format="JPEG")
    article = ArticleFactory(hero_alt="A market in Herat")
    article.hero_image.save("market.jpg", ContentFile(buffer.getvalue()))

    _, head = read_head(client, article.get_absolute_url())

    # Cropped around its focal point (tests/articles/test_focal_point.py) to 1200x630.
    assert f"/media/share/article-{article.pk}/photo-" in first(head, "og:image")
    assert (first(head, "og:image:width"), first(head, "og:image:height")) == ("1200", "630")
    assert first(head, "og:image:alt") == "A market in Herat"
    news = next(block for block in head.json_ld if block["@type"] == "NewsArticle")
    assert news["image"] == [{"@type": "ImageObject", "url": first(head, "og:image"), "width": 1200, "height": 630}]
