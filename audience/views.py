"""The read beacon: the one request a read costs, never answered from a cache."""

from django.conf import settings
from django.http import HttpResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from audience.counting import record_read
from security.logins import client_ip

LARGEST_ID = 2**63 - 1  # BigAutoField


@csrf_exempt  # it changes nothing a forged request could abuse, and readers carry no CSRF cookie
@require_http_methods(["GET", "POST"])
def read_beacon(request, article_id: int):
    """POST from ``navigator.sendBeacon`` (reads.js), GET from the pixel of pages without
    JavaScript. Signed-in staff are not readers; bots are left out in ``record_read``.

    Always ``204 No Content`` with ``Cache-Control: no-cache, no-store, must-revalidate,
    private, max-age=0``: neither the browser, a CDN nor the page cache may answer it, and it
    sets no cookie."""
    # An id no story can have (past a bigint) would be a database error: nothing to count.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES and article_id <= LARGEST_ID:
        record_read(article_id, address=client_ip(request), user_agent=request.META.get("HTTP_USER_AGENT", ""))
    response = HttpResponse(status=204)
    add_never_cache_headers(response)
    return response
