import pytest

from editions.middleware import admin_speaks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept_language", "html"),
    [
        ("ps", '<html lang="en" dir="ltr"'),  # Django's admin has no Pashto: English, left to right
        ("fa-AF", '<html lang="fa-af" dir="rtl"'),  # Persian admin catalogue, in the editor's script
        ("en", '<html lang="en" dir="ltr"'),
    ],
)
def test_the_admin_speaks_the_editors_language_only_where_django_can(client, accept_language, html):
    page = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE=accept_language).content.decode()
    assert html in page


def test_the_reader_site_keeps_pashto(client):
    assert '<html lang="ps" dir="rtl"' in client.get("/ps/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_which_languages_the_admin_speaks():
    assert admin_speaks("en") and admin_speaks("fa-af") and not admin_speaks("ps")
