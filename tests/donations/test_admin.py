"""The admin, through real requests: who may do what, four eyes on the numbers, the audit trail."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from donations.models import AuditEntry, ChangeStatus, DonationDetails, PaymentMethod, PendingChange
from donations.selectors import reader_appeal
from tests.donations.factories import SEED_ACCOUNT_NUMBER, seed_details
from tests.factories import UserFactory

CHANGE_URL = reverse("admin:donations_donationdetails_change", args=[1])
ADD_URL = reverse("admin:donations_donationdetails_add")
CHANGELIST_URL = reverse("admin:donations_donationdetails_changelist")
DELETE_URL = reverse("admin:donations_donationdetails_delete", args=[1])

METHOD_FIELDS = ["position", "kind", "label_en", "label_ps", "label_fa_af", "bank_name", "account_number", "iban",
                 "bic", "vipps_number", "url"]


def form_data(details: DonationDetails, *, method_changes=None, new_methods=(), **detail_changes) -> dict:
    """The change form as the admin would post it, with the given fields changed."""
    data = {
        "organisation": details.organisation,
        "appeal_headline_en": details.appeal_headline_en or "",
        "appeal_headline_ps": details.appeal_headline_ps or "",
        "appeal_headline_fa_af": details.appeal_headline_fa_af or "",
        "appeal_text_en": details.appeal_text_en or "",
        "appeal_text_ps": details.appeal_text_ps or "",
        "appeal_text_fa_af": details.appeal_text_fa_af or "",
        **detail_changes,
    }
    methods = list(details.methods.order_by("position", "pk"))
    method_changes = method_changes or {}
    for index, method in enumerate(methods):
        prefix = f"methods-{index}-"
        data[prefix + "id"] = method.pk
        data[prefix + "details"] = details.pk
        for name in METHOD_FIELDS:
            value = getattr(method, name)
            data[prefix + name] = "" if value is None else value
        for name, value in method_changes.get(method.pk, {}).items():
            data[prefix + name] = value
    for offset, new in enumerate(new_methods):
        prefix = f"methods-{len(methods) + offset}-"
        data[prefix + "details"] = details.pk
        for name in METHOD_FIELDS:
            data[prefix + name] = new.get(name, "")
    data.update({
        "methods-TOTAL_FORMS": len(methods) + len(new_methods),
        "methods-INITIAL_FORMS": len(methods),
        "methods-MIN_NUM_FORMS": 0,
        "methods-MAX_NUM_FORMS": 1000,
    })
    return data


def bank_account(details) -> PaymentMethod:
    return details.methods.get(kind="bank_account")


@pytest.fixture
def details(db):
    return seed_details()


@pytest.fixture
def second_treasurer(db):
    return UserFactory(username="treasurer2", role="Treasurer")


# Who may do what.


@pytest.mark.parametrize(
    ("role", "can_view", "can_change"),
    [("writer", True, False), ("editor", True, False), ("treasurer", True, True), ("superuser", True, True)],
)
def test_permission_matrix_for_the_donation_details(client, details, request, role, can_view, can_change):
    user = request.getfixturevalue(role)
    client.force_login(user)

    page = client.get(CHANGE_URL)
    assert page.status_code == (200 if can_view else 403)
    assert (b'name="_save"' in page.content) is can_change

    response = client.post(CHANGE_URL, form_data(details, organisation="Hijacked Org"))
    details.refresh_from_db()
    assert details.organisation == "Dawat Media Center"  # live only once someone else approves
    if can_change:
        assert response.status_code == 302
        assert PendingChange.objects.get().proposed_values["organisation"] == "Hijacked Org"
    else:
        assert response.status_code == 403
        assert not PendingChange.objects.exists()

    # Nobody deletes the details readers see in one step, not even a superuser.
    assert client.post(DELETE_URL, {"post": "yes"}).status_code == 403
    assert DonationDetails.objects.exists()


@pytest.mark.parametrize(("role", "can_see"), [("writer", False), ("editor", False), ("treasurer", True), ("superuser", True)])
def test_only_treasurers_and_superusers_see_the_audit_trail(client, details, request, role, can_see):
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("admin:donations_auditentry_changelist")).status_code == (200 if can_see else 403)


def test_an_editor_cannot_change_a_number_even_by_posting_directly(client, details, editor):
    client.force_login(editor)
    method = bank_account(details)
    response = client.post(CHANGE_URL, form_data(details, method_changes={method.pk: {"account_number": "8601 11 17947"}}))

    assert response.status_code == 403
    method.refresh_from_db()
    assert method.account_number == SEED_ACCOUNT_NUMBER
    assert not PendingChange.objects.exists()


def test_a_second_set_of_details_cannot_be_added(client, details, treasurer):
    client.force_login(treasurer)
    assert client.get(ADD_URL).status_code == 403


def test_the_changelist_opens_the_one_set_of_details(client, details, treasurer):
    client.force_login(treasurer)
    assert client.get(CHANGELIST_URL).url == CHANGE_URL


def test_an_invalid_number_is_refused_with_a_message_the_treasurer_understands(client, details, treasurer):
    client.force_login(treasurer)
    method = bank_account(details)
    response = client.post(CHANGE_URL, form_data(details, method_changes={method.pk: {"account_number": "0530 2294 669"}}))

    assert response.status_code == 200
    assert "fails the bank&#x27;s check digit" in response.content.decode()
    assert not PendingChange.objects.exists()


# Four eyes.


def propose_new_account_number(client, details, user, number="8601 11 17947"):
    client.force_login(user)
    method = bank_account(details)
    response = client.post(CHANGE_URL, form_data(details, method_changes={method.pk: {"account_number": number}}))
    assert response.status_code == 302, response.content.decode()[:3000]
    return PendingChange.objects.get(method=method, status=ChangeStatus.PENDING)


def test_the_proposer_is_told_the_change_waits_and_never_that_it_succeeded(client, details, treasurer):
    propose_new_account_number(client, details, treasurer)
    told = [str(message) for message in get_messages(client.get(CHANGE_URL).wsgi_request)]
    assert any("wait for approval" in message for message in told), told
    assert not any("changed successfully" in message for message in told), told
    assert "Saved as proposals. Readers see no change until another treasurer or an administrator approves them." in told


def test_a_changed_account_number_waits_and_the_old_one_stays_live(client, details, treasurer):
    change = propose_new_account_number(client, details, treasurer)

    assert change.proposed_values["account_number"] == "86011117947"
    assert bank_account(details).account_number == SEED_ACCOUNT_NUMBER
    assert reader_appeal("en").methods[0].number == "0530 22 94668"
    page = client.get(CHANGE_URL).content.decode()
    assert "Waiting for approval" in page and "8601 11 17947" in page


def test_nobody_approves_their_own_change(client, details, treasurer):
    change = propose_new_account_number(client, details, treasurer)

    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})
    client.post(
        reverse("admin:donations_pendingchange_changelist"),
        {"action": "approve_selected", "_selected_action": [change.pk]},
    )

    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert bank_account(details).account_number == SEED_ACCOUNT_NUMBER


def test_another_treasurer_approves_and_the_new_number_goes_live(client, details, treasurer, second_treasurer):
    change = propose_new_account_number(client, details, treasurer)
    client.force_login(second_treasurer)

    response = client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})

    assert response.status_code == 302
    change.refresh_from_db()
    assert (change.status, change.decided_by) == (ChangeStatus.APPROVED, second_treasurer)
    assert bank_account(details).account_number == "86011117947"
    assert reader_appeal("en").methods[0].number == "8601 11 17947"


def test_a_superuser_approves_through_the_list_action(client, details, treasurer, superuser):
    change = propose_new_account_number(client, details, treasurer)
    client.force_login(superuser)

    client.post(
        reverse("admin:donations_pendingchange_changelist"),
        {"action": "approve_selected", "_selected_action": [change.pk]},
    )

    assert bank_account(details).account_number == "86011117947"


def test_an_editor_cannot_approve(client, details, treasurer, editor):
    change = propose_new_account_number(client, details, treasurer)
    client.force_login(editor)

    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})

    change.refresh_from_db()
    assert change.status == ChangeStatus.PENDING
    assert bank_account(details).account_number == SEED_ACCOUNT_NUMBER


def test_a_rejected_change_never_goes_live(client, details, treasurer, second_treasurer):
    change = propose_new_account_number(client, details, treasurer)
    client.force_login(second_treasurer)

    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"reject": "1"})

    change.refresh_from_db()
    assert change.status == ChangeStatus.REJECTED
    assert bank_account(details).account_number == SEED_ACCOUNT_NUMBER


def test_a_new_payment_method_is_hidden_until_approved(client, details, treasurer, second_treasurer):
    client.force_login(treasurer)
    response = client.post(
        CHANGE_URL, form_data(details, new_methods=[{"position": 0, "kind": "vipps", "vipps_number": "#12345"}])
    )
    assert response.status_code == 302
    new = PaymentMethod.objects.get(vipps_number="12345")
    assert not new.is_live
    assert "12345" not in [method.number for method in reader_appeal("en").methods]

    client.force_login(second_treasurer)
    client.post(reverse("admin:donations_pendingchange_decide", args=[new.proposals.get().pk]), {"approve": "1"})

    assert reader_appeal("en").methods[0].number == "12345"


def test_texts_wait_for_a_second_person_like_the_numbers(client, details, treasurer, second_treasurer):
    client.force_login(treasurer)
    client.post(CHANGE_URL, form_data(details, appeal_headline_en="Help us report"))

    assert reader_appeal("en").headline == "Support Dawat Media Center"
    change = PendingChange.objects.get(status=ChangeStatus.PENDING)
    assert "Help us report" in client.get(CHANGE_URL).content.decode()  # shown as waiting

    client.force_login(second_treasurer)
    client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})
    assert reader_appeal("en").headline == "Help us report"


# Audit and email.


def test_every_change_is_audited_and_mailed_to_the_administrators(
    client, details, treasurer, second_treasurer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        change = propose_new_account_number(client, details, treasurer)

    proposal = AuditEntry.objects.get(action__startswith="proposed")
    assert (proposal.by, proposal.field, proposal.old_value, proposal.new_value) == (
        treasurer, "account_number", "0530 22 94668", "8601 11 17947",
    )
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["admin@example.org"]
    assert "treasurer" in mail.outbox[0].subject
    assert "account_number: 0530 22 94668  →  8601 11 17947" in mail.outbox[0].body

    client.force_login(second_treasurer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("admin:donations_pendingchange_decide", args=[change.pk]), {"approve": "1"})

    approval = AuditEntry.objects.get(action__startswith="approved")
    assert (approval.by, approval.field, approval.new_value) == (second_treasurer, "account_number", "8601 11 17947")
    assert len(mail.outbox) == 2
    assert "approved" in mail.outbox[1].subject


def test_text_changes_are_audited_too(client, details, treasurer, django_capture_on_commit_callbacks):
    client.force_login(treasurer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(CHANGE_URL, form_data(details, appeal_headline_ps="نوی سرلیک"))

    entry = AuditEntry.objects.get()
    assert (entry.field, entry.old_value, entry.new_value) == ("appeal_headline_ps", "د دعوت رسنیز مرکز ملاتړ وکړئ", "نوی سرلیک")
    assert entry.action == "proposed (waiting for approval)"
    assert len(mail.outbox) == 1


def test_the_treasurer_sees_the_audit_trail_but_cannot_edit_or_delete_it(client, details, treasurer):
    propose_new_account_number(client, details, treasurer)
    entry = AuditEntry.objects.get(field="account_number")

    listing = client.get(reverse("admin:donations_auditentry_changelist")).content.decode()
    assert "8601 11 17947" in listing
    page = client.get(reverse("admin:donations_auditentry_change", args=[entry.pk]))
    assert page.status_code == 200
    assert b'name="_save"' not in page.content

    client.post(reverse("admin:donations_auditentry_change", args=[entry.pk]), {"new_value": "0000"})
    assert client.post(reverse("admin:donations_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    entry.refresh_from_db()
    assert entry.new_value == "8601 11 17947"


def test_not_even_a_superuser_can_delete_the_audit_trail(client, details, treasurer, superuser):
    propose_new_account_number(client, details, treasurer)
    entry = AuditEntry.objects.get(field="account_number")
    client.force_login(superuser)

    assert client.post(reverse("admin:donations_auditentry_delete", args=[entry.pk]), {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_saving_the_form_unchanged_records_nothing(client, details, treasurer):
    client.force_login(treasurer)
    page = client.get(CHANGE_URL).content.decode()
    assert 'value="0530 22 94668"' in page  # numbers are shown grouped, as on the bank's letter

    data = form_data(details, appeal_text_en=details.appeal_text_en.replace("\n", "\r\n"))  # as browsers send it
    data["methods-0-account_number"] = "0530 22 94668"
    data["methods-1-iban"] = "NO15 0530 2294 668"
    assert client.post(CHANGE_URL, data).status_code == 302

    assert not AuditEntry.objects.exists()
    assert not PendingChange.objects.exists()


def test_a_treasurer_sets_up_the_details_from_nothing_and_a_second_person_approves_the_numbers(
    client, treasurer, second_treasurer
):
    client.force_login(treasurer)
    data = {
        "organisation": "Dawat Media Center",
        "appeal_headline_en": "Support us", "appeal_headline_ps": "", "appeal_headline_fa_af": "",
        "appeal_text_en": "Please give.", "appeal_text_ps": "", "appeal_text_fa_af": "",
        "methods-TOTAL_FORMS": 1, "methods-INITIAL_FORMS": 0, "methods-MIN_NUM_FORMS": 0, "methods-MAX_NUM_FORMS": 1000,
        "methods-0-position": 1, "methods-0-kind": "iban", "methods-0-iban": "NO15 0530 2294 668",
        "methods-0-bic": "dnbanokk",
    }

    response = client.post(ADD_URL, data)

    assert response.status_code == 302
    method = PaymentMethod.objects.get()
    assert (method.iban, method.bic, method.is_live) == ("NO1505302294668", "DNBANOKK", False)
    assert reader_appeal("en") is None  # readers see nothing of it yet, not even the appeal
    client.force_login(second_treasurer)
    client.post(reverse("admin:donations_pendingchange_decide", args=[method.proposals.get().pk]), {"approve": "1"})
    assert reader_appeal("en") is None
    details_change = PendingChange.objects.get(action="change_details")
    client.post(reverse("admin:donations_pendingchange_decide", args=[details_change.pk]), {"approve": "1"})
    appeal = reader_appeal("en")
    assert appeal.headline == "Support us"
    assert [(m.number, m.bic) for m in appeal.methods] == [("NO15 0530 2294 668", "DNBANOKK")]


# What the treasurer is told.


def test_an_eight_digit_vipps_number_is_explained_as_a_phone_number(client, details, treasurer):
    client.force_login(treasurer)
    vipps = details.methods.get(kind="vipps")
    response = client.post(CHANGE_URL, form_data(details, method_changes={vipps.pk: {"vipps_number": "912 34 567"}}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "This looks like a phone number" in page
    assert "at most 6 characters" not in page
    assert not PendingChange.objects.exists()


def test_a_changed_account_number_that_the_iban_no_longer_holds_is_flagged_to_proposer_and_approver(
    client, details, treasurer, second_treasurer
):
    change = propose_new_account_number(client, details, treasurer)
    warning = "The IBAN NO15 0530 2294 668 holds the account number 0530 22 94668, but the Norwegian account number is 8601 11 17947"
    assert warning in client.get(CHANGE_URL).content.decode()
    client.force_login(second_treasurer)
    assert warning in client.get(reverse("admin:donations_pendingchange_change", args=[change.pk])).content.decode()


def test_matching_account_and_iban_raise_no_warning(client, details, treasurer):
    client.force_login(treasurer)
    assert "holds the account number" not in client.get(CHANGE_URL).content.decode()


def test_a_missing_pashto_or_dari_appeal_is_flagged(client, details, treasurer):
    client.force_login(treasurer)
    assert "The appeal has no" not in client.get(CHANGE_URL).content.decode()
    DonationDetails.objects.filter(pk=details.pk).update(appeal_text_ps="", appeal_headline_fa_af="")
    page = client.get(CHANGE_URL).content.decode()
    assert "The appeal has no Pashto headline and text yet: Pashto readers see only the site" in page
    assert "The appeal has no Dari headline and text yet" in page
    assert 'name="appeal_text_ps"' in page and 'name="appeal_text_fa_af"' in page


def test_the_audit_trail_and_changes_speak_human_and_oslo_time(client, details, treasurer):
    import datetime

    import time_machine

    # The whole visit at that moment: the session signed in then must not have expired by the
    # time the pages are read (a fixed date in the past once made this test fail a day later).
    with time_machine.travel(datetime.datetime(2026, 12, 3, 15, 1, tzinfo=datetime.UTC), tick=False):
        change = propose_new_account_number(client, details, treasurer)
        listing = client.get(reverse("admin:donations_auditentry_changelist")).content.decode()
        changes = client.get(reverse("admin:donations_pendingchange_changelist")).content.decode()
        detail = client.get(reverse("admin:donations_pendingchange_change", args=[change.pk])).content.decode()
    assert "Account number" in listing and ">account_number<" not in listing
    assert "03 Dec 2026 16:01 Oslo · 19:31 Kabul" in listing
    assert "Account number: 0530 22 94668" in changes and "03 Dec 2026 16:01 Oslo" in changes
    assert "03 Dec 2026 16:01 Oslo" in detail and "Dec. 3, 2026" not in detail
