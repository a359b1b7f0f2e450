"""Links between the full reader site and the lite edition.

A lite address is the full one with ``lite/`` after the edition: ``/ps/politics/12-x/`` and
``/ps/lite/politics/12-x/``. Home, section, article and search pages have a lite twin; other
pages (tags, authors, About, ...) link to their edition's lite home instead.
"""

from django.conf import settings
from django.urls import NoReverseMatch, get_script_prefix, reverse

from syndication.links import article_path

LITE = "lite/"
# Full page → its lite twin (URL names); article_translations and the rest have none.
TWINS = {
    "articles:home": "lite:home",
    "articles:section": "lite:section",
    "articles:detail": "lite:detail",
    "articles:detail_by_id": "lite:detail_by_id",
    "search:results": "lite:search",
}
LITE_PAGES = set(TWINS.values())


def _split(path: str) -> tuple[str, str] | None:
    """(``/ps/``, rest) for a path in an edition, or None."""
    script = get_script_prefix()
    for code, _name in settings.LANGUAGES:
        prefix = f"{script}{code}/"
        if path.startswith(prefix):
            return prefix, path[len(prefix):]
    return None


def lite_url(path: str) -> str:
    """The lite address of a full page's path (a path already lite stays as it is)."""
    parts = _split(path)
    if parts is None:
        return path
    prefix, rest = parts
    return path if rest.startswith(LITE) else f"{prefix}{LITE}{rest}"


def full_url(path: str) -> str:
    """The full site's address of a lite page's path."""
    parts = _split(path)
    if parts is None:
        return path
    prefix, rest = parts
    return f"{prefix}{rest.removeprefix(LITE)}"


def _with_query(request, path: str) -> str:
    query = request.GET.urlencode()
    return f"{path}?{query}" if query else path


def _view_name(request) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match else ""


def lite_twin(request) -> str:
    """This full page's lite twin (with its query: a search, a page number), or "" if it has none."""
    if request is None or _view_name(request) not in TWINS:
        return ""
    return _with_query(request, lite_url(request.path))


def lite_home(request=None) -> str:
    """Where the full site's "Lite version" link goes: the twin, else this edition's lite home
    ("" where the URLconf has no lite edition, as a test's trimmed one)."""
    try:
        return lite_twin(request) or reverse("lite:home")
    except NoReverseMatch:
        return ""


def full_twin(request) -> str:
    """A lite page's full twin (with its query)."""
    if request is None or _view_name(request) not in LITE_PAGES:
        return ""
    return _with_query(request, full_url(request.path))


def canonical_url(request, article=None) -> str:
    """The full page a lite page stands for: an article's address in its own language's edition
    (as the full page's rel=canonical), a listing's full twin."""
    if article is not None and getattr(article, "pk", None):
        return request.build_absolute_uri(article_path(article))
    page = request.GET.get("page", "")
    path = full_url(request.path)
    return request.build_absolute_uri(path + (f"?page={page}" if page.isdigit() and page != "1" else ""))


def small_hero(article):
    """The hero's narrowest copy as (url, width), for a link a reader may choose to open; None without a hero."""
    from articles.renditions import stored_renditions

    if not article.hero_image:
        return None
    renditions = stored_renditions(article)
    if renditions:
        return renditions[0].file.url, renditions[0].width
    return article.hero_image.url, article.hero_width or 0
