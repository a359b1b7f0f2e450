"""Addresses outside the language editions: robots.txt and the sitemaps.

The sitemaps are cached by the page cache (pagecache/), which every content change
clears; a cache of their own would keep a pulled story listed."""

from django.urls import path

from syndication import views
from syndication.sitemaps import SITEMAPS

app_name = "syndication"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        views.sitemap_index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", views.news_sitemap, name="news-sitemap"),
    path("sitemap-<section>.xml", views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
