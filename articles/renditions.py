"""WebP renditions of hero images for responsive ``srcset``.

Readers on slow mobile connections should download an image no wider than
their screen. Each hero gets a WebP copy at a few standard widths (never
wider than the original), stored through Django's default storage (the file
system or S3) with a ``HeroRendition`` row each. They are made in the background
(``articles.tasks.make_hero_renditions``, queued when an article is saved with a
hero that lacks them; ``manage.py db_worker`` runs it): a reader's request only
reads the rows, and until they exist the page shows the original.
"""

import io
import logging
import warnings
from dataclasses import dataclass

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from PIL import Image, ImageOps

from articles.images import object_position
from articles.models import Article, HeroRendition

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (320, 480, 640, 960, 1280, 1600)
WEBP_QUALITY = 78


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


@dataclass(frozen=True)
class ResponsiveImage:
    """What an ``<img>`` needs: a fallback ``src``, the ``srcset`` and the intrinsic size."""

    src: str
    srcset: str
    width: int
    height: int
    # CSS ``object-position`` keeping the focal point in view where a page crops the image; "" for the centre.
    position: str = ""


def widths_for(original_width: int) -> list[int]:
    """The standard widths not wider than the original, plus the original when it is narrower than all."""
    widths = [w for w in RENDITION_WIDTHS if w <= original_width]
    return widths or [original_width]


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
    x, y = article.hero_focal_x, article.hero_focal_y
    return "" if (x, y) == (0.5, 0.5) else object_position(x, y)


def _make_renditions(article: Article, *, skip: set[int]) -> list[HeroRendition]:
    source = article.hero_image.name
    article.hero_image.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(article.hero_image) as original:
                original.load()
                upright = ImageOps.exif_transpose(original)
    finally:
        article.hero_image.close()
    upright = upright.convert("RGBA" if _has_alpha(upright) else "RGB")
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


def _save_rendition(article: Article, source: str, image: Image.Image, width: int) -> HeroRendition | None:
    height = max(1, round(image.height * width / image.width))
    resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    out = io.BytesIO()
    resized.save(out, format="WEBP", quality=WEBP_QUALITY, method=4)
    rendition = HeroRendition(article=article, source=source, width=width, height=height)
    rendition.file.save(f"{width}.webp", ContentFile(out.getvalue()), save=False)
    try:
        with transaction.atomic():
            rendition.save()
    except IntegrityError:
        # Another request made this width at the same moment; keep theirs.
        rendition.file.delete(save=False)
        return HeroRendition.objects.filter(article=article, source=source, width=width).first()
    return rendition


def _has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)
