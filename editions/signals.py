"""Keep TranslationStatus up to date as originals change.

A translation goes out of date when, after it was published, its original gets
a correction or a substantial edit (see ``editions.changes``).
"""

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from articles.models import Article, Correction, Status
from editions.changes import describe_substantial_edit
from editions.models import CONTENT_FIELDS, OutOfDateReason, TranslationStatus, original_text_of


def published_translations(original: Article):
    return original.translations.published()


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
    """Measure the original against the text each translation was made from (its snapshot),
    so several small edits that add up are caught too; without a snapshot, against this save."""
    before = getattr(instance, "_editions_text_before", None)
    if raw or before is None:
        return
    del instance._editions_text_before
    current = original_text_of(instance)
    for translation in published_translations(instance).select_related("translation_status"):
        status = getattr(translation, "translation_status", None)
        if status is not None and status.original_text and not status.is_out_of_date:
            baseline = status.original_text
        else:
            baseline = before  # already flagged: only this edit's own news is added
        if note := describe_substantial_edit(baseline, current):
            TranslationStatus.flag([translation], reason=OutOfDateReason.EDIT, detail=note)


@receiver(post_save, sender=Article, dispatch_uid="editions_snapshot_on_publish")
def remember_what_a_translation_was_made_from(sender, instance, raw=False, **kwargs):
    """A translation published without a snapshot (linked by hand, not made with Translate)
    takes its original's text as it is now as the baseline."""
    if raw or not instance.translation_of_id or instance.status != Status.PUBLISHED:
        return
    status, _created = TranslationStatus.objects.get_or_create(translation=instance)
    if not status.original_text:
        original = Article.objects.filter(pk=instance.translation_of_id).values(*CONTENT_FIELDS).first()
        status.original_text = original or {}
        status.save(update_fields=["original_text"])


@receiver(post_save, sender=Correction, dispatch_uid="editions_flag_after_correction")
def flag_translations_after_correction(sender, instance, created, raw=False, **kwargs):
    if raw or not created:
        return
    TranslationStatus.flag(
        published_translations(instance.article),
        reason=OutOfDateReason.CORRECTION,
        detail=f"Correction to the original: {instance.text}",
    )
