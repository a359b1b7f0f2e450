"""Compression of the responses the page cache did not compress (docs/performance.md, "Page weight").

Stored reader pages leave ``pagecache`` already gzip-compressed (compressed once when built);
this compresses the rest on the way out: pages built for one request (a 404, a page that
set a cookie), feeds, sitemaps. It is the outermost middleware, and a response that already
has a ``Content-Encoding`` (a stored page) costs it one header look-up.

BREACH: compression leaks a secret on a page that also reflects what an attacker sends, one
guess at a time. So nothing is compressed that carries a secret: the admin (two-factor set-up
keys, reflected searches), anything for someone signed in (a session cookie), and any
response that drew a CSRF token (forms for subscribers' preferences and the like). Reader
pages hold neither; Django's own mitigation (random bytes in the gzip header) stays on.
"""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware

from pagecache.middleware import COMPRESSIBLE, accepts_gzip


class ReaderGZipMiddleware(GZipMiddleware):
    def process_response(self, request, response):
        if (
            response.has_header("Content-Encoding")  # a stored page: compressed when it was stored
            # Not for this client: no Vary either (a cache may then serve plain bytes to one that
            # accepts gzip, never gzip to one that does not; every compressed response has Vary).
            or not accepts_gzip(request)
            or not response.get("Content-Type", "").startswith(COMPRESSIBLE)
            or request.path.startswith("/admin/")
            or settings.SESSION_COOKIE_NAME in request.COOKIES
            # A view that drew a CSRF token: Django sets its cookie on every such response (the
            # request's flag is already reset by CsrfViewMiddleware, further in, by now).
            or settings.CSRF_COOKIE_NAME in response.cookies
        ):
            return response
        return super().process_response(request, response)
