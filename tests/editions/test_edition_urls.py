import pytest
from django.utils import translation

from articles.models import Language
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "edition"),
    [
        ("", "en"),
        ("ps", "ps"),
        ("ps-AF,ps;q=0.9", "ps"),
        ("pbt", "ps"),
        ("fa-AF,fa;q=0.9,en;q=0.5", "fa-af"),
        ("prs", "fa-af"),
        ("prs-AF", "fa-af"),
        ("fa-IR", "fa-af"),
        ("de-DE,de;q=0.9,ps;q=0.5", "ps"),
        ("de-DE,fr;q=0.8", "en"),
        ("en-GB,en;q=0.9", "en"),
        ("*", "en"),
        ("en;q=0.3, prs;q=0.8", "fa-af"),  # quality, not order, decides
        ("ps;q=0, en", "en"),  # q=0 means "not this one"
        ("ps;q=nonsense", "en"),
    ],
)
def test_the_root_sends_readers_to_the_edition_their_browser_asks_for(client, accept_language, edition):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == f"/{edition}/"
    assert "Accept-Language" in response["Vary"]


def test_a_chosen_edition_in_the_language_cookie_wins_over_the_browser(client, settings):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa-af"
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="en")
    assert response["Location"] == "/fa-af/"


def test_the_root_keeps_the_query_string(client):
    assert client.get("/?utm_source=whatsapp", HTTP_ACCEPT_LANGUAGE="ps")["Location"] == "/ps/?utm_source=whatsapp"


@pytest.mark.parametrize("path", ["/de/", "/fa/", "/ar/", "/xx/", "/de/section/politics/", "/fa-ir/"])
def test_a_language_prefix_that_is_not_an_edition_is_a_404(client, path):
    assert client.get(path).status_code == 404


@pytest.mark.parametrize(("code", "direction"), [("en", "ltr"), ("ps", "rtl"), ("fa-af", "rtl")])
def test_each_editions_home_has_its_lang_and_dir(client, code, direction):
    response = client.get(f"/{code}/")
    assert response.status_code == 200
    assert f'<html lang="{code}" dir="{direction}"' in response.content.decode()


@pytest.mark.parametrize(("language", "direction"), [(Language.ENGLISH, "ltr"), (Language.PASHTO, "rtl"), (Language.DARI, "rtl")])
def test_an_article_page_in_its_own_edition_has_its_lang_and_dir(client, language, direction):
    article = ArticleFactory(language=language, title="سرلیک" if language != "en" else "Headline")
    with translation.override(language):
        url = article.get_absolute_url()
    assert url.startswith(f"/{language}/")
    page = client.get(url).content.decode()
    assert f'<html lang="{language}" dir="{direction}"' in page


@pytest.mark.parametrize("code", ["ps", "fa-af"])
def test_right_to_left_editions_translate_the_interface(client, code):
    page = client.get(f"/{code}/").content.decode()
    english = client.get("/en/").content.decode()
    assert "Skip to main content" in english
    assert "Skip to main content" not in page
