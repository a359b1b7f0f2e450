from datetime import timedelta

from django.conf import settings
from django.contrib.sitemaps import views as sitemap_views
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import Article, Language
from security.onion import is_onion_request
from syndication.links import article_path, on_public_host, public_root
from syndication.text import xml_safe

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000  # Google News reads at most 1,000 URLs per sitemap

# Google News wants ISO 639 codes; Dari is filed under Persian.
NEWS_LANGUAGE = {Language.ENGLISH: "en", Language.PASHTO: "ps", Language.DARI: "fa"}


@require_GET
def news_sitemap(request):
    """Google News sitemap: articles published in the last two days."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        Article.objects.published()
        .filter(published_at__gte=since)
        .select_related("section")
        .only("id", "slug", "title", "language", "published_at", "section__slug")
        .order_by("-published_at", "-id")[:NEWS_LIMIT]
    )
    root = public_root(request)
    entries = [
        {
            "loc": root + article_path(article),
            "language": NEWS_LANGUAGE.get(article.language, "en"),
            "title": xml_safe(article.title),
            "published_at": article.published_at,
        }
        for article in articles
    ]
    return render(
        request,
        "syndication/news_sitemap.xml",
        {"entries": entries, "publication": xml_safe(settings.NEWSROOM_NAME)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /reads/",  # the read beacon (audience/)
        # Search result pages are endless and thin; the sitemaps list every article.
        *(f"Disallow: /{code}/search/" for code, _ in settings.LANGUAGES),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:sitemap-index'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('syndication:news-sitemap'))}",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


def sitemap_index(request, **kwargs):
    """Django's sitemap index, its links on the onion host for a request that came through it."""
    response = sitemap_views.index(request, **kwargs)
    if is_onion_request(request):
        for entry in response.context_data["sitemaps"]:
            entry.location = on_public_host(entry.location, request)
    return response


def sitemap(request, **kwargs):
    """Django's sitemap section, its links (and their hreflang alternates) on the onion host for a
    request that came through it."""
    response = sitemap_views.sitemap(request, **kwargs)
    if is_onion_request(request):
        for url in response.context_data["urlset"]:
            url["location"] = on_public_host(url["location"], request)
            for alternate in url.get("alternates") or []:
                alternate["location"] = on_public_host(alternate["location"], request)
    return response
