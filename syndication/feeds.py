"""RSS 2.0 and Atom feeds: the whole site, and per section, tag, author and language.

Django's syndication framework as documented: ``items()`` is the newest
``Article.objects.published()``, one query, with their bylines and tags in
one query each. Each entry carries the standfirst as its summary, the full, already
sanitised body (``content:encoded`` in RSS, ``content`` in Atom), the byline,
the section and tags as categories, and dates.

Every link is absolute on ``public_root`` (syndication/links.py): the Sites framework's domain,
or the onion address for a reader who came through it. Django's ``Feed`` prefixes only links
that are not absolute yet, so feeds name that root themselves, through the documented hooks:
``get_object`` (the one that sees the request) returns a ``Subject``, the thing the feed is
about and the root, and ``link``, ``feed_url`` and the items' links read it.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleTag, Author, Language, Section
from articles.public import author_is_public, tag_is_public
from articles.selectors import NEWEST_BYLINED_FIRST, NEWEST_FIRST, NEWEST_TAGGED_FIRST
from articles.tags import tag_display_name
from editions.names import newsroom_name
from photos.body import feed_body
from syndication.links import article_path, public_root
from syndication.text import xml_safe

# Full text of the newest 20 (WordPress sends 10, Ghost 15): a reader polling hourly misses
# nothing, and each poll is ~135 KB, not the ~200 KB of 30, on a phone's metered connection.
FEED_LENGTH = 20


class ArticlesLanguage:
    """A feed generator whose ``<language>`` (Atom: ``xml:lang``) is the articles' language
    (``ArticleFeed.articles_language``), not the edition's the feed was asked from; none for
    a feed of every language, which has no one language to name."""

    def __init__(self, *args, articles_language=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.feed["language"] = articles_language


class RssWithContent(ArticlesLanguage, Rss201rev2Feed):
    """RSS 2.0 with each article's full text in ``content:encoded`` (the RSS content module)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(ArticlesLanguage, Atom1Feed):
    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        handler.addQuickElement("content", item["content_html"], {"type": "html"})


@dataclass(frozen=True)
class Subject:
    """What a feed is about (a section, tag, author, language; None for the whole site), and the
    scheme and host its links name."""

    of: object
    root: str
    path: str


class ArticleFeed(Feed):
    """The whole site's latest articles; subclasses narrow ``articles`` and name their ``subject``."""

    feed_type = RssWithContent
    # As on the reader lists (articles.selectors): tag and author feeds read their links' copy of the time.
    newest_first = NEWEST_FIRST

    def get_object(self, request, *args, **kwargs):
        return Subject(of=self.subject(request, *args, **kwargs), root=public_root(request), path=request.path)

    def subject(self, request, *args, **kwargs):
        return None

    def feed_url(self, obj):
        return obj.root + obj.path

    def link(self, obj):
        return obj.root + self.path(obj.of)

    def path(self, of):
        return reverse("articles:home")

    def title(self, obj):
        return newsroom_name()

    def description_text(self, obj):
        return _("The latest articles from %(name)s.") % {"name": newsroom_name()}

    def description(self, obj):
        # Readers render RSS's channel description as HTML; section descriptions and bios are text.
        return escape(xml_safe(self.description_text(obj)))

    def subtitle(self, obj):
        # Atom's subtitle is a text construct: no escaping of our own.
        return xml_safe(self.description_text(obj))

    def author_name(self, obj):
        return newsroom_name()

    def articles(self, obj):
        return Article.objects.published()

    def articles_language(self, obj) -> str | None:
        """The language every listed article is in; None: the site feed lists every edition's."""
        return None

    def feed_extra_kwargs(self, obj):
        return {"articles_language": self.articles_language(obj)}

    def items(self, obj):
        articles = list(
            self.articles(obj)
            .select_related("section")
            .prefetch_related(Prefetch("article_authors", ArticleAuthor.objects.select_related("author")))
            .order_by(*self.newest_first)[:FEED_LENGTH]
        )
        # taggit's own prefetch builds a queryset per article (a millisecond each): its links instead.
        links = list(ArticleTag.objects.filter(content_object__in=[article.pk for article in articles]).select_related("tag"))
        if any(article.language != Language.ENGLISH for article in articles):
            # Each story's tags as its edition names them: their Pashto and Dari names, one query.
            prefetch_related_objects([link.tag for link in links], "translated_names")
        language_of = {article.pk: article.language for article in articles}
        tag_names = defaultdict(list)
        for link in links:
            tag_names[link.content_object_id].append(tag_display_name(link.tag, language_of[link.content_object_id]))
        for article in articles:
            article.tag_names = sorted(tag_names[article.pk])
            article.canonical_url = obj.root + article_path(article)
            article.feed_root = obj.root
        return articles

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Readers treat the summary as HTML; the standfirst is plain text.
        return escape(xml_safe(item.standfirst))

    def item_link(self, item):
        return item.canonical_url

    def item_author_name(self, item):
        return xml_safe(", ".join(author.name for author in item.ordered_authors)) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return max(item.updated_at, item.published_at)

    def item_categories(self, item):
        return [xml_safe(name) for name in (item.section.name, *item.tag_names)]

    def item_extra_kwargs(self, item):
        # The body was sanitised on save (articles.sanitize); feed readers get the same HTML, with
        # the editor's photo and embed references drawn as plain images and links.
        def absolute(url):  # a photo's address: storage may give a full one (S3) or a path
            return url if url.startswith(("http://", "https://")) else item.feed_root + url

        return {"content_html": xml_safe(feed_body(item.body, absolute=absolute))}


