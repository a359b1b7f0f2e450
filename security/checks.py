"""Django's deploy checks of SecurityMiddleware's settings, for the onion-aware subclass that
stands in for it (security.onion).

Django finds its middleware by name: without that name in MIDDLEWARE it warns (security.W001)
and skips its checks of HSTS, the HTTPS redirect, nosniff and the referrer and opener policies.
Settings silence that one warning; this check says it again if neither class is in MIDDLEWARE,
and runs the skipped checks as Django would.
"""

from django.conf import settings
from django.core.checks import Tags, register
from django.core.checks.security import base
from django.test.utils import override_settings

DJANGO_SECURITY_MIDDLEWARE = "django.middleware.security.SecurityMiddleware"
ONION_AWARE_SECURITY_MIDDLEWARE = "security.onion.OnionAwareSecurityMiddleware"
CHECKS = (
    base.check_sts,
    base.check_sts_include_subdomains,
    base.check_sts_preload,
    base.check_content_type_nosniff,
    base.check_ssl_redirect,
    base.check_referrer_policy,
    base.check_cross_origin_opener_policy,
)


@register(Tags.security, deploy=True)
def check_onion_aware_security_middleware(app_configs, **kwargs):
    if DJANGO_SECURITY_MIDDLEWARE in settings.MIDDLEWARE:
        return []  # Django's own checks run
    if ONION_AWARE_SECURITY_MIDDLEWARE not in settings.MIDDLEWARE:
        return [base.W001]
    with override_settings(MIDDLEWARE=[*settings.MIDDLEWARE, DJANGO_SECURITY_MIDDLEWARE]):
        return [message for check in CHECKS for message in check(app_configs)]
