"""Feed addresses, inside each language edition (/en/feeds/...)."""

from django.urls import path

from syndication import feeds

app_name = "feeds"

urlpatterns = []
for name, feed_class, prefix in [
    ("site", feeds.ArticleFeed, ""),
    ("section", feeds.SectionFeed, "section/<str:slug>/"),
    ("tag", feeds.TagFeed, "tag/<str:slug>/"),
    ("author", feeds.AuthorFeed, "author/<str:slug>/"),
    ("language", feeds.LanguageFeed, "language/<str:language>/"),
]:
    urlpatterns += [
        path(f"{prefix}rss/", feed_class(), name=f"{name}-rss"),
        path(f"{prefix}atom/", feeds.atom(feed_class)(), name=f"{name}-atom"),
    ]
