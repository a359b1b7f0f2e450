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

    @property
    def label(self) -> str:
        """How the article editor names the photo under its stand-in: its caption (else its alt
        text) and credit, as readers will see them."""
        text = self.caption or self.alt
        return f"{text} · {self.credit}" if self.credit else text


def poster_upload_to(instance, filename: str) -> str:
    extension = Path(filename).suffix.lower()[:8]
    return f"embeds/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{extension}"


class Embed(models.Model):
    """A video or social post pasted into a story (photos/embeds.py): what its provider's oEmbed
    endpoint said about it, and its poster image, kept on our own storage."""

    class Status(models.TextChoices):
        PENDING = "pending", _("waiting for the provider")
        READY = "ready", _("ready")
        FAILED = "failed", _("provider did not answer")

    url = models.URLField(_("link"), max_length=500, unique=True, help_text=_("The video's or post's address."))
    provider = models.CharField(max_length=16, blank=True)
    title = models.CharField(_("title"), max_length=300, blank=True)
    author_name = models.CharField(max_length=200, blank=True)
    text = models.TextField(blank=True)  # an X post's words
    poster = models.ImageField(upload_to=poster_upload_to, blank=True, width_field="poster_width", height_field="poster_height")
    poster_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    poster_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    error = models.CharField(max_length=300, blank=True)
    fetched_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("embedded video or post")
        verbose_name_plural = _("embedded videos and posts")
        ordering = ["-created_at"]

    def __str__(self):
        return self.title or self.url
