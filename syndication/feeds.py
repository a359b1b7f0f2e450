"""RSS 2.0 and Atom feeds: the whole site, and per section, tag, author and language.

Only ``Article.objects.published()``; each entry carries the standfirst as its
summary and the full, already sanitised body (``content:encoded`` in RSS,
``content`` in Atom), the byline, the section and tags as categories, and dates.

Which articles a feed lists is asked of the database on every request (ids and
dates only). Each entry's XML is the same in every feed that lists the article
(site, section, tag, author, language), so it is rendered once per content
version, language, address and format and kept in the worker's memory
(``pagecache.fragments``); only entries not kept yet load their article, tags
and byline.
"""

from collections import defaultdict
from io import StringIO, TextIOBase

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import escape
from django.utils.timezone import get_default_timezone, is_naive, make_aware
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.utils.xmlutils import SimplerXMLGenerator
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, Author, Language, Section
from articles.public import tag_is_public
from syndication.links import article_path
from syndication.text import xml_safe

# Full text of the newest 20 (WordPress sends 10, Ghost 15): a reader polling hourly misses
# nothing, and each poll is ~135 KB, not the ~200 KB of 30, on a phone's metered connection.
FEED_LENGTH = 20


class PrerenderedItems:
    """A feed generator whose items are XML rendered beforehand (``item_xml``), written as they are.

    The whole document is built in memory and handed to the response in one write:
    the XML writer's many small writes straight into an HttpResponse each cost an
    encode and a list append.
    """

    item_element = "item"

    def item_xml(self, item) -> str:
        """One item's element, exactly as ``write_items`` would have written it."""
        buffer = StringIO()
        handler = SimplerXMLGenerator(buffer, "utf-8", short_empty_elements=True)
        handler.startElement(self.item_element, self.item_attributes(item))
        self.add_item_elements(handler, item)
        handler.endElement(self.item_element)
        return buffer.getvalue()

    def add_rendered_item(self, xml, pubdate, updateddate):
        # The dates stay for latest_post_date() (lastBuildDate, Atom's updated, Last-Modified).
        self.items.append({"xml": xml, "pubdate": pubdate, "updateddate": updateddate})

    def write_items(self, handler):
        for item in self.items:
            handler.ignorableWhitespace(item["xml"])  # written unescaped: it is XML already

    def write(self, outfile, encoding):
        buffer = StringIO()
        super().write(buffer, encoding)
        if isinstance(outfile, TextIOBase):  # writeString()
            outfile.write(buffer.getvalue())
        else:
            # What the XML writer's own text wrapper would do with characters the encoding lacks.
            outfile.write(buffer.getvalue().encode(encoding, "xmlcharrefreplace"))


class RssWithContent(PrerenderedItems, Rss201rev2Feed):
    item_element = "item"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:content": "http://purl.org/rss/1.0/modules/content/"}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content:encoded", item["content_html"])


class AtomWithContent(PrerenderedItems, Atom1Feed):
    item_element = "entry"

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        if item.get("content_html"):
            handler.addQuickElement("content", item["content_html"], {"type": "html"})


def _aware(moment):
    return make_aware(moment, get_default_timezone()) if moment and is_naive(moment) else moment


def _updated(published_at, updated_at):
    return max(updated_at, published_at)


