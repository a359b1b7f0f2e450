"""Issue 18, item 8c: a payment link must be https://; plain http is refused with a reason."""

import pytest
from django.core.exceptions import ValidationError

from donations import services
from donations.models import PaymentMethod, PendingChange
from donations.validators import validate_payment_link
from tests.donations.factories import seed_details
from tests.donations.test_admin import CHANGE_URL, form_data
from tests.factories import UserFactory

REASON = "A payment link must start with https://"


@pytest.fixture
def details(db):
    return seed_details()


@pytest.mark.parametrize("url", ["http://pay.example.org/dawat", "HTTP://pay.example.org/", "ftp://pay.example.org/"])
def test_a_link_that_is_not_https_is_refused_with_a_reason(url):
    with pytest.raises(ValidationError, match=REASON):
        validate_payment_link(url)


def test_an_https_link_is_fine():
    validate_payment_link("https://pay.example.org/dawat")


def test_the_admin_refuses_an_http_link_and_proposes_nothing(client, details, treasurer):
    client.force_login(treasurer)

    response = client.post(CHANGE_URL, form_data(details, new_methods=[
        {"position": 4, "kind": "link", "url": "http://pay.example.org/dawat"},
    ]))

    assert response.status_code == 200
    assert REASON in response.content.decode()
    assert not PaymentMethod.objects.filter(kind="link").exists()
    assert not PendingChange.objects.exists()


def test_the_admin_accepts_an_https_link_or_an_address_typed_without_a_scheme(client, details, treasurer):
    client.force_login(treasurer)

    response = client.post(CHANGE_URL, form_data(details, new_methods=[
        {"position": 4, "kind": "link", "url": "pay.example.org/dawat"},
    ]))

    assert response.status_code == 302
    assert PaymentMethod.objects.get(kind="link").url == "https://pay.example.org/dawat"


def test_the_services_refuse_an_http_link_when_proposed_and_when_approved(details, treasurer):
    link = PaymentMethod.objects.create(details=details, kind="link", url="https://pay.example.org/", is_live=True)
    with pytest.raises(ValidationError, match=REASON):
        services.propose_method_change(method=link, values={"url": "http://pay.example.org/"}, by=treasurer)

    # A proposal stored before the rule (or written around the service) is refused at approval.
    old = PendingChange.objects.create(method=link, subject="Payment method", proposed_by=treasurer, previous_values={},
                                       proposed_values={**services.method_values(link), "url": "http://pay.example.org/"})
    with pytest.raises(ValidationError, match=REASON):
        services.approve_change(change=old, by=UserFactory(username="treasurer2", role="Treasurer"))
    link.refresh_from_db()
    assert link.url == "https://pay.example.org/"

