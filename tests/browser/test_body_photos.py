"""Issue 17: a writer puts a photo inside a story's body in the real admin, and readers see it
(phone and desktop, English and Pashto; screenshots in $SCREENSHOTS when set)."""

import io
import os
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Article, Status
from photos.models import Photo
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_admin_editorial import log_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.photos.test_body_photos import run_queued_photo_renditions

pytestmark = pytest.mark.browser
SCREENSHOTS = os.environ.get("SCREENSHOTS")


def photo_file(tmp_path) -> Path:
    image = Image.new("RGB", (1200, 800), (70, 110, 150))
    image.paste((230, 200, 60), (700, 250, 1000, 550))  # a yellow "subject" right of centre
    path = tmp_path / "kabul-market.jpg"
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG")
    path.write_bytes(buffer.getvalue())
    return path


def shoot(tab, name):
    if SCREENSHOTS:
        Path(SCREENSHOTS).mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=f"{SCREENSHOTS}/{name}.png", full_page=True)


def test_a_writer_drafts_a_story_with_a_photo_and_readers_see_it(page, tmp_path, settings):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAGECACHE_ENABLED = False
    section = SectionFactory(name="News", name_en="News", slug="news")
    UserFactory(username="wanda", role="Writers")
    page.set_viewport_size(DESKTOP)

    log_in(page, "wanda")
    page.goto("/admin/articles/article/add/")
    page.fill("#id_title", "Bread queues grow in Herat")
    page.fill("#id_standfirst", "Prices have doubled since the border closed.")
    page.locator(".tiptap.ProseMirror").click()
    page.keyboard.type("Before dawn the queue is already long.")
    page.keyboard.press("Enter")

    page.get_by_role("button", name="Insert photo").click()
    dialog = page.locator("dialog.newsroom-photo-dialog")
    dialog.locator("#photo-upload-file").set_input_files(str(photo_file(tmp_path)))
    dialog.locator("#photo-upload-alt").fill("Women wait in line outside a bakery")
    dialog.locator("#photo-upload-caption").fill("Herat, before dawn")
    dialog.locator("#photo-upload-credit").fill("Ahmad Shah")
    shoot(page, "admin-insert-photo-dialog-1280")
    dialog.get_by_role("button", name="Upload and insert").click()
    page.locator(".ProseMirror .newsroom-photo-block img").wait_for()
    page.keyboard.type("A baker says flour costs twice what it did.")
    page.locator(".field-section .select2-selection").click()
    page.keyboard.type("News")
    page.locator(".select2-results__option", has_text="News").click()
    shoot(page, "admin-body-with-photo-1280")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/**")

    photo = Photo.objects.get()
    article = Article.objects.get(title="Bread queues grow in Herat")
    assert photo.alt == "Women wait in line outside a bakery" and photo.uploaded_by.username == "wanda"
    assert f'<figure data-photo="{photo.pk}"></figure>' in article.body
    assert article.body.index("Before dawn") < article.body.index("data-photo") < article.body.index("A baker")
    # The reopened form shows the photo in the body, and saving again keeps it.
    page.locator(".ProseMirror .newsroom-photo-block img").wait_for()
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/**")
    article.refresh_from_db()
    assert f'<figure data-photo="{photo.pk}"></figure>' in article.body

    # An editor publishes it (the publishing flow is tested elsewhere); the worker makes the copies.
    run_queued_photo_renditions()
    Article.objects.filter(pk=article.pk).update(status=Status.PUBLISHED, published_at=article.created_at)
    pashto_photo = Photo.objects.create(alt="ښځې د نانوايۍ مخې ته په کتار کې", caption="هرات، سهار وختي",
                                        credit="احمد شاه", language="ps", image=photo.image.name)
    run_queued_photo_renditions()
    pashto = ArticleFactory(
        language="ps", section=section, title="په هرات کې د ډوډۍ کتارونه اوږدېږي",
        body=f'<p>د سهار له مخې کتار اوږد دی.</p><figure data-photo="{pashto_photo.pk}"></figure><p>نانوا وايي اوړه دوه چنده شوي.</p>',
    )
    page.context.clear_cookies()
    for name, story in (("en", Article.objects.get(pk=article.pk)), ("ps", pashto)):
        for size, viewport in (("390", PHONE), ("1280", {"width": 1280, "height": 900})):
            page.set_viewport_size(viewport)
            page.goto(story.get_absolute_url())
            figure = page.locator(".story-body figure.story-photo")
            figure.scroll_into_view_if_needed()
            image = figure.locator("img")
            image.wait_for()
            page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=image.element_handle())
            assert image.evaluate("img => img.currentSrc").endswith(".webp")
            box = image.bounding_box()
            assert box["width"] <= viewport["width"]
            shoot(page, f"reader-{name}-{size}")
    assert "Ahmad Shah" in page.content() or "احمد شاه" in page.content()
