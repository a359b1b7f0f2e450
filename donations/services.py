"""Every write to donation details goes through here: the admin and the
importer call these, so the four-eyes rule, the audit trail and the email to
the administrators cannot be skipped.

The rule: nothing readers see changes on one person's say. The numbers, the
texts around them (organisation, appeal in every language, labels, bank name,
order), a new method and the removal of one wait in a ``PendingChange`` until
another authorised person approves; readers see the live values until then.
Each step leaves ``AuditEntry`` rows and mails ``settings.ADMINS``.
"""

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import timezone
from modeltranslation.utils import build_localized_fieldname

from donations import numbers
from donations.models import (
    REVIEWED_DETAILS_FIELDS,
    REVIEWED_METHOD_FIELDS,
    AuditEntry,
    ChangeStatus,
    DonationDetails,
    MethodKind,
    PaymentMethod,
    PendingChange,
    ProposalAction,
    check_method_fields,
)
from donations.validators import (
    validate_iban,
    validate_norwegian_account_number,
    validate_payment_link,
    validate_vipps_number,
)

logger = logging.getLogger(__name__)

APPROVE_PERMISSION = "donations.approve_pendingchange"
DETAILS_SUBJECT = "Donation details"
TRANSLATED_FIELDS = {"appeal_headline", "appeal_text", "label"}  # see translation.py


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: str
    new: str


def _actor_name(user) -> str:
    return user.get_username() if user is not None else "system"


def method_subject(method: PaymentMethod) -> str:
    return f"Payment method #{method.pk} ({method.get_kind_display()})"


def record(*, by, action: str, subject: str, changes=(), by_name: str = "") -> list[AuditEntry]:
    """Write audit rows (one per field, or one without a field) and mail the administrators."""
    by_name = by_name or _actor_name(by)
    rows = [
        AuditEntry(
            by=by, by_name=by_name, action=action, subject=subject,
            field=change.field, old_value=str(change.old), new_value=str(change.new),
        )
        for change in changes
    ] or [AuditEntry(by=by, by_name=by_name, action=action, subject=subject)]
    AuditEntry.objects.bulk_create(rows)
    _mail_administrators(by_name=by_name, action=action, subject=subject, entries=rows)
    return rows


def _mail_administrators(*, by_name: str, action: str, subject: str, entries: list[AuditEntry]) -> None:
    lines = [
        f"{by_name} — {action}: {subject}",
        f"Time: {timezone.localtime():%Y-%m-%d %H:%M:%S %Z}",
        "",
    ]
    for entry in entries:
        if entry.field:
            lines.append(f"  {entry.field}: {entry.old_value or '(empty)'}  →  {entry.new_value or '(empty)'}")
    lines += [
        "",
        "If you did not expect this change, check the donation details and the audit trail in the admin now.",
    ]
    message = "\n".join(lines)

    def send():
        try:
            mail_admins(f"Donation details: {action} by {by_name}", message)
        except Exception:  # a mail outage must not undo the change; the audit row is the record
            logger.exception("Could not mail the administrators about a donation change")

    transaction.on_commit(send)


def _display(field: str, value: str) -> str:
    """Audit and email show numbers grouped, so a reader can compare them with the bank's letter."""
    if not value:
        return ""
    if field == "account_number":
        return numbers.format_account_number(value)
    if field == "iban":
        return numbers.format_iban(value)
    return value


def _differences(old: dict, new: dict) -> list[FieldChange]:
    return [
        FieldChange(name, _display(name, old.get(name, "")), _display(name, new.get(name, "")))
        for name in new
        if (old.get(name) or "") != (new.get(name) or "")
    ]


# What readers see, as text by field name: what proposals hold and the audit compares.


def _localised_names(names) -> list[str]:
    """``appeal_headline`` -> ``appeal_headline_en``, ``appeal_headline_ps``, ... for translated fields."""
    result = []
    for name in names:
        if name in TRANSLATED_FIELDS:
            result += [build_localized_fieldname(name, code) for code, _label in settings.LANGUAGES]
        else:
            result.append(name)
    return result


def _as_text(value) -> str:
    # Browsers send CRLF from textareas; compare and store one kind of line break.
    return "" if value is None else str(value).replace("\r\n", "\n")


def method_values(method: PaymentMethod) -> dict[str, str]:
    """Every field of ``method`` readers see (numbers, labels in each language, bank name, order)."""
    return {name: _as_text(getattr(method, name)) for name in _localised_names(REVIEWED_METHOD_FIELDS)}


def details_values(details: DonationDetails) -> dict[str, str]:
    """The organisation name and the appeal in each language."""
    return {name: _as_text(getattr(details, name)) for name in _localised_names(REVIEWED_DETAILS_FIELDS)}


