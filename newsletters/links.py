"""Absolute links for emails: a mail client has no page to be relative to."""

from django.conf import settings
from django.urls import reverse
from django.utils import translation

from newsletters import tokens


def site_url() -> str:
    """``NEWSLETTER_SITE_URL`` if set, else https://NEWSROOM_DOMAIN (http on a developer's machine)."""
    configured = getattr(settings, "NEWSLETTER_SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    scheme = "http" if settings.DEBUG else "https"
    return f"{scheme}://{settings.NEWSROOM_DOMAIN}"


def absolute(path: str) -> str:
    return site_url() + path


def in_edition(language: str, viewname: str, **kwargs) -> str:
    with translation.override(language):
        return absolute(reverse(viewname, kwargs=kwargs or None))


def confirm_url(*, email: str, newsletter_ids: list[int], language: str) -> str:
    token = tokens.make_confirm(email=email, newsletter_ids=newsletter_ids, language=language)
    return in_edition(language, "newsletters:confirm", token=token)


def manage_url(*, subscriber_id: int, language: str) -> str:
    return in_edition(language, "newsletters:preferences", token=tokens.make_manage(subscriber_id))


def unsubscribe_url(*, token: str, language: str) -> str:
    """``token``: ``tokens.make_unsubscribe(...)``, which the email's mailto: address carries too."""
    return in_edition(language, "newsletters:unsubscribe", token=token)
