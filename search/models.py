from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models import Q

from articles.models import Article, Language, Section, Status, live_condition


class SearchDocumentQuerySet(models.QuerySet):
    def live(self, now=None):
        """Documents of what readers may see: the same test as ``Article.objects.published()``."""
        return self.filter(live_condition(now))


class SearchDocument(models.Model):
    """What search sees of one article, kept beside it by signals (search.signals).

    The text columns hold normalised plain text (search.normalize), so the index,
    the snippets and the SQLite fallback all read the same words.

    On PostgreSQL three stored tsvectors, each behind a GIN index, rank results
    in tiers: ``title_vector`` (the headline), ``head_vector`` (headline A,
    standfirst and tags B) and ``vector`` (all of it, body C). Status, time,
    language and section are copied from the article so a search reads one
    narrow table and can walk the ``published_at`` index (search.engine);
    ``live()`` mirrors ``Article.objects.published()`` and a test holds them
    together. On SQLite the vectors stay empty and an FTS5 table does the work
    (migration 0001).
    """

    article = models.OneToOneField(Article, primary_key=True, on_delete=models.CASCADE, related_name="search_document")
    config = models.CharField(max_length=20, help_text="PostgreSQL text-search configuration: english or simple.")
    title = models.TextField()
    standfirst = models.TextField(blank=True)
    body_text = models.TextField(blank=True)
    tags = models.TextField(blank=True)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    language = models.CharField(max_length=8, default=Language.ENGLISH)
    section = models.ForeignKey(Section, on_delete=models.CASCADE, related_name="+", null=True)
    title_vector = SearchVectorField(null=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)
    vector = SearchVectorField(null=True, editable=False)
    indexed_at = models.DateTimeField(auto_now=True)

    objects = SearchDocumentQuerySet.as_manager()

    class Meta:
        indexes = [
            models.Index(
                fields=["-published_at", "-article"], condition=Q(status=Status.PUBLISHED), name="search_live_recent_idx"
            ),
        ]

    def __str__(self):
        return f"Search document for article {self.article_id}"