def _pending(queryset):
    return queryset.select_for_update().filter(status=ChangeStatus.PENDING)


def _supersede(changes, *, by) -> None:
    for change in changes:
        change.status = ChangeStatus.SUPERSEDED
        change.save(update_fields=["status"])
        record(by=by, action="replaced a pending change", subject=change.subject or str(change.method))


def _supersede_pending(method: PaymentMethod, *, by) -> None:
    _supersede(_pending(method.proposals.all()), by=by)


# Proposals: readers keep seeing the live values until someone else approves.


@transaction.atomic
def propose_method_change(*, method: PaymentMethod, values: dict, by) -> PendingChange | None:
    """Ask for ``values`` (field name -> new value, any of ``method_values``) on ``method``;
    what readers see stays until someone else approves. Returns None when nothing differs."""
    current = method_values(method)
    proposed = {**current, **{name: _as_text(values[name]) for name in current if name in values}}
    check_method_fields(proposed["kind"], proposed)
    _validate_numbers({name: value for name, value in proposed.items() if value != current[name]})
    if proposed == current and method.is_live:
        return None
    _supersede_pending(method, by=by)
    change = PendingChange.objects.create(
        action=ProposalAction.CHANGE_METHOD, method=method, subject=method_subject(method),
        proposed_values=proposed, previous_values=current if method.is_live else {}, proposed_by=by,
    )
    record(
        by=by,
        action="proposed (waiting for approval)",
        subject=change.subject,
        changes=_differences(current if method.is_live else {}, proposed),
    )
    return change


@transaction.atomic
def propose_details_change(*, details: DonationDetails, values: dict, by) -> PendingChange | None:
    """Ask for new appeal texts or organisation name; readers keep the live ones until approved."""
    current = details_values(details)
    proposed = {**current, **{name: _as_text(values[name]) for name in current if name in values}}
    if proposed == current and details.is_live:
        return None
    _supersede(_pending(PendingChange.objects.filter(action=ProposalAction.CHANGE_DETAILS)), by=by)
    change = PendingChange.objects.create(
        action=ProposalAction.CHANGE_DETAILS, subject=DETAILS_SUBJECT, proposed_values=proposed,
        previous_values=current if details.is_live else {}, proposed_by=by,
    )
    record(
        by=by, action="proposed (waiting for approval)", subject=DETAILS_SUBJECT,
        changes=_differences(current if details.is_live else {}, proposed),
    )
    return change


@transaction.atomic
def propose_removal(*, method: PaymentMethod, by) -> PendingChange:
    """Ask to stop showing ``method``; it stays on the page until someone else approves."""
    waiting = _pending(method.proposals.filter(action=ProposalAction.DELETE_METHOD)).first()
    if waiting is not None:
        return waiting
    _supersede_pending(method, by=by)
    current = method_values(method)
    change = PendingChange.objects.create(
        action=ProposalAction.DELETE_METHOD, method=method, subject=method_subject(method),
        proposed_values={}, previous_values=current, proposed_by=by,
    )
    record(
        by=by, action="proposed removing (waiting for approval)", subject=change.subject,
        changes=_differences(current, dict.fromkeys(current, "")),
    )
    return change


# Decisions, by someone other than the proposer.


@transaction.atomic
def approve_change(*, change: PendingChange, by) -> PaymentMethod | DonationDetails | None:
    """Make ``change`` live. Returns the method or details readers now see (None after a removal)."""
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if not change.is_pending:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    if change.proposed_by_id == by.pk:
        raise PermissionDenied("Nobody approves their own change: another treasurer or an administrator must.")
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Only a treasurer or an administrator can approve changes to the donation details.")
    change.status = ChangeStatus.APPROVED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    if change.action == ProposalAction.CHANGE_DETAILS:
        live, before, after = _apply_details(change)
    elif change.action == ProposalAction.DELETE_METHOD:
        live, before, after = _apply_removal(change, by=by)
    else:
        live, before, after = _apply_method_change(change)
    record(
        by=by,
        action=f"approved the change proposed by {change.proposed_by.get_username()} (now live)",
        subject=change.subject,
        changes=_differences(before, after),
    )
    return live


def _apply_details(change: PendingChange):
    details = DonationDetails.objects.select_for_update().filter(pk=DonationDetails.SINGLETON_PK).first()
    if details is None:
        raise ValidationError("The donation details have been deleted since this change was proposed.")
    before = details_values(details) if details.is_live else {}
    values = {name: value for name, value in change.proposed_values.items() if name in details_values(details)}
    for name, value in values.items():
        setattr(details, name, value)
    details.is_live = True
    details.save()
    return details, before, values


