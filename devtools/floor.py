"""The floor: a bare Django application answering every request with a fixed 40 KB page.

No middleware, apps, templates or database: the least a Django page can cost. The benchmark
serves it with gunicorn.conf.py's worker settings and gives each reader page's requests/s as
a share of it::

    gunicorn -c gunicorn.conf.py devtools.floor:application
"""

from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

PAGE_BYTES = 40 * 1024
_HEAD = b"<!doctype html><html lang=en><meta charset=utf-8><title>Floor</title><body>\n"
_TAIL = b"</body></html>\n"
_PARAGRAPH = b"<p>" + b"A fixed paragraph of text, the size of a news page. " * 3 + b"</p>\n"
_body = _PARAGRAPH * ((PAGE_BYTES - len(_HEAD) - len(_TAIL)) // len(_PARAGRAPH) + 1)
FLOOR_PAGE = _HEAD + _body[: PAGE_BYTES - len(_HEAD) - len(_TAIL)] + _TAIL


def floor(request):
    return HttpResponse(FLOOR_PAGE, content_type="text/html; charset=utf-8")


urlpatterns = [path("", floor)]

if not settings.configured:  # imported by a test or a tool that has its own settings
    settings.configure(
        DEBUG=False,
        SECRET_KEY="the-floor-has-no-secrets",
        ALLOWED_HOSTS=["127.0.0.1", "localhost"],
        ROOT_URLCONF=__name__,
        MIDDLEWARE=[],
        INSTALLED_APPS=[],
        DATABASES={},
    )
application = get_wsgi_application()
