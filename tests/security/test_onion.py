"""The site as a Tor onion service beside its normal domain (security/onion.py, docs/onion.md):
the Onion-Location header on the domain, plain HTTP and self-links on the onion host."""

import json
import subprocess
import sys

import pytest

from tests.factories import ArticleFactory, SectionFactory
from tests.security.test_headers import ROOT, production_env

ONION = "dawatmediaxyzr5qoyjaawzwpnrqbhpbrehq2ngeieg7wz7ytwlcrxkiad.onion"
DOMAIN = "example.com"  # the Sites framework's domain in tests (settings_test.NEWSROOM_DOMAIN)

pytestmark = pytest.mark.django_db


@pytest.fixture
def onion(settings):
    settings.NEWSROOM_ONION_HOST = ONION
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, DOMAIN, ONION]
    settings.PAGECACHE_ENABLED = False
    return ONION


def on_onion(client, path, **extra):
    return client.get(path, HTTP_HOST=ONION, **extra)


def on_domain(client, path, **extra):
    return client.get(path, HTTP_HOST=DOMAIN, **extra)


def test_without_an_onion_address_no_page_names_one(client):
    assert "Onion-Location" not in client.get("/en/")


@pytest.mark.parametrize("path", ["/en/", "/ps/lite/", "/fa-af/search/?q=kabul&page=2", "/sitemap.xml"])
def test_every_page_on_the_domain_names_its_onion_address(client, onion, path):
    response = on_domain(client, path)

    assert response["Onion-Location"] == f"http://{ONION}{path}"


def test_pages_on_the_onion_host_name_no_onion_location(client, onion):
    response = on_onion(client, "/en/")

    assert response.status_code == 200 and "Onion-Location" not in response


def test_a_page_from_the_page_cache_names_its_own_address(client, onion, settings):
    settings.PAGECACHE_ENABLED = True
    on_domain(client, "/en/?utm_source=newsletter")

    response = on_domain(client, "/en/?utm_source=radio")

    assert response["X-Page-Cache"] == "hit"
    assert response["Onion-Location"] == f"http://{ONION}/en/?utm_source=radio"


def test_the_onion_host_is_plain_http_without_a_redirect_hsts_or_upgrade(client, onion, settings):
    settings.SECURE_SSL_REDIRECT = False  # with an onion address the domain's proxy redirects (settings)
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.CONTENT_SECURITY_POLICY = {
        "DIRECTIVES": {**settings.CONTENT_SECURITY_POLICY["DIRECTIVES"], "upgrade-insecure-requests": True}
    }

    onion_page = on_onion(client, "/en/")
    domain_page = on_domain(client, "/en/")
    domain_page_over_https = on_domain(client, "/en/", secure=True)

    assert onion_page.status_code == 200
    assert "Strict-Transport-Security" not in onion_page
    assert "upgrade-insecure-requests" not in onion_page["Content-Security-Policy"]
    # The normal domain, over HTTPS (its proxy redirects plain HTTP there), keeps HSTS and the upgrade.
    assert domain_page.status_code == 200 and "Strict-Transport-Security" not in domain_page
    assert domain_page_over_https["Strict-Transport-Security"].startswith("max-age=31536000")
    assert "upgrade-insecure-requests" in domain_page_over_https["Content-Security-Policy"]


def test_pages_on_the_onion_host_link_to_the_onion_host(client, onion):
    article = ArticleFactory(section=SectionFactory(slug="news"))
    path = f"/en/news/{article.pk}-{article.slug}/"

    page = on_onion(client, path).content.decode()

    assert f'<link rel="canonical" href="http://{ONION}{path}">' in page
    assert f"http://{DOMAIN}" not in page and f"https://{DOMAIN}" not in page


@pytest.mark.parametrize("feed", ["/en/feeds/rss/", "/en/feeds/atom/", "/en/feeds/section/news/rss/"])
def test_feeds_on_the_onion_host_link_to_the_onion_host(client, onion, feed):
    article = ArticleFactory(section=SectionFactory(slug="news"))

    onion_feed = on_onion(client, feed).content.decode()
    domain_feed = on_domain(client, feed).content.decode()

    assert f"http://{ONION}/en/news/{article.pk}-{article.slug}/" in onion_feed
    assert f"http://{ONION}{feed}" in onion_feed  # the feed's own address
    assert DOMAIN not in onion_feed
    assert f"http://{DOMAIN}/en/news/{article.pk}-{article.slug}/" in domain_feed and ONION not in domain_feed


@pytest.mark.parametrize("sitemap", ["/sitemap.xml", "/sitemap-articles.xml", "/sitemap-sections.xml", "/sitemap-news.xml"])
def test_sitemaps_on_the_onion_host_list_onion_addresses(client, onion, sitemap):
    ArticleFactory(section=SectionFactory(slug="news"))

    onion_map = on_onion(client, sitemap).content.decode()
    domain_map = on_domain(client, sitemap).content.decode()

    assert f"<loc>http://{ONION}/" in onion_map and DOMAIN not in onion_map
    assert f"<loc>http://{DOMAIN}/" in domain_map and ONION not in domain_map


def test_the_page_cache_never_serves_one_host_the_others_page(client, onion, settings):
    settings.PAGECACHE_ENABLED = True
    ArticleFactory()

    onion_page = on_onion(client, "/en/")
    domain_page = on_domain(client, "/en/")
    onion_again = on_onion(client, "/en/")

    assert (onion_page["X-Page-Cache"], domain_page["X-Page-Cache"], onion_again["X-Page-Cache"]) == ("miss", "miss", "hit")
    assert f"http://{ONION}/en/" in onion_again.content.decode()
    assert ONION not in domain_page.content.decode() and f"http://{DOMAIN}/en/" in domain_page.content.decode()


def test_another_host_is_still_refused(client, onion):
    assert client.get("/en/", HTTP_HOST="someone-else.onion").status_code == 400


def test_the_onion_address_setting_allows_its_host():
    script = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps([s.NEWSROOM_ONION_HOST, s.ALLOWED_HOSTS]))"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=production_env(DJANGO_ONION_HOST=f" {ONION.upper()} "),
        capture_output=True, text=True, timeout=60, check=True,
    )

    host, allowed = json.loads(result.stdout)
    assert host == ONION and allowed == ["example.org", ONION]


def test_djangos_deploy_checks_run_with_an_onion_address_and_only_the_redirect_is_left_to_the_proxy():
    # Django's own SecurityMiddleware, by name: its deploy checks all run (HSTS still warns here).
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT, env=production_env(DJANGO_SECURE_HSTS_SECONDS="0", DJANGO_ONION_HOST=ONION),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 1
    assert "security.W004" in result.stderr
    assert "security.W001" not in result.stderr and "security.W008" not in result.stderr


def test_an_https_redirect_in_django_with_an_onion_address_stops_start_up_with_what_to_do():
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], cwd=ROOT,
        env=production_env(DJANGO_ONION_HOST=ONION, DJANGO_SECURE_SSL_REDIRECT="1"),
        capture_output=True, text=True, timeout=120,
    )
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "proxy" in result.stderr
