"""Newsletters in the admin.

The admin is English only (editions.middleware.AdminLanguageMiddleware), so its strings here are
not marked for translation; the Pashto and Dari catalogues hold what readers see.

Editors (group permissions from migration 0002) define newsletters, compose issues from published
stories, preview them, send a test to themselves and send or schedule. Subscriber addresses are
visible only to staff given the subscriber permissions; no role has them by default.
"""

import datetime
import io

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.views.decorators.http import require_POST

from articles.times import oslo_and_kabul
from newsletters import rendering, services
from newsletters.models import Issue, IssueArticle, IssueStatus, Newsletter, Subscriber, Subscription


@admin.register(Newsletter)
class NewsletterAdmin(admin.ModelAdmin):
    list_display = ["name", "language", "cadence", "is_active", "subscribers_now"]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["subscribers_over_time"]

    @admin.display(description="subscribers")
    def subscribers_now(self, obj):
        return Subscription.objects.active().filter(newsletter=obj).count()

    @admin.display(description="subscribers, week by week")
    def subscribers_over_time(self, obj):
        """Confirmed subscriptions alive at the end of each of the last eight weeks (from the
        subscriptions' own dates: a reader who left later still counts for the weeks before)."""
        if obj.pk is None:
            return "—"
        now = timezone.now()
        rows = []
        for weeks_ago in range(7, -1, -1):
            moment = now - datetime.timedelta(weeks=weeks_ago)
            alive = Subscription.objects.filter(
                newsletter=obj, created_at__lte=moment, subscriber__confirmed_at__lte=moment
            ).exclude(unsubscribed_at__lte=moment).exclude(subscriber__suppressed_at__lte=moment)
            rows.append(format_html("<tr><td>{}</td><td>{}</td></tr>", f"{moment:%d %b %Y}", alive.count()))
        return format_html("<table>{}</table>", format_html("".join(rows)))


class IssueArticleForm(forms.ModelForm):
    def clean_article(self):
        article = self.cleaned_data["article"]
        if not article.is_published:
            raise ValidationError("Only published stories can go in a newsletter.")
        return article


class IssueArticleInline(admin.TabularInline):
    model = IssueArticle
    form = IssueArticleForm
    autocomplete_fields = ["article"]
    extra = 1


class ScheduleForm(forms.Form):
    at = forms.DateTimeField(
        label="Send at (Oslo time)", required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="Empty: send now.",
    )

    def clean_at(self):
        at = self.cleaned_data["at"]
        if at and at < timezone.now() - datetime.timedelta(minutes=1):
            raise ValidationError("That time has passed. Leave it empty to send now.")
        return at


