"""Schema.org JSON-LD for articles: NewsArticle and its BreadcrumbList.

``json_ld`` escapes <, > and & as JSON unicode escapes (what Django's
json_script does), so no headline can close the <script> element early.
"""

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.urls import reverse
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from articles.tags import tag_display_name
from editions.names import newsroom_name

# Apps above syndication extend an article's schema from their AppConfig.ready():
# ``hook(article, data, *, url, absolute)`` returns the data to use (a live blog makes its
# NewsArticle a LiveBlogPosting). They run in order on every article page.
article_schema_hooks: list = []

_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def json_ld(data: dict) -> SafeString:
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, separators=(",", ":"))
    return mark_safe(text.translate(_ESCAPES))  # noqa: S308 - markup characters are escaped above


def _image_object(image: dict) -> dict:
    # Photos uploaded before sizes were recorded have no width or height; say nothing rather than null.
    fields = {key: image.get(key) for key in ("url", "width", "height")}
    return {"@type": "ImageObject", **{key: value for key, value in fields.items() if value}}


def news_article(article, *, url: str, image: dict, logo: dict, absolute) -> dict:
    """``absolute`` turns a path into a full URL; ``image`` and ``logo`` hold url, width, height."""
    authors = [
        {"@type": "Person", "name": author.name, "url": absolute(author.get_absolute_url())}
        for author in article.ordered_authors
    ]
    publisher = {
        "@type": "NewsMediaOrganization",
        "name": newsroom_name(),
        "url": absolute(reverse("articles:home")),
        "logo": _image_object(logo),
    }
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "mainEntityOfPage": {"@type": "WebPage", "@id": url},
        "url": url,
        "headline": article.title[:110],
        "description": article.standfirst,
        "datePublished": article.published_at,
        "dateModified": max(article.updated_at, article.published_at) if article.published_at else article.updated_at,
        "author": authors or [{"@type": "Organization", "name": newsroom_name()}],
        "publisher": publisher,
        "image": [_image_object(image)],
        "inLanguage": article.language,
        "articleSection": article.section.name,
        "keywords": [tag_display_name(tag, get_language()) for tag in article.tags.all()],
    }
    for hook in article_schema_hooks:
        data = hook(article, data, url=url, absolute=absolute)
    return data


def breadcrumbs(article, *, url: str, absolute) -> dict:
    trail = [
        (newsroom_name(), absolute(reverse("articles:home"))),
        (article.section.name, absolute(article.section.get_absolute_url())),
        (article.title, url),
    ]
    return {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {"@type": "ListItem", "position": position, "name": name, "item": item}
            for position, (name, item) in enumerate(trail, start=1)
        ],
    }
