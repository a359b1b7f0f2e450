import io

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from articles.models import Article
from photos.images import clean_photo
from tests.articles.admin_forms import article_form_data
from tests.factories import SectionFactory

GPS_IFD = 0x8825


def photo_bytes(fmt="JPEG", size=(64, 48), with_gps=False, mode="RGB"):
    image = Image.new(mode, size, "#3366aa" if mode == "RGB" else 1)
    out = io.BytesIO()
    options = {}
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "ReporterPhoneMaker"  # Make
        exif.get_ifd(GPS_IFD).update({1: "N", 2: (34.0, 31.0, 0.0), 3: "E", 4: (69.0, 10.0, 0.0)})
        options["exif"] = exif
    image.save(out, format=fmt, **options)
    return out.getvalue()


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF"])
def test_real_photos_of_each_format_are_accepted(fmt):
    cleaned = clean_photo(upload(photo_bytes(fmt, mode="RGB" if fmt != "GIF" else "P")))
    with Image.open(cleaned) as image:
        assert image.format == fmt
        assert image.size == (64, 48)


def test_gps_and_camera_metadata_are_stripped():
    original = photo_bytes(with_gps=True)
    with Image.open(io.BytesIO(original)) as image:
        assert image.getexif().get_ifd(GPS_IFD), "the test photo must carry GPS to begin with"
    cleaned = clean_photo(upload(original)).read()
    with Image.open(io.BytesIO(cleaned)) as image:
        exif = image.getexif()
        assert not exif.get_ifd(GPS_IFD)
        assert 0x010F not in exif
    assert b"ReporterPhoneMaker" not in cleaned


@pytest.mark.parametrize(
    "data, name, message",
    [
        (b"%PDF-1.4 not a photo", "photo.jpg", "not a readable"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>", "photo.png", "SVG"),
        (b"", "empty.jpg", "not a readable"),
    ],
)
def test_files_that_are_not_photos_are_refused(data, name, message):
    with pytest.raises(ValidationError) as error:
        clean_photo(upload(data, name))
    assert message in " ".join(error.value.messages)


def test_oversized_and_overlarge_photos_are_refused(settings):
    settings.HERO_IMAGE_MAX_PIXELS = 1000
    with pytest.raises(ValidationError, match="megapixels"):
        clean_photo(upload(photo_bytes(size=(100, 100))))
    settings.HERO_IMAGE_MAX_BYTES = 100
    with pytest.raises(ValidationError, match="MB"):
        clean_photo(upload(photo_bytes()))


def test_the_admin_requires_alt_text_and_stores_a_generated_name(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    data = article_form_data(section=section.pk, title="With photo")
    response = client.post(reverse("admin:articles_article_add"), {**data, "hero_image": upload(photo_bytes(), "kabul-safehouse.jpg")})
    assert response.status_code == 200
    assert "Describe the photo" in response.content.decode()
    assert not Article.objects.filter(title="With photo").exists()

    response = client.post(
        reverse("admin:articles_article_add"),
        {**data, "hero_alt": "Men at a market", "hero_image": upload(photo_bytes(with_gps=True), "kabul-safehouse.jpg")},
    )
    assert response.status_code == 302
    article = Article.objects.get(title="With photo")
    assert "safehouse" not in article.hero_image.name
    assert article.hero_image.name.startswith("heroes/") and article.hero_image.name.endswith(".jpg")
    assert (article.hero_width, article.hero_height) == (64, 48)
    with article.hero_image.open() as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD)


def test_author_photos_are_checked_and_stripped_too(client, editor):
    from articles.models import Author

    client.force_login(editor)
    data = {"name": "Nadia", "slug": "nadia", "bio": "", "user": ""}
    refused = client.post(reverse("admin:articles_author_add"), {**data, "photo": upload(b"<svg><script>x</script></svg>", "me.png")})
    assert refused.status_code == 200 and "SVG" in refused.content.decode()
    client.post(reverse("admin:articles_author_add"), {**data, "photo": upload(photo_bytes(with_gps=True), "nadia-home.jpg")})
    author = Author.objects.get(slug="nadia")
    assert "nadia-home" not in author.photo.name
    with author.photo.open() as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD)
