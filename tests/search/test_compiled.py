import datetime

import pytest
from django.db import connection
from django.utils import timezone

from articles.models import Article, Language, live_condition
from search.compiled import CompiledQuery, Shapes
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


def test_a_compiled_query_runs_with_each_calls_values_as_the_orm_would():
    for n in (1, 2, 3):
        ArticleFactory(title=f"English {n}")
        ArticleFactory(title=f"Pashto {n}", language=Language.PASHTO)
    ArticleFactory(title="Dari 1", language=Language.DARI)
    compiled = CompiledQuery(
        lambda values: Article.objects.filter(language=values["language"]).order_by("title").values_list("title")
    )

    for language in (Language.ENGLISH, Language.PASHTO, Language.DARI):
        expected = list(Article.objects.filter(language=language).order_by("title").values_list("title", flat=True))
        assert compiled.fetch_column({"language": language}, limit=10) == expected
        assert compiled.fetch_column({"language": language}, limit=2) == expected[:2]
        assert compiled.count({"language": language}, limit=10) == len(expected)
        assert compiled.count({"language": language}, limit=2) == min(2, len(expected))


@pytest.mark.skipif(connection.vendor != "postgresql", reason="search compiles its queries on PostgreSQL only")
def test_the_time_is_a_value_of_each_call_not_of_the_compiling():
    now = timezone.now()
    ArticleFactory(title="Live", published_at=now - datetime.timedelta(hours=1))
    ArticleFactory(title="Goes live in an hour", published_at=now + datetime.timedelta(hours=1))
    compiled = CompiledQuery(
        lambda values: Article.objects.filter(live_condition(values["now"])).order_by("title").values_list("title")
    )

    assert compiled.fetch_column({"now": now}, limit=5) == ["Live"]
    assert compiled.fetch_column({"now": now + datetime.timedelta(hours=2)}, limit=5) == ["Goes live in an hour", "Live"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's backend turns datetimes into text")
def test_a_stand_in_the_orm_converts_cannot_be_replaced_and_is_refused():
    with pytest.raises(ValueError, match="stand-in"):
        CompiledQuery(lambda values: Article.objects.filter(published_at__lte=values["now"]))


def test_shapes_compile_once_each():
    built = []

    def build(shape, values):
        built.append(shape)
        return Article.objects.filter(language=values["language"]).values_list("pk")

    shapes = Shapes(build)
    assert shapes[("a",)] is shapes[("a",)]
    assert shapes[("b",)] is not shapes[("a",)]
    assert built == [("a",), ("b",)]
