"""Checking and cleaning uploaded photos before anything is stored.

A photo is opened with Pillow and must really be one of the formats we serve.
What we store is never the uploaded file: it is a new image drawn from the
uploaded one's pixels alone (every frame of an animation, with the camera's
rotation applied), encoded afresh. Nothing else of the upload survives: no EXIF
or GPS tags (they show where a reporter stood), no XMP, no ICC profile, no PNG
text chunks, no GIF or JPEG comments (a name, or web page code such as
``<details ontoggle=...>``), no bytes after the image data. That guarantee
replaces a search for markup, which could only ever know the tricks it listed.
"""

import io
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps, ImageSequence

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

def _limits():
    return settings.HERO_IMAGE_MAX_BYTES, settings.HERO_IMAGE_MAX_PIXELS


def clean_photo(upload) -> SimpleUploadedFile:
    """Return a metadata-free copy of ``upload`` or raise ``ValidationError``."""
    if getattr(upload, "newsroom_cleaned", False):
        return upload
    max_bytes, max_pixels = _limits()
    if upload.size > max_bytes:
        raise ValidationError(
            "This file is %(size)s MB; photos may be at most %(max)s MB.",
            params={"size": round(upload.size / 1_048_576, 1), "max": max_bytes // 1_048_576},
            code="too_big",
        )
    upload.seek(0)
    head = upload.read(1024).lstrip().lower()
    if head.startswith((b"<svg", b"<?xml", b"<html", b"<!doctype")):
        raise ValidationError("SVG and HTML files are not accepted; upload a JPEG, PNG, WebP or GIF photo.", code="bad_format")
    upload.seek(0)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as probe:
                image_format = probe.format
                width, height = probe.size
                if image_format not in ALLOWED_FORMATS:
                    raise ValidationError(
                        "This is a %(format)s file; upload a JPEG, PNG, WebP or GIF photo.",
                        params={"format": image_format or "unknown"}, code="bad_format",
                    )
                if width * height > max_pixels:
                    raise ValidationError(
                        "This photo is %(mp)s megapixels; at most %(max)s are accepted.",
                        params={"mp": round(width * height / 1e6, 1), "max": max_pixels // 1_000_000},
                        code="too_many_pixels",
                    )
                probe.verify()
            upload.seek(0)
            with Image.open(upload) as image:
                image.load()
                cleaned = pixels_only(image, image_format)
    except ValidationError:
        raise
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ValidationError("This image is too large to open safely.", code="too_many_pixels") from None
    except Exception:
        raise ValidationError("This file is not a readable JPEG, PNG, WebP or GIF image.", code="not_an_image") from None
    name = f"photo{ALLOWED_FORMATS[image_format]}"
    photo = SimpleUploadedFile(name, cleaned, content_type=CONTENT_TYPES[image_format])
    photo.newsroom_cleaned = True
    return photo


class PhotoField(forms.ImageField):
    """An image upload checked by ``clean_photo`` alone.

    Django's ``ImageField`` would answer every refusal with one generic message
    ("not an image or a corrupted image") before ``clean_photo`` could say what is
    wrong: too big, too many pixels, SVG or HTML.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        return None if upload is None else clean_photo(upload)


ENCODER_OPTIONS = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}, "PNG": {"optimize": True}}
DEFAULT_FRAME_MS = 100


def _fresh(image: Image.Image) -> Image.Image:
    """A new image holding ``image``'s pixels (and palette) and nothing else: ``Image.new``
    starts with an empty ``info``, so no encoder finds a comment, EXIF, XMP or ICC to write."""
    pixels = Image.new(image.mode, image.size)
    if image.mode in ("P", "PA") and image.getpalette():
        pixels.putpalette(image.getpalette(rawmode="RGBA" if image.palette.mode == "RGBA" else "RGB"),
                          rawmode="RGBA" if image.palette.mode == "RGBA" else "RGB")
    pixels.paste(image)
    return pixels


def pixels_only(image: Image.Image, image_format: str) -> bytes:
    """Encode ``image`` afresh from its pixels: every frame of an animated GIF or WebP (with
    their timing, the only non-pixel data kept), the EXIF rotation applied, no metadata."""
    out = io.BytesIO()
    if getattr(image, "n_frames", 1) > 1 and image_format in ("GIF", "WEBP"):
        frames, durations = [], []
        for frame in ImageSequence.Iterator(image):
            frames.append(_fresh(frame.convert("RGBA")))  # each frame as the viewer sees it, composed
            durations.append(int(frame.info.get("duration") or DEFAULT_FRAME_MS))  # known once loaded (WebP)
        options = {"save_all": True, "append_images": frames[1:], "duration": durations}
        if isinstance(image.info.get("loop"), int):
            options["loop"] = image.info["loop"]
        if image_format == "GIF":
            options["disposal"] = 2  # full frames: clear before drawing the next
        else:
            options.update(ENCODER_OPTIONS["WEBP"])
        frames[0].save(out, format=image_format, **options)
        return out.getvalue()
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    options = dict(ENCODER_OPTIONS.get(image_format, {}))
    transparency = upright.info.get("transparency")
    if (image_format == "GIF" and isinstance(transparency, int)) or (
        image_format == "PNG" and isinstance(transparency, int | tuple | bytes)
    ):
        options["transparency"] = transparency  # which colour is see-through: part of the pixels
    _fresh(upright).save(out, format=image_format, **options)
    return out.getvalue()


def focal_crop_box(width: int, height: int, *, aspect: float, focal_x: float = 0.5, focal_y: float = 0.5) -> tuple[int, int, int, int]:
    """The largest ``aspect`` (width / height) box inside a ``width`` x ``height`` image whose centre is
    as near the focal point (fractions from the top left) as the image's edges allow: the box for
    Pillow's ``crop`` (left, top, right, bottom)."""
    focal_x, focal_y = min(max(focal_x, 0.0), 1.0), min(max(focal_y, 0.0), 1.0)
    if width / height > aspect:
        crop_w, crop_h = max(1, round(height * aspect)), height
    else:
        crop_w, crop_h = width, max(1, round(width / aspect))
    left = min(max(round(focal_x * width - crop_w / 2), 0), width - crop_w)
    top = min(max(round(focal_y * height - crop_h / 2), 0), height - crop_h)
    return left, top, left + crop_w, top + crop_h


def object_position(focal_x: float, focal_y: float) -> str:
    """CSS ``object-position`` that keeps the focal point in an ``object-fit: cover`` crop
    (the browser's percentages place that point of the image at that point of the box)."""
    return f"{round(focal_x * 100, 1):g}% {round(focal_y * 100, 1):g}%"
