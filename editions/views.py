from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header

from editions.links import edition_home_url

# Codes browsers send that Django would not match to an edition on its own:
# ISO 639-3 for Dari and the Pashto varieties.
LANGUAGE_ALIASES = {"prs": "fa-af", "pbt": "ps", "pbu": "ps", "pst": "ps"}


def edition_for(code: str) -> str | None:
    """The edition for one Accept-Language entry ("fa-AF", "ps", "prs", "fa-IR" ...), if any."""
    code = code.lower()
    code = LANGUAGE_ALIASES.get(code) or LANGUAGE_ALIASES.get(code.split("-")[0]) or code
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def preferred_edition(request) -> str:
    """The reader's chosen edition (language cookie), else the first their browser asks for, else English."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen and (edition := edition_for(chosen)):
        return edition
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        if code == "*":
            break
        if edition := edition_for(code):
            return edition
    return settings.LANGUAGE_CODE


def choose_edition(request):
    """``/``: send the reader to the home page of the edition they read."""
    target = edition_home_url(preferred_edition(request))
    if request.META.get("QUERY_STRING"):
        target = f"{target}?{request.META['QUERY_STRING']}"
    response = HttpResponseRedirect(target)
    patch_vary_headers(response, ("Accept-Language", "Cookie"))
    return response
