import base64
import logging
from urllib.parse import urlencode

import segno
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.views import redirect_to_login
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from security import enrolment
from security.forms import EMAIL_HELP, ENROL_HELP, TokenForm
from security.twofactor import is_verified, second_factor_required

logger = logging.getLogger("security.twofactor")

BACKUP_CODE_COUNT = 10


# -- two-factor authentication ------------------------------------------------------------


def _safe_next(request) -> str:
    """Where to go after the code: the ``next`` parameter if it stays on this site, else the admin."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("admin:index")


def _staff_or_login(request):
    user = request.user
    if user.is_authenticated and user.is_active and (user.is_staff or user.is_superuser):
        return None
    return redirect_to_login(request.get_full_path(), reverse("admin:login"))


def _render(request, template, context, status=200):
    return render(request, template, {**admin.site.each_context(request), **context}, status=status)


@never_cache
def setup(request):
    """Enrol an authenticator app: scan the QR code, confirm with one code, keep the backup codes."""
    if (denied := _staff_or_login(request)) is not None:
        return denied
    user = request.user
    next_url = _safe_next(request)
    if user_has_device(user, confirmed=True):
        if not is_verified(user):
            # A password alone must never be enough to replace the second factor.
            return redirect(f"{reverse('security:verify')}?{urlencode({'next': next_url})}")
        return _render(request, "security/otp_enrolled.html", {"title": "Two-factor authentication", "next": next_url})
    if not enrolment.email_confirmed(request):
        return redirect(f"{reverse('security:confirm_email')}?{urlencode({'next': next_url})}")

    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=False)
    form = TokenForm(request.POST or None, help_text=ENROL_HELP)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"]):
            codes = _confirm(device)
            otp_login(request, device)
            request.session.cycle_key()
            logger.info("User %s enrolled an authenticator app", user.pk)
            return _render(
                request, "security/otp_backup_codes.html",
                {"title": "Save your backup codes", "codes": codes, "next": next_url},
            )
        form.add_error("token", "That code did not match. Check the time on your phone and enter the newest code.")
    return _render(
        request,
        "security/otp_setup.html",
        {
            "title": "Set up two-factor authentication",
            "form": form,
            "next": next_url,
            "required": second_factor_required(user),
            "qr_svg": segno.make(device.config_url, error="m").svg_inline(scale=5, dark="#0b2239", light="#ffffff"),
            "secret": base64.b32encode(device.bin_key).decode("ascii"),
        },
    )


@never_cache
def confirm_email(request):
    """Before enrolling: the code mailed to the account's address, so a password alone cannot enrol."""
    if (denied := _staff_or_login(request)) is not None:
        return denied
    user = request.user
    next_url = _safe_next(request)
    if enrolment.email_confirmed(request) or user_has_device(user, confirmed=True):
        return redirect(f"{reverse('security:setup')}?{urlencode({'next': next_url})}")
    context = {"title": "Confirm your e-mail address", "next": next_url, "email": user.email,
               "mail_in_terminal": settings.EMAIL_BACKEND == "django.core.mail.backends.console.EmailBackend"}
    if not user.email:
        return _render(request, "security/otp_email.html", context)
    form = TokenForm(request.POST or None, help_text=EMAIL_HELP)
    if request.method == "POST" and "resend" in request.POST:
        enrolment.send_code(request)
        form = TokenForm(help_text=EMAIL_HELP)
    elif request.method == "POST" and form.is_valid():
        if enrolment.check_code(request, form.cleaned_data["token"]):
            logger.info("User %s confirmed their e-mail address to enrol a second factor", user.pk)
            return redirect(f"{reverse('security:setup')}?{urlencode({'next': next_url})}")
        logger.warning("Wrong enrolment e-mail code for user %s", user.pk)
        form.add_error(
            "token",
            "That code did not match." if enrolment.tries_left(request)
            else "Too many wrong codes. Ask for a new code below.",
        )
    elif not enrolment.code_pending(request):
        enrolment.send_code(request)
    return _render(request, "security/otp_email.html", {**context, "form": form})


@transaction.atomic
def _confirm(device) -> list[str]:
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    backup, _ = StaticDevice.objects.get_or_create(user=device.user, name="Backup codes", defaults={"confirmed": True})
    backup.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


@never_cache
def verify(request):
    """The second step of signing in: a code from the app (or a backup code)."""
    if (denied := _staff_or_login(request)) is not None:
        return denied
    user = request.user
    next_url = _safe_next(request)
    if is_verified(user):
        return redirect(next_url)
    if not user_has_device(user, confirmed=True):
        if second_factor_required(user):
            return redirect(f"{reverse('security:setup')}?{urlencode({'next': next_url})}")
        return redirect(next_url)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"])
        if device is not None:
            otp_login(request, device)
            request.session.cycle_key()
            return redirect(next_url)
        logger.warning("Wrong second-factor code for user %s from %s", user.pk, request.META.get("REMOTE_ADDR"))
        form.add_error(
            "token",
            "That code is not valid. Codes change every 30 seconds; after several wrong codes you must wait a little.",
        )
    return _render(request, "security/otp_verify.html", {"title": "Enter your code", "form": form, "next": next_url})
