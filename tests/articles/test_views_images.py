"""Hero images on reader pages: WebP renditions at several widths, made in the background
(a django-tasks task queued when the article is saved) once, and reused."""

import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult
from PIL import Image, ImageChops

from articles.models import HeroRendition
from articles.renditions import RENDITION_WIDTHS, responsive_hero, widths_for
from articles.tasks import make_hero_renditions
from photos.renditions import BUDGET_AT_480, WEBP_QUALITY
from tests.browser.page_weight_site import photo
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _no_page_cache(settings):
    settings.PAGECACHE_ENABLED = False


def jpeg(width, height, colour=(180, 90, 40)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="JPEG")
    return out.getvalue()


def with_hero(article, width=1200, height=800):
    # As the admin's form does it: assign the upload, then save the article.
    article.hero_image = ContentFile(jpeg(width, height), name="photo.jpg")
    article.hero_alt = "Boys fly kites on a hill above Kabul"
    article.hero_caption = "Kite flying on Nowruz."
    article.hero_credit = "Photo desk"
    article.save()
    run_queued_renditions()
    return article


def run_queued_renditions() -> int:
    """What ``manage.py db_worker`` does with the queued rendition tasks; how many ran."""
    queued = DBTaskResult.objects.filter(task_path="articles.tasks.make_hero_renditions", status="READY")
    ran = 0
    for result in queued:
        make_hero_renditions.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
        ran += 1
    return ran


def test_saving_a_hero_queues_its_renditions_and_the_page_shows_the_original_meanwhile(client):
    article = ArticleFactory()
    article.hero_image = ContentFile(jpeg(1200, 800), name="photo.jpg")
    article.save()

    page = client.get(article.get_absolute_url()).content.decode()
    assert f'src="{article.hero_image.url}"' in page and "srcset=" not in page.split('<figure class="story-hero', 1)[1]
    assert not HeroRendition.objects.filter(article=article).exists()  # the reader's request made none
    assert run_queued_renditions() == 1
    assert [r.width for r in HeroRendition.objects.filter(article=article)] == widths_for(1200)

    article.title = "A new headline, the same photo"
    article.save()
    assert run_queued_renditions() == 0  # nothing missing, nothing queued


def test_widths_never_exceed_the_original():
    assert widths_for(1200) == [w for w in RENDITION_WIDTHS if w <= 1200]
    assert widths_for(200) == [200]


def test_article_page_serves_webp_renditions_with_srcset_sizes_and_dimensions(client):
    article = with_hero(ArticleFactory())

    page = client.get(article.get_absolute_url()).content.decode()

    renditions = list(HeroRendition.objects.filter(article=article))
    assert [r.width for r in renditions] == widths_for(1200)
    for rendition in renditions:
        with default_storage.open(rendition.file.name) as stored, Image.open(stored) as image:
            assert image.format == "WEBP"
            assert image.size == (rendition.width, rendition.height)
        assert f"{rendition.file.url} {rendition.width}w" in page
    assert renditions[-1].height == round(800 * renditions[-1].width / 1200)
    hero = page.split('<figure class="story-hero', 1)[1].split("</figure>", 1)[0]
    assert 'sizes="' in hero and f'width="{renditions[-1].width}" height="{renditions[-1].height}"' in hero
    assert 'alt="Boys fly kites on a hill above Kabul"' in hero
    assert 'fetchpriority="high"' in hero and 'loading="lazy"' not in hero
    assert "Kite flying on Nowruz." in hero and "Photo desk" in hero


def test_renditions_are_made_once_and_reused(client):
    article = with_hero(ArticleFactory())
    client.get(article.get_absolute_url())
    first = {r.pk: r.file.name for r in HeroRendition.objects.filter(article=article)}

    client.get(article.get_absolute_url())
    client.get("/en/")

    assert {r.pk: r.file.name for r in HeroRendition.objects.filter(article=article)} == first


def test_list_pages_lazy_load_card_images_and_mark_them_decorative(client):
    lead = with_hero(ArticleFactory(title="Lead story"))
    older = with_hero(ArticleFactory(title="Older story", published_at=lead.published_at.replace(year=lead.published_at.year - 1)))

    page = client.get(older.section.get_absolute_url()).content.decode()

    card = page.split("Older story", 1)[0].rsplit('<article class="card', 1)[1]
    assert 'loading="lazy"' in card and 'alt=""' in card and "srcset=" in card


