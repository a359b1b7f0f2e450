"""Checking and cleaning uploaded photos before anything is stored.

A photo is opened with Pillow and must really be one of the formats we serve;
it is re-encoded without its metadata, because EXIF and GPS tags can show
where a reporter stood.
"""

import io
import re
import warnings

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageOps

ALLOWED_FORMATS = {"JPEG": ".jpg", "PNG": ".png", "WEBP": ".webp", "GIF": ".gif"}
CONTENT_TYPES = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp", "GIF": "image/gif"}

# Web page code hidden in an image file (a JPEG/HTML polyglot): in a comment, a
# metadata chunk or after the image data. Long, specific markers only, so the
# chance of meeting one by accident in compressed pixels is negligible.
MARKUP_INSIDE_IMAGE = re.compile(
    rb"<(?:script|iframe|object|embed|!doctype|html[\s>]|body[\s>]|meta\s)|javascript:|\bon(?:load|error)\s*=",
    re.IGNORECASE,
)
SCAN_CHUNK = 1024 * 1024


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
    if _hides_markup(upload):
        raise ValidationError(
            "This file hides web page code (HTML or script) inside the image. "
            "Export the photo again from a photo editor and upload that copy.",
            code="hidden_markup",
        )
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
                cleaned = _strip_metadata(image, image_format)
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


def _hides_markup(upload) -> bool:
    upload.seek(0)
    tail = b""
    while chunk := upload.read(SCAN_CHUNK):
        if MARKUP_INSIDE_IMAGE.search(tail + chunk):
            return True
        tail = chunk[-32:]  # a marker split across two reads
    return False


class PhotoField(forms.ImageField):
    """An image upload checked by ``clean_photo`` alone.

    Django's ``ImageField`` would answer every refusal with one generic message
    ("not an image or a corrupted image") before ``clean_photo`` could say what is
    wrong: too big, too many pixels, SVG, hidden web page code.
    """

    def to_python(self, data):
        upload = forms.FileField.to_python(self, data)
        return None if upload is None else clean_photo(upload)


def _strip_metadata(image: Image.Image, image_format: str) -> bytes:
    """Re-encode pixels only: no EXIF, GPS, XMP or comments survive."""
    if image_format == "GIF":
        out = io.BytesIO()
        image.save(out, format="GIF", save_all=getattr(image, "n_frames", 1) > 1)
        return out.getvalue()
    upright = ImageOps.exif_transpose(image)
    if image_format == "JPEG" and upright.mode not in ("RGB", "L"):
        upright = upright.convert("RGB")
    pixels = Image.new(upright.mode, upright.size)
    if upright.mode == "P" and upright.getpalette():
        pixels.putpalette(upright.getpalette())
    pixels.paste(upright)
    options = {"JPEG": {"quality": 90, "optimize": True}, "WEBP": {"quality": 90}, "PNG": {"optimize": True}}
    save_options = dict(options.get(image_format, {}))
    if "transparency" in upright.info and image_format == "PNG":
        save_options["transparency"] = upright.info["transparency"]
    out = io.BytesIO()
    pixels.save(out, format=image_format, **save_options)
    return out.getvalue()
