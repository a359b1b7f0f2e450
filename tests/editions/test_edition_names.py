"""The newsroom's name in each edition (editions.names.newsroom_name, NEWSROOM_NAMES)."""

import json
import re

import pytest
from django.utils import translation

from articles.models import Language
from editions.names import newsroom_name
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db

NAMES = {"en": "Dawat Media", "ps": "دعوت میډیا", "fa-af": "دعوت میډیا"}
LANGUAGES = {"en": Language.ENGLISH, "ps": Language.PASHTO, "fa-af": Language.DARI}


def test_each_edition_has_its_name_and_an_unlisted_one_falls_back_to_the_newsroom_name(settings):
    assert {code: newsroom_name(code) for code in NAMES} == NAMES
    assert newsroom_name("fa-AF") == NAMES["fa-af"] and newsroom_name("prs") == NAMES["fa-af"]
    settings.NEWSROOM_NAMES = {"ps": "دعوت"}
    assert newsroom_name("fa-af") == settings.NEWSROOM_NAME


@pytest.mark.parametrize("edition", NAMES)
def test_masthead_titles_and_share_metadata_carry_the_editions_name(client, edition):
    article = ArticleFactory(title="هېڅ", language=LANGUAGES[edition])
    with translation.override(edition):
        home = client.get(f"/{edition}/").content.decode()
        story = client.get(article.get_absolute_url()).content.decode()
    name = NAMES[edition]
    assert f'<h1 class="site-name"><a href="/{edition}/">{name}</a></h1>' in home
    assert f"<title>{name}</title>" in home
    assert f'<meta property="og:site_name" content="{name}">' in home
    assert f"<title>هېڅ · {name}</title>" in story
    blocks = [json.loads(block) for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', story)]
    news = next(block for block in blocks if block["@type"] == "NewsArticle")
    assert news["publisher"]["name"] == name
    crumbs = next(block for block in blocks if block["@type"] == "BreadcrumbList")
    assert crumbs["itemListElement"][0]["name"] == name
    if edition != "en":
        assert "Dawat Media" not in home and "Dawat Media" not in story


def test_each_edition_gets_its_own_share_image_and_logo():
    from syndication import share_image

    images = {}
    for edition in ("en", "ps"):
        with translation.override(edition):
            images[edition] = (share_image.site_share_image_url(), share_image.logo_url())
    assert images["en"][0] != images["ps"][0] and images["en"][1] != images["ps"][1]


def test_the_header_search_box_follows_what_the_reader_types(client):
    home = client.get("/ps/").content.decode()
    box = re.search(r'<input id="site-search"[^>]*>', home).group(0)
    assert 'dir="auto"' in box
    # Every text box a reader types into on a reader page says so too.
    for page in (home, client.get("/ps/search/?q=کابل").content.decode()):
        for field in re.findall(r'<input[^>]*type="(?:search|text)"[^>]*>', page):
            assert 'dir="auto"' in field, field
