from django.conf import settings
from django.http import HttpResponseRedirect
from django.utils.cache import patch_vary_headers

from editions.codes import accepted_languages, edition_for
from editions.links import edition_home_url


def preferred_edition(request) -> str:
    """The reader's chosen edition (language cookie), else the first their browser asks for, else English."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if chosen and (edition := edition_for(chosen)):
        return edition
    for code in accepted_languages(request.headers.get("Accept-Language", "")):
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
