"""Donation details in the admin.

Treasurers and superusers edit; editors and writers may look (the permissions
come from migration 0002). Saves go through ``donations.services``: every change
readers would see (texts, numbers, a new method, a removal) waits for a second
person's approval under "Changes to the donation details", and everything lands
in the read-only audit trail. The live rows are never written by a save here.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from articles.admin_readonly import WrittenByTheAppAdmin
from articles.times import oslo_and_kabul
from donations import services
from donations.checks import account_and_iban_disagree, missing_appeal_languages, missing_appeal_warning
from donations.forms import PaymentMethodForm
from donations.labels import field_label
from donations.models import (
    AuditEntry,
    ChangeStatus,
    DonationDetails,
    MethodKind,
    PaymentMethod,
    PendingChange,
    ProposalAction,
    display_number,
)


def _change_summary(change: PendingChange):
    before, after = change.previous_values or {}, change.proposed_values or {}
    kind = after.get("kind") or before.get("kind", "")
    if change.action == ProposalAction.DELETE_METHOD:
        return format_html("<strong>Remove this payment method</strong> ({})", display_number(kind, before) or "—")
    rows = []
    for name in dict.fromkeys([*before, *after]):
        if (before.get(name) or "") != (after.get(name) or ""):
            rows.append((field_label(name), services._display(name, before.get(name, "")) or "—",
                         services._display(name, after.get(name, "")) or "—"))
    return format_html_join(mark_safe("<br>"), "{}: {} → <strong>{}</strong>", rows)


def _waiting(change: PendingChange):
    url = reverse("admin:donations_pendingchange_change", args=[change.pk])
    return format_html(
        'Waiting for approval (proposed by {}): {} <a href="{}">Review</a>',
        change.proposed_by.get_username(), _change_summary(change), url,
    )


class PaymentMethodInline(TranslationStackedInline):
    model = PaymentMethod
    form = PaymentMethodForm
    extra = 0
    fields = ["position", "kind", "label", "bank_name", "account_number", "iban", "bic", "vipps_number", "url",
              "approval_state"]
    readonly_fields = ["approval_state"]

    class Media:
        js = ["donations/admin-method-kind.js"]

    @admin.display(description=_("readers see"))
    def approval_state(self, method: PaymentMethod):
        if method.pk is None:
            return _("New methods are shown once another treasurer approves them.")
        pending = [change for change in method.proposals.all() if change.is_pending]
        live = format_html("<strong>{}</strong>", method.display_number) if method.is_live else _("nothing yet")
        if not pending:
            return live
        return format_html("{}<br>{}", live, _waiting(pending[0]))


@admin.register(DonationDetails)
class DonationDetailsAdmin(TranslationAdmin):
    inlines = [PaymentMethodInline]
    list_display = ["organisation", "updated"]
    fields = ["organisation", "appeal_headline", "appeal_text", "approval_state"]
    readonly_fields = ["approval_state"]

    @admin.display(description="last changed", ordering="updated_at")
    def updated(self, details: DonationDetails):
        return oslo_and_kabul(details.updated_at)

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not DonationDetails.objects.exists()

    def has_delete_permission(self, request, obj=None):
        # Not even a superuser deletes what readers see in one step; methods are removed one by
        # one, by proposal. Without ``obj`` (the admin's menus ask on every page) no query: the
        # bulk action never runs while details exist (the list redirects to them), and
        # ``services.delete_details`` refuses live details whatever the caller.
        return super().has_delete_permission(request, obj) and services.can_delete_details(obj)

    @admin.display(description=_("readers see"))
    def approval_state(self, details: DonationDetails):
        live = "what is below, on every page" if details.pk and details.is_live else _("nothing yet")
        pending = PendingChange.objects.filter(
            action=ProposalAction.CHANGE_DETAILS, status=ChangeStatus.PENDING
        ).select_related("proposed_by").first()
        return format_html("{}<br>{}", live, _waiting(pending)) if pending else live

    def changelist_view(self, request, extra_context=None):
        details = DonationDetails.objects.first()
        if details is not None and self.has_view_or_change_permission(request, details):
            return redirect("admin:donations_donationdetails_change", details.pk)
        return super().changelist_view(request, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("methods__proposals__proposed_by")

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if field is not None and db_field.name.endswith(("_ps", "_fa_af")):
            field.widget.attrs["dir"] = "rtl"
        return field

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        # Rendered after this returns, so these show on this very page.
        for language in missing_appeal_languages(obj):
            messages.warning(request, f"{missing_appeal_warning(language)} Fill in the {language} headline and text below.")
        if mismatch := account_and_iban_disagree(obj):
            messages.warning(request, mismatch)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def proposed(self, request, message: str) -> None:
        """Tell what waits for approval; Django's "was changed successfully" would then say the opposite."""
        request.donation_proposals_made = True
        messages.warning(request, message)

    def message_user(self, request, message, level=messages.INFO, *args, **kwargs):
        if level == messages.SUCCESS and getattr(request, "donation_proposals_made", False):
            message = "Saved as proposals. Readers see no change until another treasurer or an administrator approves them."
        super().message_user(request, message, level, *args, **kwargs)

    def save_model(self, request, obj, form, change):
        if services.save_details(details=obj, by=request.user) is not None:
            self.proposed(
                request,
                "The new organisation name and appeal texts wait for approval by another treasurer or an "
                "administrator; readers still see the old ones.",
            )
        if obj.is_live:
            obj.refresh_from_db()  # what was typed is only a proposal: messages name what readers see

    def save_formset(self, request, form, formset, change):
        if formset.model is not PaymentMethod:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for method in formset.deleted_objects:
            if services.delete_method(method=method, by=request.user) is not None:
                self.proposed(
                    request,
                    f"Removing “{method}” waits for approval by another treasurer or an administrator; "
                    "readers still see it.",
                )
        for method_form in formset.forms:
            if method_form in formset.deleted_forms or not method_form.has_changed():
                continue
            method = method_form.instance
            method.details = form.instance
            proposal = services.save_method(method=method, by=request.user)
            if proposal is not None:
                self.proposed(
                    request,
                    f"The new numbers and texts for “{method.get_kind_display()}” wait for approval by another "
                    "treasurer or an administrator; readers still see the old ones.",
                )
        formset.save_m2m()

    def delete_model(self, request, obj):
        services.delete_details(details=obj, by=request.user)  # refuses details readers see

    def delete_queryset(self, request, queryset):
        for details in queryset:
            services.delete_details(details=details, by=request.user)


