"""The sign-up form's errors: in the edition's language (Django ships no Pashto, so every message a
reader can bring up is our own), in its digits, and tied to the field they are about."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse
from django.utils import translation

from newsletters.models import Newsletter

pytestmark = pytest.mark.django_db


class FormParts(HTMLParser):
    """The email input's and the newsletters fieldset's attributes, and each error list's text by id."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.email_input = self.fieldset = None
        self.errors = {}
        self._open_error = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "input" and attrs.get("name") == "email":
            self.email_input = attrs
        elif tag == "fieldset":
            self.fieldset = attrs
        elif tag == "ul" and "errorlist" in (attrs.get("class") or "").split() and attrs.get("id"):
            self._open_error = attrs["id"]
            self.errors[self._open_error] = ""

    def handle_endtag(self, tag):
        if tag == "ul":
            self._open_error = None

    def handle_data(self, data):
        if self._open_error:
            self.errors[self._open_error] += data


def _post(client, edition, data):
    with translation.override(edition):
        url = reverse("newsletters:signup")
    response = client.post(url, data)
    parts = FormParts()
    parts.feed(response.content.decode())
    return response, parts


def _weekly_pashto():
    return Newsletter.objects.get(slug="weekly-pashto")


def _email_error(parts) -> str:
    """The text of the error the email input points at (and only that one)."""
    assert parts.email_input.get("aria-invalid") == "true"
    return parts.errors[parts.email_input["aria-describedby"]]


def test_a_bad_address_on_the_pashto_page_is_answered_in_pashto_and_tied_to_the_input(client):
    response, parts = _post(client, "ps", {"email": "not-an-address", "newsletters": [_weekly_pashto().pk]})
    assert response.status_code == 400
    assert _email_error(parts) == "سمه بریښنالیک پته ولیکئ، لکه name@example.com."
    assert "Enter a valid email address" not in response.content.decode()


def test_a_bad_address_on_the_english_page_is_answered_in_english(client):
    english = Newsletter.objects.get(slug="daily-english")
    response, parts = _post(client, "en", {"email": "not-an-address", "newsletters": [english.pk]})
    assert response.status_code == 400
    assert _email_error(parts) == "Enter a valid email address, like name@example.com."


def test_a_missing_address_on_the_dari_page_is_answered_in_dari(client):
    dari = Newsletter.objects.get(slug="weekly-dari")
    response, parts = _post(client, "fa-af", {"email": "", "newsletters": [dari.pk]})
    assert _email_error(parts) == "نشانی ایمیل خود را وارد کنید."


def test_a_too_long_address_gives_the_limit_in_the_edition_s_digits(client, settings):
    settings.NEWSROOM_EASTERN_DIGITS = True
    too_long = "a" * 250 + "@example.net"  # 262 characters
    response, parts = _post(client, "ps", {"email": too_long, "newsletters": [_weekly_pashto().pk]})
    assert _email_error(parts) == "د بریښنالیک پته تر ډېره ۲۵۴ توري لرلی شي؛ دا یوه ۲۶۲ توري لري."


def test_no_newsletter_chosen_is_named_by_the_fieldset_and_leaves_the_email_input_alone(client):
    response, parts = _post(client, "ps", {"email": "reader@example.net"})
    assert response.status_code == 400
    assert parts.errors[parts.fieldset["aria-describedby"]] == "لږ تر لږه یوه خبرپاڼه وټاکئ."
    assert "aria-invalid" not in parts.email_input and "aria-describedby" not in parts.email_input


@pytest.mark.parametrize("choice", ["closed", "not-a-number"])
def test_a_newsletter_no_longer_offered_asks_the_reader_to_choose_again_in_pashto(client, choice):
    closed = _weekly_pashto()
    Newsletter.objects.filter(pk=closed.pk).update(is_active=False)
    value = closed.pk if choice == "closed" else choice
    response, parts = _post(client, "ps", {"email": "reader@example.net", "newsletters": [value]})
    assert response.status_code == 400
    assert parts.errors[parts.fieldset["aria-describedby"]] == "دلته له ښودل شویو خبرپاڼو څخه وټاکئ."


def test_a_form_without_errors_marks_nothing_invalid(client):
    with translation.override("ps"):
        response = client.get(reverse("newsletters:signup"))
    parts = FormParts()
    parts.feed(response.content.decode())
    assert "aria-invalid" not in parts.email_input and "aria-describedby" not in parts.fieldset
    assert parts.errors == {}
