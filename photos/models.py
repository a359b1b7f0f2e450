"""The photo library: pictures an article shows inside its body (``<figure data-photo="id">``).

A photo is uploaded once, with the same checks and metadata stripping as a hero image
(``photos.images.clean_photo``), and may appear in any number of stories. Its WebP copies
for ``srcset`` are made in the background (``photos.tasks``) and listed on the row itself,
so a reader page reads all the photos of a body, copies included, in one query.
"""

import uuid
from pathlib import Path

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


def photo_upload_to(instance, filename: str) -> str:
    """A random name: the reporter's file name can leak facts (a source's name, a place)."""
    extension = Path(filename).suffix.lower()[:8]
    return f"photos/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Photo(models.Model):
    image = models.ImageField(_("photo"), upload_to=photo_upload_to, width_field="width", height_field="height")
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    alt = models.CharField(
        _("alt text"), max_length=300, help_text=_("What the photo shows, for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(_("credit"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default="en",
        help_text=_("The language of the alt text, caption and credit: the language of the stories it is for."),
    )
    focal_x = models.FloatField(
        _("focal point across"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the left edge, 1 the right. Click the photo to set it."),
    )
    focal_y = models.FloatField(
        _("focal point down"), default=0.5, validators=[MinValueValidator(0), MaxValueValidator(1)],
        help_text=_("0 is the top edge, 1 the bottom."),
    )
    # The WebP copies of ``image``: [{"source", "name", "width", "height"}], narrowest first
    # (photos/renditions.py). Copies of a replaced upload are dropped when new ones are made.
    renditions = models.JSONField(default=list, blank=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, editable=False, on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photo library")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(focal_x__gte=0, focal_x__lte=1, focal_y__gte=0, focal_y__lte=1),
                name="photo_focal_point_inside",
            ),
        ]

    def __str__(self):
        return self.alt[:80] or f"Photo {self.pk}"
