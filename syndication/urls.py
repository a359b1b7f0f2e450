"""Addresses outside the language editions: robots.txt and the sitemaps."""

from django.contrib.sitemaps import views as sitemap_views
from django.urls import path
from django.views.decorators.cache import cache_page

from syndication import views
from syndication.sitemaps import SITEMAPS

app_name = "syndication"

cached = cache_page(views.SITEMAP_CACHE_SECONDS)

urlpatterns = [
    path("robots.txt", views.robots_txt, name="robots"),
    path(
        "sitemap.xml",
        cached(sitemap_views.index),
        {"sitemaps": SITEMAPS, "sitemap_url_name": "syndication:sitemap-section"},
        name="sitemap-index",
    ),
    path("sitemap-news.xml", views.news_sitemap, name="news-sitemap"),
    path("sitemap-<section>.xml", cached(sitemap_views.sitemap), {"sitemaps": SITEMAPS}, name="sitemap-section"),
]
