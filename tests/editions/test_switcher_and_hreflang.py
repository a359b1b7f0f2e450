import re
from xml.etree import ElementTree

import pytest
from django.utils import translation

from articles.models import Language
from editions import formatting
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db

ALTERNATE = re.compile(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)">')
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}
SWITCHER = re.compile(r'<a href="([^"]+)" hreflang="([^"]+)" lang="([^"]+)"')


def url_of(article):
    with translation.override(article.language):
        return article.get_absolute_url()


def alternates(client, path):
    return dict(ALTERNATE.findall(client.get(path).content.decode()))


def switcher(client, path):
    return {hreflang: href for href, hreflang, _lang in SWITCHER.findall(client.get(path).content.decode())}


@pytest.fixture
def story(db):
    original = ArticleFactory(title="Floods in Nangarhar")
    pashto = ArticleFactory(title="په ننګرهار کې سېلابونه", language=Language.PASHTO, translation_of=original, section=original.section)
    dari = ArticleFactory(title="سیلاب‌ها در ننگرهار", language=Language.DARI, translation_of=original, section=original.section)
    return {"en": original, "ps": pashto, "fa-af": dari}


def test_hreflang_alternates_are_reciprocal_with_one_x_default(client, story):
    expected = {
        "en": "http://testserver" + url_of(story["en"]),
        "ps": "http://testserver" + url_of(story["ps"]),
        "fa-AF": "http://testserver" + url_of(story["fa-af"]),
        "x-default": "http://testserver" + url_of(story["en"]),
    }
    for article in story.values():
        assert alternates(client, url_of(article)) == expected, article.language


def test_unpublished_translations_are_left_out_of_alternates_and_switcher(client, story):
    story["fa-af"].unpublish()
    story["fa-af"].save()
    page = url_of(story["en"])
    assert set(alternates(client, page)) == {"en", "ps", "x-default"}
    assert switcher(client, page)["fa-AF"] == "/fa-af/", "no Dari version yet: the Dari home page"


def test_the_switcher_on_an_article_links_each_translation(client, story):
    links = switcher(client, url_of(story["ps"]))
    assert links == {"en": url_of(story["en"]), "ps": url_of(story["ps"]), "fa-AF": url_of(story["fa-af"])}


def test_the_switcher_on_an_untranslated_article_links_the_other_editions_homes(client):
    lonely = ArticleFactory(title="Only in English")
    page = client.get(url_of(lonely)).content.decode()
    assert switcher(client, url_of(lonely)) == {"en": url_of(lonely), "ps": "/ps/", "fa-AF": "/fa-af/"}
    assert page.count("data-edition-home") == 2
    # Said in the page's language inside the link: a tooltip reached no touch screen.
    assert (
        'lang="ps" dir="rtl" data-edition-home>پښتو<span class="visually-hidden" lang="en" dir="ltr">: '
        "This story is not in this edition yet: go to its home page</span></a>"
    ) in page
    assert "title=" not in page.split('class="language-switcher"', 1)[1].split("</nav>", 1)[0]


def test_the_switcher_marks_the_current_edition_and_names_each_in_its_own_language(client):
    page = client.get("/fa-af/").content.decode()
    assert 'hreflang="fa-AF" lang="fa-af" dir="rtl" aria-current="page">دری</a>' in page
    assert 'lang="ps" dir="rtl">پښتو</a>' in page
    assert 'lang="en" dir="ltr">English</a>' in page


def test_list_pages_switch_to_the_same_list_in_the_other_edition(client):
    section = SectionFactory(slug="politics")
    ArticleFactory(section=section)
    assert switcher(client, "/ps/section/politics/") == {"en": "/en/section/politics/", "ps": "/ps/section/politics/", "fa-AF": "/fa-af/section/politics/"}
    links = alternates(client, "/ps/section/politics/")
    assert links == {
        "en": "http://testserver/en/section/politics/",
        "ps": "http://testserver/ps/section/politics/",
        "fa-AF": "http://testserver/fa-af/section/politics/",
        "x-default": "http://testserver/en/section/politics/",
    }


