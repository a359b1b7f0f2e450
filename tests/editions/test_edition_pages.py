"""About, Contact and Privacy in each edition (editions.flatpages, create_edition_pages)."""

import re

import pytest
from django.contrib.flatpages.models import FlatPage
from django.contrib.sites.models import Site
from django.core.management import call_command

from editions.pages import PAGES
from tests.editions.visible import visible_text

pytestmark = pytest.mark.django_db

LATIN_WORD = re.compile(r"[A-Za-z]{3,}")


def page(url, title, content="<p>Text.</p>"):
    flat = FlatPage.objects.create(url=url, title=title, content=content)
    flat.sites.add(Site.objects.get_current())
    return flat


def html(response):
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def footer_links(text):
    footer = text[text.index('class="site-footer"'):]
    return re.findall(r'<a href="(/[^"]*/(?:about|contact|privacy)/)"', footer)


@pytest.mark.parametrize("edition", ["en", "ps", "fa-af"])
def test_each_editions_footer_links_that_editions_pages(client, edition):
    assert footer_links(html(client.get(f"/{edition}/"))) == [
        f"/{edition}/about/", f"/{edition}/contact/", f"/{edition}/privacy/"
    ]


def test_a_pashto_page_is_its_own_page_in_the_pashto_chrome(client):
    page("/en/about/", "About us", "<p>Who we are.</p>")
    page("/ps/about/", "زموږ په اړه", "<p>موږ څوک یو.</p>")
    text = html(client.get("/ps/about/"))
    assert '<html lang="ps" dir="rtl">' in text
    assert "زموږ په اړه" in text and "موږ څوک یو." in text
    assert "Who we are" not in text


@pytest.mark.parametrize(("edition", "notice"), [("ps", "تر اوسه نه دی ژباړل شوی"), ("fa-af", "هنوز ترجمه نشده است")])
def test_a_page_not_yet_translated_says_so_in_the_readers_language_and_links_the_english_page(client, edition, notice):
    page("/en/contact/", "Contact", "<p>Write to our editors.</p>")
    text = html(client.get(f"/{edition}/contact/"))
    assert notice in text
    assert 'href="/en/contact/" hreflang="en"' in text
    assert "Write to our editors" not in text and "<h1 class=\"page-title\">Contact</h1>" not in text
    assert '<meta name="robots" content="noindex">' in text


def test_the_english_page_follows_its_link_from_the_notice(client):
    page("/en/contact/", "Contact", "<p>Write to our editors.</p>")
    text = html(client.get("/en/contact/"))
    assert '<html lang="en" dir="ltr">' in text and "Write to our editors." in text


def test_a_page_no_edition_has_is_not_found(client):
    assert client.get("/ps/no-such-page/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404


def test_an_old_address_takes_the_reader_to_their_own_editions_copy(client):
    # The migrations made /about/ before the editions; a Pashto reader's old link leads to /ps/about/.
    client.cookies["django_language"] = "ps"
    response = client.get("/about/")
    assert response.status_code == 302 and response["Location"] == "/ps/about/"


def test_the_english_edition_serves_a_page_still_at_its_old_address(client):
    FlatPage.objects.filter(url="/about/").update(content="<p>The old English page.</p>")
    assert "The old English page." in html(client.get("/en/about/"))
    assert "تر اوسه نه دی ژباړل شوی" in html(client.get("/ps/about/"))


def test_create_edition_pages_gives_every_edition_its_pages_once(client):
    call_command("create_edition_pages", verbosity=0)
    call_command("create_edition_pages", verbosity=0)  # again: nothing changes, nothing doubles
    urls = set(FlatPage.objects.values_list("url", flat=True))
    expected = {f"/{edition}{path}" for path in PAGES for edition in ("en", "ps", "fa-af")}
    assert expected <= urls
    assert not {"/about/", "/contact/", "/privacy/"} & urls, "the migrations' pages moved to /en/"
    for edition in ("ps", "fa-af"):
        for path in PAGES:
            text = html(client.get(f"/{edition}{path}"))
            body = visible_text(text, within="flatpage")
            # Pashto and Dari text only; the contact address is the one Latin word a page may carry.
            assert not LATIN_WORD.findall(body.replace("newsroom@localhost", "")), (edition, path)


def test_create_edition_pages_keeps_what_an_editor_wrote_and_a_dry_run_changes_nothing():
    edited = page("/ps/about/", "زموږ کیسه", "<p>د مدیر متن.</p>")
    call_command("create_edition_pages", dry_run=True, verbosity=0)
    assert not FlatPage.objects.filter(url="/fa-af/about/").exists()
    call_command("create_edition_pages", verbosity=0)
    edited.refresh_from_db()
    assert (edited.title, edited.content) == ("زموږ کیسه", "<p>د مدیر متن.</p>")


def test_the_language_switcher_on_a_flat_page_links_the_same_page_in_each_edition(client):
    page("/en/about/", "About us")
    text = html(client.get("/ps/about/"))
    switcher = text[text.index('class="language-switcher"'):]
    for edition in ("en", "ps", "fa-af"):
        assert f'href="/{edition}/about/"' in switcher[:switcher.index("</nav>")], edition
