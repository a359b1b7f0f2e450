import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.admin.views.main import ChangeList
from django.contrib.admin.widgets import AutocompleteSelect
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin
from reversion_compare.admin import CompareVersionAdmin
from reversion_compare.helpers import html_diff
from taggit.models import Tag

from articles import curation, services
from articles.forms import ArticleAdminForm, AuthorAdminForm, TagNameSearch
from articles.models import (
    STAGED_FIELDS,
    Article,
    ArticleAuthor,
    ArticleNote,
    ArticleTag,
    Author,
    Correction,
    PendingChange,
    Section,
    Status,
    TagName,
)
from articles.paginators import EstimatedCountPaginator
from articles.plain_text import as_lines
from articles.tags import can_merge_tags, tag_addresses, tags_merge
from articles.times import oslo_and_kabul, oslo_and_kabul_parts

STATE_COLOURS = {"Draft": "#6b7280", "In review": "#b45309", "Scheduled": "#1d4ed8", "Live": "#15803d", "Archived": "#374151"}


def state_badge(article: Article):
    label = article.state_label
    return format_html(
        '<span class="newsroom-state" style="background:{};color:#fff;padding:2px 8px;border-radius:10px;'
        'font-weight:600;white-space:nowrap">{}</span>',
        STATE_COLOURS.get(label, "#374151"),
        label,
    )


# Apps above articles add to the article form here, from their AppConfig.ready(): each hook's
# ``opened(request, article)`` returns a warning to show (or ""), ``media(request, article)`` the
# scripts the form needs for it, ``saved(request, article)`` reacts to a save.
article_form_hooks: list = []
# The article list's search box (and the article autocompletes), lent by an app above articles
# from its ready(): ``search(articles, term)`` returns the matching articles of that queryset.
# Without one, Django's own search over ``search_fields``.
article_list_search: list = []


def live_url(article: Article) -> str:
    with translation.override(article.language):
        return article.get_absolute_url()


def schedule_time(value: str):
    """A ``datetime-local`` value, typed as Oslo time."""
    try:
        moment = datetime.datetime.fromisoformat(value.strip())
    except ValueError:
        raise ValidationError("Give the date and time (Oslo time) to publish at.") from None
    return moment.replace(tzinfo=ZoneInfo(settings.TIME_ZONE)) if moment.tzinfo is None else moment


def apply_desk_action(action: str, article: Article, *, by, data) -> str:
    """Publish, schedule, unpublish or return ``article`` through the services; says what happened."""
    title = format_html("“<bdi>{}</bdi>”", article.title)
    if action == "publish":
        services.article_publish_now(article=article, by=by)
        return format_html('Published {}. It is live at <a href="{}">{}</a>.', title, live_url(article), live_url(article))
    if action == "schedule":
        services.article_schedule(article=article, by=by, at=schedule_time(data.get("schedule_at", "")))
        return format_html('Scheduled {} for {}. It will be live at <a href="{}">{}</a>.',
                           title, oslo_and_kabul(article.published_at), live_url(article), live_url(article))
    if action == "unpublish":
        services.article_unpublish(article=article, by=by)
        return format_html("Unpublished {}: it is a draft again and readers no longer see it.", title)
    if action == "return":
        services.article_return_to_writer(article=article, by=by, note=data.get("note", ""))
        return format_html("Returned {} to its writer with your note. It is a draft again.", title)
    raise Http404("No such publishing action.")


def person(user) -> str:
    return (user.get_full_name() or user.get_username()) if user else "Someone"


def pending_diff(pending: PendingChange) -> str:
    """The pending text against the live article, field by field (the history's comparison, django-reversion-compare)."""
    rows = [
        format_html('<tr><th scope="row">{}</th><td dir="{}">{}</td></tr>', Article._meta.get_field(name).verbose_name.capitalize(),
                    "rtl" if pending.article.is_rtl else "auto",
                    html_diff(*(as_lines(value) if name == "body" else value
                                for value in (getattr(pending.article, name) or "", pending.fields[name] or ""))))
        for name in pending.changed_fields()
    ]
    if not rows:
        return format_html("<p>{}</p>", "The pending text is the same as the live text.")
    return format_html('<table class="pending-diff">{}</table>', format_html("".join(["{}"] * len(rows)), *rows))