class EditionFeed(ArticleFeed):
    """A feed of the edition it is asked from: that edition's language only."""

    def articles_language(self, obj):
        return get_language()

    def articles(self, obj):
        return super().articles(obj).filter(language=self.articles_language(obj))


class SectionFeed(EditionFeed):
    def subject(self, request, slug):
        return get_object_or_404(Section, slug=slug)

    def title(self, obj):
        return f"{newsroom_name()}: {obj.of.name}"

    def path(self, of):
        return of.get_absolute_url()

    def description_text(self, obj):
        return obj.of.description or self.title(obj)

    def articles(self, obj):
        return super().articles(obj).filter(section=obj.of)


class TagFeed(EditionFeed):
    newest_first = NEWEST_TAGGED_FIRST

    def subject(self, request, slug):
        return get_object_or_404(Tag, slug=slug)

    def items(self, obj):
        listed = super().items(obj)
        # As the tag page: a listed article proves the tag public; only an empty feed asks.
        if not listed and not tag_is_public(obj.of):
            raise Http404("No published article has this tag")
        return listed

    def title(self, obj):
        return f"{newsroom_name()}: {tag_display_name(obj.of, get_language())}"

    def path(self, of):
        return reverse("articles:tag", kwargs={"slug": of.slug})

    def description_text(self, obj):
        return self.title(obj)

    def articles(self, obj):
        return super().articles(obj).filter(tagged_items__tag=obj.of)


class AuthorFeed(EditionFeed):
    newest_first = NEWEST_BYLINED_FIRST

    def subject(self, request, slug):
        return get_object_or_404(Author, slug=slug)

    def items(self, obj):
        listed = super().items(obj)
        if not listed and not author_is_public(obj.of):  # as the author page and TagFeed
            raise Http404("No published article has this author")
        return listed

    def title(self, obj):
        return f"{newsroom_name()}: {obj.of.name}"

    def path(self, of):
        return of.get_absolute_url()

    def description_text(self, obj):
        return obj.of.bio or self.title(obj)

    def articles(self, obj):
        return super().articles(obj).filter(article_authors__author=obj.of)


class LanguageFeed(ArticleFeed):
    def subject(self, request, language):
        if language not in Language.values:
            raise Http404("No such language")
        return language

    def title(self, obj):
        return f"{newsroom_name()} ({Language(obj.of).label})"

    def articles_language(self, obj):
        return obj.of

    def articles(self, obj):
        return super().articles(obj).filter(language=obj.of)


def atom(feed_class):
    """The Atom twin of an RSS feed class: same items and texts."""
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": AtomWithContent})
