"""Reader-side tags: ``{% load editions %}``.

``{% language_switcher %}`` and ``{% hreflang_alternates %}`` find the page's
article in the context (``article``) or else treat the page as a listing that
exists in every edition. Filters write dates and numbers for the reader's edition.
"""

from django import template
from django.conf import settings
from django.utils import translation
from django.utils.html import format_html, format_html_join

from articles.models import Article
from editions import formatting, links

register = template.Library()

# Listings whose x-default is the page that picks an edition for the reader.
HOME_URL_NAMES = {"articles:home"}


def _page_article(context) -> Article | None:
    article = context.get("article")
    return article if isinstance(article, Article) and article.pk else None


def _is_edition_page(request) -> bool:
    """True for pages under a language prefix (the reader website), not the admin or errors."""
    match = getattr(request, "resolver_match", None)
    return bool(match) and request.path_info.startswith(f"/{translation.get_language()}/")


def _local_name(code: str) -> str:
    return translation.get_language_info(code)["name_local"]


def _same_list_elsewhere(request, code: str) -> str:
    """A listing in another edition, keeping what the reader asked for (a search, its filters)
    but not the page number: the other edition's list has other pages."""
    url = links.path_in_edition(request.path, code)
    kept = request.GET.copy()
    kept.pop("page", None)
    return f"{url}?{kept.urlencode()}" if kept and url != links.edition_home_url(code) else url


@register.inclusion_tag("editions/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other editions: an article's translation if one is live,
    else that edition's home page; a listing's own counterpart."""
    request = context.get("request")
    current = translation.get_language()
    article = _page_article(context)
    versions = links.published_versions(article) if article else {}
    editions = []
    for code, _name in settings.LANGUAGES:
        if article is None:
            url = _same_list_elsewhere(request, code) if request and _is_edition_page(request) else links.edition_home_url(code)
            is_translation = False
        elif code in versions:
            url, is_translation = links.article_url(versions[code]), True
        else:
            url, is_translation = links.edition_home_url(code), False
        editions.append(
            {
                "code": code,
                "hreflang": links.HREFLANG.get(code, code),
                "name": _local_name(code),
                "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
                "url": url,
                "current": code == current,
                "missing_translation": article is not None and code != current and not is_translation,
            }
        )
    return {"editions": editions, "on_article": article is not None}


@register.inclusion_tag("editions/article_translations.html")
def article_translations(article):
    """"This story in other languages: پښتو · دری", linking the article's live translations."""
    versions = links.published_versions(article)
    return {
        "versions": [
            {
                "code": code,
                "hreflang": links.HREFLANG.get(code, code),
                "name": _local_name(code),
                "dir": "rtl" if translation.get_language_info(code)["bidi"] else "ltr",
                "url": links.article_url(versions[code]),
            }
            for code, _name in settings.LANGUAGES
            if code in versions and code != article.language
        ]
    }


@register.simple_tag(takes_context=True)
def hreflang_alternates(context):
    """``<link rel="alternate" hreflang=...>`` for each edition's version of this page, plus x-default.

    The same set is printed on every version, so the alternates are reciprocal."""
    request = context.get("request")
    if request is None or not _is_edition_page(request) or "request_path" in context:
        return ""  # no request, not a reader page, or Django's 404 page (which sets request_path)
    article = _page_article(context)
    if article is not None:
        alternates = links.article_alternates(article)
    else:
        alternates = {code: links.path_in_edition(request.path, code) for code, _name in settings.LANGUAGES}
        on_home = request.resolver_match.view_name in HOME_URL_NAMES
        alternates["x-default"] = "/" if on_home else alternates[settings.LANGUAGE_CODE]
    return format_html_join(
        "\n",
        '<link rel="alternate" hreflang="{}" href="{}">',
        ((links.HREFLANG.get(code, code), request.build_absolute_uri(path)) for code, path in alternates.items()),
    )


@register.filter
def edition_date(value):
    """"28 November 2026"; in Pashto and Dari the Solar Hijri date first, the Gregorian beside it."""
    return formatting.edition_date(value) if value else ""


@register.filter
def edition_datetime(value):
    """The date line and the readers' (Kabul) clock time, for the article page."""
    return formatting.edition_datetime(value) if value else ""


@register.filter
def edition_short_date(value):
    """Story cards: "28 Nov 2026", or the Solar Hijri date alone in Pashto and Dari."""
    return formatting.edition_short_date(value) if value else ""


@register.filter
def gregorian_date(value):
    return formatting.gregorian_date(value) if value else ""


@register.filter
def solar_hijri_date(value):
    return formatting.solar_hijri_date(value) if value else ""


@register.filter
def edition_number(value, decimals=None):
    """12,500 in English; ۱۲٬۵۰۰ in Pashto and Dari (Western digits if NEWSROOM_EASTERN_DIGITS is off)."""
    try:
        return formatting.number(value, decimals=None if decimals in (None, "") else int(decimals))
    except (ValueError, TypeError):
        return value


@register.filter(is_safe=True)
def edition_digits(value):
    """Every digit in a text in the edition's digits: "Page 2 of 9" → "Page ۲ of ۹"."""
    return formatting.digits(value)


@register.simple_tag
def edition_time(value):
    """A ``<time>`` element with the machine-readable moment and the edition's date line."""
    if not value:
        return ""
    return format_html('<time datetime="{}">{}</time>', value.isoformat(), formatting.edition_date(value))
