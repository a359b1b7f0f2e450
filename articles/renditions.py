"""WebP renditions of hero images for responsive ``srcset``.

Readers on slow mobile connections should download an image no wider than
their screen. Each hero gets a WebP copy at a few standard widths (never
wider than the original), stored through Django's default storage (the file
system or S3) with a ``HeroRendition`` row each. They are made in the background
(``articles.tasks.make_hero_renditions``, queued when an article is saved with a
hero that lacks them; ``manage.py db_worker`` runs it): a reader's request only
reads the rows, and until they exist the page shows the original.
"""

import logging

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction

from articles.models import Article, HeroRendition
from photos.renditions import (  # noqa: F401 (RENDITION_WIDTHS: the widths, named here too)
    RENDITION_WIDTHS,
    ResponsiveImage,
    focal_position,
    open_upright,
    webp_copy,
    widths_for,
)

logger = logging.getLogger(__name__)


def stored_renditions(article: Article) -> list[HeroRendition]:
    """The article's renditions of its current hero, narrowest first; none until they are made.

    Reads ``article.hero_renditions.all()``, so list views that prefetch
    ``hero_renditions`` cost no query per article."""
    if not article.hero_image:
        return []
    source = article.hero_image.name
    return sorted((r for r in article.hero_renditions.all() if r.source == source), key=lambda r: r.width)


def needs_renditions(article: Article) -> bool:
    """Whether the current hero lacks some of its renditions (a query)."""
    if not article.hero_image:
        return False
    made = set(HeroRendition.objects.filter(article=article, source=article.hero_image.name).values_list("width", flat=True))
    if not article.hero_width:
        return not made
    return any(width not in made for width in widths_for(article.hero_width))


def make_renditions(article: Article) -> list[HeroRendition]:
    """Make the missing renditions of the article's hero and drop those of a replaced hero
    (the background task's work). A missing or unreadable original is logged, not raised:
    the page keeps showing the original."""
    if not article.hero_image:
        return []
    made = set(HeroRendition.objects.filter(article=article, source=article.hero_image.name).values_list("width", flat=True))
    try:
        return _make_renditions(article, skip=made)
    except Exception:
        logger.exception("Could not make hero renditions for article %s from %s", article.pk, article.hero_image.name)
        return []


def responsive_hero(article: Article) -> ResponsiveImage | None:
    """The hero as ``src``/``srcset``/size, or None when the article has no hero."""
    if not article.hero_image:
        return None
    position = hero_position(article)
    renditions = stored_renditions(article)
    if not renditions:
        return ResponsiveImage(
            src=article.hero_image.url, srcset="", width=article.hero_width or 0, height=article.hero_height or 0,
            position=position,
        )
    # The fallback src is a mid-sized copy: good enough for any browser that ignores srcset.
    fallback = next((r for r in renditions if r.width >= 960), renditions[-1])
    largest = renditions[-1]
    return ResponsiveImage(
        src=fallback.file.url,
        srcset=", ".join(f"{r.file.url} {r.width}w" for r in renditions),
        width=largest.width,
        height=largest.height,
        position=position,
    )


def hero_position(article: Article) -> str:
    """The hero's focal point as CSS ``object-position``, or "" when it is the centre (the default)."""
    return focal_position(article.hero_focal_x, article.hero_focal_y)


def _make_renditions(article: Article, *, skip: set[int]) -> list[HeroRendition]:
    source = article.hero_image.name
    upright = open_upright(article.hero_image)
    made = []
    for width in widths_for(upright.width):
        if width in skip:
            continue
        rendition = _save_rendition(article, source, upright, width)
        if rendition is not None:
            made.append(rendition)
    # Renditions of a replaced hero are dead weight in storage.
    for stale in article.hero_renditions.exclude(source=source):
        stale.file.delete(save=False)
        stale.delete()
    return made


def _save_rendition(article: Article, source: str, image, width: int) -> HeroRendition | None:
    data, height = webp_copy(image, width)
    rendition = HeroRendition(article=article, source=source, width=width, height=height)
    rendition.file.save(f"{width}.webp", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made this width at the same moment; keep theirs.
        rendition.file.delete(save=False)
        return HeroRendition.objects.filter(article=article, source=source, width=width).first()
    return rendition
