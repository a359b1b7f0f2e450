from datetime import timedelta

from django.conf import settings
from django.contrib.sites.shortcuts import get_current_site
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.models import Article, Language
from syndication.links import ArticlePaths
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
    root = f"{request.scheme}://{get_current_site(request).domain}"
    paths = ArticlePaths()
    entries = [
        {
            "loc": root + paths(article),
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
