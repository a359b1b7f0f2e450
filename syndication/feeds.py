"""RSS 2.0 and Atom feeds: the whole site, and per section, tag, author and language.

Only ``Article.objects.published()``; each entry carries the standfirst as its
summary and the full, already sanitised body (``content:encoded`` in RSS,
``content`` in Atom), the byline, the section and tags as categories, and dates.
"""

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from articles.models import Article, ArticleAuthor, Author, Language, Section
from articles.public import public_tag_or_404
from syndication.links import article_path
from syndication.text import xml_safe

FEED_LENGTH = 30


class RssWithContent(Rss201rev2Feed):
    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


class ArticleFeed(Feed):
    """The whole site's latest articles; subclasses narrow ``filter_articles``."""

    feed_type = RssWithContent

    def get_object(self, request, *args, **kwargs):
        return None

    def title(self, obj):
        return settings.NEWSROOM_NAME

    def link(self, obj):
        return reverse("articles:home")

    def description_text(self, obj):
        return _("The latest articles from %(name)s.") % {"name": settings.NEWSROOM_NAME}

    def description(self, obj):
        # Readers render RSS's channel description as HTML; section descriptions and bios are text.
        return escape(xml_safe(self.description_text(obj)))

    def subtitle(self, obj):
        # Atom's subtitle is a text construct: no escaping of our own.
        return xml_safe(self.description_text(obj))

    def author_name(self, obj):
        return settings.NEWSROOM_NAME

    def filter_articles(self, articles, obj):
        return articles

    def items(self, obj):
        bylines = Prefetch("article_authors", queryset=ArticleAuthor.objects.select_related("author"))
        articles = Article.objects.published().select_related("section").prefetch_related("tags", bylines)
        return self.filter_articles(articles, obj)[:FEED_LENGTH]

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Readers treat the summary as HTML; the standfirst is plain text.
        return escape(xml_safe(item.standfirst))

    def item_link(self, item):
        return article_path(item)

    def item_author_name(self, item):
        return xml_safe(", ".join(author.name for author in item.ordered_authors)) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [xml_safe(name) for name in (item.section.name, *(tag.name for tag in item.tags.all()))]

    def item_extra_kwargs(self, item):
        # The body was sanitised on save (articles.sanitize); feed readers get the same HTML.
        return {"content_html": xml_safe(item.body)}


class SectionFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description_text(self, obj):
        return obj.description or self.title(obj)

    def filter_articles(self, articles, obj):
        return articles.filter(section=obj)


class TagFeed(ArticleFeed):
    def get_object(self, request, slug):
        return public_tag_or_404(slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return reverse("articles:tag", kwargs={"slug": obj.slug})

    def description_text(self, obj):
        return self.title(obj)

    def filter_articles(self, articles, obj):
        return articles.filter(tags=obj)


class AuthorFeed(ArticleFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME}: {obj.name}"

    def link(self, obj):
        return obj.get_absolute_url()

    def description_text(self, obj):
        return obj.bio or self.title(obj)

    def filter_articles(self, articles, obj):
        return articles.filter(authors=obj)


class LanguageFeed(ArticleFeed):
    def get_object(self, request, language):
        if language not in Language.values:
            raise Http404("No such language")
        return language

    def title(self, obj):
        return f"{settings.NEWSROOM_NAME} ({Language(obj).label})"

    def get_feed(self, obj, request):
        feed = super().get_feed(obj, request)
        feed.feed["language"] = obj  # not the edition's language: the articles'
        return feed

    def filter_articles(self, articles, obj):
        return articles.filter(language=obj)


def atom(feed_class):
    """The Atom twin of an RSS feed class: same items and texts."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": AtomWithContent})
