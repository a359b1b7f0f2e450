"""A live blog's own feed (RSS and Atom): its entries, newest first, each linking to its anchor.

Django's Feed as documented, on syndication's feed types (full text in ``content:encoded``).
Only a live blog whose article readers may see has one.
"""

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils.html import escape
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from editions.names import newsroom_name
from liveblog import conf, selectors
from liveblog.structured_data import plain_text
from syndication.feeds import AtomWithContent, RssWithContent
from syndication.links import article_path
from syndication.text import xml_safe


class LiveBlogFeed(Feed):
    feed_type = RssWithContent

    def get_object(self, request, article_id):
        blog = selectors.published_blog(article_id)
        if blog is None:
            raise Http404("No such live blog")
        blog.path = article_path(blog.article)
        return blog

    def title(self, blog):
        return xml_safe(f"{blog.article.title} · {newsroom_name()}")

    def link(self, blog):
        return blog.path

    def description(self, blog):
        return escape(xml_safe(blog.article.standfirst or _("Live updates: %(title)s") % {"title": blog.article.title}))

    def subtitle(self, blog):
        return xml_safe(blog.article.standfirst or blog.article.title)

    def author_name(self, blog):
        return newsroom_name()

    def feed_extra_kwargs(self, blog):
        return {"articles_language": blog.article.language}

    def items(self, blog):
        entries = sorted(selectors.shown_entries(blog), key=lambda entry: (entry.posted_at, entry.pk), reverse=True)
        for entry in entries:
            entry.path = f"{blog.path}#{entry.anchor}"
        return entries[: conf.get("LIVEBLOG_FEED_LENGTH")]

    def item_title(self, entry):
        return xml_safe(Truncator(plain_text(entry.body)).chars(110))

    def item_description(self, entry):
        return escape(xml_safe(Truncator(plain_text(entry.body)).words(40)))

    def item_link(self, entry):
        return entry.path

    def item_author_name(self, entry):
        return xml_safe(entry.author.name) if entry.author else None

    def item_pubdate(self, entry):
        return entry.posted_at

    def item_updateddate(self, entry):
        return max(entry.updated_at, entry.posted_at)

    def item_extra_kwargs(self, entry):
        # Sanitised on save (articles.sanitize), as article bodies.
        return {"content_html": xml_safe(entry.body)}


class LiveBlogAtomFeed(LiveBlogFeed):
    feed_type = AtomWithContent