def _locked_method(change: PendingChange) -> PaymentMethod:
    method = PaymentMethod.objects.select_for_update().filter(pk=change.method_id).first()
    if method is None:
        raise ValidationError("This payment method has been removed since this change was proposed.")
    return method


def _apply_method_change(change: PendingChange):
    method = _locked_method(change)
    names = method_values(method)
    values = {name: value for name, value in change.proposed_values.items() if name in names}
    check_method_fields(values.get("kind", method.kind), {**names, **values})
    _validate_numbers(values)  # validators may have become stricter since the proposal
    before = names if method.is_live else {}
    for name, value in values.items():
        setattr(method, name, int(value or 0) if name == "position" else value)
    method.is_live = True
    method.save()
    return method, before, values


def _apply_removal(change: PendingChange, *, by):
    method = _locked_method(change)
    before = method_values(method) if method.is_live else {}
    _supersede_pending(method, by=by)  # nothing else waits on a method that is gone
    method.delete()
    return None, before, dict.fromkeys(before, "")


@transaction.atomic
def reject_change(*, change: PendingChange, by) -> None:
    change = PendingChange.objects.select_for_update().get(pk=change.pk)
    if not change.is_pending:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Only a treasurer or an administrator can reject changes to the donation details.")
    change.status = ChangeStatus.REJECTED
    change.decided_by = None if change.proposed_by_id == by.pk else by  # withdrawing your own proposal is fine
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        by=by,
        action="withdrew their proposal" if change.proposed_by_id == by.pk else "rejected a proposed change",
        subject=change.subject,
        changes=_differences(change.previous_values, change.proposed_values),
    )


# Removal.


@transaction.atomic
def delete_method(*, method: PaymentMethod, by) -> PendingChange | None:
    """Remove a method: one readers see waits for a second person's approval (returned);
    one never shown to readers goes at once (None)."""
    method = PaymentMethod.objects.select_for_update().get(pk=method.pk)
    if method.is_live:
        return propose_removal(method=method, by=by)
    subject = method_subject(method)
    values = method_values(method)
    _supersede_pending(method, by=by)
    method.delete()
    record(by=by, action="deleted (never shown to readers)", subject=subject,
           changes=_differences(values, dict.fromkeys(values, "")))
    return None


def can_delete_details(details: DonationDetails | None) -> bool:
    """Details readers see are never deleted in one step; their methods are removed one by one, by proposal."""
    return details is None or not details.is_live


@transaction.atomic
def delete_details(*, details: DonationDetails, by) -> None:
    details = DonationDetails.objects.select_for_update().get(pk=details.pk)
    if not can_delete_details(details):
        raise PermissionDenied(
            "Readers see these donation details, so one person cannot delete them. Propose removing each "
            "payment method instead; another treasurer or an administrator approves."
        )
    organisation = details.organisation
    for method in details.methods.all():
        delete_method(method=method, by=by)
    _supersede(_pending(PendingChange.objects.filter(action=ProposalAction.CHANGE_DETAILS)), by=by)
    details.delete()
    record(by=by, action="deleted the donation details (never shown to readers)", subject=organisation)


def _validate_numbers(values: dict) -> None:
    for name, validate in _VALIDATORS.items():
        if values.get(name):
            validate(values[name])


_VALIDATORS = {
    "url": validate_payment_link,
    "account_number": validate_norwegian_account_number,
    "iban": validate_iban,
    "vipps_number": validate_vipps_number,
}


# The importer.


def _live_numbers(details: DonationDetails) -> dict[str, set[str]]:
    found = {"account_number": set(), "iban": set(), "vipps_number": set()}
    for method in details.methods.live():
        for name in found:
            if getattr(method, name):
                found[name].add(getattr(method, name))
    return found


_IMPORT_FIELDS = {
    # field: (reader-facing name, kind, normaliser, formatter, validator)
    "account_number": (
        "account number", MethodKind.BANK_ACCOUNT, numbers.compact_account_number,
        numbers.format_account_number, validate_norwegian_account_number,
    ),
    "iban": ("IBAN", MethodKind.IBAN, numbers.compact_iban, numbers.format_iban, validate_iban),
    "vipps_number": (
        "Vipps number", MethodKind.VIPPS, numbers.compact_vipps_number, numbers.format_vipps_number,
        validate_vipps_number,
    ),
}


