"""Second-factor helpers for tests.

``tests/conftest.py`` connects ``verify_test_client_logins`` for every test, so
``client.force_login(superuser)`` (or ``client.login(...)``) gives a session that
has also passed two-factor authentication, the way a real editor's session has
after typing the code. Tests about the second factor itself sign in through the
real login form instead (``sign_in_with_password``), which does not count.
"""

from django.http import HttpRequest
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from security.twofactor import second_factor_required

PASSWORD = "correct horse battery"  # tests.factories.UserFactory's password


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
        user=user, name="test device", confirmed=True
    )


def mark_session_verified(session, user) -> TOTPDevice:
    """Record in ``session`` that ``user`` gave a second factor (creating a device if needed)."""
    device = confirmed_device(user)
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    return device


def verify_test_client_logins(sender, request, user, **kwargs):
    """``user_logged_in`` receiver: test-client logins (a bare ``HttpRequest``) count as verified."""
    if type(request) is not HttpRequest or not (user.is_staff or user.is_superuser):
        return
    if second_factor_required(user) or TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        mark_session_verified(request.session, user)


def current_code(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def unused_code(device: TOTPDevice) -> str:
    """A code the device accepts now although this time step's code was used (a second sign-in
    within 30 seconds): the next step's, which the verification's tolerance of one step allows."""
    device.refresh_from_db()
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    if device.last_t is not None and device.last_t >= totp.t():
        totp.time = device.t0 + (device.last_t + 1 - device.drift) * device.step
    return f"{totp.token():0{device.digits}d}"


def sign_in_with_password(client, user, *, next_url="/admin/"):
    """The real admin login form: password only, no second factor yet."""
    return client.post(
        f"/admin/login/?next={next_url}", {"username": user.username, "password": PASSWORD, "next": next_url}
    )


ENROLMENT_EMAIL = "/admin/2fa/setup/email/"


def mailed_enrolment_code(user) -> str:
    """The code in the newest enrolment mail to ``user`` (locmem outbox)."""
    import re

    from django.core import mail

    message = [m for m in mail.outbox if user.email in m.to][-1]
    return re.search(r"Code: (\d{6})", message.body).group(1)


def confirm_email_for_enrolment(client, user):
    """The step before enrolling: ask for the mailed code and type it in."""
    client.get(ENROLMENT_EMAIL)
    return client.post(ENROLMENT_EMAIL, {"token": mailed_enrolment_code(user)})
