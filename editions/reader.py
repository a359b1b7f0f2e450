"""What the reader templates show about editions: the switcher, a story's translations and the
hreflang alternates. Each is data for its Jinja2 template (newsroom/jinja2.py names them).

An article page passes its article; any other page is a listing that exists in every edition.
"""

from django.conf import settings
from django.utils import translation

from articles.models import Article
from editions import links
from editions.flatpages import edition_path

# Listings whose x-default is the page that picks an edition for the reader.
HOME_URL_NAMES = {"articles:home"}


def _page_article(article) -> Article | None:
    return article if isinstance(article, Article) and article.pk else None


def _is_edition_page(request) -> bool:
    """True for pages under a language prefix (the reader website), not the admin or errors."""
    match = getattr(request, "resolver_match", None)
    return bool(match) and request.path_info.startswith(f"/{translation.get_language()}/")


def _edition(code: str, url: str, **extra) -> dict:
    info = translation.get_language_info(code)
    return {
        "code": code,
        "hreflang": links.HREFLANG.get(code, code),
        "name": info["name_local"],
        "dir": "rtl" if info["bidi"] else "ltr",
        "url": url,
        **extra,
    }


def _same_list_elsewhere(request, code: str) -> str:
    """A listing in another edition, keeping what the reader asked for (a search, its filters)
    but not the page number: the other edition's list has other pages."""
    url = links.path_in_edition(request.path, code)
    kept = request.GET.copy()
    kept.pop("page", None)
    return f"{url}?{kept.urlencode()}" if kept and url != links.edition_home_url(code) else url


def switcher(request, article=None) -> list[dict]:
    """Links to this page in the other editions: an article's translation if one is live,
    else that edition's home page; a listing's own counterpart."""
    current = translation.get_language()
    article = _page_article(article)
    versions = links.published_versions(article) if article else {}
    editions = []
    for code, _name in settings.LANGUAGES:
        if article is None:
            # A flat page (About, ...) is in every edition too: as itself, or a "not translated" notice.
            flat_page_path = getattr(request, "edition_flat_page_path", None)
            on_list = request is not None and _is_edition_page(request)
            if flat_page_path:
                url = edition_path(flat_page_path, code)
            else:
                url = _same_list_elsewhere(request, code) if on_list else links.edition_home_url(code)
            is_translation = False
        elif code in versions:
            url, is_translation = links.article_url(versions[code]), True
        else:
            url, is_translation = links.edition_home_url(code), False
        missing = article is not None and code != current and not is_translation
        editions.append(_edition(code, url, current=code == current, missing_translation=missing))
    return editions


def translations(article) -> list[dict]:
    """"This story in other languages: پښتو · دری", the article's live translations."""
    versions = links.published_versions(article)
    return [
        _edition(code, links.article_url(versions[code]))
        for code, _name in settings.LANGUAGES
        if code in versions and code != article.language
    ]


def hreflang_alternates(request, article=None) -> list[tuple[str, str]]:
    """(hreflang, absolute URL) for each edition's version of this page, plus x-default.

    The same set is printed on every version, so the alternates are reciprocal."""
    if request is None or not _is_edition_page(request):
        return []
    article = _page_article(article)
    if article is not None:
        alternates = links.article_alternates(article)
    else:
        alternates = {code: links.path_in_edition(request.path, code) for code, _name in settings.LANGUAGES}
        on_home = request.resolver_match.view_name in HOME_URL_NAMES
        alternates["x-default"] = "/" if on_home else alternates[settings.LANGUAGE_CODE]
    return [(links.HREFLANG.get(code, code), request.build_absolute_uri(path)) for code, path in alternates.items()]
