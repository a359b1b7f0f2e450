"""Issue 18, item 1: one treasurer (or superuser) session changes nothing readers see.

The security test's attack: a single treasurer set the appeal to "Send donations only to
IBAN DE89...", an IBAN method's label to "New account from 1 December: DE89..." and the bank
name to "Deutsche Bank", live at once. Every such forged POST now leaves the live details as
they were and makes (at most) one proposal that a second person must approve.
"""

import pytest
from django.test import Client
from django.urls import reverse

from donations.models import AuditEntry, ChangeStatus, DonationDetails, PaymentMethod, PendingChange
from donations.selectors import reader_appeal
from pagecache.version import content_version
from tests.donations.test_admin import CHANGE_URL, CHANGELIST_URL, form_data
from tests.factories import UserFactory

FAKE_IBAN = "Send donations only to IBAN DE89 3704 0044 0532 0130 00"
FAKE_LABEL = "New account from 1 December: DE89 3704 0044 0532 0130 00"


def iban(details):
    return details.methods.get(kind="iban")


def bank_account(details):
    return details.methods.get(kind="bank_account")


# Each attack: what the forged form changes, and the text readers must never see from it.
ATTACKS = {
    "appeal text (English)": (lambda d: {"appeal_text_en": FAKE_IBAN}, FAKE_IBAN),
    "appeal text (Pashto)": (lambda d: {"appeal_text_ps": FAKE_IBAN}, FAKE_IBAN),
    "appeal headline (Dari)": (lambda d: {"appeal_headline_fa_af": FAKE_IBAN}, FAKE_IBAN),
    "organisation": (lambda d: {"organisation": "Deutsche Bank Donations"}, "Deutsche Bank Donations"),
    "label": (lambda d: {"method_changes": {iban(d).pk: {"label_en": FAKE_LABEL}}}, FAKE_LABEL),
    "label (Pashto)": (lambda d: {"method_changes": {iban(d).pk: {"label_ps": FAKE_LABEL}}}, FAKE_LABEL),
    "bank name": (lambda d: {"method_changes": {bank_account(d).pk: {"bank_name": "Deutsche Bank"}}}, "Deutsche Bank"),
    "order": (lambda d: {"method_changes": {iban(d).pk: {"position": 0}}}, None),
    # A forged field the form does not have is ignored, never written.
    "forged is_live": (lambda d: {"methods-0-is_live": "", "is_live": ""}, None),
}
REMOVALS = {
    "delete the bank account": lambda d: {"method_changes": {bank_account(d).pk: {"DELETE": "on"}}},
    "delete the IBAN": lambda d: {"method_changes": {iban(d).pk: {"DELETE": "on"}}},
}


def readers_see() -> list:
    """Everything the appeal shows, in every edition."""
    return [reader_appeal(language) for language in ("en", "ps", "fa-af")]


def donate_page(language="en") -> str:
    return Client().get(f"/{language}/donate/").content.decode()


def forged_post(client, details, changes: dict):
    changes = dict(changes)
    method_changes = changes.pop("method_changes", None)
    extra = {name: changes.pop(name) for name in list(changes) if name.startswith("methods-") or name == "is_live"}
    data = form_data(details, method_changes=method_changes, **changes)
    data.update(extra)
    return client.post(CHANGE_URL, data)


@pytest.fixture
def details(db):
    from tests.donations.factories import seed_details

    return seed_details()


@pytest.fixture
def second_treasurer(db):
    return UserFactory(username="treasurer2", role="Treasurer")


@pytest.mark.parametrize("role", ["treasurer", "superuser"])
@pytest.mark.parametrize("attack", [*ATTACKS, *REMOVALS])
def test_one_session_cannot_change_what_readers_see_by_a_forged_post(client, details, request, role, attack):
    client.force_login(request.getfixturevalue(role))
    before, page_before = readers_see(), donate_page()
    version = content_version()
    changes, fake = ATTACKS[attack] if attack in ATTACKS else (REMOVALS[attack], None)

    response = forged_post(client, details, changes(details))

    assert response.status_code == 302, response.content.decode()[:2000]
    assert readers_see() == before
    assert donate_page() == page_before
    if fake:
        assert fake not in donate_page() and fake not in donate_page("ps") and fake not in donate_page("fa-af")
    assert PaymentMethod.objects.filter(is_live=True).count() == 3
    assert content_version() == version  # no live row was written
    assert PendingChange.objects.filter(status=ChangeStatus.PENDING).count() <= 1


