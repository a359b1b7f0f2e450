from django.conf import settings
from django.db import models
from django.utils import timezone

from articles.models import Article


class EditingSession(models.Model):
    """Someone has an article's form open: a soft lock, shown to the next person who opens it, never enforced."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="+")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    since = models.DateTimeField(default=timezone.now)
    seen_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "user"], name="desk_one_session_per_editor")]

    def __str__(self):
        return f"{self.user} editing {self.article_id} since {self.since:%H:%M}"
