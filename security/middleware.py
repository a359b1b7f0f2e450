from functools import cache
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import BadRequest
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.views.defaults import bad_request
from django_otp import user_has_device

from security.twofactor import must_verify

# Browser features no page of ours uses; an injected script or a framed page cannot ask for them.
DEFAULT_PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), display-capture=(), geolocation=(), gyroscope=(), "
    "magnetometer=(), microphone=(), midi=(), payment=(), usb=(), browsing-topics=()"
)


# Other sites' pages may not load our responses (images, scripts, feeds) as their own
# resources: it keeps Spectre-style side channels and hotlinking of staff-only responses out.
DEFAULT_CROSS_ORIGIN_RESOURCE_POLICY = "same-origin"

# Methods no page of ours answers, refused before any view: TRACE echoes the request
# (cookies included) in some servers, and function views would otherwise answer it as GET.
REFUSED_METHODS = frozenset({"TRACE", "TRACK"})
ALLOWED_METHODS = ["GET", "HEAD", "POST", "OPTIONS"]


class SecurityHeadersMiddleware:
    """Adds ``Permissions-Policy`` and ``Cross-Origin-Resource-Policy`` to every response
    (Django's SecurityMiddleware sets the other headers), and answers TRACE with 405."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.policy = getattr(settings, "PERMISSIONS_POLICY", DEFAULT_PERMISSIONS_POLICY)
        self.resource_policy = getattr(settings, "CROSS_ORIGIN_RESOURCE_POLICY", DEFAULT_CROSS_ORIGIN_RESOURCE_POLICY)

    def __call__(self, request):
        if request.method in REFUSED_METHODS:
            response = HttpResponseNotAllowed(ALLOWED_METHODS)
        else:
            response = self.get_response(request)
        if self.policy:
            response.headers.setdefault("Permissions-Policy", self.policy)
        if self.resource_policy:
            response.headers.setdefault("Cross-Origin-Resource-Policy", self.resource_policy)
        return response


@cache
def _staff_prefixes() -> tuple[str, ...]:
    return (reverse("admin:index"),)


@cache
def _second_factor_exempt_paths() -> tuple[tuple[str, ...], tuple[str, ...]]:
    exact = (reverse("admin:login"), reverse("admin:logout"))
    prefixes = (reverse("security:setup").rsplit("setup/", 1)[0],)
    return exact, prefixes


class SecondFactorMiddleware:
    """Staff who must give a second factor get nothing until they have.

    In the admin they are sent to enter their code, or to enrol when they have no
    device yet. Everywhere else (e.g. previews of unpublished articles) such a
    half-signed-in session counts as an anonymous reader. Goes after
    ``django_otp.middleware.OTPMiddleware``.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        exact, exempt_prefixes = _second_factor_exempt_paths()
        if path in exact or path.startswith(exempt_prefixes):
            return self.get_response(request)
        if path.startswith(_staff_prefixes()):
            user = request.user
            if must_verify(user):
                step = "security:verify" if user_has_device(user, confirmed=True) else "security:setup"
                return redirect(f"{reverse(step)}?{_next_query(request)}")
            return self.get_response(request)
        request.user = SimpleLazyObject(_reader_view_of(request.user))
        return self.get_response(request)


def _reader_view_of(user):
    def resolve():
        return AnonymousUser() if must_verify(user) else user

    return resolve


def _next_query(request) -> str:
    return urlencode({"next": request.get_full_path()})


# No address of ours has a control character in its path; in a query string only NUL does harm
# (PostgreSQL refuses it in text), and a search pasted with a tab in it is still a search.
_CONTROL_CHARACTERS = frozenset(chr(code) for code in (*range(0x20), 0x7F))


class HostileInputMiddleware:
    """Refuse (400) a request with a control character in its path or a NUL byte in its query.

    One home for a rule every view would otherwise need: a NUL byte in a slug, a search or a
    page number reaches the database as a PostgreSQL error (a 500 and an error mail). Broken
    UTF-8 needs nothing here (Django re-encodes it, so it matches nothing: 404), nor do huge
    page numbers (the paginator says 404). Form posts are left to their forms.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if not _CONTROL_CHARACTERS.isdisjoint(request.path) or "%00" in query or "\x00" in query:
            # Answered here, not raised: an attacker's probes need no stack trace in the log.
            return bad_request(request, BadRequest("Control character in the address"))
        return self.get_response(request)
