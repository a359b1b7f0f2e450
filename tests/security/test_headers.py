"""Response headers and the production configuration (``DJANGO_DEBUG`` unset)."""

import json
import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def csp_directives(response) -> dict[str, list[str]]:
    policy = response.headers["Content-Security-Policy"]
    directives = {}
    for part in policy.split(";"):
        name, *values = part.split()
        directives[name] = values
    return directives


def production_env(**extra) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST", "NEWSROOM_2FA"))}
    env.update(
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="example.org",
        **extra,
    )
    return env


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/en/", "/ps/", "/admin/login/", "/healthz", "/en/no-such-page/"])
def test_every_response_carries_the_protective_headers(client, path):
    response = client.get(path)

    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["Cross-Origin-Opener-Policy"] == "same-origin"
    assert "camera=()" in response.headers["Permissions-Policy"]
    assert "geolocation=()" in response.headers["Permissions-Policy"]
    directives = csp_directives(response)
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]


@pytest.mark.django_db
def test_the_content_security_policy_allows_no_inline_or_evaluated_script(client):
    directives = csp_directives(client.get("/en/"))

    script_sources = directives["script-src"]
    assert script_sources[0] == "'self'"
    assert "'unsafe-inline'" not in script_sources
    assert "'unsafe-eval'" not in script_sources
    assert "default-src" in directives and "'unsafe-inline'" not in directives["default-src"]


@pytest.mark.django_db
def test_reader_pages_need_no_nonce_so_cached_pages_stay_valid(client):
    # A nonce in a cached page would not match the next response's header.
    directives = csp_directives(client.get("/en/"))

    assert not any(source.startswith("'nonce-") for source in directives["script-src"])


def test_check_deploy_prints_no_warnings_for_production_settings():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(), capture_output=True, text=True, timeout=120,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


PRINT_SETTINGS = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({name: getattr(s, name, None) for name in [
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "CSRF_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "SESSION_ENGINE", "AXES_HANDLER",
    "AXES_LOCKOUT_PARAMETERS"]}))
"""


def production_settings(**extra) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", PRINT_SETTINGS], cwd=ROOT, env=production_env(**extra),
        capture_output=True, text=True, timeout=60, check=True,
    )
    return json.loads(result.stdout)


def test_production_is_https_only_with_secure_http_only_lax_cookies():
    values = production_settings()

    assert values["DEBUG"] is False
    assert values["SECURE_SSL_REDIRECT"] is True
    assert values["SECURE_HSTS_SECONDS"] >= 31536000 and values["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert values["SESSION_COOKIE_SECURE"] and values["CSRF_COOKIE_SECURE"]
    assert values["SESSION_COOKIE_HTTPONLY"] and values["CSRF_COOKIE_HTTPONLY"]
    assert values["SESSION_COOKIE_SAMESITE"] == values["CSRF_COOKIE_SAMESITE"] == "Lax"


def test_sessions_and_lockouts_live_in_the_database():
    values = production_settings()

    assert values["SESSION_ENGINE"] == "django.contrib.sessions.backends.db"
    # django-axes' database handler, extended by the address and account limits.
    from axes.handlers.database import AxesDatabaseHandler
    from django.utils.module_loading import import_string

    assert issubclass(import_string(values["AXES_HANDLER"]), AxesDatabaseHandler)
    assert values["AXES_LOCKOUT_PARAMETERS"] == [["username", "ip_address"]]


def test_the_loopback_benchmark_can_turn_the_https_redirect_off():
    values = production_settings(DJANGO_SECURE_SSL_REDIRECT="0")

    assert values["SECURE_SSL_REDIRECT"] is False
    assert values["SECURE_HSTS_SECONDS"] >= 31536000


@pytest.mark.django_db
def test_hsts_is_sent_over_https_in_production(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_HSTS_INCLUDE_SUBDOMAINS = True

    response = client.get("/en/", secure=True)

    assert response.headers["Strict-Transport-Security"].startswith("max-age=31536000; includeSubDomains")


@pytest.mark.django_db
def test_plain_http_is_redirected_to_https_but_the_health_check_is_not(client, settings):
    settings.SECURE_SSL_REDIRECT = True

    assert client.get("/en/").headers["Location"].startswith("https://")
    assert client.get("/healthz").status_code == 200
