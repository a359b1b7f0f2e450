"""The site's URLs plus small views that exercise the page cache's refusals."""

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
    return HttpResponse(_django.from_string("<form method=post>{% csrf_token %}</form>").render(request=request))


def nonce(request):
    return HttpResponse(_django.from_string('<script nonce="{{ request.csp_nonce }}"></script>').render(request=request))


urlpatterns = [
    path("never-cached/", never_cached),
    path("form/", form),
    path("nonce/", nonce),
    *site_urlpatterns,
]
