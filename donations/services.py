"""Every write to donation details goes through here: the admin and the
importer call these, so the four-eyes rule, the audit trail and the email to
the administrators cannot be skipped.

The rule: texts (organisation, appeal, labels, order, bank name) go live at
once; the numbers (``models.SENSITIVE_FIELDS``) wait in a ``PendingChange``
until another authorised person approves. Each step leaves ``AuditEntry`` rows
and mails ``settings.ADMINS``.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import mail_admins
from django.db import transaction
from django.utils import timezone

from donations import numbers
from donations.models import (
    SENSITIVE_FIELDS,
    AuditEntry,
    ChangeStatus,
    DonationDetails,
    MethodKind,
    PaymentMethod,
    PendingChange,
    check_method_fields,
)
from donations.validators import (
    validate_iban,
    validate_norwegian_account_number,
    validate_vipps_number,
)

logger = logging.getLogger(__name__)

APPROVE_PERMISSION = "donations.approve_pendingchange"


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


def _method_values(method: PaymentMethod) -> dict[str, str]:
    return {name: getattr(method, name) or "" for name in SENSITIVE_FIELDS}


def _display(field: str, kind: str, value: str) -> str:
    """Audit and email show numbers grouped, so a reader can compare them with the bank's letter."""
    if not value:
        return ""
    if field == "account_number":
        return numbers.format_account_number(value)
    if field == "iban":
        return numbers.format_iban(value)
    return value


def _differences(old: dict, new: dict, kind: str = "") -> list[FieldChange]:
    return [
        FieldChange(name, _display(name, kind, old.get(name, "")), _display(name, kind, new.get(name, "")))
        for name in new
        if (old.get(name) or "") != (new.get(name) or "")
    ]


# Texts: live at once, audited.


@transaction.atomic
def record_text_changes(*, subject: str, old: dict, new: dict, by, action: str = "changed") -> None:
    changes = _differences(old, new)
    if changes:
        record(by=by, action=action, subject=subject, changes=changes)


# Numbers: proposed, then approved by someone else.


def _supersede_pending(method: PaymentMethod, *, by) -> None:
    for change in method.proposals.select_for_update().filter(status=ChangeStatus.PENDING):
        change.status = ChangeStatus.SUPERSEDED
        change.save(update_fields=["status"])
        record(by=by, action="replaced a pending change", subject=method_subject(method))


@transaction.atomic
def propose_numbers(*, method: PaymentMethod, values: dict, by) -> PendingChange | None:
    """Ask for ``values`` (sensitive field -> new value) on ``method``; the live
    numbers stay until someone else approves. Returns None when nothing differs."""
    live = _method_values(method)
    proposed = {**live, **{name: values.get(name, live[name]) or "" for name in SENSITIVE_FIELDS}}
    check_method_fields(proposed["kind"], proposed)
    if proposed == live and method.is_live:
        return None
    _supersede_pending(method, by=by)
    change = PendingChange.objects.create(
        method=method, proposed_values=proposed, previous_values=live if method.is_live else {}, proposed_by=by
    )
    record(
        by=by,
        action="proposed (waiting for approval)",
        subject=method_subject(method),
        changes=_differences(live if method.is_live else {}, proposed, proposed["kind"]),
    )
    return change


def can_approve(user, change: PendingChange) -> bool:
    return (
        change.is_pending
        and user.is_active
        and user.has_perm(APPROVE_PERMISSION)
        and change.proposed_by_id != user.pk
    )


@transaction.atomic
def approve_change(*, change: PendingChange, by) -> PaymentMethod:
    change = PendingChange.objects.select_for_update().select_related("method").get(pk=change.pk)
    if not change.is_pending:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    if change.proposed_by_id == by.pk:
        raise PermissionDenied("Nobody approves their own change: another treasurer or an administrator must.")
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Only a treasurer or an administrator can approve changes to payment numbers.")
    method = PaymentMethod.objects.select_for_update().get(pk=change.method_id)
    values = change.proposed_values
    check_method_fields(values["kind"], values)
    for name, validate in _VALIDATORS.items():
        if values.get(name):
            validate(values[name])  # validators may have become stricter since the proposal
    before = _method_values(method) if method.is_live else {}
    for name in SENSITIVE_FIELDS:
        setattr(method, name, values.get(name, ""))
    method.is_live = True
    method.save()
    change.status = ChangeStatus.APPROVED
    change.decided_by = by
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        by=by,
        action=f"approved the change proposed by {change.proposed_by.get_username()} (now live)",
        subject=method_subject(method),
        changes=_differences(before, values, values["kind"]),
    )
    return method


