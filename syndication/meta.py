"""Head metadata for reader pages: ``page_meta(...)`` in the base template,
``article_meta(...)`` on an article page (instead of page_meta); both are data for
syndication/jinja2/syndication/meta.html.

Both emit the canonical URL, meta description, OpenGraph and Twitter card tags
and the <link rel="alternate"> feeds; articles add JSON-LD NewsArticle and
BreadcrumbList (data blocks: a strict CSP without 'unsafe-inline' allows them,
so they carry no nonce and cached pages stay nonce-free). The meta description
itself comes from base.html's ``description`` block. Canonical URLs use the request's host (checked against
ALLOWED_HOSTS); feeds and sitemaps use the Sites framework's domain.
"""

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils.text import Truncator
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from articles.models import Language
from articles.tags import tag_display_name
from editions.names import newsroom_name
from syndication import share_image, structured_data
from syndication.links import article_path

DESCRIPTION_WORDS = 50
# Apps above syndication name an article's own feeds from their AppConfig.ready():
# ``hook(article)`` returns feed links ({"type", "title", "href"}), listed first in its head.
article_feed_hooks: list = []
OG_LOCALES = {"en": "en_GB", "ps": "ps_AF", "fa-af": "fa_AF"}


def _feed_links(*, label: str, name: str, **kwargs) -> list[dict]:
    try:
        return [
            {"type": "application/rss+xml", "title": f"{label} (RSS)", "href": reverse(f"feeds:{name}-rss", kwargs=kwargs)},
            {"type": "application/atom+xml", "title": f"{label} (Atom)", "href": reverse(f"feeds:{name}-atom", kwargs=kwargs)},
        ]
    except NoReverseMatch:  # e.g. a tag whose slug the URL pattern cannot carry
        return []


def _site_feeds() -> list[dict]:
    """This edition's own feed first (feed readers subscribe to the first one a page names, and
    a reader of the Pashto edition wants Pashto), then every language's."""
    language, site_name = get_language(), newsroom_name()
    own = []
    if language in Language.values:
        own = _feed_links(label=f"{site_name}: {Language(language).label}", name="language", language=language)
    return own + _feed_links(label=site_name, name="site")


def _absolute(request, url: str) -> str:
    # An empty URL (image store down) must stay empty, not become this page's URL.
    return request.build_absolute_uri(url) if url else ""


def _description(text: str) -> str:
    return Truncator(" ".join((text or "").split())).words(DESCRIPTION_WORDS)


def _base(request, *, title, description, url, image, kind, feeds):
    language = get_language() or settings.LANGUAGE_CODE
    return {
        "request": request,
        "site_name": newsroom_name(),
        "title": title,
        "description": description,
        "canonical": url,
        "image": image,
        "og_type": kind,
        "og_locale": OG_LOCALES.get(language, "en_GB"),
        "feeds": feeds,
    }


def page_meta(request, *, section=None, author=None, tag=None, title="", description="") -> dict:
    """Metadata for a list or flat page; section, author and tag pages add their own feed."""
    if request is None:  # error pages rendered without a request
        return {}
    feeds = []
    heading = ""
    if section:
        heading, description = section.name, description or section.description
        feeds = _feed_links(label=section.name, name="section", slug=section.slug)
    elif author:
        heading, description = author.name, description or author.bio
        feeds = _feed_links(label=author.name, name="author", slug=author.slug)
    elif tag:
        heading = tag_display_name(tag, get_language())
        feeds = _feed_links(label=heading, name="tag", slug=tag.slug)
    title = title or (f"{heading} · {newsroom_name()}" if heading else newsroom_name())
    description = description or _("News from Afghanistan in English, Pashto and Dari, from %(name)s.") % {
        "name": newsroom_name()
    }
    page = request.GET.get("page", "")
    url = request.build_absolute_uri(request.path + (f"?page={page}" if page.isdigit() and page != "1" else ""))
    image = {
        "url": _absolute(request, share_image.site_share_image_url()),
        "width": share_image.WIDTH,
        "height": share_image.HEIGHT,
        "alt": newsroom_name(),
    }
    return _base(
        request, title=title, description=_description(description), url=url, image=image, kind="website",
        feeds=feeds + _site_feeds(),
    )


def article_image(request, article) -> dict:
    """The hero photo cropped to the card's shape around its focal point if there is one, else
    the generated headline card. A preview (or a crop that cannot be made) shows the photo whole."""
    if article.hero_image:
        cropped = share_image.article_photo_share_image_url(article)
        if cropped:
            return {
                "url": _absolute(request, cropped),
                "width": share_image.WIDTH,
                "height": share_image.HEIGHT,
                "alt": article.hero_alt or article.title,
            }
        return {
            "url": request.build_absolute_uri(article.hero_image.url),
            "width": article.hero_width,
            "height": article.hero_height,
            "alt": article.hero_alt or article.title,
        }
    return {
        "url": _absolute(request, share_image.article_share_image_url(article)),
        "width": share_image.WIDTH,
        "height": share_image.HEIGHT,
        "alt": article.title,
    }


def article_meta(request, article) -> dict:
    if request is None:
        return {}
    url = request.build_absolute_uri(article_path(article))
    image = article_image(request, article)
    logo = {
        "url": _absolute(request, share_image.logo_url()),
        "width": share_image.LOGO_WIDTH,
        "height": share_image.LOGO_HEIGHT,
    }
    data = _base(
        request,
        title=article.title,
        description=_description(article.standfirst) or _description(article.title),
        url=url,
        image=image,
        kind="article",
        feeds=[link for hook in article_feed_hooks for link in hook(article)]
        + _feed_links(label=article.section.name, name="section", slug=article.section.slug) + _site_feeds(),
    )
    tags = [tag_display_name(tag, get_language()) for tag in article.tags.all()]
    data.update(
        article=article,
        tags=tags,
        modified_at=max(article.updated_at, article.published_at) if article.published_at else article.updated_at,
        json_ld=[
            structured_data.json_ld(
                structured_data.news_article(article, url=url, image=image, logo=logo, absolute=request.build_absolute_uri)
            ),
            structured_data.json_ld(structured_data.breadcrumbs(article, url=url, absolute=request.build_absolute_uri)),
        ],
    )
    return data