def pending_panel(request, pending: PendingChange) -> str:
    """Above the article form: who staged what when, its preview, the comparison with live, and the actions."""
    article = pending.article
    can_publish = services.can_publish(request.user)
    parts = [format_html(
        '<p class="pending-banner" role="status"><strong>Pending changes</strong> by {} since {}. Readers see the live '
        "version until an editor publishes them. The form below shows the pending version: "
        "“Save as pending changes” keeps working on it; {}.</p>",
        person(pending.proposed_by), oslo_and_kabul(pending.proposed_at),
        "“Save” makes the form live at once" if can_publish else "an editor publishes it",
    )]
    if pending.publish_at:
        parts.append(format_html('<p class="pending-scheduled">Scheduled to be published {} (by {}).{}</p>',
                                 oslo_and_kabul(pending.publish_at), person(pending.scheduled_by),
                                 format_html(" With it, the correction: “{}”", pending.correction_note) if pending.correction_note else ""))
    if pending.held_reason:
        parts.append(format_html('<p class="pending-conflict">{}</p>', pending.held_reason))
    conflicts = pending.conflicts()
    if conflicts:
        parts.append(format_html(
            '<p class="pending-conflict">The live story was changed after these pending changes were started '
            "({}). Publishing them would undo that: compare with the History.</p>",
            ", ".join(str(Article._meta.get_field(name).verbose_name) for name in conflicts)))
    with translation.override(article.language):
        preview = article.get_absolute_url() + "?pending"
    parts.append(format_html(
        '<p><a href="{}" target="_blank" rel="noopener">Preview the pending version in the reader page</a> · '
        '<a href="{}">History</a></p>',
        preview, reverse("admin:articles_article_history", args=[article.pk])))
    parts.append(format_html('<details class="pending-compare" open><summary>Pending against live</summary>{}</details>',
                             pending_diff(pending)))
    if can_publish or pending.proposed_by_id == request.user.pk:
        parts.append(format_html('<p><a href="#pending-actions">{}</a> (at the end of the form)</p>',
                                 "Publish, schedule or discard the pending changes" if can_publish else "Discard your proposal"))
    return format_html('<div class="pending-panel" id="pending-changes">{}</div>', format_html("".join(["{}"] * len(parts)), *parts))


def pending_actions(request, pending: PendingChange) -> str:
    """The pending version's buttons, in the form's submit row: after Save, so that Enter in a field
    (which presses the form's first button) never publishes or discards them."""
    can_publish = services.can_publish(request.user)
    action = lambda name: reverse("admin:articles_article_pending", args=[pending.article_id, name])  # noqa: E731
    buttons = []
    if can_publish:
        buttons.append(format_html(
            '<label for="pending-correction">Correction note (optional; shown to readers with the story)</label>'
            '<textarea id="pending-correction" name="correction_note" rows="2" dir="auto">{}</textarea>{}'
            '<button type="submit" class="default" formaction="{}">Publish changes</button>'
            '<span class="pending-schedule"><label for="pending-at">or at (Oslo time)</label>'
            '<input type="datetime-local" id="pending-at" name="pending_publish_at" data-kabul-output="pending-at-kabul">'
            '<output id="pending-at-kabul" class="desk-kabul" aria-live="polite"></output>'
            '<button type="submit" formaction="{}">Schedule changes</button></span>',
            pending.correction_note,
            format_html('<label class="pending-over"><input type="checkbox" name="over_conflict" value="1"> {}</label>',
                        "Publish over the newer live text") if pending.conflicts() else "",
            action("publish"), action("schedule")))
    if can_publish or pending.proposed_by_id == request.user.pk:
        buttons.append(format_html('<button type="submit" class="desk-danger" formaction="{}">Discard pending changes</button>',
                                   action("discard")))
    if not buttons:
        return ""
    return format_html(
        '<fieldset class="pending-actions" id="pending-actions" aria-labelledby="pending-actions-legend">'
        '<legend id="pending-actions-legend">Pending changes · <a href="#pending-changes">see them against live</a></legend>{}</fieldset>',
        format_html("".join(["{}"] * len(buttons)), *buttons))


class ArticleAuthorInline(admin.TabularInline):
    model = ArticleAuthor
    extra = 0
    autocomplete_fields = ["author"]
    verbose_name = "byline author"
    verbose_name_plural = "byline (in order)"


