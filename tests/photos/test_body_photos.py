"""Issue 17, images in the story: photos of the library inside a story's body, uploaded with the
hero images' checks and metadata stripping, drawn on the reader page with their WebP copies."""

import io
import json
import re

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_tasks_db.models import DBTaskResult
from PIL import Image

from articles.sanitize import clean_body_html
from photos.models import Photo
from photos.tasks import make_photo_renditions
from tests.factories import ArticleFactory, UserFactory

pytestmark = pytest.mark.django_db
GPS_IFD = 0x8825


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAGECACHE_ENABLED = False
    return tmp_path / "media"


def jpeg(width=1000, height=600, *, with_gps=False) -> bytes:
    image = Image.new("RGB", (width, height), (40, 120, 90))
    out = io.BytesIO()
    if with_gps:
        exif = Image.Exif()
        exif[0x010F] = "PhoneMaker"
        exif.get_ifd(GPS_IFD)[2] = (34.0, 31.0, 0.0)
        image.save(out, format="JPEG", exif=exif)
    else:
        image.save(out, format="JPEG")
    return out.getvalue()


def run_queued_photo_renditions() -> int:
    """What ``manage.py db_worker`` does with the queued tasks; how many ran."""
    queued = DBTaskResult.objects.filter(task_path="photos.tasks.make_photo_renditions", status="READY")
    ran = 0
    for result in queued:
        make_photo_renditions.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
        ran += 1
    return ran


def library_photo(**fields) -> Photo:
    photo = Photo(alt=fields.pop("alt", "Women queue for bread in Herat"), **fields)
    photo.image = ContentFile(jpeg(), name="photo.jpg")
    photo.save()
    run_queued_photo_renditions()
    photo.refresh_from_db()
    return photo


# -- the stored body ------------------------------------------------------------------------

def test_the_sanitiser_keeps_a_photo_reference_and_nothing_else_new():
    assert clean_body_html('<p>Before</p><figure data-photo="12"></figure>') == '<p>Before</p><figure data-photo="12"></figure>'
    # Only a number; no other attribute; nothing inside the reference.
    assert clean_body_html('<figure data-photo="12 onload=x"></figure>') == "<figure></figure>"
    assert clean_body_html('<figure data-photo="12" data-src="x" class="y" style="z"></figure>') == '<figure data-photo="12"></figure>'
    assert clean_body_html('<figure data-photo="3"><img src="https://tracker.example/x.gif"><figcaption>x</figcaption></figure><p>a</p>') == (
        '<figure data-photo="3"></figure><p>a</p>'
    )
    assert clean_body_html('<p data-photo="4">x</p><img src="/media/x.jpg">') == "<p>x</p>"
    assert clean_body_html('<figure><figcaption>A quote</figcaption></figure>') == "<figure><figcaption>A quote</figcaption></figure>"


# -- uploading and choosing in the article form ----------------------------------------------

def test_the_article_form_offers_insert_photo_with_the_library_addresses(client, writer):
    client.force_login(writer)
    page = client.get(reverse("admin:articles_article_add")).content.decode()
    assert "articles/insert-photo.js" in page
    assert f'data-photo-library-url="{reverse("admin:photos_photo_library")}"' in page
    assert f'data-photo-upload-url="{reverse("admin:photos_photo_upload")}"' in page
    # The editor builds its blocks from our list, the library photo among them.
    config = json.loads(re.search(r'data-django-prose-editor-configurable="([^"]+)"', page).group(1).replace("&quot;", '"'))
    assert "NewsroomPhoto" in config["extensions"]
    assert any(module.endswith("articles/body-figures.js") for module in config["js_modules"])


