"""What readers see when the database is down or too slow.

Django turns any uncaught exception into a call to ``handler500`` (set to
``server_error`` in ``newsroom/urls.py``). A database error there is not a bug
in a page but an outage: readers get a short 503 page in the three languages
with ``Retry-After``, so browsers, crawlers and load balancers come back later,
and the stack trace goes only to the log (``django.request`` logs it with the
exception, and we add one line that names the outage).
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template import loader
from django.utils.cache import add_never_cache_headers
from django.views.decorators.csrf import requires_csrf_token
from django.views.defaults import server_error as django_server_error

logger = logging.getLogger("operations.faults")

RETRY_AFTER_SECONDS = 30


def database_unavailable_response() -> HttpResponse:
    # Rendered without a request: context processors and the user would query the database.
    body = loader.get_template("operations/503.html").render({"retry_after": RETRY_AFTER_SECONDS})
    response = HttpResponse(body, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    add_never_cache_headers(response)
    return response


@requires_csrf_token
def server_error(request, template_name="500.html"):
    error = sys.exc_info()[1]
    # Outages only: an IntegrityError or ProgrammingError is a bug and stays a 500.
    if isinstance(error, (OperationalError, InterfaceError)):
        logger.error("Database unavailable, answered %s with 503: %s: %s", request.path, type(error).__name__, error)
        return database_unavailable_response()
    return django_server_error(request, template_name=template_name)
