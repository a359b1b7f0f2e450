from django.contrib.postgres.search import SearchVectorField
from django.db import models

from articles.models import Article


class SearchDocument(models.Model):
    """What search reads of one article, kept in step by search.signals.

    The text columns hold normalised plain text (search.normalize): the vectors and
    the SQLite fallback read the same words (snippets show the article's own). On PostgreSQL
    three stored tsvectors, each behind a GIN index (migrations 0001, 0002), rank
    matches in tiers: ``title_vector`` (the headline), ``head_vector`` (headline,
    standfirst, tags and bylines) and ``vector`` (all of it). Whether a reader may see the
    article is never stored here: search starts from ``Article.objects.published()``.
    """

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    title = models.TextField()
    standfirst = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    authors = models.TextField(blank=True, help_text="The byline's names: a reader may look for a writer.")
    title_vector = SearchVectorField(null=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)

    def __str__(self):
        return f"Search document for article {self.article_id}"
