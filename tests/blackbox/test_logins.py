"""Issue 18, item 4, from outside: the production server (gunicorn, production settings, behind
one trusted proxy, which the test plays by sending X-Forwarded-For) against password spraying,
distributed guessing and a stolen editor password; mail goes to a real SMTP server (aiosmtpd)."""

import base64
import http.cookiejar
import re
from urllib.parse import quote

import pytest
from aiosmtpd.controller import Controller
from django_otp.oath import TOTP

from tests.blackbox.server import fetch, free_port, gunicorn, opener, prepare, production_env, shell

PASSWORD = "a long and correct passphrase"

USERS = f"""
from django.contrib.auth.models import Group, User
editor = User.objects.create_user("editor", "editor@example.org", {PASSWORD!r}, is_staff=True)
editor.groups.add(Group.objects.get(name="Editors"))
"""


class Inbox:
    def __init__(self):
        self.envelopes = []

    async def handle_DATA(self, server, session, envelope):
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture(scope="module")
def inbox():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    inbox.port = controller.port
    yield inbox
    controller.stop()


@pytest.fixture(scope="module")
def server(tmp_path_factory, server_database_url, inbox):
    tmp_path = tmp_path_factory.mktemp("logins")
    env = production_env(
        tmp_path, server_database_url,
        DJANGO_TRUSTED_PROXY_COUNT="1",
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        DJANGO_EMAIL_HOST="127.0.0.1",
        DJANGO_EMAIL_PORT=str(inbox.port),
    )
    prepare(env)
    shell(env, USERS)
    with gunicorn(env, workers=2) as base:
        yield base, env


@pytest.fixture
def fresh_attempts(server):
    base, env = server
    yield
    shell(env, "from axes.models import AccessAttempt; AccessAttempt.objects.all().delete()")


CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    """One visitor: a cookie jar, CSRF tokens read from the forms, an address given by the proxy."""

    def __init__(self, base, address):
        self.base, self.address = base, address
        self.client = opener(http.cookiejar.CookieJar())

    def get(self, path):
        return fetch(self.base + path, headers={"X-Forwarded-For": self.address}, client=self.client)

    def post(self, path, data):
        token = CSRF.search(self.get(path)[2].decode()).group(1)
        return fetch(self.base + path, data={**data, "csrfmiddlewaretoken": token},
                     headers={"X-Forwarded-For": self.address}, client=self.client)

    def sign_in(self, username, password):
        return self.post("/admin/login/?next=/admin/", {"username": username, "password": password, "next": "/admin/"})


def test_176_wrong_passwords_across_44_usernames_from_one_address_are_paused(server, fresh_attempts):
    base, _env = server
    attacker = Browser(base, "203.0.113.50")
    usernames = ["editor", *(f"staff{n}" for n in range(43))]

    statuses = [attacker.sign_in(name, f"guess {round_}")[0] for round_ in range(4) for name in usernames]

    assert statuses[:19] == [200] * 19 and statuses[19:] == [429] * 157
    status, _headers, body = attacker.sign_in("editor", PASSWORD)
    assert status == 429
    assert "Signing in from your network is paused" in body.decode()


def test_40_guesses_at_one_account_from_10_addresses_then_the_right_password_from_an_11th_is_refused(
    server, fresh_attempts
):
    base, _env = server
    statuses = [
        Browser(base, f"192.0.2.{host}").sign_in("editor", f"guess {n}")[0] for host in range(1, 11) for n in range(4)
    ]

    assert statuses[:9] == [200] * 9 and statuses[9:] == [429] * 31
    status, _headers, body = Browser(base, "198.51.100.11").sign_in("editor", PASSWORD)
    assert status == 429
    assert "Signing in to this account is paused" in body.decode()


def test_a_stolen_editor_password_neither_opens_the_admin_nor_enrols_a_device(server, fresh_attempts, inbox):
    base, _env = server
    thief = Browser(base, "198.51.100.66")

    status, headers, _body = thief.sign_in("editor", PASSWORD)
    assert status == 302
    assert thief.get("/admin/")[1]["Location"] == f"/admin/2fa/setup/?next={quote('/admin/', safe='')}"
    # Enrolment asks for the code mailed to the editor's own address first: no secret, no QR code.
    status, headers, _body = thief.get("/admin/2fa/setup/")
    assert status == 302 and headers["Location"].startswith("/admin/2fa/setup/email/")
    status, _headers, body = thief.get("/admin/2fa/setup/email/")
    assert status == 200 and "newsroom-qr" not in body.decode()
    assert [envelope.rcpt_tos for envelope in inbox.envelopes][-1] == ["editor@example.org"]
    for guess in ("000000", "123456", "999999"):
        thief.post("/admin/2fa/setup/email/", {"token": guess})
    assert thief.get("/admin/2fa/setup/")[1]["Location"].startswith("/admin/2fa/setup/email/")
    assert thief.get("/admin/articles/article/")[0] == 302


def test_the_editor_with_the_mailed_code_enrols_and_then_works(server, fresh_attempts, inbox):
    base, _env = server
    editor = Browser(base, "198.51.100.7")
    editor.sign_in("editor", PASSWORD)
    editor.get("/admin/2fa/setup/email/")
    code = re.search(r"Code: (\d{6})", inbox.envelopes[-1].content.decode()).group(1)

    status, headers, _body = editor.post("/admin/2fa/setup/email/", {"token": code})
    assert status == 302 and headers["Location"].startswith("/admin/2fa/setup/")
    page = editor.get("/admin/2fa/setup/")[2].decode()
    secret = re.search(r'class="newsroom-secret">([A-Z2-7=]+)<', page).group(1)
    totp = TOTP(base64.b32decode(secret))
    status, _headers, body = editor.post("/admin/2fa/setup/", {"token": f"{totp.token():06d}"})
    assert status == 200 and "backup codes" in body.decode().lower()
    assert editor.get("/admin/")[0] == 200