def test_the_home_pages_x_default_is_the_edition_chooser(client):
    for code in ("en", "ps", "fa-af"):
        assert alternates(client, f"/{code}/")["x-default"] == "http://testserver/"


def test_each_edition_lists_only_its_own_stories(client, story):
    english_home = client.get("/en/").content.decode()
    pashto_home = client.get("/ps/").content.decode()
    assert "Floods in Nangarhar" in english_home and "په ننګرهار کې سېلابونه" not in english_home
    assert "په ننګرهار کې سېلابونه" in pashto_home and "Floods in Nangarhar" not in pashto_home


@pytest.mark.parametrize("language", ["ps", "fa-af"])
def test_pashto_and_dari_article_pages_show_the_solar_hijri_date_beside_the_gregorian(client, story, language):
    article = story[language]
    line = formatting.edition_date(article.published_at, language)  # "۷ لیندۍ ۱۴۰۵ ل (۲۸ نومبر ۲۰۲۶)"
    assert "(" in line and line in client.get(url_of(article)).content.decode()


def test_the_admin_gets_no_reader_alternates(client, editor):
    client.force_login(editor)
    assert alternates(client, "/admin/") == {}


def test_pagination_counts_in_the_editions_digits(client):
    section = SectionFactory(slug="politics")
    ArticleFactory.create_batch(13, section=section, language=Language.PASHTO)
    assert "۲ پاڼه" in client.get("/ps/section/politics/?page=2").content.decode()
    ArticleFactory.create_batch(13, section=section, language=Language.ENGLISH)
    assert "Page 2" in client.get("/en/section/politics/?page=2").content.decode()


def test_the_article_sitemap_carries_the_same_reciprocal_alternates(client, story):
    lonely = ArticleFactory(title="Only in English")
    site = "http://example.com"  # sitemaps use the Site's domain
    sitemap = ElementTree.fromstring(client.get("/sitemap-articles.xml").content)
    entries = {
        url.find("s:loc", SITEMAP_NS).text: {
            link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", SITEMAP_NS)
        }
        for url in sitemap.findall("s:url", SITEMAP_NS)
    }
    expected = {
        "en": site + url_of(story["en"]),
        "ps": site + url_of(story["ps"]),
        "fa-AF": site + url_of(story["fa-af"]),
        "x-default": site + url_of(story["en"]),
    }
    for article in story.values():
        assert entries[site + url_of(article)] == expected
    assert entries[site + url_of(lonely)] == {}


def test_the_switcher_keeps_a_search_but_not_the_page_number(client):
    links = switcher(client, "/ps/search/?q=%D8%B3%DB%8C%D9%84%D8%A7%D8%A8&page=2")
    assert links["fa-AF"] == "/fa-af/search/?q=%D8%B3%DB%8C%D9%84%D8%A7%D8%A8"
    assert switcher(client, "/en/section/politics/?page=3")["ps"] == "/ps/section/politics/"


def test_search_counts_in_the_editions_digits(client):
    assert "۰ پایلې" in client.get("/ps/search/?q=nothing-matches-this").content.decode()
    assert "0 results" in client.get("/en/search/?q=nothing-matches-this").content.decode()


def test_an_article_links_its_live_translations_under_the_byline(client, story):
    page = client.get(url_of(story["en"])).content.decode()
    assert "This story in other languages:" in page
    assert f'<a href="{url_of(story["ps"])}" hreflang="ps" lang="ps" dir="rtl" rel="alternate">پښتو</a>' in page
    assert 'rel="alternate">English</a>' not in page, "not a link to itself"
    lonely = ArticleFactory(title="Only in English")
    assert "This story in other languages:" not in client.get(url_of(lonely)).content.decode()


def test_a_missing_page_names_no_alternates(client):
    response = client.get("/ps/section/no-such-section/")
    assert response.status_code == 404
    assert alternates(client, "/ps/section/no-such-section/") == {}