def test_a_writer_uploads_a_photo_that_is_checked_stripped_and_renamed(client, writer):
    client.force_login(writer)
    upload = SimpleUploadedFile("informant-at-home.jpg", jpeg(with_gps=True), content_type="image/jpeg")

    response = client.post(reverse("admin:photos_photo_upload"), {
        "image": upload, "alt": "ښځې د ډوډۍ لپاره په کتار کې", "caption": "هرات", "credit": "احمد", "language": "ps",
    })

    assert response.status_code == 201
    photo = Photo.objects.get(pk=response.json()["photo"]["id"])
    assert photo.uploaded_by == writer and photo.language == "ps"
    assert photo.image.name.startswith("photos/") and "informant" not in photo.image.name
    with photo.image.open() as stored, Image.open(stored) as image:
        assert not image.getexif().get_ifd(GPS_IFD) and not image.getexif().get(0x010F)
    assert DBTaskResult.objects.filter(task_path="photos.tasks.make_photo_renditions").count() == 1


def test_an_upload_without_alt_text_or_that_is_no_photo_is_refused_with_the_reason(client, writer):
    client.force_login(writer)
    url = reverse("admin:photos_photo_upload")

    no_alt = client.post(url, {"image": SimpleUploadedFile("a.jpg", jpeg(), content_type="image/jpeg"), "language": "en"})
    svg = client.post(url, {"image": SimpleUploadedFile("a.png", b"<svg onload=alert(1)></svg>", content_type="image/png"),
                            "alt": "x", "language": "en"})

    assert no_alt.status_code == 400 and "alt" in no_alt.json()["errors"]
    assert svg.status_code == 400 and "SVG" in " ".join(svg.json()["errors"]["image"])
    assert not Photo.objects.exists()


def test_the_library_finds_photos_by_their_words_for_staff_only(client, writer):
    market = library_photo(alt="A market in Herat", caption="Fruit sellers", uploaded_by=writer)
    library_photo(alt="A school in Kabul", uploaded_by=writer)
    url = reverse("admin:photos_photo_library")

    assert client.get(url).status_code == 302  # to the login page

    client.force_login(writer)
    found = client.get(url, {"q": "fruit"}).json()["photos"]
    assert [photo["id"] for photo in found] == [market.pk]
    assert found[0]["thumb"].endswith(".webp")  # the smallest copy
    assert len(client.get(url).json()["photos"]) == 2


def test_a_writer_finds_only_their_own_uploads_and_an_editor_all(client, writer, editor):
    # Another writer's photo may be for a story not yet published: its caption must not show.
    other = UserFactory(username="other-writer", role="Writers")
    library_photo(alt="The dam before it broke", caption="Embargoed inquiry", uploaded_by=other)
    own = library_photo(alt="A school in Kabul", uploaded_by=writer)
    url = reverse("admin:photos_photo_library")

    client.force_login(writer)
    assert [photo["id"] for photo in client.get(url).json()["photos"]] == [own.pk]
    assert "Embargoed" not in client.get(reverse("admin:photos_photo_changelist")).content.decode()
    client.force_login(editor)
    assert len(client.get(url).json()["photos"]) == 2


def test_a_writer_changes_only_their_own_photos_and_an_editor_any(client, writer, editor):
    other = UserFactory(username="other-writer", role="Writers")
    theirs = library_photo(uploaded_by=other)
    mine = library_photo(uploaded_by=writer)
    client.force_login(writer)
    assert client.get(reverse("admin:photos_photo_change", args=[mine.pk])).status_code == 200
    page = client.get(reverse("admin:photos_photo_change", args=[theirs.pk])).content.decode()
    assert 'name="caption"' not in page  # shown read-only

    client.force_login(editor)
    assert 'name="caption"' in client.get(reverse("admin:photos_photo_change", args=[theirs.pk])).content.decode()


# -- the reader page --------------------------------------------------------------------------

def test_a_story_shows_its_body_photos_with_copies_caption_and_credit(client):
    photo = library_photo(alt="Women queue for bread", caption="Herat, 3 December", credit="Ahmad Shah")
    article = ArticleFactory(body=f'<p>First.</p><figure data-photo="{photo.pk}"></figure><p>Second.</p>')

    page = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="story-photo".*?</figure>', page, re.DOTALL).group(0)
    assert 'alt="Women queue for bread"' in figure and 'loading="lazy"' in figure
    assert "sizes=" in figure and "320w" in figure and "960w" in figure and ".webp" in figure
    assert 'width="960" height="576"' in figure  # the largest copy of a 1000x600 photo
    assert "<figcaption>Herat, 3 December · <span class=\"credit\">Photo: Ahmad Shah</span></figcaption>" in figure
    assert page.index("First.") < page.index('class="story-photo"') < page.index("Second.")


