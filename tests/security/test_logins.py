"""Admin sign-in: throttling keyed on username and address together, unlocking, safe redirects."""

import pytest
from axes.models import AccessAttempt
from django.core.management import call_command

from tests.security.otp import PASSWORD

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture(autouse=True)
def _throttling_on(settings):
    settings.AXES_ENABLED = True
    settings.AXES_FAILURE_LIMIT = 3


def attempt(client, username, password, *, address="203.0.113.7", next_url="/admin/"):
    return client.post(
        f"{LOGIN}?next={next_url}",
        {"username": username, "password": password, "next": next_url},
        REMOTE_ADDR=address,
    )


def fail_until_locked(client, username, address="203.0.113.7"):
    for _ in range(3):
        response = attempt(client, username, "wrong password", address=address)
    return response


def test_wrong_passwords_lock_the_username_from_that_address_with_a_clear_message(client, editor):
    response = fail_until_locked(client, "editor")

    assert response.status_code == 429
    text = response.content.decode()
    assert "paused after 3 wrong passwords" in text
    assert "try again in 30 minutes" in text
    assert "administrator" in text
    # Even the right password is refused while the pause lasts.
    assert attempt(client, "editor", PASSWORD).status_code == 429


def test_an_attacker_elsewhere_cannot_lock_an_editor_out(client, editor):
    fail_until_locked(client, "editor", address="198.51.100.66")

    response = attempt(client, "editor", PASSWORD, address="203.0.113.7")

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_other_accounts_from_the_same_address_are_not_locked(client, editor, writer):
    fail_until_locked(client, "editor")

    assert attempt(client, "writer", PASSWORD).status_code == 302


def test_the_lockout_is_stored_in_the_database(client, editor):
    fail_until_locked(client, "editor")

    locked = AccessAttempt.objects.get(username="editor")
    assert locked.ip_address == "203.0.113.7"
    assert locked.failures_since_start == 3


def test_an_administrator_can_lift_the_lockout_with_a_command(client, editor):
    fail_until_locked(client, "editor")

    call_command("axes_reset_username", "editor")

    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_a_successful_login_forgets_earlier_failures(client, editor):
    attempt(client, "editor", "wrong")
    attempt(client, "editor", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 302
    client.logout()

    attempt(client, "editor", "wrong")
    attempt(client, "editor", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_forwarded_for_headers_are_ignored_without_a_trusted_proxy(client, editor):
    # Otherwise an attacker could name a fresh address on every try.
    for n in range(3):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="203.0.113.7",
                    HTTP_X_FORWARDED_FOR=f"192.0.2.{n}")

    assert attempt(client, "editor", PASSWORD).status_code == 429


def test_behind_a_trusted_proxy_the_forwarded_address_is_the_client(client, editor, settings):
    settings.NEWSROOM_TRUSTED_PROXY_COUNT = 1
    for _ in range(3):
        client.post(LOGIN, {"username": "editor", "password": "wrong"}, REMOTE_ADDR="10.0.0.1",
                    HTTP_X_FORWARDED_FOR="forged, 198.51.100.66")

    # Same proxy, a different reader: not locked.
    ok = client.post(f"{LOGIN}?next=/admin/", {"username": "editor", "password": PASSWORD, "next": "/admin/"},
                     REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.7")
    assert ok.status_code == 302


@pytest.mark.parametrize(
    "next_url",
    ["https://evil.example/", "//evil.example/", "http:evil.example", "/\\evil.example", "javascript:alert(1)"],
)
def test_the_login_never_redirects_off_site(client, editor, next_url):
    response = client.post(LOGIN, {"username": "editor", "password": PASSWORD, "next": next_url})

    assert response.status_code == 302
    assert response.headers["Location"] == "/admin/"


def test_the_login_follows_a_next_on_this_site(client, editor):
    response = attempt(client, "editor", PASSWORD, next_url="/admin/articles/article/")

    assert response.headers["Location"] == "/admin/articles/article/"


# -- wider limits (issue 18, item 4): an address across usernames, an account across addresses ------


@pytest.fixture
def production_limits(settings):
    settings.AXES_FAILURE_LIMIT = 5
    settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT = 20
    settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT = 10


def test_176_wrong_passwords_across_44_usernames_from_one_address_are_paused(client, editor, production_limits):
    usernames = ["editor", *(f"staff{n}" for n in range(43))]
    answers = [
        attempt(client, username, f"guess {round_}").status_code
        for round_ in range(4) for username in usernames  # a password spray: every name, then again
    ]

    assert len(answers) == 176
    assert answers[:19] == [200] * 19  # the form again: "wrong password"
    assert answers[19:] == [429] * 157  # the 20th wrong password, as axes does, gets the pause
    paused = attempt(client, "editor", PASSWORD)
    assert paused.status_code == 429  # the right password too, from that address
    assert "Signing in from your network is paused after 20 wrong passwords" in paused.content.decode()
    # The account itself is not locked elsewhere.
    assert attempt(client, "editor", PASSWORD, address="198.51.100.5").status_code == 302


def test_40_guesses_at_one_account_from_10_addresses_then_the_right_password_from_an_11th_is_refused(
    client, editor, production_limits
):
    answers = [
        attempt(client, "editor", f"guess {n}", address=f"192.0.2.{host}").status_code
        for host in range(1, 11) for n in range(4)
    ]

    assert answers[:9] == [200] * 9
    assert answers[9:] == [429] * 31
    refused = attempt(client, "editor", PASSWORD, address="198.51.100.11")
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Signing in to this account is paused after 10 wrong passwords from different places" in text
    assert "administrator" in text


def test_an_administrator_lifts_an_account_pause_with_a_command(client, editor, production_limits):
    for host in range(1, 11):
        attempt(client, "editor", "wrong", address=f"192.0.2.{host}")
    assert attempt(client, "editor", PASSWORD, address="198.51.100.11").status_code == 429

    call_command("axes_reset_username", "editor")

    assert attempt(client, "editor", PASSWORD, address="198.51.100.11").status_code == 302


def test_an_administrator_lifts_an_address_pause_with_a_command(client, editor, production_limits):
    for n in range(20):
        attempt(client, f"staff{n}", "wrong")
    assert attempt(client, "editor", PASSWORD).status_code == 429

    call_command("axes_reset_ip", "203.0.113.7")

    assert attempt(client, "editor", PASSWORD).status_code == 302


def test_an_administrator_lifts_a_pause_in_the_admin(client, editor, superuser, production_limits):
    for host in range(1, 11):
        attempt(client, "editor", "wrong", address=f"192.0.2.{host}")
    admin = type(client)()
    admin.force_login(superuser)
    ids = list(AccessAttempt.objects.filter(username="editor").values_list("pk", flat=True))

    response = admin.post(
        "/admin/axes/accessattempt/",
        {"action": "delete_selected", "_selected_action": ids, "post": "yes"},
    )

    assert response.status_code == 302
    assert attempt(client, "editor", PASSWORD, address="198.51.100.11").status_code == 302