class ArticleFeed(Feed):
    """The whole site's latest articles; subclasses narrow ``filter_articles``.

    One instance serves every request (it sits in the URLconf): no per-request state on ``self``.
    """

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
        """Which articles the feed lists, newest first: ids and dates, from the database every request."""
        articles = self.filter_articles(Article.objects.published(), obj)
        return list(articles.values_list("pk", "published_at", "updated_at")[:FEED_LENGTH])

    def get_feed(self, obj, request):
        """The channel as Django's ``Feed.get_feed`` builds it; the entries from ``rendered_items``."""
        domain = get_current_site(request).domain
        secure = request.is_secure()
        feed = self.feed_type(
            title=self._get_dynamic_attr("title", obj),
            subtitle=self._get_dynamic_attr("subtitle", obj),
            link=add_domain(domain, self._get_dynamic_attr("link", obj), secure),
            description=self._get_dynamic_attr("description", obj),
            language=self.language or get_language(),
            feed_url=add_domain(domain, self._get_dynamic_attr("feed_url", obj) or request.path, secure),
            author_name=self._get_dynamic_attr("author_name", obj),
            author_link=self._get_dynamic_attr("author_link", obj),
            author_email=self._get_dynamic_attr("author_email", obj),
            categories=self._get_dynamic_attr("categories", obj),
            feed_copyright=self._get_dynamic_attr("feed_copyright", obj),
            feed_guid=self._get_dynamic_attr("feed_guid", obj),
            ttl=self._get_dynamic_attr("ttl", obj),
            stylesheets=self._get_dynamic_attr("stylesheets", obj),
            **self.feed_extra_kwargs(obj),
        )
        listed = self.items(obj)
        rendered = self.rendered_items(request, [pk for pk, _published, _updated in listed], domain, secure)
        for (_pk, published_at, updated_at), xml in zip(listed, rendered, strict=True):
            feed.add_rendered_item(xml, _aware(published_at), _aware(_updated(published_at, updated_at)))
        return feed

    def rendered_items(self, request, pks, domain, secure) -> list[str]:
        """Each listed article's entry, kept per content version (``pagecache.fragments``).

        An entry depends on the article, its section, tags and byline (all content), the
        language (section names are translated), the site's address and scheme, and the
        format; not on which feed lists it. Subclasses must not change the ``item_*``
        methods, or their entries would need a key of their own. The articles of entries
        not kept yet are read after the content version, so nothing older is kept under a
        newer version.
        """

        def render_missing(indexes):
            entries = self.render_items([pks[index] for index in indexes], domain, secure)
            # An article withdrawn since the listing query has no entry now.
            return [entries.get(pks[index], "") for index in indexes]

        return render_missing(list(range(len(pks))))

    def render_items(self, pks, domain, secure) -> dict[int, str]:
        """Entries of these articles (only those still published), in three queries."""
        articles = Article.objects.published().filter(pk__in=pks).select_related("section")
        tags = defaultdict(list)
        tagged = Article.tags.through.objects.filter(
            content_type__app_label=Article._meta.app_label, content_type__model=Article._meta.model_name,
            object_id__in=pks,
        )
        for article_id, name in tagged.order_by("pk").values_list("object_id", "tag__name"):
            tags[article_id].append(name)
        bylines = defaultdict(list)
        for article_id, name in ArticleAuthor.objects.filter(article_id__in=pks).values_list("article_id", "author__name"):
            bylines[article_id].append(name)

        generator = self.feed_type(title="", link="", description="")
        entries = {}
        for article in articles:
            article.feed_tag_names = tags[article.pk]
            article.feed_author_names = bylines[article.pk]
            generator.add_item(**self.item_fields(article, domain, secure))
            entries[article.pk] = generator.item_xml(generator.items[-1])
        return entries

    def item_fields(self, item, domain, secure):
        """What Django's ``Feed.get_feed`` passes to ``add_item`` for an item, without its per-attribute lookups."""
        link = add_domain(domain, self.item_link(item), secure)
        return {
            "title": self.item_title(item),
            "link": link,
            "description": self.item_description(item),
            "unique_id": link,
            "unique_id_is_permalink": None,
            "enclosures": [],
            "pubdate": _aware(self.item_pubdate(item)),
            "updateddate": _aware(self.item_updateddate(item)),
            "author_name": self.item_author_name(item),
            "author_email": None,
            "author_link": None,
            "comments": None,
            "categories": self.item_categories(item),
            "item_copyright": None,
            **self.item_extra_kwargs(item),
        }

    def item_title(self, item):
        return xml_safe(item.title)

    def item_description(self, item):
        # Readers treat the summary as HTML; the standfirst is plain text.
        return escape(xml_safe(item.standfirst))

    def item_link(self, item):
        return article_path(item)

    def item_author_name(self, item):
        return xml_safe(", ".join(item.feed_author_names)) or None

    def item_pubdate(self, item):
        return item.published_at

    def item_updateddate(self, item):
        return _updated(item.published_at, item.updated_at)

    def item_categories(self, item):
        return [xml_safe(name) for name in (item.section.name, *item.feed_tag_names)]

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
        return get_object_or_404(Tag, slug=slug)

    def items(self, obj):
        listed = super().items(obj)
        # As the tag page: a listed article proves the tag public; only an empty feed asks.
        if not listed and not tag_is_public(obj):
            raise Http404("No published article has this tag")
        return listed

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