def test_before_its_copies_exist_the_page_shows_the_original():
    photo = Photo(alt="A bridge")
    photo.image = ContentFile(jpeg(800, 500), name="photo.jpg")
    photo.save()  # the task is queued, not run

    from photos.body import render_body
    html = render_body(f'<figure data-photo="{photo.pk}"></figure>')

    assert f'src="{photo.image.url}"' in html and "srcset" not in html and 'width="800" height="500"' in html


def test_all_the_photos_of_a_body_cost_one_query(client):
    plain = ArticleFactory(body="<p>Words only.</p>")
    photos = [library_photo(alt=f"Photo {n}") for n in range(3)]
    illustrated = ArticleFactory(body="".join(f'<p>{n}</p><figure data-photo="{p.pk}"></figure>' for n, p in enumerate(photos)))

    with CaptureQueriesContext(connection) as without_photos:
        client.get(plain.get_absolute_url())
    with CaptureQueriesContext(connection) as with_photos:
        page = client.get(illustrated.get_absolute_url()).content.decode()

    assert page.count('class="story-photo"') == 3
    assert len(with_photos) == len(without_photos) + 1
    assert sum('"photos_photo"' in query["sql"] for query in with_photos.captured_queries) == 1


def test_a_deleted_photo_leaves_nothing_broken(client, django_capture_on_commit_callbacks):
    kept, gone = library_photo(alt="Kept"), library_photo(alt="Gone")
    article = ArticleFactory(body=f'<figure data-photo="{gone.pk}"></figure><p>Text.</p><figure data-photo="{kept.pk}"></figure>')
    files = [gone.image.name, *(r["name"] for r in gone.renditions)]

    with django_capture_on_commit_callbacks(execute=True):
        gone.delete()
    response = client.get(article.get_absolute_url())

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count('class="story-photo"') == 1 and 'alt="Kept"' in page and "Gone" not in page
    assert "data-photo" not in page  # no empty placeholder either
    assert not any(default_storage.exists(name) for name in files)


def test_an_unpublished_storys_photos_reach_no_reader(client):
    photo = library_photo(alt="Secret", caption="SECRET-CAPTION")
    draft = ArticleFactory(draft=True, body=f'<figure data-photo="{photo.pk}"></figure>')

    # The story is not public, so neither is where its photo is: as for hero images, the file's
    # name is random (photos/...<uuid>), never the upload's, and no public page links it.
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(reverse("admin:photos_photo_library")).status_code == 302
    assert client.get(reverse("admin:photos_photo_preview", args=[photo.pk])).status_code == 302
    assert re.fullmatch(r"photos/\d{4}/\d{2}/[0-9a-f]{32}\.jpg", photo.image.name)


def test_feeds_carry_body_photos_as_plain_images_at_absolute_addresses_and_embeds_as_links(client):
    photo = library_photo(alt="Women queue for bread", caption="Herat, 3 December", credit="Ahmad Shah")
    ArticleFactory(body=f'<p>First.</p><figure data-photo="{photo.pk}"></figure>'
                        '<figure data-embed="https://www.youtube.com/watch?v=dQw4w9WgXcQ"></figure>')

    feed = client.get(reverse("feeds:site-rss")).content.decode()

    assert "data-photo" not in feed and "data-embed" not in feed and "&lt;script" not in feed
    assert 'alt="Women queue for bread"' in feed and "Herat, 3 December · Photo: Ahmad Shah" in feed
    assert re.search(r'src="https?://[^"/]+/', feed.replace("&quot;", '"').replace("&lt;", "<"))
    assert "https://www.youtube.com/watch?v=dQw4w9WgXcQ" in feed
