"""Who is knocking: the client address that login throttling keys on."""

from django.conf import settings


def client_ip(request) -> str | None:
    """The reader's address, trusting ``X-Forwarded-For`` only as far as our own proxies.

    Behind N reverse proxies of ours (``NEWSROOM_TRUSTED_PROXY_COUNT``), the real
    client is the Nth address from the right of ``X-Forwarded-For``; anything left
    of it was written by the client and may be forged. With no proxies configured
    the header is ignored, so nobody can pick an address to dodge a lockout or to
    lock an editor out from elsewhere.
    """
    proxies = getattr(settings, "NEWSROOM_TRUSTED_PROXY_COUNT", 0)
    if proxies > 0:
        hops = [hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")


def lockout_response(request, original_response=None, credentials=None):
    """The page a locked-out login gets: what happened, when it ends, who can lift it."""
    from axes.helpers import get_cool_off, get_failure_limit
    from django.contrib import admin
    from django.shortcuts import render

    from security import throttling

    cool_off = get_cool_off(request)
    minutes = int(cool_off.total_seconds() // 60) if cool_off else None
    layer = throttling.wider_lockout(request, credentials or getattr(request, "axes_credentials", None))
    limits = {
        throttling.ADDRESS: settings.NEWSROOM_LOGIN_ADDRESS_FAILURE_LIMIT,
        throttling.ACCOUNT: settings.NEWSROOM_LOGIN_ACCOUNT_FAILURE_LIMIT,
    }
    context = {
        **admin.site.each_context(request),
        "title": "Sign-in paused",
        "layer": layer or throttling.PAIR,
        "failure_limit": limits.get(layer) or get_failure_limit(request, credentials),
        "cooloff_minutes": minutes,
    }
    return render(request, "security/lockout.html", context, status=settings.AXES_HTTP_RESPONSE_CODE)
