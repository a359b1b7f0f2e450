"""Addresses outside the language editions: robots.txt and the sitemaps.

The sitemaps are cached by the page cache (pagecache/), which every content change
clears; a cache of their own would keep a pulled story listed."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path

from syndication import views
from syndication.sitemaps import SITEMAPS

app_name = "syndication"

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        sitemap_views.index,
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", views.news_sitemap, name="news-sitemap"),
    path("sitemap-<section>.xml", sitemap_views.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
