from django.db import models


class ContentVersion(models.Model):
    """The authoritative content version: one row, bumped in the same transaction as the change.

    The cache may lose or roll back anything (a restart, a restore from an older snapshot);
    the database keeps what was committed, so a page stored under an older counter can
    never be served as current (``pagecache.version``).
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    counter = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [models.CheckConstraint(condition=models.Q(id=1), name="pagecache_one_content_version")]

    def __str__(self):
        return f"content version {self.counter}"
