from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.models import Article


class SearchDocument(models.Model):
    """What search sees of one article, kept beside it by signals (search.signals).

    The text columns hold normalised plain text (search.normalize), so the index,
    the snippets and the SQLite fallback all read the same words. On PostgreSQL
    ``vector`` holds the weighted tsvector (title A, standfirst and tags B, body C)
    behind a GIN index; on SQLite it stays empty and an FTS5 table does the work
    (both created in migration 0001).
    """

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    config = models.CharField(max_length=20, help_text="PostgreSQL text-search configuration: english or simple.")
    title = models.TextField()
    standfirst = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"Search document for article {self.article_id}"
