"""The newsroom's donation details: one record with the appeal, and the payment
methods readers see in the order the treasurer sets.

Everything readers see (the appeal texts, the labels, the bank name, the order and the
numbers) is changed only through ``donations.services``: a change, a new method or the
removal of one waits as a ``PendingChange`` until a second authorised person approves it,
and every change leaves an ``AuditEntry``. A fraudster's "new account from 1 December" in
an appeal text diverts money as surely as a swapped IBAN.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from donations import numbers
from donations.validators import (
    validate_bic,
    validate_iban,
    validate_norwegian_account_number,
    validate_payment_link,
    validate_vipps_number,
)


class DonationDetails(models.Model):
    """The one set of donation details the site shows (always primary key 1)."""

    SINGLETON_PK = 1

    organisation = models.CharField(
        _("organisation name"), max_length=200, help_text=_("The name readers see as the receiver of the money.")
    )
    appeal_headline = models.CharField(
        _("appeal headline"), max_length=200, help_text=_("Shown above the appeal under every article.")
    )
    appeal_text = models.TextField(_("appeal text"), help_text=_("Plain text; blank lines start a new paragraph."))
    is_live = models.BooleanField(
        _("shown to readers"),
        default=False,
        editable=False,
        help_text="New details are shown only once a second person has approved them.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("donation details")
        verbose_name_plural = _("donation details")
        constraints = [
            models.CheckConstraint(condition=Q(pk=1), name="donations_details_single_row"),
        ]

    def __str__(self):
        return self.organisation or str(_("Donation details"))

    def save(self, *args, **kwargs):
        self.pk = self.SINGLETON_PK
        super().save(*args, **kwargs)


class MethodKind(models.TextChoices):
    BANK_ACCOUNT = "bank_account", _("Norwegian bank account")
    IBAN = "iban", _("IBAN (international payments)")
    VIPPS = "vipps", _("Vipps")
    LINK = "link", _("Link")


# Fields that decide where readers' money goes, checked against each other by kind.
# The link is here too: a swapped card-payment link diverts money as surely as a
# swapped account number.
SENSITIVE_FIELDS = ("kind", "account_number", "iban", "bic", "vipps_number", "url")
# Every field of a method readers see. All of them wait for a second person's approval:
# the numbers above, and the texts around them ("New account from 1 December: ...").
# ``label`` is translated: services expand it to ``label_en``, ``label_ps``, ...
REVIEWED_METHOD_FIELDS = ("position", "label", "bank_name", *SENSITIVE_FIELDS)
# The same for the one set of details: the receiver's name and the appeal (translated).
REVIEWED_DETAILS_FIELDS = ("organisation", "appeal_headline", "appeal_text")

# Which number fields each kind uses; the others must be blank.
KIND_FIELDS = {
    MethodKind.BANK_ACCOUNT: ("account_number",),
    MethodKind.IBAN: ("iban", "bic"),
    MethodKind.VIPPS: ("vipps_number",),
    MethodKind.LINK: ("url",),
}
REQUIRED_KIND_FIELDS = {
    MethodKind.BANK_ACCOUNT: ("account_number",),
    MethodKind.IBAN: ("iban",),
    MethodKind.VIPPS: ("vipps_number",),
    MethodKind.LINK: ("url",),
}


class PaymentMethodQuerySet(models.QuerySet):
    def live(self):
        """What readers see: methods whose numbers a second person has approved."""
        return self.filter(is_live=True)


class PaymentMethod(models.Model):
    details = models.ForeignKey(DonationDetails, on_delete=models.CASCADE, related_name="methods")
    position = models.PositiveIntegerField(_("position"), default=0, help_text=_("Lower numbers are shown first."))
    kind = models.CharField(_("kind"), max_length=20, choices=MethodKind.choices)
    label = models.CharField(
        _("label"),
        max_length=200,
        blank=True,
        help_text=_("Optional heading for readers, e.g. “For payments from abroad”. Leave blank for the default."),
    )
    bank_name = models.CharField(_("bank name"), max_length=100, blank=True, help_text=_("For a bank account: e.g. DNB."))
    account_number = models.CharField(
        _("account number"),
        max_length=11,
        blank=True,
        validators=[validate_norwegian_account_number],
        help_text=_("11 digits, as on the bank's letter: 0530 22 94668. Spaces and dots are fine."),
    )
    iban = models.CharField(
        "IBAN", max_length=34, blank=True, validators=[validate_iban], help_text=_("For example NO15 0530 2294 668.")
    )
    bic = models.CharField(
        _("BIC (SWIFT)"), max_length=11, blank=True, validators=[validate_bic], help_text=_("Optional, e.g. DNBANOKKXXX.")
    )
    vipps_number = models.CharField(
        _("Vipps number"),
        max_length=6,
        blank=True,
        validators=[validate_vipps_number],
        help_text=_("The organisation's Vippsnummer: 5 or 6 digits, without the #."),
    )
    url = models.URLField(
        _("link"),
        blank=True,
        validators=[validate_payment_link],
        help_text=_("For a link: the full https:// address of the payment page."),
    )
    is_live = models.BooleanField(
        _("shown to readers"),
        default=False,
        editable=False,
        help_text=_("A new method is shown only once a second person has approved its number."),
    )

    objects = PaymentMethodQuerySet.as_manager()

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("payment method")
        verbose_name_plural = _("payment methods")

    def __str__(self):
        number = self.display_number
        return f"{self.get_kind_display()} {number}".strip()

    def clean(self):
        normalise_method_numbers(self)
        check_method_fields(self.kind, {name: getattr(self, name) for name in SENSITIVE_FIELDS})

    @property
    def display_number(self) -> str:
        return display_number(self.kind, {name: getattr(self, name) for name in SENSITIVE_FIELDS})


def normalise_method_numbers(target) -> None:
    """Store numbers compact (no spaces), whatever the editor typed."""
    target.account_number = numbers.compact_account_number(target.account_number)
    target.iban = numbers.compact_iban(target.iban)
    target.bic = numbers.compact_bic(target.bic)
    target.vipps_number = numbers.compact_vipps_number(target.vipps_number)


def check_method_fields(kind: str, values: dict) -> None:
    """A method carries exactly the numbers its kind needs."""
    if kind not in KIND_FIELDS:
        return
    errors = {}
    for name in REQUIRED_KIND_FIELDS[kind]:
        if not values.get(name):
            errors[name] = ValidationError(_("Required for this kind of payment method."), code="required")
    for name in ("account_number", "iban", "bic", "vipps_number", "url"):
        if name not in KIND_FIELDS[kind] and values.get(name):
            errors[name] = ValidationError(
                _("Leave this blank for this kind of payment method."), code="not_for_kind"
            )
    if errors:
        raise ValidationError(errors)


def display_number(kind: str, values: dict) -> str:
    if kind == MethodKind.BANK_ACCOUNT:
        return numbers.format_account_number(values.get("account_number", ""))
    if kind == MethodKind.IBAN:
        return numbers.format_iban(values.get("iban", ""))
    if kind == MethodKind.VIPPS:
        return numbers.format_vipps_number(values.get("vipps_number", ""))
    return values.get("url", "")


class ChangeStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SUPERSEDED = "superseded", _("Replaced by a newer proposal")


class ProposalAction(models.TextChoices):
    # Plain English: only the (English-only) admin shows these.
    CHANGE_METHOD = "change_method", "change or add a payment method"
    DELETE_METHOD = "delete_method", "remove a payment method"
    CHANGE_DETAILS = "change_details", "change the organisation name or the appeal"


class PendingChange(models.Model):
    """A proposed change to what readers see of the donation details: a payment method's
    numbers and texts, its removal, or the appeal. Readers keep seeing the old (live)
    values until another authorised person approves."""

    action = models.CharField(max_length=20, choices=ProposalAction.choices, default=ProposalAction.CHANGE_METHOD)
    # Null for a change to the details, and once an approved removal has deleted the method.
    method = models.ForeignKey(
        PaymentMethod, on_delete=models.SET_NULL, null=True, blank=True, related_name="proposals"
    )
    subject = models.CharField(max_length=200, blank=True, help_text="What the change is about, kept as text.")
    proposed_values = models.JSONField(help_text="The new values readers would see, by field name.")
    previous_values = models.JSONField(help_text=_("The live values when the change was proposed."))
    status = models.CharField(max_length=20, choices=ChangeStatus.choices, default=ChangeStatus.PENDING)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="proposed_donation_changes"
    )
    proposed_at = models.DateTimeField(auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="decided_donation_changes",
    )
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = "change to the donation details"
        verbose_name_plural = "changes to the donation details"
        permissions = [("approve_pendingchange", "Can approve another person's change to the donation details")]
        constraints = [
            models.CheckConstraint(
                condition=Q(decided_by__isnull=True) | ~Q(decided_by=models.F("proposed_by")),
                name="donations_change_not_decided_by_proposer",
            ),
        ]

    def __str__(self):
        return f"{self.subject or self.method} ({self.get_status_display()})"

    @property
    def is_pending(self) -> bool:
        return self.status == ChangeStatus.PENDING


class AuditEntry(models.Model):
    """One changed field. Written by the services, never edited or deleted."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True)
    by_name = models.CharField(max_length=150, help_text=_("Who, as text, kept even if the account is deleted."))
    action = models.CharField(max_length=200)
    subject = models.CharField(max_length=200, help_text=_("Which record: the details or a payment method."))
    field = models.CharField(max_length=100, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")  # "12 audit entries" under the list

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.by_name}: {self.action} {self.subject} {self.field}".strip()

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError("Audit entries cannot be changed.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError("Audit entries cannot be deleted.")
