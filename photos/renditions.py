"""WebP copies of photos at a few standard widths, for responsive ``srcset``.

Readers on slow mobile connections should download an image no wider than their
screen. Hero images (articles/renditions.py) and the photo library share the widths
and the drawing here; a library photo lists its copies on its own row
(``Photo.renditions``), so a body's photos cost one query with their copies.
"""

import io
import logging
import warnings
from dataclasses import dataclass
from pathlib import PurePosixPath

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageOps

from photos.images import object_position

logger = logging.getLogger(__name__)

RENDITION_WIDTHS = (320, 480, 640, 960, 1280, 1600)
WEBP_QUALITY = 78
# Page-weight budget (docs/performance.md): the 480 px copy a phone loads is at most 60 KB, and
# other widths in proportion to their area (x (width / 480)^2). A photo with so much fine detail
# that quality 78 is heavier is encoded again at the next lower quality, down to 40.
BUDGET_AT_480 = 60_000
LOWER_QUALITIES = (68, 58, 48, 40)


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


def focal_position(focal_x: float, focal_y: float) -> str:
    """The focal point as CSS ``object-position``, or "" when it is the centre (the default)."""
    return "" if (focal_x, focal_y) == (0.5, 0.5) else object_position(focal_x, focal_y)


def open_upright(field_file) -> Image.Image:
    """The stored photo's pixels, turned as the camera meant, in RGB or RGBA (the first frame of an animation)."""
    field_file.open("rb")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(field_file) as original:
                original.load()
                upright = ImageOps.exif_transpose(original)
    finally:
        field_file.close()
    return upright.convert("RGBA" if has_alpha(upright) else "RGB")


def webp_copy(image: Image.Image, width: int) -> tuple[bytes, int]:
    """``image`` scaled to ``width`` as WebP bytes, and the copy's height."""
    height = max(1, round(image.height * width / image.width))
    resized = image if width == image.width else image.resize((width, height), Image.Resampling.LANCZOS)
    return encode_webp(resized), height


def byte_budget(width: int) -> int:
    """Most bytes a rendition this wide should take: 60 KB at 480 px, in proportion to the area."""
    return round(BUDGET_AT_480 * (width / 480) ** 2)


def encode_webp(image: Image.Image) -> bytes:
    """WebP at WEBP_QUALITY, or at the first lower quality within the byte budget (the lowest when none is)."""
    budget = byte_budget(image.width)
    for quality in (WEBP_QUALITY, *LOWER_QUALITIES):
        out = io.BytesIO()
        image.save(out, format="WEBP", quality=quality, method=4)
        if out.tell() <= budget:
            break
    else:
        logger.warning("A %dx%d rendition is %d bytes even at quality %d (budget %d)",
                       image.width, image.height, out.tell(), quality, budget)
    return out.getvalue()


def has_alpha(image: Image.Image) -> bool:
    return image.mode in ("RGBA", "LA") or (image.mode == "P" and "transparency" in image.info)


# -- the photo library ---------------------------------------------------------------------


def photo_needs_renditions(photo) -> bool:
    if not photo.image:
        return False
    made = {r["width"] for r in photo.renditions if r.get("source") == photo.image.name}
    return any(width not in made for width in widths_for(photo.width or 0)) if photo.width else not made


def make_photo_renditions(photo) -> int:
    """Make the photo's missing WebP copies, drop those of a replaced upload, and list them on
    the row (the background task's work); how many were made. A missing or unreadable original
    is logged, not raised: pages keep showing the original."""
    if not photo.image:
        return 0
    source = photo.image.name
    current = [r for r in photo.renditions if r.get("source") == source]
    stale = [r for r in photo.renditions if r.get("source") != source]
    made = {r["width"] for r in current}
    try:
        upright = open_upright(photo.image)
        folder = PurePosixPath(source).with_suffix("")
        for width in widths_for(upright.width):
            if width in made:
                continue
            data, height = webp_copy(upright, width)
            name = default_storage.save(f"{folder}/{width}.webp", ContentFile(data))
            current.append({"source": source, "name": name, "width": width, "height": height})
    except Exception:
        logger.exception("Could not make renditions of photo %s from %s", photo.pk, source)
        return 0
    for rendition in stale:
        default_storage.delete(rendition["name"])
    count = len(current) - len(made)
    photo.renditions = sorted(current, key=lambda r: r["width"])
    photo.save(update_fields=["renditions"])
    return count


def responsive_photo(photo) -> ResponsiveImage:
    """The library photo as ``src``/``srcset``/size: its WebP copies once made, the original until then."""
    position = focal_position(photo.focal_x, photo.focal_y)
    copies = [r for r in photo.renditions if r.get("source") == photo.image.name]
    if not copies:
        return ResponsiveImage(src=photo.image.url, srcset="", width=photo.width or 0, height=photo.height or 0,
                               position=position)
    fallback = next((r for r in copies if r["width"] >= 960), copies[-1])
    largest = copies[-1]
    return ResponsiveImage(
        src=default_storage.url(fallback["name"]),
        srcset=", ".join(f"{default_storage.url(r['name'])} {r['width']}w" for r in copies),
        width=largest["width"], height=largest["height"], position=position,
    )
