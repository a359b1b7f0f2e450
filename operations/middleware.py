from django.conf import settings
from django.db import connection
from django.urls import reverse

from operations import dbtimeout


class StatementTimeoutMiddleware:
    """On PostgreSQL, reader requests run under ``READER_STATEMENT_TIMEOUT_MS`` and staff requests
    under ``STAFF_STATEMENT_TIMEOUT_MS`` (see ``operations.dbtimeout``)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if connection.vendor != "postgresql":
            return self.get_response(request)
        milliseconds = dbtimeout.timeout_for(
            request.path_info,
            staff_prefixes=(reverse("admin:index"),),
            reader_timeout_ms=getattr(settings, "READER_STATEMENT_TIMEOUT_MS", 0),
            staff_timeout_ms=getattr(settings, "STAFF_STATEMENT_TIMEOUT_MS", 0),
        )
        with dbtimeout.statement_timeout(milliseconds):
            return self.get_response(request)
