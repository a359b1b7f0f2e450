"""Issue 18, item 1, as the security test found it: against the production server (gunicorn,
production settings, several workers), a treasurer signs in over HTTP with password and
code and posts the fake bank details. The donate page keeps the old text until a second
treasurer, in a session of their own, approves.
"""

import pytest
from django_otp.oath import TOTP

from tests.blackbox.server import gunicorn, manage, prepare, production_env
from tests.donations.blackbox import Visitor, form_fields

FAKE_APPEAL = "Send donations only to IBAN DE89 3704 0044 0532 0130 00"
FAKE_LABEL = "New account from 1 December: DE89 3704 0044 0532 0130 00"
FAKE_BANK = "Deutsche Bank"
CHANGE_PATH = "/admin/donations/donationdetails/1/change/"
PENDING_PATH = "/admin/donations/pendingchange/?status__exact=pending"

SETUP = """
from django_otp.plugins.otp_totp.models import TOTPDevice
from tests.donations.factories import seed_details
from tests.factories import UserFactory
seed_details()
for name in ("tina", "tom"):
    user = UserFactory(username=name, role="Treasurer")
    print(name, TOTPDevice.objects.create(user=user, name="phone", confirmed=True).key)
"""


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """gunicorn with the production settings, its own SQLite file and file cache
    (tests/blackbox/server.py), behind an imagined TLS proxy: HTTPS redirects and secure cookies
    on, as in production; the visitor sends the proxy's X-Forwarded-Proto."""
    tmp_path = tmp_path_factory.mktemp("blackbox")
    env = production_env(
        tmp_path, DJANGO_SECURE_PROXY_SSL_HEADER="1", DJANGO_SECURE_SSL_REDIRECT="1", DJANGO_SECURE_COOKIES="1",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    prepare(env)
    keys = dict(line.split() for line in manage(env, "shell", "-c", SETUP).strip().splitlines()[-2:])
    with gunicorn(env) as base:
        yield int(base.rsplit(":", 1)[1]), keys


def sign_in(port: int, username: str, key: str) -> Visitor:
    """Password, then the code from the authenticator app, through the real forms."""
    visitor = Visitor(port)
    page = visitor.get("/admin/login/?next=/admin/")
    response = visitor.post("/admin/login/?next=/admin/", {
        **form_fields(page.body, "login-form"), "username": username, "password": "correct horse battery",
    })
    assert response.status == 302, response.body[:2000]
    verify_page = visitor.follow(response)
    assert 'name="token"' in verify_page.body, verify_page.body[:2000]
    code = f"{TOTP(bytes.fromhex(key)).token():06d}"
    response = visitor.post(verify_page.path, {**form_fields(verify_page.body), "token": code})
    assert response.status == 302, response.body[:2000]
    assert visitor.follow(response).status == 200
    return visitor


def pending_changes(visitor: Visitor) -> list[str]:
    """The ids of the changes waiting for approval, from the admin's list."""
    listing = visitor.get(PENDING_PATH).body
    return [part.split('"', 1)[0] for part in listing.split('name="_selected_action" value="')[1:]]


def donate_page(port: int, query: str = "") -> str:
    """What an anonymous reader gets; with a query string, a page the cache has not seen."""
    response = Visitor(port).get("/en/donate/" + query)
    assert response.status == 200
    return response.body


def test_one_treasurer_over_http_cannot_put_fake_bank_details_on_the_donate_page(production):
    port, keys = production
    before = donate_page(port)
    assert "Support Dawat Media Center" in before and "#557320" in before

    tina = sign_in(port, "tina", keys["tina"])
    form = form_fields(tina.get(CHANGE_PATH).body, "donationdetails_form")
    kinds = {form[name]: name.removesuffix("kind") for name in form if name.startswith("methods-") and name.endswith("-kind")}
    form.update({
        "appeal_text_en": FAKE_APPEAL,
        kinds["iban"] + "label_en": FAKE_LABEL,
        kinds["bank_account"] + "bank_name": FAKE_BANK,
        kinds["vipps"] + "DELETE": "on",
        "_save": "Save",
    })
    response = tina.post(CHANGE_PATH, form)
    assert response.status == 302, response.body[:3000]

    for page in (donate_page(port), donate_page(port, "?fresh=1")):
        assert FAKE_APPEAL not in page and FAKE_LABEL not in page and FAKE_BANK not in page
        assert "If there were ever a time to join us" in page and "#557320" in page
    # Four proposals: the appeal, the IBAN's label, the bank name, the Vipps method's removal.
    assert len(pending_changes(tina)) == 4

    # A second treasurer, in a session of their own, approves: now readers see it.
    tom = sign_in(port, "tom", keys["tom"])
    listing = tom.get(PENDING_PATH).body
    response = tom.post(PENDING_PATH, {
        **form_fields(listing, "changelist-form"), "action": "approve_selected", "_selected_action": pending_changes(tom),
    })
    assert response.status == 302, response.body[:2000]
    after = donate_page(port)
    assert FAKE_APPEAL in after and FAKE_LABEL in after and FAKE_BANK in after and "#557320" not in after


@pytest.mark.parametrize("path", ["/", "/en/", "/en/donate/", "/en/feeds/rss/", "/sitemap.xml", "/en/search/?q=x",
                                  "/admin/login/", "/healthz", "/no-such-page/"])
def test_the_production_server_answers_trace_with_405_and_sends_corp(production, path):
    port, _keys = production
    visitor = Visitor(port)

    assert visitor.request("TRACE", path).status == 405
    assert visitor.get(path).headers.get("cross-origin-resource-policy") == "same-origin"