@admin.register(PendingChange)
class PendingChangeAdmin(WrittenByTheAppAdmin):
    # Proposals change only by approval or rejection (the actions below), never by editing.
    list_display = ["about", "summary", "status", "proposed", "decided"]
    list_filter = ["status", "action"]
    list_select_related = ["method", "proposed_by", "decided_by"]
    actions = ["approve_selected", "reject_selected"]
    fields = ["about", "summary", "status", "proposed", "decided"]
    readonly_fields = fields
    change_form_template = "admin/donations/pendingchange/change_form.html"

    @admin.display(description="about", ordering="subject")
    def about(self, change: PendingChange):
        return change.subject or str(change.method)

    @admin.display(description=_("change"))
    def summary(self, change: PendingChange):
        return _change_summary(change)

    @admin.display(description="proposed by, at", ordering="proposed_at")
    def proposed(self, change: PendingChange):
        return format_html("{}<br>{}", change.proposed_by.get_username(), oslo_and_kabul(change.proposed_at))

    @admin.display(description="decided by, at", ordering="decided_at")
    def decided(self, change: PendingChange):
        if change.decided_by is None:
            return "—"
        return format_html("{}<br>{}", change.decided_by.get_username(), oslo_and_kabul(change.decided_at))

    def has_approve_permission(self, request):
        return request.user.has_perm(services.APPROVE_PERMISSION)

    def get_urls(self):
        from django.urls import path

        return [
            path("<int:pk>/decide/", self.admin_site.admin_view(self.decide_view), name="donations_pendingchange_decide"),
            *super().get_urls(),
        ]

    def decide_view(self, request, pk):
        if request.method != "POST":
            return redirect("admin:donations_pendingchange_change", pk)
        change = PendingChange.objects.filter(pk=pk).first()
        if change is None:
            return redirect("admin:donations_pendingchange_changelist")
        decision = "approve" if "approve" in request.POST else "reject"
        self._decide(request, [change], decision)
        return redirect("admin:donations_pendingchange_change", pk)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["can_decide"] = obj is not None and obj.is_pending and self.has_approve_permission(request)
        context["own_change"] = obj is not None and obj.proposed_by_id == request.user.pk
        if obj is not None and obj.is_pending and (mismatch := account_and_iban_disagree(DonationDetails.objects.first())):
            messages.warning(request, mismatch)
        return super().render_change_form(request, context, add, change, form_url, obj)

    def _decide(self, request, changes, decision: str):
        for change in changes:
            try:
                if decision == "approve":
                    services.approve_change(change=change, by=request.user)
                    self.message_user(request, _("Approved: %(change)s is now live.") % {"change": change.subject},
                                      messages.SUCCESS)
                else:
                    services.reject_change(change=change, by=request.user)
                    self.message_user(request, f"Rejected: readers keep seeing {change.subject} as it was.",
                                      messages.SUCCESS)
            except (PermissionDenied, ValidationError) as error:
                message = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
                self.message_user(request, f"{change.subject}: {message}", messages.ERROR)

    @admin.action(description=_("Approve the selected changes (makes them live)"), permissions=["approve"])
    def approve_selected(self, request, queryset):
        self._decide(request, list(queryset.filter(status=ChangeStatus.PENDING)), "approve")

    @admin.action(description=_("Reject the selected changes"), permissions=["approve"])
    def reject_selected(self, request, queryset):
        self._decide(request, list(queryset.filter(status=ChangeStatus.PENDING)), "reject")


@admin.register(AuditEntry)
class AuditEntryAdmin(WrittenByTheAppAdmin):
    """The audit trail: visible to treasurers, never editable or deletable here."""

    list_display = ["when", "by_name", "action", "subject", "field_name", "old", "new"]
    list_filter = ["action", "by_name"]
    search_fields = ["subject", "field", "old_value", "new_value", "by_name"]
    date_hierarchy = "at"
    fields = ["when", "by", "by_name", "action", "subject", "field_name", "old_value", "new_value"]
    readonly_fields = fields

    @admin.display(description="when", ordering="at")
    def when(self, entry: AuditEntry):
        return oslo_and_kabul(entry.at)

    @admin.display(description="field", ordering="field")
    def field_name(self, entry: AuditEntry):
        return field_label(entry.field) if entry.field else "—"

    @admin.display(description=_("old value"))
    def old(self, entry: AuditEntry):
        return Truncator(self._value(entry, entry.old_value)).chars(60)

    @admin.display(description=_("new value"))
    def new(self, entry: AuditEntry):
        return Truncator(self._value(entry, entry.new_value)).chars(60)

    @staticmethod
    def _value(entry: AuditEntry, value: str) -> str:
        if entry.field == "kind" and value in MethodKind.values:
            return MethodKind(value).label
        return value or "—"



