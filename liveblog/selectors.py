"""What readers see of a live blog. Every path starts from ``Article.objects.published()`` or from
an article the article page already found readable (``ArticleDetailView``)."""

import datetime
from dataclasses import dataclass
from functools import cached_property

from django.urls import reverse
from django.utils import translation

from articles.models import Article
from liveblog import conf
from liveblog.models import Entry, LiveBlog

# How many of the latest changes (new, edited or pinned entries) every poll carries. A page that
# polls every 30 s misses none; one that slept longer (a hidden tab) catches up with ``?since=``.
RECENT_CHANGES = 10
EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def change_stamp(entry: Entry) -> int:
    """When the entry last changed, in whole microseconds since 1970: exact, and a safe JavaScript number."""
    return (entry.updated_at - EPOCH) // datetime.timedelta(microseconds=1)


def blog_of(article) -> LiveBlog | None:
    """The article's live blog or None: no query when the page's query joined it
    (``articles.views.article_page_queries``), and Django keeps the answer on the article."""
    try:
        return article.live_blog
    except LiveBlog.DoesNotExist:
        return None


def shown_entries(blog: LiveBlog) -> list[Entry]:
    """The entries in reading order (pinned first, then newest first), one query, kept on ``blog``
    so the page, its structured data and the feed link share it."""
    if not hasattr(blog, "_shown_entries"):
        blog._shown_entries = list(blog.entries.select_related("author"))
    return blog._shown_entries


def published_blog(article_id: int) -> LiveBlog | None:
    """A live blog whose article readers may see now, with its article; None otherwise."""
    if not 0 < article_id < 2**63:  # no such row, and a bigger number overflows the query
        return None
    return (
        LiveBlog.objects.select_related("article__section")
        .filter(article__in=Article.objects.published(), article_id=article_id)
        .first()
    )


def poll_url(article) -> str:
    return reverse("liveblog:entries", kwargs={"article_id": article.pk})


@dataclass
class LivePage:
    """What the article page's template needs to draw a live blog (``live_blog(article)``)."""

    article: Article
    blog: LiveBlog

    @cached_property
    def entries(self) -> list[Entry]:
        return shown_entries(self.blog)

    @property
    def is_live(self) -> bool:
        return self.blog.is_live

    @cached_property
    def key_events(self) -> list[Entry]:
        return sorted((e for e in self.entries if e.is_key_event), key=lambda e: (e.posted_at, e.pk), reverse=True)

    @property
    def latest_id(self) -> int:
        return max((entry.pk for entry in self.entries), default=0)

    @property
    def changed(self) -> int:
        """The newest change the page shows (``change_stamp``), where the page's polling starts."""
        return max((change_stamp(entry) for entry in self.entries), default=0)

    @property
    def last_update(self):
        return max((entry.posted_at for entry in self.entries), default=None)

    @property
    def poll_url(self) -> str:
        return poll_url(self.article)

    @property
    def poll_seconds(self) -> int:
        return conf.get("LIVEBLOG_POLL_SECONDS")

    @property
    def polls(self) -> bool:
        """Only a live blog that is still live and that readers may see asks for more (a preview does not)."""
        return self.blog.is_live and self.article.is_published

    def feed_url(self, kind: str = "rss") -> str:
        with translation.override(self.article.language):
            return reverse(f"liveblog:feed-{kind}", kwargs={"article_id": self.article.pk})


def live_page(article) -> LivePage | None:
    """For the article page's template (a Jinja2 global): None unless the article is a live blog."""
    blog = blog_of(article)
    return LivePage(article, blog) if blog is not None else None


def recent(blog: LiveBlog) -> dict:
    """What every open page asks: the latest ``RECENT_CHANGES`` changes and the order of all
    entries. The answer is the same for every reader, so the page cache builds it once per change;
    ``from`` is the oldest change it carries (None when it carries every entry), so a page whose
    newest change is older than that knows it missed some and asks ``poll(since)``."""
    entries = shown_entries(blog)
    by_change = sorted(entries, key=lambda entry: (change_stamp(entry), entry.pk), reverse=True)
    latest_changes = by_change[:RECENT_CHANGES]
    return {
        "live": blog.is_live,
        "latest": max((entry.pk for entry in entries), default=0),
        "ids": [entry.pk for entry in entries],
        "entries": latest_changes,
        "from": change_stamp(latest_changes[-1]) if len(by_change) > RECENT_CHANGES else None,
    }


def poll(blog: LiveBlog, since: int) -> dict:
    """What an open page needs to catch up from the entry ``since`` (the newest it shows):
    entries added since, entries edited or pinned since that one was added, and the order of all
    of them (an entry not listed was deleted)."""
    entries = shown_entries(blog)
    seen = [entry for entry in entries if entry.pk <= since]
    anchor = max((entry.created_at for entry in seen), default=None)
    changed = [entry for entry in entries if entry.pk > since or (anchor is not None and entry.updated_at > anchor)]
    return {
        "live": blog.is_live,
        "latest": max((entry.pk for entry in entries), default=0),
        "ids": [entry.pk for entry in entries],
        "entries": changed,
        "from": None,
    }


def feed_links(article) -> list[dict]:
    """The live blog's feeds for the article page's head (``syndication.meta.article_feed_hooks``)."""
    blog = blog_of(article)
    if blog is None:
        return []
    page = LivePage(article, blog)
    return [
        {"type": "application/rss+xml", "title": f"{article.title} (RSS)", "href": page.feed_url("rss")},
        {"type": "application/atom+xml", "title": f"{article.title} (Atom)", "href": page.feed_url("atom")},
    ]