class CorrectionInline(admin.StackedInline):
    model = Correction
    extra = 0
    fields = ["corrected_at", "text"]


class ArticleNoteInline(admin.TabularInline):
    """The story's internal notes as a thread: earlier notes read-only, one box for a new one.

    Notes follow the article's own permissions (whoever may open the story reads them, whoever
    may edit it adds one) and are never changed or deleted: they are the desk's record.
    """

    model = ArticleNote
    template = "admin/articles/article/notes_inline.html"
    extra = 1
    can_delete = False
    fields = ["written", "text"]
    readonly_fields = ["written"]
    verbose_name = "internal note"
    verbose_name_plural = "internal notes (only the newsroom sees these)"

    def has_view_permission(self, request, obj=None):
        return self.admin_site.get_model_admin(Article).has_view_or_change_permission(request, obj)

    def has_add_permission(self, request, obj=None):
        return self.admin_site.get_model_admin(Article).has_change_permission(request, obj)

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["text"].widget.attrs.update({"rows": 2, "dir": "auto", "class": "vLargeTextField"})
        return formset

    @admin.display(description="Written")
    def written(self, note):
        if not note.pk:
            return "—"
        by = note.author.get_full_name() or note.author.get_username() if note.author else "Someone"
        return f"{by}, {oslo_and_kabul(note.created_at)}"


