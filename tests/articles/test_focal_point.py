"""Issue 17, images in the story: a focal point per hero photo, kept in view by every crop
(story cards through CSS ``object-position``, share images cropped on the server)."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.urls import reverse
from django.utils import translation
from PIL import Image, ImageChops

from articles.models import Article
from photos.images import focal_crop_box, object_position
from tests.articles.admin_forms import article_form_data
from tests.factories import ArticleFactory, SectionFactory
from tests.syndication.test_metadata import first, read_head

pytestmark = pytest.mark.django_db
RED = (220, 0, 0)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAGECACHE_ENABLED = False
    with translation.override("en"):
        yield tmp_path / "media"


def photo_with_red_corner(width=1200, height=1200, square=200) -> bytes:
    """A grey photo with a red square in its bottom right corner: the subject."""
    image = Image.new("RGB", (width, height), (128, 128, 128))
    image.paste(RED, (width - square, height - square, width, height))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def with_photo(article, *, focal=(0.5, 0.5), **size):
    article.hero_image = ContentFile(photo_with_red_corner(**size), name="photo.png")
    article.hero_alt = "A red square in a grey field"
    article.hero_focal_x, article.hero_focal_y = focal
    article.save()
    return article


def red_share(share_url: str) -> float:
    """The share image's share of red pixels."""
    with default_storage.open(share_url.split("/media/", 1)[1]) as stored, Image.open(stored) as image:
        assert image.size == (1200, 630)
        red, green, blue = (band.point(lambda v, hi=hi: 255 if (v > 180) == hi else 0)
                            for band, hi in zip(image.convert("RGB").split(), (True, False, False), strict=True))
        mask = ImageChops.multiply(ImageChops.multiply(red, green), blue)
    return mask.histogram()[255] / (mask.width * mask.height)


def test_the_crop_box_is_centred_on_the_focal_point_as_far_as_the_edges_allow():
    # A square photo cut to a wide card: the full width, the rows around the point.
    assert focal_crop_box(1000, 1000, aspect=2, focal_x=0.5, focal_y=0.5) == (0, 250, 1000, 750)
    assert focal_crop_box(1000, 1000, aspect=2, focal_x=0.5, focal_y=0.3) == (0, 50, 1000, 550)
    assert focal_crop_box(1000, 1000, aspect=2, focal_x=0.5, focal_y=1.0) == (0, 500, 1000, 1000)  # not past the edge
    # A wide photo cut to a square: the columns around the point.
    assert focal_crop_box(2000, 1000, aspect=1, focal_x=0.1, focal_y=0.5) == (0, 0, 1000, 1000)
    assert focal_crop_box(2000, 1000, aspect=1, focal_x=0.6, focal_y=0.5) == (700, 0, 1700, 1000)
    assert object_position(0.25, 0.9) == "25% 90%"


def test_the_share_image_keeps_the_subject_at_the_focal_point_in_the_crop(client):
    centred = with_photo(ArticleFactory(title="Centred"))
    on_subject = with_photo(ArticleFactory(title="On the subject"), focal=(0.92, 0.92))

    _, centred_head = read_head(client, centred.get_absolute_url())
    _, subject_head = read_head(client, on_subject.get_absolute_url())

    # The square photo is cut to 1200x630: around the middle the red corner is cut away,
    # around the focal point it is in the picture (200x200 of 1200x630, about 5%).
    assert red_share(first(centred_head, "og:image")) == 0
    assert red_share(first(subject_head, "og:image")) > 0.04
    assert (first(subject_head, "og:image:width"), first(subject_head, "og:image:height")) == ("1200", "630")
    assert first(subject_head, "og:image:alt") == "A red square in a grey field"


def test_moving_the_focal_point_makes_a_new_share_image(client):
    article = with_photo(ArticleFactory())
    _, head = read_head(client, article.get_absolute_url())
    before = first(head, "og:image")

    article.hero_focal_x, article.hero_focal_y = 0.9, 0.9
    article.save()
    _, head = read_head(client, article.get_absolute_url())

    assert first(head, "og:image") != before
    assert f"/share/article-{article.pk}/photo-" in first(head, "og:image")


@pytest.mark.parametrize("state", ["draft", "scheduled"])
def test_a_preview_of_an_unpublished_story_draws_no_crop_of_its_photo(client, editor, media_root, state):
    article = with_photo(ArticleFactory(**{state: True}), focal=(0.9, 0.9))
    client.force_login(editor)

    _, head = read_head(client, article.get_absolute_url())

    assert not list((media_root / "share").rglob("photo-*")) if (media_root / "share").exists() else True
    assert first(head, "og:image") == f"http://testserver{article.hero_image.url}"


def test_story_cards_place_the_crop_on_the_focal_point(client):
    lead = with_photo(ArticleFactory(title="Lead story"))
    with_photo(ArticleFactory(title="Subject story", section=lead.section,
                                        published_at=lead.published_at.replace(year=lead.published_at.year - 1)),
                         focal=(0.92, 0.85))

    page = client.get(lead.section.get_absolute_url()).content.decode()

    subject_card = page.split("Subject story", 1)[0].rsplit('<article class="card', 1)[1]
    lead_card = page.split("Lead story", 1)[0].rsplit('<article class="card', 1)[1]
    assert 'style="object-position: 92% 85%"' in subject_card
    assert "object-position" not in lead_card  # the centre is the stylesheet's default


def test_an_editor_sets_the_focal_point_in_the_article_form(client, editor):
    article = with_photo(ArticleFactory(draft=True))
    client.force_login(editor)
    url = reverse("admin:articles_article_change", args=[article.pk])

    form = client.get(url).content.decode()
    assert 'name="hero_focal_x"' in form and 'name="hero_focal_y"' in form  # typed without script
    assert "articles/focal-point.js" in form  # clicked on the photo with it

    data = article_form_data(article, loaded_version=article.updated_at.isoformat(), hero_alt=article.hero_alt)
    response = client.post(url, {**data, "hero_focal_x": "0.25", "hero_focal_y": "0.8"})
    assert response.status_code == 302
    article.refresh_from_db()
    assert (article.hero_focal_x, article.hero_focal_y) == (0.25, 0.8)

    refused = client.post(url, {**article_form_data(article, loaded_version=article.updated_at.isoformat(),
                                                    hero_alt=article.hero_alt),
                                "hero_focal_x": "1.5", "hero_focal_y": "0.8"})
    assert refused.status_code == 200
    assert "less than or equal to 1" in refused.content.decode()

    # A form without the fields (an older page, another tool) leaves the point where it was.
    kept = client.post(url, article_form_data(article, loaded_version=article.updated_at.isoformat(),
                                              hero_alt=article.hero_alt, title="Kept"))
    assert kept.status_code == 302
    article.refresh_from_db()
    assert article.title == "Kept"
    assert (article.hero_focal_x, article.hero_focal_y) == (0.25, 0.8)


def test_the_database_refuses_a_focal_point_outside_the_photo():
    from django.db import IntegrityError, transaction

    article = ArticleFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        Article.objects.filter(pk=article.pk).update(hero_focal_x=1.2)


def test_a_new_story_gets_the_centre(client, editor):
    section = SectionFactory()
    client.force_login(editor)
    client.post(reverse("admin:articles_article_add"), article_form_data(section=section.pk, title="Centre"))
    assert Article.objects.values_list("hero_focal_x", "hero_focal_y").get(title="Centre") == (0.5, 0.5)
