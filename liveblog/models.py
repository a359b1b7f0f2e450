"""Live blogs: an article (its body is the lead text) plus short, timestamped entries.

Readers see a live blog's entries only while its article is published
(``Article.objects.published()``): every reader path here starts from that.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.db import models
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article, Author, GeneratedUploadName
from articles.sanitize import clean_body_html

entry_photo_upload_to = GeneratedUploadName("liveblog")


# Labels are plain English: the admin is in English, readers never see them.
class LiveBlog(models.Model):
    """Makes its article a live blog. Ending the coverage (``is_live`` off) turns the page
    into a normal article: the entries stay, as a timeline, and readers' pages stop asking
    for new ones."""

    article = models.OneToOneField(Article, on_delete=models.CASCADE, related_name="live_blog", primary_key=True)
    coverage_start = models.DateTimeField("coverage start", default=timezone.now)
    coverage_end = models.DateTimeField(
        "coverage end", null=True, blank=True,
        help_text="While live: when coverage is planned to end (search engines stop showing it as live then). "
                  "Ending the coverage sets it to that moment.",
    )
    is_live = models.BooleanField("live", default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "live blog"
        verbose_name_plural = "live blogs"

    def __str__(self):
        return f"Live blog: {self.article}"


class Entry(models.Model):
    """One update of a live blog. Its text passes the article body's allowlist on save."""

    live_blog = models.ForeignKey(LiveBlog, on_delete=models.CASCADE, related_name="entries")
    posted_at = models.DateTimeField("time", default=timezone.now,
                                     help_text="The time readers see on the entry; entries are listed newest first.")
    body = models.TextField("text")
    photo = models.ImageField(upload_to=entry_photo_upload_to, blank=True, width_field="photo_width",
                              height_field="photo_height")
    photo_width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_height = models.PositiveIntegerField(null=True, blank=True, editable=False)
    photo_alt = models.CharField("photo alt text", max_length=300, blank=True,
                                 help_text="Required with a photo: what it shows, for readers who cannot see it.")
    embed_url = models.URLField(
        "embed link", blank=True, max_length=500,
        help_text="A post or video to point to (https). Shown as a link: no third-party script runs on our pages.",
    )
    is_key_event = models.BooleanField("key event", default=False,
                                       help_text="Listed under “Key events” at the top of the live blog.")
    is_pinned = models.BooleanField("pinned", default=False, help_text="Pinned entries come first.")
    author = models.ForeignKey(Author, null=True, blank=True, on_delete=models.SET_NULL, related_name="live_entries")
    # Set in save(): equal when added, so "changed since it was added" (liveblog.selectors.poll) is exact.
    created_at = models.DateTimeField(default=timezone.now, editable=False)
    updated_at = models.DateTimeField(default=timezone.now, editable=False)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, editable=False,
                                   on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["-is_pinned", "-posted_at", "-id"]
        verbose_name = "live blog entry"
        verbose_name_plural = "live blog entries"
        indexes = [models.Index(fields=["live_blog", "-is_pinned", "-posted_at", "-id"], name="liveblog_entry_order_idx")]

    def __str__(self):
        return f"Entry {self.pk} of {self.live_blog_id}"

    def save(self, *args, **kwargs):
        self.body = clean_body_html(self.body)
        now = timezone.now()
        if self._state.adding:
            self.created_at = now
        self.updated_at = now
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"body", "updated_at"}
        super().save(*args, **kwargs)

    @property
    def anchor(self) -> str:
        return f"entry-{self.pk}"

    @property
    def embed_host(self) -> str:
        host = urlsplit(self.embed_url).hostname or ""
        return host.removeprefix("www.")


@receiver(post_delete, sender=Entry)
def delete_entry_photo(sender, instance, **kwargs):
    """An entry's photo goes with it, also when its live blog or article is deleted."""
    if instance.photo:
        instance.photo.delete(save=False)
