from django.apps import AppConfig


class LiveBlogConfig(AppConfig):
    """Live blogs (liveblog/models.py). Depends on articles and syndication, never the reverse:
    it widens the article page's query, adds LiveBlogPosting to its structured data and its
    panel to the article form through their hooks."""

    name = "liveblog"
    verbose_name = "Live blogs"

    def ready(self):
        from articles.views import article_page_queries
        from liveblog.models import Entry, LiveBlog
        from liveblog.selectors import feed_links
        from liveblog.structured_data import live_blog_posting
        from pagecache.watch import watch
        from syndication.meta import article_feed_hooks
        from syndication.structured_data import article_schema_hooks

        # A new entry, an edit, a pin, an ended coverage: the article's page (and its polling
        # endpoint) change when readers may see the article; a draft live blog changes nothing.
        watch(LiveBlog, visible=lambda blog: blog.article.seen_by_readers)
        watch(Entry, visible=lambda entry: entry.live_blog.article.seen_by_readers)
        # One join on the article page: no extra query for the many articles that are not live blogs.
        article_page_queries.append(lambda articles: articles.select_related("live_blog"))
        article_schema_hooks.append(live_blog_posting)
        article_feed_hooks.append(feed_links)