@transaction.atomic
def reject_change(*, change: PendingChange, by) -> None:
    change = PendingChange.objects.select_for_update().select_related("method").get(pk=change.pk)
    if not change.is_pending:
        raise ValidationError(f"This change is already {change.get_status_display().lower()}.")
    if not by.has_perm(APPROVE_PERMISSION):
        raise PermissionDenied("Only a treasurer or an administrator can reject changes to payment numbers.")
    change.status = ChangeStatus.REJECTED
    change.decided_by = None if change.proposed_by_id == by.pk else by  # withdrawing your own proposal is fine
    change.decided_at = timezone.now()
    change.save(update_fields=["status", "decided_by", "decided_at"])
    record(
        by=by,
        action="withdrew their proposal" if change.proposed_by_id == by.pk else "rejected a proposed change",
        subject=method_subject(change.method),
        changes=_differences(change.previous_values, change.proposed_values, change.proposed_values.get("kind", "")),
    )


@transaction.atomic
def delete_method(*, method: PaymentMethod, by) -> None:
    subject = method_subject(method)
    values = _method_values(method)
    method.delete()
    record(by=by, action="deleted", subject=subject, changes=_differences(values, dict.fromkeys(values, ""), values["kind"]))


@transaction.atomic
def delete_details(*, details: DonationDetails, by) -> None:
    organisation = details.organisation
    for method in details.methods.all():
        delete_method(method=method, by=by)
    details.delete()
    record(by=by, action="deleted the donation details", subject=organisation)


_VALIDATORS = {
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
               subject=method_subject(method), changes=_differences({}, _method_values(method), kind))


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

DETAILS_TEXT_FIELDS = ("organisation", "appeal_headline", "appeal_text")
METHOD_TEXT_FIELDS = ("position", "label", "bank_name")


TRANSLATED_FIELDS = {"appeal_headline", "appeal_text", "label"}  # see translation.py


def _localised_names(names) -> list[str]:
    """``appeal_headline`` -> ``appeal_headline_en``, ``appeal_headline_ps``, ... for translated fields."""
    from django.conf import settings
    from modeltranslation.utils import build_localized_fieldname

    result = []
    for name in names:
        if name in TRANSLATED_FIELDS:
            result += [build_localized_fieldname(name, code) for code, _label in settings.LANGUAGES]
        else:
            result.append(name)
    return result


def _texts(instance, names) -> dict[str, str]:
    return {name: "" if getattr(instance, name) is None else str(getattr(instance, name)) for name in names}


@transaction.atomic
def save_details(*, details: DonationDetails, by) -> DonationDetails:
    """Save the organisation and appeal texts (live at once, audited)."""
    names = _localised_names(DETAILS_TEXT_FIELDS)
    for name in names:  # browsers send CRLF from textareas; store one kind of line break
        if isinstance(getattr(details, name), str):
            setattr(details, name, getattr(details, name).replace("\r\n", "\n"))
    stored = DonationDetails.objects.filter(pk=DonationDetails.SINGLETON_PK).first()
    old = _texts(stored, names) if stored else {}
    details.save()
    changes = _differences(old, _texts(details, names))
    if changes:
        record(by=by, action="changed" if stored else "created", subject="Donation details", changes=changes)
    return details


@transaction.atomic
def save_method(*, method: PaymentMethod, by) -> PendingChange | None:
    """Save a payment method as the editor submitted it: the texts and order go
    live at once, the numbers become a proposal for someone else to approve.
    Returns the proposal, or None when no number changed."""
    wanted = _method_values(method)
    stored = PaymentMethod.objects.select_for_update().filter(pk=method.pk).first() if method.pk else None
    text_names = _localised_names(METHOD_TEXT_FIELDS)
    old_texts = _texts(stored, text_names) if stored else {}
    if stored is not None and stored.is_live:
        for name in SENSITIVE_FIELDS:  # keep the approved numbers live until the proposal is approved
            setattr(method, name, getattr(stored, name))
        method.is_live = True
    else:
        method.is_live = False  # a new method is shown only once approved
    method.save()
    text_changes = _differences(old_texts, _texts(method, text_names))
    if text_changes:
        record(by=by, action="changed" if stored else "added", subject=method_subject(method), changes=text_changes)
    numbers_changed = stored is None or any(wanted[name] != (getattr(stored, name) or "") for name in SENSITIVE_FIELDS)
    if not numbers_changed:
        return None
    return propose_numbers(method=method, values=wanted, by=by)
