from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from articles.models import Article

CONTENT_FIELDS = ("title", "standfirst", "body")


def original_text_of(article: Article) -> dict:
    return {field: getattr(article, field) for field in CONTENT_FIELDS}


class OutOfDateReason(models.TextChoices):
    CORRECTION = "correction", _("The original was corrected")
    EDIT = "edit", _("The original was substantially edited")


class TranslationStatus(models.Model):
    """Whether a published translation still says what its original says.

    Kept beside Article (not on it) so the editions app owns its own data. A
    translation has a row once its original changed under it; the row stays,
    with ``out_of_date_since`` cleared, when an editor marks it up to date.
    """

    translation = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="translation_status")
    out_of_date_since = models.DateTimeField(
        null=True, blank=True, help_text=_("Set when the original was corrected or substantially edited after this translation was published.")
    )
    reason = models.CharField(max_length=16, choices=OutOfDateReason.choices, blank=True)
    detail = models.TextField(blank=True, help_text=_("What changed in the original, for the translator."))
    original_text = models.JSONField(
        default=dict, blank=True,
        help_text=_("The original's headline, standfirst and body as the translator last had them: edits are measured against this."),
    )
    checked_at = models.DateTimeField(null=True, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")

    class Meta:
        verbose_name = _("translation")
        verbose_name_plural = _("translation matrix")

    def __str__(self):
        return f"{self.translation} ({'out of date' if self.is_out_of_date else 'up to date'})"

    @property
    def is_out_of_date(self) -> bool:
        return self.out_of_date_since is not None

    @classmethod
    def flag(cls, translations, *, reason: str, detail: str = "") -> int:
        """Mark these translations out of date; returns how many were newly flagged."""
        flagged = 0
        now = timezone.now()
        for translation in translations:
            status, _created = cls.objects.get_or_create(translation=translation)
            if status.out_of_date_since is None:
                flagged += 1
                status.out_of_date_since = now
                status.reason = reason
                status.detail = detail[:2000]
            else:
                # Already flagged: keep the first time and add what changed since.
                status.detail = f"{status.detail}\n{detail}".strip()[:2000]
            status.save()
        return flagged

    def mark_up_to_date(self, *, by) -> None:
        self.original_text = original_text_of(self.translation.translation_of) if self.translation.translation_of_id else {}
        self.out_of_date_since = None
        self.reason = ""
        self.detail = ""
        self.checked_at = timezone.now()
        self.checked_by = by
        self.save()
