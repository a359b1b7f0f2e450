"""The site's URLs plus small views that exercise the page cache's refusals."""

import time
import uuid

from django.http import HttpResponse
from django.template import engines
from django.urls import path
from django.views.decorators.cache import never_cache

from newsroom.urls import urlpatterns as site_urlpatterns

_django = engines["django"]


@never_cache
def never_cached(request):
    # Like a preview: unpublished content marked never-cache.
    return HttpResponse(f"private {uuid.uuid4()}")


def form(request):
    # Longer than GZipMiddleware's 200-byte minimum, so only the CSRF rule can keep it plain.
    page = "<form method=post>{% csrf_token %}<p>" + "A reader's preferences. " * 20 + "</p></form>"
    return HttpResponse(_django.from_string(page).render(request=request))


def nonce(request):
    return HttpResponse(_django.from_string('<script nonce="{{ request.csp_nonce }}"></script>').render(request=request))


PICTURE = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4  # compressible bytes in a type that is not


def picture(request):
    # Like a share image: a picture readers fetch, stored by the page cache.
    return HttpResponse(PICTURE, content_type="image/png")


BUILDS = []  # one item per time slow() or slow_missing() ran


def slow(request):
    # A page that takes a while to build, so requests arriving meanwhile find it being built.
    BUILDS.append(request.path)
    time.sleep(0.3)
    return HttpResponse("Built once. " * 30)


def slow_missing(request):
    BUILDS.append(request.path)
    time.sleep(0.3)
    return HttpResponse("Gone.", status=404)


urlpatterns = [
    path("slow/", slow),
    path("slow-missing/", slow_missing),
    path("picture/", picture),
    path("never-cached/", never_cached),
    path("form/", form),
    path("nonce/", nonce),
    *site_urlpatterns,
]
