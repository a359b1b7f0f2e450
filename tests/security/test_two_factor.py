"""Two-factor authentication: open to all staff, required for superusers, the Treasurer and editors
(whoever may publish); enrolling needs a code mailed to the account's address, not only the password."""

from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.factories import ArticleFactory
from tests.security.otp import (
    ENROLMENT_EMAIL,
    confirm_email_for_enrolment,
    confirmed_device,
    current_code,
    mailed_enrolment_code,
    sign_in_with_password,
)

pytestmark = pytest.mark.django_db

SETUP = "/admin/2fa/setup/"
VERIFY = "/admin/2fa/verify/"


def test_a_superuser_without_a_device_must_enrol_before_using_the_admin(client, superuser):
    sign_in_with_password(client, superuser)

    response = client.get("/admin/articles/article/")

    assert response.status_code == 302
    assert response.headers["Location"] == f"{SETUP}?next={quote('/admin/articles/article/', safe='')}"


def test_the_treasurer_must_enrol_too(client, treasurer):
    sign_in_with_password(client, treasurer)

    assert client.get("/admin/").headers["Location"].startswith(SETUP)


def test_an_editor_who_can_publish_must_enrol_too(client, editor):
    sign_in_with_password(client, editor)

    assert client.get("/admin/").headers["Location"].startswith(SETUP)


def test_a_writer_without_a_device_uses_the_admin_with_a_password(client, writer):
    sign_in_with_password(client, writer)

    response = client.get("/admin/")
    assert response.status_code == 200
    assert f'href="{SETUP}"' in response.content.decode()  # "Two-factor" in the top bar, to enrol voluntarily


def test_a_setting_requires_it_of_all_staff(client, writer, settings):
    settings.NEWSROOM_2FA_REQUIRED_FOR_ALL_STAFF = True
    sign_in_with_password(client, writer)

    assert client.get("/admin/").headers["Location"].startswith(SETUP)


def test_a_password_alone_cannot_enrol_a_second_factor(client, editor):
    sign_in_with_password(client, editor)

    response = client.get(SETUP)

    # Sent to confirm the e-mail address first; no secret, no QR code, no device yet.
    assert response.status_code == 302
    assert response.headers["Location"].startswith(ENROLMENT_EMAIL)
    assert not TOTPDevice.objects.filter(user=editor).exists()
    page = client.get(ENROLMENT_EMAIL).content.decode()
    assert "editor@example.org" in page and "newsroom-qr" not in page
    assert client.post(SETUP, {"token": "123456"}).headers["Location"].startswith(ENROLMENT_EMAIL)
    assert not TOTPDevice.objects.filter(user=editor).exists()


def test_the_mailed_code_opens_enrolment_and_a_wrong_one_does_not(client, editor):
    sign_in_with_password(client, editor)
    client.get(ENROLMENT_EMAIL)
    code = mailed_enrolment_code(editor)
    wrong = "000000" if code != "000000" else "111111"

    refused = client.post(ENROLMENT_EMAIL, {"token": wrong})
    assert "That code did not match" in refused.content.decode()
    assert client.get(SETUP).headers["Location"].startswith(ENROLMENT_EMAIL)

    accepted = client.post(ENROLMENT_EMAIL, {"token": code})
    assert accepted.headers["Location"].startswith(SETUP)
    assert "newsroom-qr" in client.get(SETUP).content.decode()


def test_the_mailed_code_allows_only_a_few_guesses(client, editor):
    sign_in_with_password(client, editor)
    client.get(ENROLMENT_EMAIL)
    code = mailed_enrolment_code(editor)
    for guess in range(5):
        client.post(ENROLMENT_EMAIL, {"token": f"{guess:06d}" if f"{guess:06d}" != code else "999999"})

    response = client.post(ENROLMENT_EMAIL, {"token": code})

    assert "Too many wrong codes" in response.content.decode()
    assert client.get(SETUP).headers["Location"].startswith(ENROLMENT_EMAIL)


def test_an_account_without_an_email_address_is_told_to_ask_an_administrator(client, editor):
    editor.email = ""
    editor.save()
    sign_in_with_password(client, editor)

    page = client.get(ENROLMENT_EMAIL).content.decode()

    assert "Ask an administrator to add your address" in page


def test_each_code_page_says_which_code_it_wants(client, treasurer, superuser):
    # The e-mailed code is not an authenticator code, and there are no backup codes before enrolling.
    sign_in_with_password(client, treasurer)
    email_page = client.get(ENROLMENT_EMAIL).content.decode()
    assert "The 6-digit code in the e-mail we just sent you." in email_page and "backup codes" not in email_page
    confirm_email_for_enrolment(client, treasurer)
    setup_page = client.get(SETUP).content.decode()
    assert "The 6-digit code your authenticator app shows now." in setup_page and "backup codes" not in setup_page
    confirmed_device(superuser)
    client.logout()
    sign_in_with_password(client, superuser)
    assert "or one of your backup codes" in client.get(VERIFY).content.decode()


