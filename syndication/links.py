"""Where an article lives: one canonical address, in its own language's edition.

Reader URLs carry a language prefix (/en/, /ps/, /fa-af/), and every edition can
show every article; feeds, sitemaps and canonical tags all name the edition of
the article's own language, so search engines see one address per story.
"""

from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation

from security.onion import is_onion_request, onion_host


def article_path(article) -> str:
    """The story's address in its own edition, whichever edition is drawing the page
    (``Article.get_absolute_url`` fills in a pattern reversed once per edition)."""
    with translation.override(article.language):
        return article.get_absolute_url()


def public_root(request) -> str:
    """Scheme and host of the absolute links in feeds and sitemaps: the Sites framework's domain,
    or the onion address for a request that came through it (security.onion), so a reader there
    is never sent back to the normal domain."""
    if is_onion_request(request):
        return f"http://{onion_host()}"
    return f"{request.scheme}://{get_current_site(request).domain}"


def on_public_host(url: str, request) -> str:
    """An absolute URL that Django's feeds or sitemaps built on the Sites framework's domain,
    moved to ``public_root`` (unchanged off the onion host)."""
    site_root = f"{request.scheme}://{get_current_site(request).domain}"
    root = public_root(request)
    if root != site_root and url.startswith(site_root) and url[len(site_root):][:1] in ("", "/"):
        return root + url[len(site_root):]
    return url
