"""About, Contact, Privacy and the other flat pages, one per edition.

Each edition has its own copy of a page, edited in the admin like the rest:
``/en/about/``, ``/ps/about/``, ``/fa-af/about/`` (one ``FlatPage`` each; Django's flatpages
app stays as it is). A Pashto or Dari reader who asks for a page nobody has translated yet
gets a notice in their language with a link to the English page, never English text inside
right-to-left chrome. Pages made before the editions (``/about/``) still serve the English
edition, and their old addresses lead readers to their own edition's copy.
"""

from django.conf import settings
from django.contrib.flatpages.models import FlatPage
from django.contrib.flatpages.views import flatpage
from django.contrib.sites.shortcuts import get_current_site
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import render
from django.utils.translation import get_language

EDITIONS = [code for code, _name in settings.LANGUAGES]
ENGLISH = settings.LANGUAGE_CODE


def edition_path(path: str, language: str | None = None) -> str:
    """A page's address in an edition: ``/about/`` → ``/ps/about/`` (the active one by default)."""
    return f"/{language or get_language() or ENGLISH}{path}"


def split_edition(path: str) -> tuple[str | None, str]:
    """``/ps/about/`` → ("ps", "/about/"); an address outside the editions → (None, path)."""
    first, slash, rest = path.lstrip("/").partition("/")
    if slash and first in EDITIONS:
        return first, f"/{rest}"
    return None, path


def _pages(request, urls):
    found = FlatPage.objects.filter(url__in=urls, sites=get_current_site(request)).values_list("url", flat=True)
    return set(found)


def flat_page_response(request):
    """The response for a flat page address, or Http404 when the address is no page in any edition."""
    path = request.path_info
    language, page_path = split_edition(path)
    if language is None:
        # An old address (/about/) or a link without an edition: the reader's own edition's copy.
        candidates = [path, *(edition_path(path, code) for code in EDITIONS)]
        if _pages(request, candidates):
            return HttpResponseRedirect(edition_path(path))
        raise Http404("No flat page here")
    # The language switcher links this page in the other editions (editions.reader.switcher).
    request.edition_flat_page_path = page_path
    english_urls = [edition_path(page_path, ENGLISH), page_path]  # the English copy, or the old unprefixed one
    urls = [path, *english_urls]
    existing = _pages(request, urls)
    if path in existing:
        return flatpage(request, path)
    english = next((url for url in english_urls if url in existing), None)
    if english is None:
        raise Http404("No flat page here")
    if language == ENGLISH:
        return flatpage(request, english)
    return render(request, "flatpages/untranslated.html", {"english_url": edition_path(page_path, ENGLISH)})
