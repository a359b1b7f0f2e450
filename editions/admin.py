"""Editors' side of the editions: the translation matrix, "Translate" and "Mark up to date"."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from articles.admin_readonly import WrittenByTheAppAdmin
from articles.models import Article, Section
from editions import matrix, services
from editions.models import TranslationStatus

MATRIX_PAGE_SIZE = 50


def back_to(request, default: str) -> str:
    """Where a button asked to return to, if that is on this site."""
    target = request.POST.get("next", "")
    safe = url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return target if target and safe else default


@admin.register(TranslationStatus)
class TranslationMatrixAdmin(WrittenByTheAppAdmin):
    """Registered on TranslationStatus so the matrix has a place in the admin's menu;
    its list page is the matrix, and rows are only ever written by the app itself."""

    def has_module_permission(self, request):
        return request.user.is_active and request.user.has_perm("articles.view_article")

    def has_view_permission(self, request, obj=None):
        return self.has_module_permission(request)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("translate/<int:pk>/", view(require_POST(self.translate_view)), name="editions_translate"),
            path("up-to-date/<int:pk>/", view(require_POST(self.up_to_date_view)), name="editions_mark_up_to_date"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "").strip()[:200]
        language = request.GET.get("language", "")
        language = language if language in dict(matrix.EDITIONS) else ""
        section = Section.objects.filter(pk=request.GET.get("section")).first() if request.GET.get("section", "").isdigit() else None
        needs_work = request.GET.get("needs_work") == "1"
        readable = Article.objects.readable_by(request.user)
        stories = matrix.stories(readable=readable, query=query, section=section, language=language, needs_work=needs_work)
        page = Paginator(stories, MATRIX_PAGE_SIZE).get_page(request.GET.get("page"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Translation matrix"),
            "editions": matrix.EDITIONS,
            "rows": matrix.rows_for(page.object_list, readable=readable),
            "page": page,
            "sections": Section.objects.all(),
            "filters": {"q": query, "language": language, "section": section, "needs_work": needs_work},
            "can_translate": services.can_translate(request.user),
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/editions/matrix.html", context)

    def translate_view(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        language = request.POST.get("language", "")
        try:
            draft = services.article_translate(article=article, language=language, by=request.user)
        except services.TranslationExists as exists:
            messages.info(request, _("This story already has a version in that language; here it is."))
            return redirect("admin:articles_article_change", exists.existing.pk)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect(back_to(request, reverse("admin:articles_article_change", args=[pk])))
        messages.success(
            request,
            _("Translation draft created from the original, with its section, tags, byline and photo. Translate the headline, standfirst and text, then submit it for review."),
        )
        return redirect("admin:articles_article_change", draft.pk)

    def up_to_date_view(self, request, pk):
        translation = get_object_or_404(Article, pk=pk, translation_of__isnull=False)
        services.translation_mark_up_to_date(translation=translation, by=request.user)
        messages.success(request, _("Marked as up to date with the original."))
        return redirect(back_to(request, reverse("admin:articles_article_change", args=[pk])))