def adopt_imported_details(
    *, organisation: str, account_number: str | None, iban: str | None, vipps: str | None, source_name: str
) -> list[str]:
    """Take the donation details printed in an imported document.

    When the site has no details yet they are created from these, live at once
    (the operator running the import is the second pair of eyes; the audit trail
    and the email to the administrators record it), and [] is returned. Invalid
    numbers raise ``ValidationError`` naming the file and the field, and nothing
    is created. When the site already has details they are never overwritten:
    each difference comes back as a warning naming the file.
    """
    given = {"account_number": account_number, "iban": iban, "vipps_number": vipps}
    given = {name: value for name, value in given.items() if value and value.strip()}
    with transaction.atomic():
        details = DonationDetails.objects.select_for_update().filter(pk=DonationDetails.SINGLETON_PK).first()
        if details is not None:
            return _compare_with_site(details, organisation=organisation, given=given, source_name=source_name)
        _create_from_import(organisation=organisation, given=given, source_name=source_name)
        return []


def _create_from_import(*, organisation: str, given: dict, source_name: str) -> None:
    errors = []
    if not (organisation or "").strip():
        errors.append(f"{source_name}: the donation details have no organisation name.")
    for name, value in given.items():
        label, _kind, compact, _format, validate = _IMPORT_FIELDS[name]
        try:
            validate(value)
        except ValidationError as error:
            errors.append(f"{source_name}: {label} {value.strip()!r} is not valid: {' '.join(error.messages)}")
    if errors:
        raise ValidationError(errors)
    organisation = organisation.strip()
    details = DonationDetails.objects.create(
        is_live=True,
        organisation=organisation,
        appeal_headline_en=f"Support {organisation}",
        appeal_text_en=(
            "Our journalism depends on readers like you. Every contribution, however big or small, "
            "keeps our reporting independent."
        ),
    )
    by_name = f"importer ({source_name})"
    record(by=None, by_name=by_name, action="created from an imported document", subject=organisation,
           changes=[FieldChange("organisation", "", organisation)])
    for position, (name, value) in enumerate(given.items(), start=1):
        _label, kind, compact, _format, _validate = _IMPORT_FIELDS[name]
        method = PaymentMethod.objects.create(
            details=details, position=position, kind=kind, is_live=True, **{name: compact(value)}
        )
        record(by=None, by_name=by_name, action="created from an imported document (live)",
               subject=method_subject(method), changes=_differences({}, method_values(method)))


def _compare_with_site(details: DonationDetails, *, organisation: str, given: dict, source_name: str) -> list[str]:
    warnings = []
    if organisation and organisation.strip() != details.organisation:
        warnings.append(
            f"{source_name}: organisation {organisation.strip()!r} differs from the site's "
            f"{details.organisation!r}; the site's details were kept."
        )
    live = _live_numbers(details)
    for name, value in given.items():
        label, _kind, compact, format_, _validate = _IMPORT_FIELDS[name]
        number = compact(value)
        if number in live[name]:
            continue
        if live[name]:
            site = ", ".join(format_(known) for known in sorted(live[name]))
            warnings.append(
                f"{source_name}: {label} {format_(number)} differs from the site's {site}; the site's details were kept."
            )
        else:
            warnings.append(
                f"{source_name}: {label} {format_(number)} is not among the site's donation details; it was not added."
            )
    return warnings


# What the admin calls on save.


@transaction.atomic
def save_details(*, details: DonationDetails, by) -> PendingChange | None:
    """Take the organisation name and appeal texts as the treasurer submitted them: while
    readers see the details, the new texts wait as a proposal and the live row is not
    touched; details nobody sees yet are stored as typed and proposed for their first
    approval. Returns the proposal, or None when nothing changed."""
    wanted = details_values(details)
    stored = DonationDetails.objects.select_for_update().filter(pk=DonationDetails.SINGLETON_PK).first()
    if stored is not None and stored.is_live:
        return propose_details_change(details=stored, values=wanted, by=by)
    changed = stored is None or wanted != details_values(stored)
    for name, value in wanted.items():
        setattr(details, name, value)
    details.is_live = False
    details.save()
    if not changed and _pending(PendingChange.objects.filter(action=ProposalAction.CHANGE_DETAILS)).exists():
        return None
    return propose_details_change(details=details, values=wanted, by=by)


@transaction.atomic
def save_method(*, method: PaymentMethod, by) -> PendingChange | None:
    """Take a payment method as the treasurer submitted it: a method readers see keeps
    every live value (numbers, labels, bank name, order) and the new ones wait as a
    proposal; a new method is stored hidden and proposed. Returns the proposal, or None
    when nothing changed."""
    wanted = method_values(method)
    stored = PaymentMethod.objects.select_for_update().filter(pk=method.pk).first() if method.pk else None
    if stored is not None and stored.is_live:
        return propose_method_change(method=stored, values=wanted, by=by)
    changed = stored is None or wanted != method_values(stored)
    method.is_live = False  # a new method is shown only once approved
    method.save()
    if not changed and _pending(method.proposals.all()).exists():
        return None
    return propose_method_change(method=method, values=wanted, by=by)
