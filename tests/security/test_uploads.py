"""Hostile uploads through the admin article form: each refused with a clear error, nothing stored.
(Real images with web page code in a comment or after the pixels are stored cleaned instead:
test_upload_pixels_only.py.)"""

import io
import struct
import zlib
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from tests.articles.admin_forms import article_form_data
from tests.factories import SectionFactory

pytestmark = pytest.mark.django_db


def png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)


def decompression_bomb(side=20_000) -> bytes:
    """A valid 1-bit PNG of side×side pixels: about 50 KB on disk, 400 megapixels when opened."""
    row = b"\x00" * (1 + side // 8)
    compressor = zlib.compressobj(9)
    pixels = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", pixels) + png_chunk(b"IEND", b"")


def real_jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "#3366aa").save(out, "JPEG")
    return out.getvalue()


def jpeg_with_html_in_a_comment() -> bytes:
    jpeg = real_jpeg()
    html = b"<html><body><script>alert(document.cookie)</script></body></html>"
    comment = b"\xff\xfe" + struct.pack(">H", len(html) + 2) + html
    return jpeg[:2] + comment + jpeg[2:]  # right after SOI: still a valid JPEG


def jpeg_with_html_after_the_image() -> bytes:
    return real_jpeg() + b"<!DOCTYPE html><img src=x onerror=alert(1)>"


SVG_WITH_SCRIPT = (
    b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)">'
    b"<script>alert(document.domain)</script></svg>"
)

HOSTILE_UPLOADS = {
    "decompression bomb": (decompression_bomb, "bomb.png", "image/png", "too large to open safely"),
    "100 MB file": (lambda: b"\xff\xd8\xff\xe0" + bytes(100 * 1024 * 1024), "huge.jpg", "image/jpeg", "at most 20 MB"),
    "PDF named .jpg": (lambda: b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF", "photo.jpg", "image/jpeg", "not a readable"),
    "HTML named .png": (lambda: b"<!doctype html><script>alert(1)</script>", "photo.png", "image/png", "not accepted"),
    "SVG with script": (lambda: SVG_WITH_SCRIPT, "logo.svg", "image/svg+xml", "not accepted"),
    "SVG with script named .jpg": (lambda: b"  \n" + SVG_WITH_SCRIPT, "logo.jpg", "image/jpeg", "not accepted"),
}


def stored_files(root) -> set[Path]:
    return {path for path in Path(root).rglob("*") if path.is_file()}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


@pytest.mark.parametrize("case", HOSTILE_UPLOADS, ids=list(HOSTILE_UPLOADS))
def test_a_hostile_upload_is_refused_with_a_clear_error_and_nothing_is_stored(client, editor, media_root, case):
    make, name, content_type, message = HOSTILE_UPLOADS[case]
    client.force_login(editor)
    data = article_form_data(section=SectionFactory().pk, title=f"Upload test: {case}", hero_alt="A photo")

    response = client.post(
        reverse("admin:articles_article_add"),
        {**data, "hero_image": SimpleUploadedFile(name, make(), content_type=content_type)},
    )

    assert response.status_code == 200  # the form again, not a redirect
    errors = response.context["adminform"].form.errors
    assert "hero_image" in errors, errors
    assert message in " ".join(errors["hero_image"])
    assert not Article.objects.filter(title=f"Upload test: {case}").exists()
    assert stored_files(media_root) == set()


def test_a_real_photo_still_goes_through(client, editor, media_root):
    client.force_login(editor)
    data = article_form_data(section=SectionFactory().pk, title="A real photo", hero_alt="A blue square")

    response = client.post(
        reverse("admin:articles_article_add"),
        {**data, "hero_image": SimpleUploadedFile("blue.jpg", real_jpeg(), content_type="image/jpeg")},
    )

    assert response.status_code == 302
    assert len([p for p in stored_files(media_root) if p.parent.parent.parent.name == "heroes"]) == 1
