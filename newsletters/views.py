"""Reader pages: sign up, confirm, change newsletters, leave. No account: signed links only.

The sign-up form appears on cached reader pages (home, articles, donate), which must not carry a
CSRF token (a page that sets the CSRF cookie is never cached), so its POST is CSRF-exempt: a
forged sign-up only mails a confirmation link to that address, which is also all an attacker
could do by posting the form himself; throttles and double opt-in stop the abuse. The one-click
unsubscribe POST comes from mail providers (RFC 8058) and has no cookie at all.
"""

from django.core import signing
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.cache import add_never_cache_headers
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from newsletters import services, throttle, tokens
from newsletters.forms import PreferencesForm, SignupForm
from newsletters.models import Newsletter, Subscriber, normalise_email
from security.logins import client_ip


def _edition() -> str:
    return get_language() or "en"


@csrf_exempt
@require_http_methods(["GET", "POST"])
def signup(request, slug=None):
    newsletter = get_object_or_404(Newsletter, slug=slug, is_active=True) if slug else None
    if request.method == "GET":
        form = SignupForm(language=_edition())
        return render(request, "newsletters/signup.html", {"form": form, "newsletter": newsletter})
    form = SignupForm(request.POST, language=_edition())
    if not throttle.ip_allowed(client_ip(request)):
        form.add_error(None, _("Too many sign-ups from your network. Please try again in an hour."))
        response = render(request, "newsletters/signup.html", {"form": form, "newsletter": newsletter}, status=429)
        response["Retry-After"] = "3600"
        add_never_cache_headers(response)
        return response
    if not form.is_valid():
        response = render(request, "newsletters/signup.html", {"form": form, "newsletter": newsletter}, status=400)
        add_never_cache_headers(response)
        return response
    email = normalise_email(form.cleaned_data["email"])
    # Same answer whatever happens next: nobody learns whether the address is known.
    if not form.is_bot and throttle.address_allowed(email):
        services.signup_request(
            email=email, newsletter_ids=[n.pk for n in form.cleaned_data["newsletters"]], language=_edition()
        )
    return redirect("newsletters:check_email")


def check_email(request):
    return render(request, "newsletters/check_email.html")


def _bad_link(request, status=400):
    return render(request, "newsletters/bad_link.html", status=status)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """GET shows a button, POST confirms: link scanners in mail systems fetch links but press no buttons."""
    try:
        data = tokens.read_confirm(token)
    except signing.BadSignature:
        return _bad_link(request)
    newsletters = Newsletter.objects.filter(pk__in=data["n"])
    if request.method == "GET":
        return render(request, "newsletters/confirm.html", {"email": data["e"], "newsletters": newsletters})
    subscriber = services.subscription_confirm(token=token)
    return render(
        request, "newsletters/confirmed.html",
        {"newsletters": newsletters, "preferences_token": tokens.make_manage(subscriber.pk)},
    )


@never_cache
@require_http_methods(["GET", "POST"])
def preferences(request, token):
    try:
        subscriber = get_object_or_404(Subscriber, pk=tokens.read_manage(token))
    except signing.BadSignature:
        return _bad_link(request)
    saved = False
    if request.method == "POST":
        form = PreferencesForm(request.POST, subscriber=subscriber)
        if form.is_valid():
            services.preferences_update(subscriber=subscriber, newsletters=list(form.cleaned_data["newsletters"]))
            saved = True
            form = PreferencesForm(subscriber=subscriber)
    else:
        form = PreferencesForm(subscriber=subscriber)
    return render(request, "newsletters/preferences.html", {"form": form, "subscriber": subscriber, "saved": saved})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """GET: a page with one button (a person from the email's footer). POST: unsubscribe at once;
    this is also where mail providers post ``List-Unsubscribe=One-Click`` (RFC 8058)."""
    try:
        subscriber_id, newsletter_id, issue_id = tokens.read_unsubscribe(token)
    except signing.BadSignature:
        return _bad_link(request)
    newsletter = Newsletter.objects.filter(pk=newsletter_id).first()
    if request.method == "GET":
        return render(request, "newsletters/unsubscribe.html", {"newsletter": newsletter})
    services.unsubscribe(subscriber_id=subscriber_id, newsletter_id=newsletter_id, issue_id=issue_id)
    if request.POST.get("List-Unsubscribe") == "One-Click":
        return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
    return render(
        request, "newsletters/unsubscribed.html",
        {"newsletter": newsletter, "preferences_token": tokens.make_manage(subscriber_id)},
    )