def test_the_enrolment_page_shows_a_qr_code_and_the_key_without_any_script(client, treasurer):
    sign_in_with_password(client, treasurer)
    confirm_email_for_enrolment(client, treasurer)

    response = client.get(SETUP)

    html = response.content.decode()
    device = TOTPDevice.objects.get(user=treasurer, confirmed=False)
    assert "<svg" in html and "newsroom-qr" in html
    assert device.config_url and device.bin_key
    assert "no-store" in response.headers["Cache-Control"]  # the page holds the secret
    inline_scripts = ScriptFinder.inline_scripts(html)
    assert inline_scripts == []


def test_enrolling_with_a_correct_code_turns_it_on_and_shows_backup_codes_once(client, treasurer):
    sign_in_with_password(client, treasurer)
    confirm_email_for_enrolment(client, treasurer)
    client.get(SETUP)
    device = TOTPDevice.objects.get(user=treasurer, confirmed=False)

    response = client.post(SETUP, {"token": current_code(device), "next": "/admin/donations/"})

    device.refresh_from_db()
    assert device.confirmed
    codes = StaticToken.objects.filter(device__user=treasurer).values_list("token", flat=True)
    assert len(codes) == 10
    assert all(code in response.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200  # this session is verified now


def test_a_wrong_enrolment_code_is_refused_with_a_clear_error(client, treasurer):
    sign_in_with_password(client, treasurer)
    confirm_email_for_enrolment(client, treasurer)
    client.get(SETUP)

    response = client.post(SETUP, {"token": "000000"})

    assert "That code did not match" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=treasurer, confirmed=True).exists()
    assert client.get("/admin/").headers["Location"].startswith(SETUP)


def test_an_enrolled_user_signing_in_with_a_password_must_enter_a_code(client, superuser):
    device = confirmed_device(superuser)
    sign_in_with_password(client, superuser)

    assert client.get("/admin/").headers["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    response = client.post(VERIFY, {"token": current_code(device), "next": "/admin/"})

    assert response.headers["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_keeps_the_admin_closed(client, superuser):
    confirmed_device(superuser)
    sign_in_with_password(client, superuser)

    response = client.post(VERIFY, {"token": "123456"})

    assert "That code is not valid" in response.content.decode()
    assert client.get("/admin/").status_code == 302


def test_a_backup_code_works_once(client, superuser):
    confirmed_device(superuser)
    backup = superuser.staticdevice_set.create(name="Backup codes")
    backup.token_set.create(token="abcd2345")
    sign_in_with_password(client, superuser)

    assert client.post(VERIFY, {"token": "ABCD 2345"}).status_code == 302
    client.logout()
    sign_in_with_password(client, superuser)
    assert client.post(VERIFY, {"token": "abcd2345"}).status_code == 200  # used up: the form again


def test_a_password_alone_cannot_replace_an_enrolled_device(client, superuser):
    confirmed_device(superuser)
    sign_in_with_password(client, superuser)

    response = client.get(SETUP)

    assert response.headers["Location"].startswith(VERIFY)
    assert not TOTPDevice.objects.filter(user=superuser, confirmed=False).exists()


def test_a_voluntarily_enrolled_editor_must_use_the_code_too(client, editor):
    confirmed_device(editor)
    sign_in_with_password(client, editor)

    assert client.get("/admin/").headers["Location"].startswith(VERIFY)


def test_a_half_signed_in_superuser_cannot_preview_unpublished_articles(client, superuser):
    draft = ArticleFactory(draft=True)
    sign_in_with_password(client, superuser)

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_verified_superuser_can_preview(client, superuser):
    draft = ArticleFactory(draft=True)
    client.force_login(superuser)  # verified through tests/conftest.py

    assert client.get(draft.get_absolute_url()).status_code == 200


@pytest.mark.parametrize("next_url", ["https://evil.example/", "//evil.example/x", "javascript:alert(1)"])
def test_the_code_page_never_redirects_off_site(client, superuser, next_url):
    device = confirmed_device(superuser)
    sign_in_with_password(client, superuser)

    response = client.post(VERIFY, {"token": current_code(device), "next": next_url})

    assert response.headers["Location"] == "/admin/"


def test_force_login_in_tests_passes_the_second_factor_for_superuser_and_treasurer(client, superuser, treasurer):
    client.force_login(superuser)
    assert client.get("/admin/").status_code == 200
    client.force_login(treasurer)
    assert client.get("/admin/").status_code == 200


def test_anonymous_visitors_to_the_code_pages_are_sent_to_the_login(client):
    response = client.get(VERIFY)

    assert response.headers["Location"].startswith("/admin/login/?next=")


class ScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.inline = []
        self._open = None

    def handle_starttag(self, tag, attrs):
        if tag == "script":
            self._open = dict(attrs)

    def handle_data(self, data):
        if self._open is not None and "src" not in self._open and data.strip():
            self.inline.append(data)

    def handle_endtag(self, tag):
        if tag == "script":
            self._open = None

    @classmethod
    def inline_scripts(cls, html):
        finder = cls()
        finder.feed(html)
        return finder.inline
