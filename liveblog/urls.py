"""Reader addresses of a live blog, inside each edition (/en/live/<article id>/...)."""

from django.urls import path

from liveblog import feeds, views

app_name = "liveblog"

urlpatterns = [
    path("<int:article_id>/entries", views.entries, name="entries"),
    path("<int:article_id>/rss/", feeds.LiveBlogFeed(), name="feed-rss"),
    path("<int:article_id>/atom/", feeds.LiveBlogAtomFeed(), name="feed-atom"),
]