class SearchedArticleList(ChangeList):
    """The article list; while searching, without the date drill-down above it, whose first and
    last dates and list of years would each read every match of a common word again."""

    def __init__(self, request, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        if self.query.strip():
            self.date_hierarchy = None


class BylineFilter(admin.RelatedFieldListFilter):
    """By author, with the stories that have none named so (Django shows "-")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "No byline"


class TagsOfVisibleStoriesFilter(admin.RelatedFieldListFilter):
    """The tags of the stories this person may open (``Article.objects.visible_to``): a writer is
    not offered a tag that only another writer's unpublished story carries, which would tell them
    what that story is about. Stories without tags are "No tags" (Django shows "-")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.empty_value_display = "No tags"
        self.title = "tags"  # "By tags", as the other filters (taggit's field says "Tags")

    def field_choices(self, field, request, model_admin):
        tagged = ArticleTag.objects.filter(content_object__in=Article.objects.visible_to(request.user))
        return list(Tag.objects.filter(pk__in=tagged.values("tag_id")).order_by("name").values_list("pk", "name"))


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, CorrectionInline]
    list_display = ["headline", "state", "section", "byline", "language", "published"]
    list_display_links = ["headline"]
    # Every author, not only those of the stories listed (RelatedOnlyFieldListFilter): that read all bylines per view.
    list_filter = ["status", "section", "language", ("authors", BylineFilter), ("tags", TagsOfVisibleStoriesFilter)]
    list_select_related = ["section"]
    search_fields = ["title"]  # only without search/ (article_list_search): a substring of every body is too slow
    date_hierarchy = "published_at"
    show_full_result_count = False
    # No COUNT(*) of the whole table per page view on PostgreSQL (articles/paginators.py).
    paginator = EstimatedCountPaginator
    list_per_page = 50
    autocomplete_fields = ["section", "translation_of"]
    prepopulated_fields = {"slug": ["title"]}
    actions = ["publish_selected", "unpublish_selected"]
    readonly_fields = ["state_summary", "pending_changes", "view_count", "source_name", "imported_at", "created_by", "updated_by"]
    history_latest_first = True
    object_history_template = "admin/articles/article/object_history.html"
    change_list_template = "admin/articles/article/article_change_list.html"
    compare_exclude = ["updated_at", "hero_width", "hero_height"]
    fieldsets = [
        (None, {"fields": ["state_summary", "title", "slug", "standfirst", "body", "loaded_version", "loaded_pending"]}),
        ("Placement", {"fields": ["section", "tags", "language", "translation_of"]}),
        ("Desk", {"fields": ["assignee"], "description": "Internal: readers never see who a story is assigned to."}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit", ("hero_focal_x", "hero_focal_y")],
                        "classes": ["collapse"]}),
        ("Record", {"fields": ["view_count", "source_name", "imported_at", "created_by", "updated_by"], "classes": ["collapse"]}),
    ]

    # -- who may do what ---------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        # Writers may open their own live story to propose changes (services.can_stage); its Save is refused.
        return super().has_change_permission(request, obj) and (
            services.can_edit(request.user, obj) or (obj is not None and services.can_stage(request.user, obj))
        )

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and services.can_edit(request.user, obj)

    def has_publish_permission(self, request):
        return services.can_publish(request.user)

    def refuse_unless_visible(self, request, object_id):
        """Another writer's story is refused by its address as by its link, on every path that
        names one (form, history, a version, compare, delete, autosave, desk actions): a styled 403.
        Writers get the same answer for a story that does not exist, so ids reveal nothing."""
        if services.can_publish(request.user):
            return
        try:
            pk = int(unquote(str(object_id)))
        except ValueError:
            pk = None
        if pk is None or not Article.objects.visible_to(request.user).filter(pk=pk).exists():
            raise PermissionDenied("This story is not one of yours. An editor can assign it to you.")

    def change_view(self, request, object_id, form_url="", extra_context=None):
        self.refuse_unless_visible(request, object_id)
        if request.method == "POST" and "_save_pending" in request.POST:
            staged = self.stage_changes(request, object_id)
            if staged is not None:
                return staged
        return super().change_view(request, object_id, form_url, extra_context)

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        if getattr(obj, "open_pending_change", None) is None:
            return fieldsets
        (name, options), *rest = fieldsets
        fields = list(options["fields"])
        fields.insert(fields.index("state_summary") + 1, "pending_changes")
        return [(name, {**options, "fields": fields}), *rest]

    def get_object(self, request, object_id, from_field=None):
        article = super().get_object(request, object_id, from_field)
        restoring = getattr(request, "newsroom_state_before_restore", None) is not None
        if article is not None and article.status == Status.PUBLISHED and not restoring:
            # Read once per request: the form (its initial text), the fieldsets and the panel use it.
            article.open_pending_change = services.open_pending_change(article)
            if article.open_pending_change is not None:
                article.open_pending_change.article = article
        return article

    # -- staged edits of live stories ----------------------------------------------------

    def stage_changes(self, request, object_id):
        """"Save as pending changes" / "Propose changes": the form's words become the story's pending
        version; the live article is not saved, so no reader page, feed or search document changes.
        An invalid form returns None: the normal view shows its errors (and, invalid, saves nothing)."""
        article = self.get_object(request, unquote(object_id))
        if article is None:
            raise Http404("No such article.")
        if not services.can_stage(request.user, article):
            raise PermissionDenied("Only a live story's changes can be kept aside.")
        form = self.get_form(request, article, change=True)(request.POST, request.FILES, instance=article)
        form.is_valid()
        # The version check is for Save; a pending version records what it was started from instead.
        errors = {field: [e for e in errs if e.code != "newer_version"] for field, errs in form.errors.as_data().items()}
        if any(errors.values()):
            return None
        live = Article.objects.get(pk=article.pk)  # form validation wrote the posted text into ``article``
        try:
            services.pending_save(article=live, by=request.user,
                                  fields={name: form.cleaned_data[name] for name in STAGED_FIELDS if name in form.cleaned_data})
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.path)
        not_staged = [str(form.fields[name].label or name) for name in form.changed_data
                      if name not in STAGED_FIELDS and name not in {"loaded_version", "loaded_pending", "slug", "tags"}]
        if "tags" in form.changed_data and sorted(form.cleaned_data["tags"]) != sorted(t.name for t in live.tags.all()):
            not_staged.append("Tags")
        editor = services.can_publish(request.user)
        self.message_user(request, format_html(
            "{} Readers still see the live version.{}",
            "Saved as pending changes." if editor else "Your changes are proposed: an editor will publish them.",
            format_html(" Not kept (only the words and photo texts can wait): {}.", ", ".join(not_staged)) if not_staged else "",
        ), messages.SUCCESS)
        for hook in article_form_hooks:
            hook.saved(request, live)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[live.pk]) + "#pending-changes")

    def pending_action_view(self, request, pk, action):
        """The pending panel's buttons: publish (with a correction note), schedule, discard."""
        self.refuse_unless_visible(request, pk)
        article = get_object_or_404(Article, pk=pk)
        pending = PendingChange.objects.open().filter(article=article).first()
        change_url = reverse("admin:articles_article_change", args=[pk])
        if pending is None:
            self.message_user(request, "There are no pending changes to this story (any more).", messages.WARNING)
            return HttpResponseRedirect(change_url)
        note = request.POST.get("correction_note", "")
        try:
            if action == "publish":
                services.pending_publish(pending=pending, by=request.user, correction_note=note,
                                         over_conflict=request.POST.get("over_conflict") == "1")
                self.message_user(request, format_html(
                    'Published the pending changes{}. They are live at <a href="{}">{}</a>.',
                    " with a correction" if note.strip() else "", live_url(article), live_url(article)), messages.SUCCESS)
            elif action == "schedule":
                pending = services.pending_schedule(pending=pending, by=request.user, correction_note=note,
                                                    at=schedule_time(request.POST.get("pending_publish_at", "")))
                self.message_user(request, format_html("The pending changes will be published {}. Until then readers see the live version.",
                                                       oslo_and_kabul(pending.publish_at)), messages.SUCCESS)
            elif action == "discard":
                services.pending_discard(pending=pending, by=request.user)
                self.message_user(request, "Discarded the pending changes. The live story is as it was.", messages.SUCCESS)
            else:
                raise Http404("No such action.")
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(change_url)

    @admin.display(description="Pending changes")
    def pending_changes(self, obj):
        # Drawn from the request in render_change_form (the buttons depend on who is looking).
        return getattr(obj, "pending_panel_html", "") or "—"

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        pending = PendingChange.objects.filter(article_id=unquote(object_id)).select_related(
            "proposed_by", "applied_by", "scheduled_by")
        return super().history_view(request, object_id, {"pending_changes": pending, **(extra_context or {})})

    def delete_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def get_inlines(self, request, obj):
        # Notes are added here, not in ``inlines``: django-reversion follows the models listed there,
        # and restoring an old version would then delete the notes written since.
        inlines = [*self.inlines, ArticleNoteInline]
        # An empty "Corrections" heading tells a writer nothing: shown when there is one or they may add one.
        corrections = CorrectionInline(self.model, self.admin_site)
        if not corrections.has_add_permission(request, obj) and not (obj and obj.corrections.exists()):
            inlines.remove(CorrectionInline)
        return inlines

    def save_formset(self, request, form, formset, change):
        if formset.model is ArticleNote:
            for note in formset.save(commit=False):
                note.author = request.user
                note.save()
            return
        super().save_formset(request, form, formset, change)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.can_create_tags = request.user.has_perm("taggit.add_tag")
        return form

    def revision_view(self, request, object_id, version_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        # Read before django-reversion rolls the row back to the old version.
        request.newsroom_state_before_restore = (
            Article.objects.filter(pk=object_id).values("status", "published_at").first()
        )
        return super().revision_view(request, object_id, version_id, extra_context)

    def changelist_view(self, request, extra_context=None):
        extra_context = {"can_recover": services.can_publish(request.user), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        # Recovering a deleted article can bring a live story back: editors only.
        if not services.can_publish(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not services.can_publish(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # -- list --------------------------------------------------------------------------

    def get_queryset(self, request):
        # The list, its search, bulk actions and the article autocompletes show only what this person may open.
        return super().get_queryset(request).visible_to(request.user).prefetch_related("article_authors__author")

    def get_changelist(self, request, **kwargs):
        return SearchedArticleList

    def get_search_results(self, request, queryset, search_term):
        if article_list_search and search_term.strip():
            return article_list_search[0](queryset, search_term), False
        return super().get_search_results(request, queryset, search_term)

    @admin.display(description="Headline", ordering="title")
    def headline(self, obj):
        # dir="auto": a Pashto or Dari headline reads right-to-left in the English admin.
        return format_html('<span dir="auto">{}</span>', obj.title)

    @admin.display(description="State", ordering="status")
    def state(self, obj):
        return state_badge(obj)

    @admin.display(description="Byline")
    def byline(self, obj):
        return ", ".join(author.name for author in obj.ordered_authors) or "—"

    @admin.display(description="Publication time", ordering="published_at")
    def published(self, obj):
        # Three short lines (day, Oslo, Kabul): two were still cut off at 1280 px beside both sidebars.
        return format_html("{}<br>{}<br>{}", *oslo_and_kabul_parts(obj.published_at)) if obj.published_at else "—"

    @admin.display(description="State")
    def state_summary(self, obj):
        if not obj or not obj.pk:
            return "New draft"
        when = f" — {oslo_and_kabul(obj.published_at)}" if obj.published_at and obj.status == Status.PUBLISHED else ""
        return format_html("{}{}", state_badge(obj), when)

    # -- saving ------------------------------------------------------------------------

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        restored_over = getattr(request, "newsroom_state_before_restore", None)
        if restored_over and not {"status", "published_at"} & set(form.changed_data):
            # Restoring a version brings back its words, not its publishing state:
            # an old "In review" version must not take a live story offline.
            obj.status, obj.published_at = restored_over["status"], restored_over["published_at"]
            messages.info(request, "The text of that version is back; its publishing state was kept as it was.")
        if not services.can_publish(request.user):
            # Whatever the path (form, forged POST, restored revision), a writer's
            # save may not change when or whether the article is live.
            stored = Article.objects.filter(pk=obj.pk).values("status", "published_at").first() if change else None
            if obj.status not in services.WRITABLE_BY_WRITERS or obj.published_at != (stored or {}).get("published_at"):
                raise PermissionDenied("Only editors may publish, schedule or archive.")
        if "_submit_for_review" in request.POST and obj.status == Status.DRAFT:
            obj.submit_for_review()
            messages.info(request, "Submitted for review. An editor will publish it.")
        super().save_model(request, obj, form, change)
        if change and form.cleaned_data.get("loaded_pending") and services.pending_settled_by_save(
                article=obj, by=request.user, pending_id=form.cleaned_data["loaded_pending"]):
            messages.info(request, "The pending changes shown in the form are live now, with this save.")
        for hook in article_form_hooks:
            hook.saved(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._respond_with_desk_action(request, obj) or super().response_add(request, obj, post_url_continue)

    def response_change(self, request, obj):
        return self._respond_with_desk_action(request, obj) or super().response_change(request, obj)

    def _respond_with_desk_action(self, request, obj):
        """The form's publishing buttons: save the text, then act, with the action's own message."""
        action = request.POST.get("_desk_action")
        if not action:
            return None
        try:
            self.message_user(request, apply_desk_action(action, obj, by=request.user, data=request.POST), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, "Your changes were saved, but: " + " ".join(error.messages), messages.ERROR)
        return HttpResponseRedirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def autosave_view(self, request, pk):
        """The article form's words every few seconds (articles/static/articles/autosave.js), unless someone else saved since."""
        self.refuse_unless_visible(request, pk)
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        if request.POST.get("loaded_version") != article.updated_at.isoformat():
            return JsonResponse({"saved": False, "reason": "Someone saved this story since you opened it: press Save to compare."})
        try:
            services.article_autosave(article=article, by=request.user, title=request.POST.get("title", ""),
                                      standfirst=request.POST.get("standfirst", ""), body=request.POST.get("body", ""))
        except ValidationError as error:
            return JsonResponse({"saved": False, "reason": " ".join(error.messages)})
        return JsonResponse({"saved": True, "version": article.updated_at.isoformat(),
                             "reason": f"Autosaved {oslo_and_kabul(article.updated_at)}"})

    def desk_action_view(self, request, pk, action):
        """The front page's buttons: one action on one article, then back where the editor was."""
        self.refuse_unless_visible(request, pk)
        article = get_object_or_404(Article, pk=pk)
        if not self.has_change_permission(request, article):
            raise PermissionDenied
        try:
            self.message_user(request, apply_desk_action(action, article, by=request.user, data=request.POST), messages.SUCCESS)
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            target = reverse("admin:articles_article_change", args=[pk])
        return HttpResponseRedirect(target)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        if not change and not form.instance.article_authors.exists():
            profile = getattr(request.user, "author_profile", None)
            if profile:
                ArticleAuthor.objects.create(article=form.instance, author=profile)

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        can_publish = services.can_publish(request.user)
        context["can_submit_for_review"] = (obj is None or obj.status == Status.DRAFT) and not can_publish
        context["desk"] = {
            "can_publish": can_publish,
            "in_review": obj is not None and obj.status == Status.REVIEW,
            "online": obj is not None and obj.status == Status.PUBLISHED,
            "live": obj is not None and obj.is_published,
            "live_url": live_url(obj) if obj is not None and obj.is_published else "",
        }
        # Not on the page that restores an old version: its Save is the restore (no pending version there).
        restoring = getattr(request, "newsroom_state_before_restore", None) is not None
        if obj is not None and not restoring and services.can_stage(request.user, obj):
            context["desk"]["can_stage"] = True
            if not can_publish:
                # A writer's save of a live story would be refused: they propose changes instead.
                context.update(show_save=False, show_save_and_continue=False, show_save_and_add_another=False, show_delete=False)
        pending = getattr(obj, "open_pending_change", None)
        if pending is not None:
            obj.pending_panel_html = pending_panel(request, pending)
            context["pending_actions"] = pending_actions(request, pending)
        if obj is not None and obj.status in services.WRITABLE_BY_WRITERS and self.has_change_permission(request, obj):
            context["autosave_url"] = reverse("admin:articles_article_autosave", args=[obj.pk])
        if obj is not None and self.has_change_permission(request, obj):
            for hook in article_form_hooks:
                context["media"] = context["media"] + hook.media(request, obj)
                if request.method == "GET" and (warning := hook.opened(request, obj)):
                    messages.warning(request, warning)
        if obj is not None and obj.status == Status.PUBLISHED and curation.can_curate(request.user):
            context["curation"] = {
                "pin_url": reverse("admin:articles_frontpages_pin", args=[obj.pk]),
                "screen_url": reverse("admin:articles_pin_changelist"),
                "places": set(obj.pins.values_list("place", flat=True)),
                "edition": obj.get_language_display(),
            }
        if obj is not None and obj.status == Status.DRAFT and request.method == "GET":
            note = services.return_notes([obj]).get(obj.pk)
            if note:
                messages.warning(request, format_html("{} sent this back to you on {}: “{}”", note.by, oslo_and_kabul(note.at), note.text))
        return super().render_change_form(request, context, add, change, form_url, obj)

    # -- bulk actions ------------------------------------------------------------------

    @admin.action(description="Publish selected articles now", permissions=["publish"])
    def publish_selected(self, request, queryset):
        count = 0
        for article in queryset:
            services.article_publish(article=article, by=request.user)
            count += 1
        self.message_user(request, f"Published {count} article(s).", messages.SUCCESS)

    @admin.action(description="Unpublish selected articles (back to draft)", permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        count = 0
        for article in queryset.filter(status=Status.PUBLISHED):
            services.article_unpublish(article=article, by=request.user)
            count += 1
        self.message_user(request, f"Unpublished {count} article(s).", messages.SUCCESS)

    # -- tag autocomplete ------------------------------------------------------------

    def get_urls(self):
        return [
            path("tag-names/", self.admin_site.admin_view(self.tag_names_view), name="articles_tag_names"),
            path("<int:pk>/autosave/", self.admin_site.admin_view(require_POST(self.autosave_view)),
                 name="articles_article_autosave"),
            path("<int:pk>/pending/<slug:action>/", self.admin_site.admin_view(require_POST(self.pending_action_view)),
                 name="articles_article_pending"),
            path("<int:pk>/desk/<slug:action>/", self.admin_site.admin_view(require_POST(self.desk_action_view)),
                 name="articles_article_desk_action"),
            *super().get_urls(),
        ]

    def tag_names_view(self, request):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        try:
            page = max(1, int(request.GET.get("page", 1)))
        except ValueError:
            page = 1
        names, more = TagNameSearch.results(request.GET.get("term", "")[:100], page)
        return JsonResponse({"results": [{"id": n, "text": n} for n in names], "pagination": {"more": more}})


@admin.register(Section)
class SectionAdmin(TranslationAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name_en", "name_ps", "name_fa_af"]
    prepopulated_fields = {"slug": ["name_en"]}


class StaffAccountSearch(AutocompleteJsonView):
    """The author form's "user" box: editors link a byline to a staff account without
    the right to browse or change accounts (auth.view_user), which stays the administrators'."""

    def has_perm(self, request, obj=None):
        return request.user.has_perm("articles.change_author") or request.user.has_perm("articles.add_author")

    def get_queryset(self):
        return super().get_queryset().filter(is_staff=True, is_active=True)

    def serialize_result(self, obj, to_field_name):
        name = obj.get_full_name()
        return {"id": str(getattr(obj, to_field_name)), "text": f"{name} ({obj.get_username()})" if name else obj.get_username()}


class StaffAccountSelect(AutocompleteSelect):
    url_name = "%s:articles_author_staff_accounts"


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorAdminForm
    list_display = ["name", "slug", "user"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}

    def get_urls(self):
        search = self.admin_site.admin_view(StaffAccountSearch.as_view(admin_site=self.admin_site))
        return [path("staff-accounts/", search, name="articles_author_staff_accounts"), *super().get_urls()]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            kwargs["widget"] = StaffAccountSelect(db_field, self.admin_site)
            kwargs["queryset"] = get_user_model().objects.filter(is_staff=True, is_active=True)
            kwargs["help_text"] = "The staff account that writes as this author: their new articles get this byline."
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Correction)
class CorrectionAdmin(admin.ModelAdmin):
    list_display = ["article", "corrected_at", "short_text"]
    list_select_related = ["article"]
    autocomplete_fields = ["article"]
    search_fields = ["text", "article__title"]
    date_hierarchy = "corrected_at"

    def get_queryset(self, request):
        corrections = super().get_queryset(request)
        if services.can_publish(request.user):
            return corrections
        return corrections.filter(article__in=Article.objects.visible_to(request.user))

    @admin.display(description="Correction")
    def short_text(self, obj):
        return obj.text[:80]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)



class TagNameInline(admin.TabularInline):
    model = TagName
    extra = 0
    max_num = 2
    fields = ["language", "name"]
    verbose_name = "name in Pashto or Dari"
    verbose_name_plural = "names in Pashto and Dari (readers of those editions see these)"

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form.base_fields["name"].widget.attrs.update({"dir": "rtl", "lang": "ps"})
        return formset


# Taggit's own admin lets anyone who may see tags merge them, and keeps the old tags; ours is below.
admin.site.unregister(Tag)


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    list_display = ["name", "pashto", "dari", "slug", "stories"]
    ordering = ["name"]
    search_fields = ["name", "translated_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagNameInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        # Counted per listed tag (a subquery on the link index), not by grouping every link.
        links = ArticleTag.objects.filter(tag=OuterRef("pk")).order_by().values("tag").annotate(n=Count("pk")).values("n")
        stories = Coalesce(Subquery(links, output_field=IntegerField()), Value(0))
        return super().get_queryset(request).prefetch_related("translated_names").annotate(stories=stories)

    @admin.display(description="Stories", ordering="stories")
    def stories(self, tag):
        # How much a merge moves, and which spelling editors use most.
        return tag.stories

    @admin.display(description="Pashto")
    def pashto(self, tag):
        return self._name_in(tag, "ps")

    @admin.display(description="Dari")
    def dari(self, tag):
        return self._name_in(tag, "fa-af")

    def _name_in(self, tag, language):
        name = next((t.name for t in tag.translated_names.all() if t.language == language), None)
        return format_html('<span dir="rtl" lang="{}">{}</span>', language, name) if name else "—"

    def has_merge_permission(self, request):
        return can_merge_tags(request.user)

    @admin.action(description="Merge selected tags into one…", permissions=["merge"])
    def merge_selected(self, request, queryset):
        """First a page to choose the tag to keep; then the merge (articles/tags.py)."""
        tags = list(queryset.order_by("name"))
        keep = next((tag for tag in tags if str(tag.pk) == request.POST.get("keep")), None)
        if "apply" in request.POST and keep is not None:
            try:
                merged = tags_merge(keep=keep, merged=tags, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            others = ", ".join(f"“{tag.name}”" for tag in tags if tag.pk != keep.pk)
            self.message_user(request, format_html(
                "Merged {} into “{}”: {} article(s) moved to it, {} had it already. "
                "The old pages now redirect to <a href=\"{}\">{}</a>.",
                others, keep.name, merged.moved, merged.already_tagged, tag_addresses(keep.slug)[0], tag_addresses(keep.slug)[0],
            ), messages.SUCCESS)
            return None
        if len(tags) < 2:
            self.message_user(request, "Select two or more tags to merge.", messages.WARNING)
            return None
        return TemplateResponse(request, "admin/articles/tag/merge.html", {
            **self.admin_site.each_context(request),
            "title": "Merge tags: choose the one to keep",
            "opts": self.model._meta,
            "tags": [(tag, tag_addresses(tag.slug)[0]) for tag in tags],  # counted by get_queryset
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


# The Front pages screen and its actions (pins and banners), in their own module.
from articles import admin_curation  # noqa: E402, F401
