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
from taggit.models import Tag

from articles import curation, services
from articles.forms import ArticleAdminForm, AuthorAdminForm, TagNameSearch
from articles.models import Article, ArticleAuthor, ArticleNote, Author, Correction, Section, Status, TagName
from articles.paginators import EstimatedCountPaginator
from articles.tags import can_merge_tags, tag_addresses, tags_merge
from articles.times import oslo_and_kabul

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


@admin.register(Article)
class ArticleAdmin(CompareVersionAdmin):
    form = ArticleAdminForm
    inlines = [ArticleAuthorInline, CorrectionInline]
    list_display = ["headline", "state", "section", "byline", "language", "published"]
    list_display_links = ["headline"]
    # Every author, not only those of the stories listed (RelatedOnlyFieldListFilter): that read all bylines per view.
    list_filter = ["status", "section", "language", "authors", "tags"]
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
    readonly_fields = ["state_summary", "view_count", "source_name", "imported_at", "created_by", "updated_by"]
    history_latest_first = True
    change_list_template = "admin/articles/article/article_change_list.html"
    compare_exclude = ["updated_at", "hero_width", "hero_height"]
    fieldsets = [
        (None, {"fields": ["state_summary", "title", "slug", "standfirst", "body", "loaded_version"]}),
        ("Placement", {"fields": ["section", "tags", "language", "translation_of"]}),
        ("Desk", {"fields": ["assignee"], "description": "Internal: readers never see who a story is assigned to."}),
        ("Hero image", {"fields": ["hero_image", "hero_alt", "hero_caption", "hero_credit"], "classes": ["collapse"]}),
        ("Record", {"fields": ["view_count", "source_name", "imported_at", "created_by", "updated_by"], "classes": ["collapse"]}),
    ]

    # -- who may do what ---------------------------------------------------------------

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and services.can_edit(request.user, obj)

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
        return super().change_view(request, object_id, form_url, extra_context)

    def delete_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        return super().delete_view(request, object_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def compare_view(self, request, object_id, extra_context=None):
        self.refuse_unless_visible(request, object_id)
        return super().compare_view(request, object_id, extra_context)

    def get_inlines(self, request, obj):
        # Notes are added here, not in ``inlines``: django-reversion follows the models listed there,
        # and restoring an old version would then delete the notes written since.
        return [*self.inlines, ArticleNoteInline]

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
        # On two lines ("… Oslo", "… Kabul"): one line was too wide for the list at 1280 px.
        return format_html("{}<br>{}", *oslo_and_kabul(obj.published_at).split(" · ", 1)) if obj.published_at else "—"

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
                             "reason": f"Draft autosaved {oslo_and_kabul(article.updated_at)}"})

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
    list_display = ["name", "pashto", "dari", "slug"]
    ordering = ["name"]
    search_fields = ["name", "translated_names__name"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [TagNameInline]
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("translated_names")

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
                moved = tags_merge(keep=keep, merged=tags, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
                return None
            others = ", ".join(f"“{tag.name}”" for tag in tags if tag.pk != keep.pk)
            self.message_user(request, format_html(
                "Merged {} into “{}”: {} article(s) moved. Their old pages now redirect to <a href=\"{}\">{}</a>.",
                others, keep.name, moved, tag_addresses(keep.slug)[0], tag_addresses(keep.slug)[0],
            ), messages.SUCCESS)
            return None
        if len(tags) < 2:
            self.message_user(request, "Select two or more tags to merge.", messages.WARNING)
            return None
        return TemplateResponse(request, "admin/articles/tag/merge.html", {
            **self.admin_site.each_context(request),
            "title": "Merge tags: choose the one to keep",
            "opts": self.model._meta,
            "tags": tags,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        })


# The Front pages screen and its actions (pins and banners), in their own module.
from articles import admin_curation  # noqa: E402, F401