@admin.register(Issue)
class IssueAdmin(admin.ModelAdmin):
    list_display = ["subject", "newsletter", "status", "when", "sent_count"]
    list_filter = ["newsletter", "status"]
    search_fields = ["subject"]
    inlines = [IssueArticleInline]
    readonly_fields = ["status", "when", "report"]
    fields = ["newsletter", "subject", "intro", "status", "when", "report"]
    change_form_template = "admin/newsletters/issue/change_form.html"
    change_list_template = "admin/newsletters/issue/change_list.html"

    def has_change_permission(self, request, obj=None):
        if obj is not None and not obj.is_editable:
            return False  # what was sent stays as it was sent; the page still shows it read-only
        return super().has_change_permission(request, obj)

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.display(description="scheduled / started")
    def when(self, obj):
        return oslo_and_kabul(obj.started_at or obj.scheduled_at)

    @admin.display(description="sent")
    def sent_count(self, obj):
        return obj.deliveries.filter(status="sent").count() if obj.status != IssueStatus.DRAFT else "—"

    @admin.display(description="report")
    def report(self, obj):
        if obj.pk is None or obj.status in (IssueStatus.DRAFT, IssueStatus.SCHEDULED):
            return "—"
        report = services.issue_report(obj)
        sending = format_html(
            "{} recipients · {} sent · {} waiting · {} retrying · {} refused by our mail server · {} skipped",
            report.recipients, report.sent, report.pending, report.failed_temporary, report.failed_permanent,
            report.skipped,
        )
        # What the provider's webhook reported later (nothing over plain SMTP, which reports nothing).
        afterwards = format_html(
            "{} delivered · {} bounced · {} complained (spam) · {} unsubscribed from this issue",
            report.delivered, report.bounced, report.complained, report.unsubscribed,
        )
        return format_html("{}<br>{}", sending, afterwards)

    def get_urls(self):
        own = [
            path("<int:pk>/preview/", self.admin_site.admin_view(self.preview_view), name="newsletters_issue_preview"),
            path("<int:pk>/send-test/", self.admin_site.admin_view(self.send_test_view),
                 name="newsletters_issue_send_test"),
            path("<int:pk>/schedule/", self.admin_site.admin_view(self.schedule_view),
                 name="newsletters_issue_schedule"),
            path("<int:pk>/unschedule/", self.admin_site.admin_view(self.unschedule_view),
                 name="newsletters_issue_unschedule"),
            path("draft-from-stories/", self.admin_site.admin_view(self.draft_view),
                 name="newsletters_issue_draft"),
        ]
        return own + super().get_urls()

    def _issue(self, request, pk, *, send=False) -> Issue:
        issue = get_object_or_404(Issue.objects.select_related("newsletter"), pk=pk)
        if not self.has_view_permission(request, issue):
            raise PermissionDenied
        if send and not request.user.has_perm("newsletters.send_issue"):
            raise PermissionDenied
        return issue

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        context["schedule_form"] = ScheduleForm()
        context["can_send"] = request.user.has_perm("newsletters.send_issue")
        context["scheduled_for"] = oslo_and_kabul(obj.scheduled_at) if obj and obj.scheduled_at else ""
        return super().render_change_form(request, context, add, change, form_url, obj)

    def preview_view(self, request, pk):
        """The issue exactly as a reader's mail client gets it (links to unsubscribe lead to the sign-up page)."""
        issue = self._issue(request, pk)
        rendered = rendering.render_issue(issue)
        message = rendering.issue_message(rendered, to=request.user.email or "preview@invalid",
                                          subscriber_id=None, message_id="<preview@invalid>")
        html = message.alternatives[0][0]
        response = HttpResponse(html)
        if request.GET.get("format") == "text":
            response = HttpResponse(message.body, content_type="text/plain; charset=utf-8")
        # The email's inline styles are its whole design; the admin's CSP would strip nothing else.
        return response

    @staticmethod
    def _back(issue):
        return redirect(reverse("admin:newsletters_issue_change", args=[issue.pk]))

    def send_test_view(self, request, pk):
        issue = self._issue(request, pk, send=True)
        if request.method != "POST":
            return self._back(issue)
        if not request.user.email:
            messages.error(request, "Your account has no email address to send the test to.")
            return self._back(issue)
        rendered = rendering.render_issue(issue)
        message = rendering.issue_message(
            rendered, to=request.user.email, subscriber_id=None,
            message_id=f"<newsletter-test-{issue.pk}-{timezone.now().timestamp():.0f}@invalid>",
        )
        message.subject = f"[TEST] {message.subject}"
        try:
            message.send()
        except Exception as error:  # the editor must see why; nothing else depends on this send
            messages.error(request, f"The test could not be sent: {error}")
        else:
            messages.success(request, f"A test copy went to {request.user.email}.")
        return self._back(issue)

    def schedule_view(self, request, pk):
        issue = self._issue(request, pk, send=True)
        if request.method != "POST":
            return self._back(issue)
        form = ScheduleForm(request.POST)
        if not form.is_valid():
            for error in form.errors.get("at", []):
                messages.error(request, error)
            return self._back(issue)
        at = form.cleaned_data["at"]
        try:
            services.issue_schedule(issue=issue, at=at)
        except services.IssueNotSendable as error:
            messages.error(request, str(error))
            return self._back(issue)
        if at:
            messages.success(request, f"Scheduled for {oslo_and_kabul(at)}.")
        else:
            messages.success(request, "Sending now, in the background. This page shows the progress.")
        return self._back(issue)

    def unschedule_view(self, request, pk):
        issue = self._issue(request, pk, send=True)
        if request.method == "POST":
            services.issue_unschedule(issue=issue)
            messages.success(request, "Back to draft: nothing will be sent.")
        return self._back(issue)

    def draft_view(self, request):
        if request.method != "POST" or not self.has_add_permission(request):
            raise PermissionDenied
        newsletter = get_object_or_404(Newsletter, pk=request.POST.get("newsletter"))
        issue = services.issue_draft_from_stories(newsletter=newsletter, by=request.user)
        messages.success(request, f"A draft with {issue.articles.count()} stories. Add an intro, preview, then send.")
        return redirect(reverse("admin:newsletters_issue_change", args=[issue.pk]))

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "newsletters": Newsletter.objects.all()}
        return super().changelist_view(request, extra_context)


class SubscriptionInline(admin.TabularInline):
    model = Subscription
    fields = ["newsletter", "created_at", "unsubscribed_at", "unsubscribed_from_issue"]
    readonly_fields = ["unsubscribed_from_issue"]
    extra = 0


class ImportForm(forms.Form):
    newsletter = forms.ModelChoiceField(queryset=Newsletter.objects.all())
    file = forms.FileField(help_text="CSV with a header line: email, consent_at (required, the date the reader agreed), optional "
        "confirmed_at and language. Only addresses that confirmed elsewhere may be imported.")


@admin.register(Subscriber)
class SubscriberAdmin(admin.ModelAdmin):
    """Needs the subscriber permissions: addresses are the readers' private data."""

    list_display = ["email", "language", "confirmed_at", "suppressed_at"]
    list_filter = ["language", "subscriptions__newsletter", ("suppressed_at", admin.EmptyFieldListFilter)]
    search_fields = ["email"]
    inlines = [SubscriptionInline]
    readonly_fields = ["created_at"]
    change_list_template = "admin/newsletters/subscriber/change_list.html"

    def get_urls(self):
        return [
            path("import/", self.admin_site.admin_view(self.import_view), name="newsletters_subscriber_import"),
            path("export/", self.admin_site.admin_view(require_POST(self.export_view)),
                 name="newsletters_subscriber_export"),
        ] + super().get_urls()

    def import_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = ImportForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                text = form.cleaned_data["file"].read().decode("utf-8-sig")
            except UnicodeDecodeError:
                form.add_error("file", "The file must be UTF-8 text.")
            else:
                result = services.subscribers_import_csv(text=text, newsletter=form.cleaned_data["newsletter"])
                errors = result.errors
                if not errors:
                    messages.success(request, f"Imported: {result.created} new, {result.updated} already known.")
                    return redirect(reverse("admin:newsletters_subscriber_changelist"))
        context = {**self.admin_site.each_context(request), "form": form, "errors": errors,
                   "title": "Import subscribers", "opts": self.model._meta}
        return TemplateResponse(request, "admin/newsletters/subscriber/import.html", context)

    def export_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        newsletter = Newsletter.objects.filter(pk=request.POST.get("newsletter") or None).first()
        out = io.StringIO()
        services.subscribers_export_csv(newsletter=newsletter, out=out)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="subscribers-{newsletter.slug if newsletter else "all"}.csv"'
        return response
