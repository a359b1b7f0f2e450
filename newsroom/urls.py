import anymail.urls as anymail_urls
from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path

from editions.views import choose_edition
from operations.health import healthz


def favicon(request):
    # Browsers ask for /favicon.ico on pages that name no icon (admin JSON, error pages).
    return redirect(static("img/favicon.svg"), permanent=True)


urlpatterns = [
    path("favicon.ico", favicon),
    path("healthz", healthz, name="healthz"),
    path("admin/2fa/", include("security.urls")),
    path("admin/desk/", include("desk.urls")),
    path("admin/live-blogs/", include("liveblog.admin_urls")),
    path("admin/", admin.site.urls),
    # The webhooks of the mail provider in use: tracking (bounces, complaints, deliveries:
    # newsletters/bounces.py) and inbound (unsubscribing by mail: newsletters/inbound.py), and no
    # other provider's: an unused provider's endpoint answered anyone with a 500 (not configured).
    path("anymail/", include([
        p for p in anymail_urls.urlpatterns
        if p.name in {f"{settings.NEWSLETTER_MAIL_PROVIDER}_{kind}_webhook" for kind in ("tracking", "inbound")}
    ])),
    path("reads/", include("audience.urls")),  # the read beacon: one address for every edition
    path("", include("syndication.urls")),
    path("", choose_edition, name="choose_edition"),
]

urlpatterns += i18n_patterns(
    path("donate/", include("donations.urls")),
    path("search/", include("search.urls")),
    path("feeds/", include("syndication.feed_urls")),
    path("newsletters/", include("newsletters.urls")),
    path("lite/", include("lite.urls")),  # before the articles' patterns, which would take "lite/<id>/"
    path("live/", include("liveblog.urls")),
    path("", include("articles.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static as serve_media

    urlpatterns += serve_media(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# A database outage answers 503 with Retry-After instead of a 500 (operations.faults).
handler500 = "operations.faults.server_error"
