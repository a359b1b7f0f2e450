import pytest
from django.urls import reverse
from django.utils import translation

from articles.models import Language
from syndication.links import article_path
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_an_articles_path_is_its_own_editions_address_quoted_as_reverse_quotes_it():
    news, culture = SectionFactory(slug="news"), SectionFactory(slug="فرهنګ")
    articles = [
        ArticleFactory(title="Council meets", section=news),
        ArticleFactory(title="د کابل خبر", language=Language.PASHTO, section=culture),
        ArticleFactory(title="خبر کابل", language=Language.DARI, section=news),
        ArticleFactory(title="Slug_with_underscore-and-digits 987654321", section=culture),
    ]

    with translation.override("en"):  # whatever edition asks, each story's own is named
        paths = [article_path(article) for article in articles]

    expected = []
    for article in articles:
        with translation.override(article.language):
            expected.append(reverse("articles:detail", kwargs={
                "section": article.section.slug, "pk": article.pk, "slug": article.slug}))
    assert paths == expected
    assert paths[1].startswith("/ps/%D9%81") and paths[2].startswith("/fa-af/news/")
