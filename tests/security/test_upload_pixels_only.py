"""Issue 18, item 6: what an upload carries besides its pixels never reaches media storage.

The security test put a reporter's name, GPS text and ``<details ontoggle=alert(1)>`` in a
GIF's comment block; the markup check let it through and the GIF encoder copied the comment
into the stored file. Now every stored image is drawn afresh from pixels alone.
"""

import io
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import ExifTags, Image, ImageSequence, PngImagePlugin

from articles.models import Article, Author
from photos.images import clean_photo
from tests.articles.admin_forms import article_form_data
from tests.factories import SectionFactory
from tests.security.test_uploads import jpeg_with_html_after_the_image, jpeg_with_html_in_a_comment

pytestmark = pytest.mark.django_db

NAME = "Zarghona Ahmadi"
GPS = "GPS 34.5553N 69.2075E"
MARKUP = "<details ontoggle=alert(1)>"
SECRET = f"Reporter {NAME} {MARKUP} {GPS}"
# Bytes that must not be in any stored file (the name, the markup, the coordinates, and the
# containers metadata travels in).
NEEDLES = [NAME.encode(), b"ontoggle", b"<details", b"34.5553", b"69.2075", b"<html", b"<script", b"onerror",
           b"Exif\x00\x00", b"tEXt", b"zTXt", b"iTXt", b"XMP", b"iCCP", b"ICC_PROFILE"]


def gif_with_a_comment(*, frames: int = 1) -> bytes:
    colours = ["#c00000", "#00a000", "#0000c0"][:frames]
    images = [Image.new("RGB", (30, 20), colour) for colour in colours]
    out = io.BytesIO()
    timing = {"save_all": True, "append_images": images[1:], "duration": [120, 240, 360][:frames], "loop": 0}
    images[0].save(out, "GIF", comment=SECRET.encode(), **(timing if frames > 1 else {}))
    return out.getvalue()


def animated_webp_with_exif_and_xmp() -> bytes:
    images = [Image.new("RGBA", (30, 20), colour) for colour in ("#c00000", "#00a000", "#0000c0")]
    out = io.BytesIO()
    images[0].save(out, "WEBP", save_all=True, append_images=images[1:], duration=[120, 240, 360], loop=0,
                   lossless=True, exif=exif_with_gps().tobytes(), xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>".encode())
    return out.getvalue()


def png_with_text_chunks() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET)
    info.add_text("Author", NAME, zip=True)
    info.add_itxt("XML:com.adobe.xmp", f"<x:xmpmeta>{SECRET}</x:xmpmeta>", zip=False)
    out = io.BytesIO()
    Image.new("RGBA", (30, 20), (200, 0, 0, 128)).save(out, "PNG", pnginfo=info, icc_profile=b"ICC " + NAME.encode())
    return out.getvalue()


def exif_with_gps() -> Image.Exif:
    exif = Image.Exif()
    exif[ExifTags.Base.Artist] = NAME
    exif[ExifTags.Base.ImageDescription] = MARKUP
    exif[ExifTags.Base.Orientation] = 6  # the camera was turned: show it rotated 90°
    gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
    gps[ExifTags.GPS.GPSLatitudeRef] = "N"
    gps[ExifTags.GPS.GPSLatitude] = (34.0, 33.0, 19.0)
    gps[ExifTags.GPS.GPSAreaInformation] = GPS
    return exif


def jpeg_with_exif_gps() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#3366aa").save(out, "JPEG", exif=exif_with_gps().tobytes(), comment=SECRET.encode())
    return out.getvalue()


def webp_with_exif_and_xmp() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 20), "#3366aa").save(out, "WEBP", exif=exif_with_gps().tobytes(),
                                               xmp=f"<x:xmpmeta>{SECRET}</x:xmpmeta>".encode())
    return out.getvalue()


