"""Where an article lives: one canonical address, in its own language's edition.

Reader URLs carry a language prefix (/en/, /ps/, /fa-af/), and every edition can
show every article; feeds, sitemaps and canonical tags all name the edition of
the article's own language, so search engines see one address per story.
"""

import re
from urllib.parse import quote

from django.contrib.sites.shortcuts import get_current_site
from django.utils import translation
from django.utils.http import RFC3986_SUBDELIMS

from articles.models import Article, Section
from security.onion import is_onion_request, onion_host

_SECTION, _PK, _SLUG = "section-slot", "987654321", "slug-slot"
_SLOTS = re.compile(f"{_SECTION}|{_PK}|{_SLUG}")


def article_path(article) -> str:
    with translation.override(article.language):
        return article.get_absolute_url()


class ArticlePaths:
    """``article_path`` of many articles with one URL reversal per language, not one per
    article (a sitemap page lists 5,000): each edition's address of a stand-in article,
    its section slug, id and slug replaced by the article's, quoted as ``reverse()`` quotes."""

    def __init__(self):
        self.templates = {}

    def __call__(self, article) -> str:
        template = self.templates.get(article.language)
        if template is None:
            stand_in = Article(pk=int(_PK), slug=_SLUG, language=article.language, section=Section(slug=_SECTION))
            template = self.templates[article.language] = article_path(stand_in)
        values = {_SECTION: article.section.slug, _PK: str(article.pk), _SLUG: article.slug}
        return _SLOTS.sub(lambda slot: quote(values[slot.group()], safe=RFC3986_SUBDELIMS + "/~:@"), template)


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
