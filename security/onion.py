"""The site as a Tor onion service beside its normal domain (docs/onion.md).

With ``NEWSROOM_ONION_HOST`` set (env ``DJANGO_ONION_HOST``, e.g. ``abc…xyz.onion``):

- every response on the normal domain carries ``Onion-Location: http://<onion><same path>``,
  which Tor Browser offers to follow;
- a request that arrives on the onion host is served over plain HTTP, as onion services are
  (Tor encrypts and authenticates the connection end to end): no ``upgrade-insecure-requests``
  (below), and, being plain HTTP, no HSTS from Django's SecurityMiddleware; the HTTPS redirect of
  the domain is its proxy's job then (settings: SECURE_SSL_REDIRECT is off with an onion address);
  the pages' absolute links (canonical, feeds, sitemaps) name the onion host, and the page cache
  keeps its pages apart (its key holds the host).
"""

from csp.middleware import CSPMiddleware
from django.conf import settings
from django.core.exceptions import DisallowedHost

HEADER = "Onion-Location"


def onion_host() -> str:
    return (getattr(settings, "NEWSROOM_ONION_HOST", "") or "").lower()


def is_onion_request(request) -> bool:
    """True for a request that came in through the onion service (its Host is the onion address)."""
    host = onion_host()
    if not host:
        return False
    try:
        return request.get_host().rsplit(":", 1)[0].lower() == host
    except DisallowedHost:  # answered 400 further in; not the onion host either way
        return False


class OnionLocationMiddleware:
    """``Onion-Location`` on the normal domain's responses. Outermost, so a page served from the
    page cache names its own address (the cache key leaves out utm_* parameters)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        host = onion_host()
        if host and not is_onion_request(request):
            response[HEADER] = f"http://{host}{request.get_full_path()}"
        return response


class OnionAwareCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, without ``upgrade-insecure-requests`` on the onion host, where it
    would send every image and stylesheet to an HTTPS address that does not answer."""

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if is_onion_request(request):
            parts.replace = {**(parts.replace or {}), "upgrade-insecure-requests": None}
        return parts
