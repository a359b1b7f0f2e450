"""Read counts, and the little that deduplicating them needs.

``ArticleReads`` is what stays: how many readers read a story in an hour, in its edition.
``PendingRead`` is one reader's first read of one story today, known only by a salted hash;
a roll-up (``audience.counting.roll_up``) adds the pending reads to ``ArticleReads``, and
deletes the day's hashes and salt once the day is over. Nothing here names a reader: no
address, no browser, no cookie (docs/privacy.md).
"""

from django.db import models

from articles.models import Article


class ReadSalt(models.Model):
    """Today's random salt. Each day has a new one; the previous day's is deleted with its
    hashes, after which nobody (we included) can tell whose reads they were."""

    day = models.DateField(primary_key=True)
    salt = models.CharField(max_length=64)

    def __str__(self):
        return f"salt of {self.day}"


class PendingRead(models.Model):
    """A reader's first read of a story today, not yet added to ``ArticleReads``.

    ``digest`` is SHA-256 of today's salt, the address, the browser's user agent and the
    story, cut to 128 bits: a reload finds the same digest and adds nothing. The story is in
    the hash, so one reader's reads of two stories cannot be linked either."""

    digest = models.CharField(max_length=32, primary_key=True)
    # No database constraint: a beacon naming no story is stored like any other and simply
    # never counted (the roll-up joins the story), without an error or a query to check it.
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+", db_constraint=False)
    hour = models.DateTimeField(help_text="The hour of the read (UTC, minutes cut off).")
    # Which roll-up claimed this read (None: not yet counted).
    batch = models.BigIntegerField(null=True, blank=True, db_index=True)

    def __str__(self):
        return f"read of article {self.article_id} at {self.hour:%Y-%m-%d %H}h"


class ArticleReads(models.Model):
    """How many readers read a story in one hour, in its edition (the story's language)."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="hourly_reads")
    language = models.CharField(max_length=10)
    hour = models.DateTimeField()
    reads = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = "reads in an hour"
        verbose_name_plural = "reads per hour"
        constraints = [models.UniqueConstraint(fields=["article", "hour"], name="audience_one_row_per_article_hour")]
        indexes = [
            # "Most read" of an edition: the last day's or week's rows of one language.
            models.Index(fields=["language", "hour"], name="audience_edition_hour_idx"),
            # The editors' top stories of every edition.
            models.Index(fields=["hour"], name="audience_hour_idx"),
        ]

    def __str__(self):
        return f"{self.reads} reads of article {self.article_id} at {self.hour:%Y-%m-%d %H}h"
