"""Keep TranslationStatus up to date as originals change.

A translation goes out of date when, after it was published, its original gets
a correction or a substantial edit (see ``editions.changes``).
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils import timezone

from articles.models import Article, Correction, Status
from editions.changes import describe_substantial_edit
from editions.models import OutOfDateReason, TranslationStatus

CONTENT_FIELDS = ("title", "standfirst", "body")


def published_translations(original: Article):
    return original.translations.filter(status=Status.PUBLISHED, published_at__lte=timezone.now())


@receiver(pre_save, sender=Article, dispatch_uid="editions_remember_original_text")
def remember_original_text(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None or instance.translation_of_id:
        return
    # Only originals with live translations are worth the extra query.
    if not published_translations(instance).exists():
        return
    instance._editions_text_before = Article.objects.filter(pk=instance.pk).values(*CONTENT_FIELDS).first()


@receiver(post_save, sender=Article, dispatch_uid="editions_flag_after_edit")
def flag_translations_after_edit(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_editions_text_before", None)
    if raw or before is None:
        return
    del instance._editions_text_before
    note = describe_substantial_edit(before, {field: getattr(instance, field) for field in CONTENT_FIELDS})
    if note:
        TranslationStatus.flag(published_translations(instance), reason=OutOfDateReason.EDIT, detail=note)


@receiver(post_save, sender=Correction, dispatch_uid="editions_flag_after_correction")
def flag_translations_after_correction(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    TranslationStatus.flag(
        published_translations(instance.article),
        reason=OutOfDateReason.CORRECTION,
        detail=f"Correction to the original: {instance.text}",
    )
