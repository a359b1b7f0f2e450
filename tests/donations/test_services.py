"""The four-eyes rule in the service layer, which the admin and any future caller share."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from donations import services
from donations.models import AuditEntry, ChangeStatus, PaymentMethod, PendingChange
from tests.donations.factories import seed_details
from tests.factories import UserFactory


@pytest.fixture
def vipps(db):
    seed_details()
    return PaymentMethod.objects.get(kind="vipps")


def propose(method, by, number="12345"):
    return services.propose_method_change(method=method, values={"vipps_number": number}, by=by)


def test_the_proposer_cannot_approve_their_own_change(vipps, treasurer):
    change = propose(vipps, treasurer)

    with pytest.raises(PermissionDenied, match="Nobody approves their own change"):
        services.approve_change(change=change, by=treasurer)
    vipps.refresh_from_db()
    assert vipps.vipps_number == "557320"


def test_the_database_refuses_a_change_decided_by_its_proposer(vipps, treasurer):
    change = propose(vipps, treasurer)
    change.decided_by = treasurer
    change.decided_at = timezone.now()

    with pytest.raises(IntegrityError), transaction.atomic():
        change.save()


def test_an_editor_cannot_approve(vipps, treasurer, editor):
    change = propose(vipps, treasurer)

    with pytest.raises(PermissionDenied):
        services.approve_change(change=change, by=editor)


def test_an_approved_change_cannot_be_approved_again(vipps, treasurer, superuser):
    change = propose(vipps, treasurer)
    services.approve_change(change=change, by=superuser)

    with pytest.raises(ValidationError, match="already approved"):
        services.approve_change(change=change, by=superuser)


def test_a_newer_proposal_replaces_the_pending_one(vipps, treasurer):
    first = propose(vipps, treasurer, "12345")
    second = propose(vipps, UserFactory(username="treasurer2", role="Treasurer"), "54321")

    first.refresh_from_db()
    assert first.status == ChangeStatus.SUPERSEDED
    assert second.status == ChangeStatus.PENDING
    assert PendingChange.objects.filter(status=ChangeStatus.PENDING).count() == 1


def test_proposing_the_live_numbers_again_proposes_nothing(vipps, treasurer):
    assert propose(vipps, treasurer, "557320") is None


def test_a_proposal_with_numbers_the_kind_does_not_use_is_refused(vipps, treasurer):
    with pytest.raises(ValidationError):
        services.propose_method_change(method=vipps, values={"iban": "NO1505302294668"}, by=treasurer)


def test_audit_entries_cannot_be_changed_or_deleted_through_the_model(vipps, treasurer):
    propose(vipps, treasurer)
    entry = AuditEntry.objects.first()

    with pytest.raises(ValidationError):
        entry.delete()
    entry.new_value = "forged"
    with pytest.raises(ValidationError):
        entry.save()
