"""Editorial actions of the editions app: start a translation, confirm one is up to date."""

import reversion
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from articles.models import Article, ArticleAuthor, Language, Status, unique_slug
from articles.services import can_edit
from editions.links import family, original_of
from editions.models import TranslationStatus, original_text_of


class TranslationExists(Exception):
    def __init__(self, existing: Article):
        super().__init__(f"{existing.get_language_display()} already has a version: {existing}")
        self.existing = existing


def can_translate(user) -> bool:
    return user.is_active and user.has_perm("articles.add_article")


def existing_translation(article: Article, language: str) -> Article | None:
    """The family's version in ``language``, preferring a published one."""
    versions = family(article).filter(language=language)
    return versions.filter(status=Status.PUBLISHED).order_by("-published_at").first() or versions.order_by("-pk").first()


def article_translate(*, article: Article, language: str, by) -> Article:
    """Start a translation of ``article``'s original into ``language``: a draft with the
    section, tags, byline and hero image carried over, and the original's text to translate."""
    if not can_translate(by):
        raise PermissionDenied("You may not create articles.")
    if language not in Language.values:
        raise ValidationError(f"Unknown edition language: {language!r}")
    original = original_of(article)
    if not Article.objects.readable_by(by).filter(pk=original.pk).exists():
        # Another writer's unpublished story: translating it would copy its text into one's own draft.
        raise PermissionDenied("This story is not one of yours. An editor can assign it to you.")
    existing = existing_translation(original, language)
    if existing is not None:
        raise TranslationExists(existing)
    with transaction.atomic(), reversion.create_revision():
        draft = Article.objects.create(
            title=original.title,
            slug=unique_slug(Article, f"{original.slug}-{language}", max_length=200),
            standfirst=original.standfirst,
            body=original.body,
            section=original.section,
            language=language,
            translation_of=original,
            status=Status.DRAFT,
            # The same stored file: the translation shows the same photo until someone replaces it.
            hero_image=original.hero_image.name if original.hero_image else "",
            hero_width=original.hero_width,
            hero_height=original.hero_height,
            hero_alt=original.hero_alt,
            hero_caption=original.hero_caption,
            hero_credit=original.hero_credit,
            created_by=by,
            updated_by=by,
        )
        draft.tags.set(original.tags.all())
        ArticleAuthor.objects.bulk_create(
            ArticleAuthor(article=draft, author_id=link.author_id, position=link.position, published_at=draft.published_at)
            for link in original.article_authors.all()
        )
        # What the translator starts from: later edits of the original are measured against it.
        TranslationStatus.objects.create(translation=draft, original_text=original_text_of(original))
        reversion.set_user(by)
        reversion.set_comment(f"Translation of #{original.pk} into {draft.get_language_display()} started")
    return draft


def translation_mark_up_to_date(*, translation: Article, by) -> TranslationStatus:
    if not can_edit(by, translation):
        raise PermissionDenied("You may not edit this translation.")
    status, _created = TranslationStatus.objects.get_or_create(translation=translation)
    status.mark_up_to_date(by=by)
    return status
