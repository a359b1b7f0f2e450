import pytest

from articles.models import Language
from syndication.links import ArticlePaths, article_path
from tests.factories import ArticleFactory, SectionFactory

pytestmark = pytest.mark.django_db


def test_many_paths_at_once_are_each_articles_own_canonical_path():
    news, culture = SectionFactory(slug="news"), SectionFactory(slug="فرهنګ")
    articles = [
        ArticleFactory(title="Council meets", section=news),
        ArticleFactory(title="د کابل خبر", language=Language.PASHTO, section=culture),
        ArticleFactory(title="خبر کابل", language=Language.DARI, section=news),
        ArticleFactory(title="Slug_with_underscore-and-digits 987654321", section=culture),
    ]

    paths = ArticlePaths()

    assert [paths(article) for article in articles] == [article_path(article) for article in articles]
    assert paths(articles[1]).startswith("/ps/%D9%81")