@pytest.mark.parametrize("role", ["treasurer", "superuser"])
def test_the_whole_attack_at_once_leaves_one_pending_proposal_per_thing_and_the_page_unchanged(
    client, details, request, role
):
    client.force_login(request.getfixturevalue(role))
    page = donate_page()

    forged_post(client, details, {
        "appeal_text_en": FAKE_IBAN,
        "method_changes": {iban(details).pk: {"label_en": FAKE_LABEL},
                           bank_account(details).pk: {"bank_name": "Deutsche Bank"}},
    })

    assert donate_page() == page
    pending = PendingChange.objects.filter(status=ChangeStatus.PENDING)
    assert sorted(pending.values_list("action", flat=True)) == ["change_details", "change_method", "change_method"]


@pytest.mark.parametrize("role", ["treasurer", "superuser"])
def test_one_session_cannot_delete_the_details_through_the_delete_view_or_the_bulk_action(
    client, details, request, role
):
    client.force_login(request.getfixturevalue(role))
    before = readers_see()

    delete = client.post(reverse("admin:donations_donationdetails_delete", args=[details.pk]), {"post": "yes"})
    client.post(CHANGELIST_URL, {"action": "delete_selected", "_selected_action": [details.pk], "post": "yes"})

    assert delete.status_code == 403
    assert DonationDetails.objects.filter(is_live=True).exists()
    assert readers_see() == before


@pytest.mark.parametrize("attack", ["appeal text (English)", "label", "bank name", "order"])
def test_a_second_treasurer_approves_and_the_text_goes_live_and_the_cached_pages_are_dropped(
    client, details, treasurer, second_treasurer, attack
):
    client.force_login(treasurer)
    changes, fake = ATTACKS[attack]
    forged_post(client, details, changes(details))
    change = PendingChange.objects.get(status=ChangeStatus.PENDING)
    before, version = readers_see(), content_version()

    client.force_login(second_treasurer)
    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})

    change.refresh_from_db()
    assert (change.status, change.decided_by) == (ChangeStatus.APPROVED, second_treasurer)
    assert readers_see() != before
    if fake:
        assert fake in donate_page()
    if attack == "order":
        assert reader_appeal("en").methods[0].kind == "iban"
    assert content_version() != version
    assert AuditEntry.objects.filter(action__startswith="approved", by=second_treasurer).exists()


def test_a_removal_goes_live_only_when_a_second_treasurer_approves(client, details, treasurer, second_treasurer):
    client.force_login(treasurer)
    forged_post(client, details, REMOVALS["delete the IBAN"](details))
    change = PendingChange.objects.get(status=ChangeStatus.PENDING, action="delete_method")
    assert "NO15 0530 2294 668" in donate_page()
    assert "Remove this payment method" in client.get(CHANGE_URL).content.decode()
    version = content_version()

    client.force_login(second_treasurer)
    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})

    assert "NO15 0530 2294 668" not in donate_page()
    assert not PaymentMethod.objects.filter(kind="iban").exists()
    change.refresh_from_db()
    assert change.status == ChangeStatus.APPROVED and change.subject.startswith("Payment method #")
    assert content_version() != version
    audit = AuditEntry.objects.filter(action__startswith="approved", by=second_treasurer)
    assert ("iban", "NO15 0530 2294 668", "") in audit.values_list("field", "old_value", "new_value")


def test_the_proposer_cannot_approve_their_own_text_or_removal(client, details, treasurer):
    client.force_login(treasurer)
    forged_post(client, details, {"appeal_text_en": FAKE_IBAN})
    forged_post(client, details, REMOVALS["delete the IBAN"](details))

    for change in PendingChange.objects.filter(status=ChangeStatus.PENDING):
        client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})
    client.post(reverse("admin:donations_pendingchange_changelist"), {
        "action": "approve_selected",
        "_selected_action": list(PendingChange.objects.values_list("pk", flat=True)),
    })

    assert FAKE_IBAN not in donate_page()
    assert "NO15 0530 2294 668" in donate_page()
    assert PendingChange.objects.filter(status=ChangeStatus.PENDING).count() == 2


def test_a_method_never_shown_to_readers_is_deleted_at_once(client, details, treasurer):
    client.force_login(treasurer)
    forged_post(client, details, {"method_changes": {}})
    response = client.post(CHANGE_URL, form_data(details, new_methods=[{"position": 9, "kind": "vipps",
                                                                         "vipps_number": "12345"}]))
    assert response.status_code == 302
    hidden = PaymentMethod.objects.get(vipps_number="12345")

    client.post(CHANGE_URL, form_data(details, method_changes={hidden.pk: {"DELETE": "on"}}))

    assert not PaymentMethod.objects.filter(pk=hidden.pk).exists()
    assert PendingChange.objects.get(status=ChangeStatus.SUPERSEDED).method is None