UPLOADS = {
    "GIF with a comment": (gif_with_a_comment, "photo.gif", "image/gif"),
    "animated GIF with a comment": (lambda: gif_with_a_comment(frames=3), "animation.gif", "image/gif"),
    "PNG with text chunks": (png_with_text_chunks, "photo.png", "image/png"),
    "JPEG with EXIF GPS": (jpeg_with_exif_gps, "photo.jpg", "image/jpeg"),
    "WebP with EXIF and XMP": (webp_with_exif_and_xmp, "photo.webp", "image/webp"),
    "animated WebP with EXIF and XMP": (animated_webp_with_exif_and_xmp, "animation.webp", "image/webp"),
    "JPEG/HTML polyglot (comment)": (jpeg_with_html_in_a_comment, "photo.jpg", "image/jpeg"),
    "JPEG/HTML polyglot (trailer)": (jpeg_with_html_after_the_image, "photo.jpg", "image/jpeg"),
}


@pytest.fixture
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"


def stored_files(root) -> list[Path]:
    return [path for path in Path(root).rglob("*") if path.is_file()]


def test_the_uploads_do_carry_the_secrets_to_begin_with():
    for case, (make, _name, _type) in UPLOADS.items():
        raw = make()
        assert any(needle in raw for needle in NEEDLES), case


@pytest.mark.parametrize("case", UPLOADS, ids=list(UPLOADS))
def test_a_hero_image_is_stored_as_pixels_only(client, editor, media_root, case):
    make, name, content_type = UPLOADS[case]
    client.force_login(editor)
    data = article_form_data(section=SectionFactory().pk, title=f"Upload: {case}", hero_alt="A photo")

    response = client.post(reverse("admin:articles_article_add"),
                           {**data, "hero_image": SimpleUploadedFile(name, make(), content_type=content_type)})

    assert response.status_code == 302, response.context["adminform"].form.errors
    article = Article.objects.get(title=f"Upload: {case}")
    stored = Path(article.hero_image.path).read_bytes()
    found = [needle for needle in NEEDLES if needle in stored]
    assert found == [], found
    for path in stored_files(media_root):  # the renditions too
        assert not [needle for needle in NEEDLES if needle in path.read_bytes()], path


def test_the_camera_rotation_is_applied_before_the_exif_is_dropped():
    photo = clean_photo(SimpleUploadedFile("photo.jpg", jpeg_with_exif_gps(), content_type="image/jpeg"))
    with Image.open(photo) as image:
        assert image.size == (20, 40)  # 40×20 turned upright
        assert not image.getexif()


@pytest.mark.parametrize("make", [lambda: gif_with_a_comment(frames=3), animated_webp_with_exif_and_xmp],
                         ids=["GIF", "WebP"])
def test_an_animation_keeps_its_frames_and_timing(make):
    photo = clean_photo(SimpleUploadedFile("animation", make(), content_type="image/gif"))
    with Image.open(photo) as image:
        frames = []
        for frame in ImageSequence.Iterator(image):
            colour = frame.convert("RGB").getpixel((0, 0))  # loads the frame, and with it its duration
            frames.append((frame.info["duration"], colour))
        assert "comment" not in image.info and "exif" not in image.info and "xmp" not in image.info
    assert [duration for duration, _colour in frames] == [120, 240, 360]
    expected = [(192, 0, 0), (0, 160, 0), (0, 0, 192)]
    for (_duration, colour), wanted in zip(frames, expected, strict=True):  # WebP is re-encoded lossy
        assert all(abs(a - b) <= 4 for a, b in zip(colour, wanted, strict=True)), (colour, wanted)


def test_a_transparent_png_stays_transparent():
    photo = clean_photo(SimpleUploadedFile("p.png", png_with_text_chunks(), content_type="image/png"))
    with Image.open(photo) as image:
        assert image.mode == "RGBA" and image.getpixel((0, 0)) == (200, 0, 0, 128)
        assert not image.text


def test_an_author_photo_is_stored_as_pixels_only(client, superuser, media_root):
    client.force_login(superuser)
    response = client.post(reverse("admin:articles_author_add"), {
        "name": "A reporter", "slug": "a-reporter", "bio": "",
        "photo": SimpleUploadedFile("me.gif", gif_with_a_comment(), content_type="image/gif"),
    })

    assert response.status_code == 302, response.content.decode()[:2000]
    stored = Path(Author.objects.get(slug="a-reporter").photo.path).read_bytes()
    assert [needle for needle in NEEDLES if needle in stored] == []
