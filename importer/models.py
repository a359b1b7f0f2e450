from django.db import models

from articles.models import Article


class ImportedFile(models.Model):
    """Which article a seed file became.

    Beside ``Article.source_name`` (shown to editors) because the import looks
    files up by name on every run and that column has no index; here it is
    unique, so a re-run finds its article in one indexed look-up even with a
    large archive, and two runs importing the same file cannot both create it.
    """

    source_name = models.CharField(max_length=255, unique=True)
    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="imported_file")

    def __str__(self):
        return self.source_name
