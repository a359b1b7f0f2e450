"""Sitemaps of what readers may see, paged so 100,000 articles stay quick.

Articles list their own edition's address (syndication.links) with lastmod;
sections, tags and authors list every edition with hreflang alternates.
"""

from django.contrib.flatpages.sitemaps import FlatPageSitemap
from django.contrib.sitemaps import Sitemap
from django.db.models import Max
from django.db.models.functions import Greatest
from django.urls import reverse
from taggit.models import Tag

from articles.models import Article, ArticleAuthor, ArticleTag, Author, Section
from editions.links import HREFLANG, alternates_for_articles
from syndication.links import article_path

PAGE_SIZE = 5000


class ArticleSitemap(Sitemap):
    limit = PAGE_SIZE

    def items(self):
        return (
            Article.objects.published()
            .select_related("section")
            .only("id", "slug", "language", "translation_of", "published_at", "updated_at", "section__slug")
            .order_by("-published_at", "-id")
        )

    def location(self, item):
        return article_path(item)

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        protocol, domain = self.get_protocol(protocol), self.get_domain(site)
        # An article names its live translations (hreflang, with x-default), as its page does.
        alternates = alternates_for_articles(url["item"] for url in urls)
        for url in urls:
            url["alternates"] = [
                {"lang_code": HREFLANG.get(code, code), "location": f"{protocol}://{domain}{path}"}
                for code, path in alternates.get(url["item"].pk, {}).items()
            ]
        return urls

    def lastmod(self, item):
        return max(item.updated_at, item.published_at)

    def get_latest_lastmod(self):
        # Django's default loads every item to find the newest; one aggregate instead.
        return Article.objects.published().aggregate(latest=Max(Greatest("updated_at", "published_at")))["latest"]


class EditionsSitemap(Sitemap):
    """A page that exists in every edition: listed once per language, with alternates."""

    i18n = True
    alternates = True
    x_default = True
    limit = PAGE_SIZE


class SectionSitemap(EditionsSitemap):
    def items(self):
        return Section.objects.order_by("position", "pk")


class TagSitemap(EditionsSitemap):
    def items(self):
        tag_ids = ArticleTag.objects.filter(content_object__in=Article.objects.published()).values("tag_id")
        return Tag.objects.filter(pk__in=tag_ids).order_by("pk")

    def location(self, item):
        return reverse("articles:tag", kwargs={"slug": item.slug})


class AuthorSitemap(EditionsSitemap):
    def items(self):
        bylines = ArticleAuthor.objects.filter(article__in=Article.objects.published()).values("author_id")
        return Author.objects.filter(pk__in=bylines).order_by("pk")


SITEMAPS = {
    "articles": ArticleSitemap,
    "sections": SectionSitemap,
    "tags": TagSitemap,
    "authors": AuthorSitemap,
    "pages": FlatPageSitemap,
}
