"""Editions in the request: the admin's language, and each edition's flat pages.

The admin in the editor's language only where Django's admin speaks it.
Django's admin has a Persian catalogue (Dari editors get a right-to-left admin
in their script) but none for Pashto: a Pashto browser would get English words
laid out right to left. Such editors get the admin in English instead.
"""

import gettext
from functools import cache
from pathlib import Path

import django.contrib.admin
from django.conf import settings
from django.http import Http404
from django.urls import reverse
from django.utils import translation

from editions.flatpages import flat_page_response

ADMIN_LOCALE_DIR = Path(django.contrib.admin.__file__).parent / "locale"


@cache
def admin_speaks(language: str) -> bool:
    return language == "en" or gettext.find("django", str(ADMIN_LOCALE_DIR), [translation.to_locale(language)]) is not None


class AdminLanguageMiddleware:
    """After LocaleMiddleware: in the admin, a language Django's admin lacks falls back to English."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith(reverse("admin:index")) and not admin_speaks(translation.get_language()):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)


class EditionFlatpageFallbackMiddleware:
    """Django's FlatpageFallbackMiddleware, with each edition's own copy of a page
    (editions.flatpages): a 404 whose address is a flat page in some edition becomes that page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if response.status_code != 404:
            return response
        try:
            return flat_page_response(request)
        except Http404:
            return response
        except Exception:
            # As Django's own fallback: a broken page lookup must not turn a 404 into a 500.
            if settings.DEBUG:
                raise
            return response
