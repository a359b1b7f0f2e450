"""The admin's "Front pages": per edition, the stories editors pinned (lead first, in order),
the stories pinned at the top of sections, and the breaking-news banner with its on/off switch.

Every button is a plain form that works without JavaScript (up and down, take off, switch on
or off); articles/static/articles/front_pages.js adds dragging to order. The actions are the
services' (articles.curation), which check the permission; each is written to the admin log
of the article or the banner.
"""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from articles import curation
from articles.admin import schedule_time
from articles.admin_readonly import WrittenByTheAppAdmin
from articles.models import Article, Banner, Language, Pin, Place, Status
from articles.times import oslo_and_kabul

# The stories an editor can pick from on the Front pages screen: the newest live or scheduled of the edition.
CANDIDATES = 40


def optional_time(value: str | None):
    return schedule_time(value) if value and value.strip() else None


def oslo_input(moment) -> str:
    """A moment as a ``datetime-local`` value in Oslo time (what schedule_time reads back)."""
    return moment.astimezone(ZoneInfo(settings.TIME_ZONE)).strftime("%Y-%m-%dT%H:%M") if moment else ""


@admin.register(Pin)
class FrontPagesAdmin(WrittenByTheAppAdmin):
    """Pins and banners are changed only through this screen's actions, never a model form."""

    def has_module_permission(self, request):
        return curation.can_curate(request.user)

    def has_view_permission(self, request, obj=None):
        return curation.can_curate(request.user)

    def get_urls(self):
        def action(view, route, name):
            return path(route, self.admin_site.admin_view(require_POST(view)), name=f"articles_frontpages_{name}")

        return [
            action(self.pin_view, "pin/<int:article_id>/", "pin"),
            action(self.unpin_view, "<int:pin_id>/unpin/", "unpin"),
            action(self.move_view, "<int:pin_id>/move/<str:direction>/", "move"),
            action(self.until_view, "<int:pin_id>/until/", "until"),
            action(self.reorder_view, "reorder/<str:language>/", "reorder"),
            action(self.banner_view, "banner/<str:language>/", "banner"),
            *super().get_urls(),
        ]

    # -- the screen ----------------------------------------------------------------------

    def changelist_view(self, request, extra_context=None):
        if not curation.can_curate(request.user):
            raise PermissionDenied("Only editors choose what goes on the front pages.")
        pins = list(Pin.objects.select_related("article__section").order_by("place", "position", "id"))
        banners = {banner.language: banner for banner in Banner.objects.all()}
        editions = []
        for code, name in Language.choices:
            front = [pin for pin in pins if pin.place == Place.FRONT_PAGE and pin.article.language == code]
            pinned_ids = {pin.article_id for pin in front}
            candidates = (
                Article.objects.filter(language=code, status=Status.PUBLISHED).exclude(pk__in=pinned_ids)
                .only("pk", "title", "published_at", "status").order_by("-published_at", "-id")[:CANDIDATES]
            )
            editions.append({
                "code": code,
                "name": name,
                "front": [self._row(pin) for pin in front],
                "sections": [self._row(pin) for pin in pins if pin.place == Place.SECTION and pin.article.language == code],
                "candidates": candidates,
                "banner": banners.get(code) or Banner(language=code),
                "banner_ends_at": oslo_input(banners[code].ends_at) if code in banners else "",
                "banner_showing": code in banners and banners[code].is_showing(),
                "most": curation.MOST_FRONT_PAGE_PINS,
            })
        context = {
            **self.admin_site.each_context(request),
            "title": "Front pages",
            "opts": self.model._meta,
            "editions": editions,
            **(extra_context or {}),
        }
        return TemplateResponse(request, "admin/articles/pin/front_pages.html", context)

    @staticmethod
    def _row(pin: Pin) -> dict:
        article = pin.article
        return {
            "pin": pin,
            "article": article,
            "state": article.state_label,
            "expired": pin.until is not None and pin.until <= timezone.now(),
            "until": oslo_and_kabul(pin.until) if pin.until else "",
            "until_input": oslo_input(pin.until),
        }

    # -- actions ---------------------------------------------------------------------------

    def _back(self, request, fallback=None):
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
            target = fallback or reverse("admin:articles_pin_changelist")
        return HttpResponseRedirect(target)

    def _act(self, request, act):
        """Run one service call; its refusal or validation error becomes the page's message."""
        if not curation.can_curate(request.user):
            raise PermissionDenied("Only editors choose what goes on the front pages.")
        try:
            message = act()
        except ValidationError as error:
            self.message_user(request, " ".join(error.messages), messages.ERROR)
        else:
            self.message_user(request, message, messages.SUCCESS)

    def pin_view(self, request, article_id):
        # From the Front pages screen the story is picked in a list (the address says 0).
        picked = request.POST.get("article", "")
        article_id = article_id or (int(picked) if picked.isdigit() else 0)
        article = get_object_or_404(Article.objects.select_related("section"), pk=article_id)
        place = request.POST.get("place", Place.FRONT_PAGE)

        def act():
            until = optional_time(request.POST.get("pin_until"))
            title = format_html("“<bdi>{}</bdi>”", article.title)
            if place == Place.SECTION:
                curation.pin_to_section(article=article, by=request.user, until=until)
                where = f"the top of {article.section.name} ({article.get_language_display()})"
            else:
                curation.pin_to_front_page(article=article, by=request.user, until=until)
                where = f"the {article.get_language_display()} front page"
            note = f" until {oslo_and_kabul(until)}" if until else ""
            self.log_change(request, article, f"Pinned to {where}{note}")
            return format_html("Pinned {} to {}{}.", title, where, note)

        self._act(request, act)
        return self._back(request, reverse("admin:articles_article_change", args=[article.pk]))

    def unpin_view(self, request, pin_id):
        pin = get_object_or_404(Pin.objects.select_related("article"), pk=pin_id)

        def act():
            curation.unpin(pin=pin, by=request.user)
            self.log_change(request, pin.article, f"Taken off: {pin.get_place_display().lower()}")
            return format_html("Took “<bdi>{}</bdi>” off: it is back in the newest-first flow.", pin.article.title)

        self._act(request, act)
        return self._back(request)

    def move_view(self, request, pin_id, direction):
        pin = get_object_or_404(Pin.objects.select_related("article"), pk=pin_id, place=Place.FRONT_PAGE)

        def act():
            order = curation.move_pin(pin=pin, by=request.user, step=-1 if direction == "up" else 1)
            self.log_change(request, pin.article, f"Front page order: now {order.index(pin) + 1} of {len(order)}")
            return "Front page order saved."

        self._act(request, act)
        return self._back(request)

    def until_view(self, request, pin_id):
        pin = get_object_or_404(Pin.objects.select_related("article"), pk=pin_id)

        def act():
            until = optional_time(request.POST.get("pin_until"))
            curation.set_pin_until(pin=pin, by=request.user, until=until)
            when = f"until {oslo_and_kabul(until)}" if until else "until taken off"
            self.log_change(request, pin.article, f"Pinned {when}")
            return format_html("“<bdi>{}</bdi>” stays pinned {}.", pin.article.title, when)

        self._act(request, act)
        return self._back(request)

    def reorder_view(self, request, language):
        def act():
            ids = [int(pk) for pk in request.POST.getlist("pin") if pk.isdigit()]
            order = curation.reorder_front_page(language=language, pin_ids=ids, by=request.user)
            if order:
                self.log_change(request, order[0].article, "Front page order: lead")
            return "Front page order saved."

        self._act(request, act)
        return self._back(request)

    def banner_view(self, request, language):
        if language not in Language.values:
            raise PermissionDenied("No such edition.")
        switch = request.POST.get("switch")  # "on", "off", or absent (save the words only)

        def act():
            name = Language(language).label
            if switch == "off":
                banner = curation.banner_switch(language=language, by=request.user, on=False)
                said = f"The {name} banner is off."
            else:
                banner = curation.banner_save(
                    language=language, by=request.user, text=request.POST.get("text", ""),
                    link=request.POST.get("link", ""), ends_at=optional_time(request.POST.get("ends_at")),
                    switch_on=True if switch == "on" else None,
                )
                said = f"The {name} banner is {'on' if banner.is_showing() else 'saved (off)'}."
            self.log_change(request, banner, said)
            return said

        self._act(request, act)
        return self._back(request)
