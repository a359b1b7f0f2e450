"""Write search documents: ``index_articles`` for any number of articles (the signals
give it one, ``rebuild_search_index`` all of them).

Python normalises the text (search.normalize); PostgreSQL builds the vectors from it
with the article language's configuration. On other databases the vectors stay empty.
"""

import html
import re

from django.contrib.postgres.search import SearchVector
from django.db import connection, transaction

from articles.models import Article, ArticleAuthor, ArticleTag, Language
from search.models import SearchDocument
from search.normalize import normalize

BATCH_SIZE = 500
# Long enough for any real article; a tsvector cannot exceed 1 MB.
MAX_BODY_CHARS = 100_000
TEXT_FIELDS = ["title", "standfirst", "body_text", "tags", "authors"]
_TAG = re.compile(r"<[^>]*>")


def plain_text(body_html: str) -> str:
    # Tags become spaces so "<p>one</p><p>two</p>" does not read as "onetwo".
    return html.unescape(_TAG.sub(" ", body_html or ""))


def vectors(config: str) -> dict:
    """The three vectors of a document, in the PostgreSQL text-search configuration ``config``:
    headline (weight A), then standfirst, tags and bylines (B), then the body (C)."""
    title = SearchVector("title", config=config, weight="A")
    head = title
    for field in ("standfirst", "tags", "authors"):
        head = head + SearchVector(field, config=config, weight="B")
    return {"title_vector": title, "head_vector": head, "vector": head + SearchVector("body_text", config=config, weight="C")}


def index_articles(articles) -> int:
    """(Re)write the documents of the articles in the queryset ``articles``; returns how many."""
    pks = list(articles.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(pks), BATCH_SIZE):
        _index(pks[start : start + BATCH_SIZE])
    return len(pks)


def _index(pks: list) -> None:
    tag_names = {pk: [] for pk in pks}
    # The names alone: cheaper than prefetching Tag objects through taggit.
    links = ArticleTag.objects.filter(content_object_id__in=pks)
    for object_id, name in links.values_list("content_object_id", "tag__name"):
        tag_names[object_id].append(name)
    author_names = {pk: [] for pk in pks}
    for article_id, name in ArticleAuthor.objects.filter(article_id__in=pks).order_by("position").values_list(
        "article_id", "author__name"
    ):
        author_names[article_id].append(name)
    documents = [
        SearchDocument(
            article_id=pk,
            title=normalize(title),
            standfirst=normalize(standfirst),
            body_text=normalize(plain_text(body))[:MAX_BODY_CHARS],
            tags=normalize(" ".join(sorted(tag_names[pk]))),
            authors=normalize(" ".join(author_names[pk])),
        )
        for pk, title, standfirst, body in Article.objects.filter(pk__in=pks).values_list(
            "pk", "title", "standfirst", "body"
        )
    ]
    with transaction.atomic():
        SearchDocument.objects.bulk_create(
            documents, update_conflicts=True, unique_fields=["article"], update_fields=TEXT_FIELDS
        )
        if connection.vendor == "postgresql":
            batch = SearchDocument.objects.filter(pk__in=pks)
            # English is stemmed; PostgreSQL has no Pashto or Dari stemmer, so those are matched word for word.
            batch.filter(article__language=Language.ENGLISH).update(**vectors("english"))
            batch.exclude(article__language=Language.ENGLISH).update(**vectors("simple"))
