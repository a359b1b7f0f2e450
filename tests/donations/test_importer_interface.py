import pytest
from django.core import mail
from django.core.exceptions import ValidationError

from donations.models import AuditEntry, DonationDetails, PaymentMethod
from donations.selectors import reader_appeal
from donations.services import adopt_imported_details
from tests.donations.factories import seed_details

SEED = {
    "organisation": "Dawat Media Center",
    "account_number": "0530 2294668",
    "iban": "NO15 0530 2294 668",
    "vipps": "#557320",
    "source_name": "000_eda39bf8056b1bf4.txt",
}


def test_the_first_imported_document_creates_live_details(db, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        warnings = adopt_imported_details(**SEED)

    assert warnings == []
    details = DonationDetails.objects.get()
    assert details.organisation == "Dawat Media Center"
    stored = list(PaymentMethod.objects.live().values_list("kind", "account_number", "iban", "vipps_number"))
    assert stored == [
        ("bank_account", "05302294668", "", ""),
        ("iban", "", "NO1505302294668", ""),
        ("vipps", "", "", "557320"),
    ]
    appeal = reader_appeal("en")
    assert [method.number for method in appeal.methods] == ["0530 22 94668", "NO15 0530 2294 668", "557320"]
    assert AuditEntry.objects.filter(by_name="importer (000_eda39bf8056b1bf4.txt)").count() >= 4
    assert len(mail.outbox) == 4  # the details and each of the three methods
    assert "0530 22 94668" in "".join(message.body for message in mail.outbox)


def test_an_invalid_number_in_the_first_document_creates_nothing(db):
    with pytest.raises(ValidationError) as raised:
        adopt_imported_details(**{**SEED, "iban": "NO15 0530 2294 669"})

    assert raised.value.messages == [
        "000_eda39bf8056b1bf4.txt: IBAN 'NO15 0530 2294 669' is not valid: "
        "This IBAN fails its check digits: a character is probably wrong or two are swapped."
    ]
    assert not DonationDetails.objects.exists()
    assert not PaymentMethod.objects.exists()


def test_a_later_document_with_the_same_details_warns_about_nothing(db):
    adopt_imported_details(**SEED)

    assert adopt_imported_details(**{**SEED, "source_name": "001.txt"}) == []


def test_a_later_document_never_overwrites_the_sites_details(db):
    seed_details()
    warnings = adopt_imported_details(
        organisation="Someone Else", account_number="8601 11 17947", iban=None, vipps="12345", source_name="evil.txt"
    )

    assert warnings == [
        "evil.txt: organisation 'Someone Else' differs from the site's 'Dawat Media Center'; the site's details were kept.",
        "evil.txt: account number 8601 11 17947 differs from the site's 0530 22 94668; the site's details were kept.",
        "evil.txt: Vipps number 12345 differs from the site's 557320; the site's details were kept.",
    ]
    assert list(PaymentMethod.objects.values_list("account_number", flat=True).exclude(account_number="")) == [
        "05302294668"
    ]