def test_a_replaced_hero_gets_new_renditions_and_the_old_files_go(client):
    article = with_hero(ArticleFactory())
    client.get(article.get_absolute_url())
    old_files = [r.file.name for r in HeroRendition.objects.filter(article=article)]

    article.hero_image = ContentFile(jpeg(700, 700, (10, 120, 200)), name="new.jpg")
    article.save()
    run_queued_renditions()
    client.get(article.get_absolute_url())

    current = HeroRendition.objects.filter(article=article)
    assert {r.source for r in current} == {article.hero_image.name}
    assert [r.width for r in current] == widths_for(700)
    assert not any(default_storage.exists(name) for name in old_files)


def test_a_missing_original_falls_back_to_it_instead_of_failing(client):
    article = ArticleFactory()
    article.hero_image = ContentFile(jpeg(1200, 800), name="photo.jpg")
    article.save()
    default_storage.delete(article.hero_image.name)
    run_queued_renditions()  # logs the missing file, makes nothing

    response = client.get(article.get_absolute_url())

    assert response.status_code == 200
    assert f'src="{article.hero_image.url}"' in response.content.decode()
    assert not HeroRendition.objects.filter(article=article).exists()


def test_an_article_without_a_hero_has_no_image():
    assert responsive_hero(ArticleFactory()) is None


def test_deleting_an_article_removes_its_rendition_files(client):
    article = with_hero(ArticleFactory())
    client.get(article.get_absolute_url())
    files = [r.file.name for r in HeroRendition.objects.filter(article=article)]
    assert files and all(default_storage.exists(name) for name in files)

    article.delete()

    assert not any(default_storage.exists(name) for name in files)


def test_the_backfill_command_queues_only_heroes_that_lack_renditions():
    from django.core.management import call_command

    done = with_hero(ArticleFactory())
    waiting = ArticleFactory()
    waiting.hero_image = ContentFile(jpeg(640, 480), name="later.jpg")
    waiting.save()
    DBTaskResult.objects.all().delete()  # as if stored before the task existed

    call_command("queue_hero_renditions", stdout=io.StringIO())

    queued = DBTaskResult.objects.filter(task_path="articles.tasks.make_hero_renditions")
    assert [result.args_kwargs["args"] for result in queued] == [[waiting.pk]]
    assert done.pk != waiting.pk


def test_a_grainy_photos_phone_rendition_is_encoded_again_smaller_to_stay_within_60_kb():
    # A 480 px photo with film grain: at quality 78 its WebP is over the page-weight budget.
    with Image.open(io.BytesIO(photo(480, 320))) as clean:
        grainy = ImageChops.overlay(clean.convert("RGB"), Image.effect_noise((480, 320), 30).convert("RGB"))
    at_78 = io.BytesIO()
    grainy.save(at_78, format="WEBP", quality=WEBP_QUALITY, method=4)
    assert at_78.tell() > BUDGET_AT_480
    original = io.BytesIO()
    grainy.save(original, format="PNG")
    article = ArticleFactory()
    article.hero_image = ContentFile(original.getvalue(), name="grain.png")
    article.save()
    run_queued_renditions()

    rendition = HeroRendition.objects.get(article=article, width=480)
    assert 0.6 * BUDGET_AT_480 < rendition.file.size <= BUDGET_AT_480  # smaller, not crushed


def test_an_ordinary_photo_keeps_quality_78_at_every_width():
    article = ArticleFactory()
    article.hero_image = ContentFile(photo(1600, 1067), name="valley.jpg")
    article.save()
    run_queued_renditions()

    article.refresh_from_db()
    with article.hero_image.open("rb"), Image.open(article.hero_image) as stored:
        original = stored.convert("RGB")
        for rendition in HeroRendition.objects.filter(article=article):
            expected = io.BytesIO()
            original.resize((rendition.width, rendition.height), Image.Resampling.LANCZOS).save(
                expected, format="WEBP", quality=WEBP_QUALITY, method=4
            )
            assert rendition.file.size == expected.tell(), rendition.width
    assert HeroRendition.objects.get(article=article, width=480).file.size <= BUDGET_AT_480
