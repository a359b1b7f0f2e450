"""Which page of each edition corresponds to the page a reader is on.

An article and its translations form a family: the original (``translation_of``
empty) and every article that names it. Readers are only ever linked to the
members that ``Article.objects.published()`` lets them see.
"""

import functools

from django.conf import settings
from django.db.models import Q
from django.urls import get_urlconf, reverse, translate_url
from django.utils import translation

from articles.models import Article

EDITION_CODES = [code for code, _name in settings.LANGUAGES]
# hreflang takes BCP 47 tags, where the region is written in capitals.
HREFLANG = {"en": "en", "ps": "ps", "fa-af": "fa-AF"}


def original_of(article: Article) -> Article:
    """The root of an article's family (translations of translations lead back to it)."""
    seen = {article.pk}
    while article.translation_of_id and article.translation_of_id not in seen:
        seen.add(article.translation_of_id)
        article = article.translation_of
    return article


def family(article: Article):
    """The original and all its translations, as a queryset of articles."""
    root = original_of(article)
    return Article.objects.filter(Q(pk=root.pk) | Q(translation_of_id=root.pk))


def _root_id(article: Article) -> int:
    # Translations point straight at their original (editions.services links them so).
    return article.translation_of_id or article.pk


def _live_families(root_ids) -> dict[int, dict[str, Article]]:
    """{original's pk: {language: live article}} for these families, in one query."""
    families: dict[int, dict[str, Article]] = {root_id: {} for root_id in root_ids}
    members = (
        Article.objects.published()
        .filter(Q(pk__in=families) | Q(translation_of_id__in=families))
        .select_related("section")
        .defer("body")  # only their addresses are shown
        .order_by("-published_at", "-pk")
    )
    for member in members:
        families[_root_id(member)].setdefault(member.language, member)
    return families


def published_versions(article: Article) -> dict[str, Article]:
    """The live article for each edition in this article's family, at most one per language.

    The page's own article wins its language; otherwise the most recently published.
    One query, remembered on the article: the switcher and the hreflang links both ask; none
    for an article read with ``has_translations`` (the article page) that has none.
    """
    cached = getattr(article, "_edition_versions", None)
    if cached is not None:
        return cached
    if article.translation_of_id is None and getattr(article, "has_translations", None) is False:
        versions = {}  # a lone original (the article page says so): nothing to ask
    else:
        versions = _live_families([_root_id(article)])[_root_id(article)]
    if article.is_published:
        versions[article.language] = article
    article._edition_versions = versions
    return versions


def article_url(article: Article) -> str:
    """An article's address in its own edition, whatever language the page around it is in."""
    with translation.override(article.language):
        return article.get_absolute_url()


def edition_home_url(language: str) -> str:
    with translation.override(language):
        return reverse("articles:home")


def path_in_edition(path: str, language: str) -> str:
    """The same page (section, tag, author, ...) in another edition, or that edition's home."""
    return _path_in_edition(path, language, translation.get_language(), get_urlconf() or settings.ROOT_URLCONF)


@functools.lru_cache(maxsize=4096)
def _path_in_edition(path: str, language: str, active_language: str, urlconf: str) -> str:
    # A function of the URL patterns and the active edition (translate_url resolves in it),
    # asked for every edition on every list page (switcher, hreflang): remembered, bounded.
    translated = translate_url(path, language)
    if translated != path:
        return translated
    # translate_url gives the path back when it cannot resolve it in the other edition.
    return path if path.startswith(f"/{language}/") else edition_home_url(language)


def _alternates(versions: dict[str, Article], root_id: int) -> dict[str, str]:
    if not versions:
        return {}
    links = {code: article_url(versions[code]) for code in EDITION_CODES if code in versions}
    root = next((version for version in versions.values() if version.pk == root_id), None)
    default = root or versions.get("en") or versions[next(code for code in EDITION_CODES if code in versions)]
    links["x-default"] = article_url(default)
    return links


def article_alternates(article: Article) -> dict[str, str]:
    """{language: path} for every live version of an article, plus "x-default": the original if
    live, else the English version, else the first edition that has it. Every member of the
    family gets the same set, so the alternates are reciprocal."""
    return _alternates(published_versions(article), _root_id(article))


def alternates_for_articles(articles) -> dict[int, dict[str, str]]:
    """``article_alternates`` for many articles at once (a sitemap page), in one query.
    Articles that have no live translation get no entry: a lone page needs no alternates."""
    articles = list(articles)
    families = _live_families({_root_id(article) for article in articles})
    result = {}
    for article in articles:
        versions = dict(families[_root_id(article)])
        versions[article.language] = article
        if len(versions) > 1:
            result[article.pk] = _alternates(versions, _root_id(article))
    return result
