"""Issue 17: a writer puts a photo and a video inside a story's body in the real admin, and readers
see them (phone and desktop, English and Pashto; screenshots in $SCREENSHOTS when set); the video's
player is loaded only on the reader's click."""

import io
import os
import re
from pathlib import Path

import pytest
from PIL import Image

from articles.models import Article, Status
from photos import embeds
from photos.models import Photo
from tests.browser.conftest import DESKTOP, PHONE
from tests.browser.test_admin_editorial import log_in
from tests.factories import ArticleFactory, SectionFactory, UserFactory
from tests.photos.test_body_photos import run_queued_photo_renditions
from tests.photos.test_embeds import VIDEO, FakeInternet, jpeg_with_gps, run_queued_fetches

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


def paste(tab, text):
    """What the browser does when the writer pastes ``text`` into the body."""
    tab.locator(".tiptap.ProseMirror").evaluate(
        """(editor, text) => {
            const data = new DataTransfer();
            data.setData('text/plain', text);
            const target = editor.querySelector('p:last-child') || editor;
            target.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
        }""",
        text,
    )


def test_a_writer_drafts_a_story_with_a_photo_and_a_video_and_readers_see_them(page, tmp_path, settings, monkeypatch):
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
    assert page.locator(".ProseMirror .newsroom-photo-block figcaption").inner_text() == "Herat, before dawn · Ahmad Shah"
    page.keyboard.type("A baker says flour costs twice what it did.")
    page.keyboard.press("Enter")
    paste(page, "https://youtu.be/dQw4w9WgXcQ")
    page.locator(".ProseMirror .newsroom-embed-block").wait_for()
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
    assert article.body.index("A baker") < article.body.index(f'<figure data-embed="{VIDEO}"></figure>')
    # The reopened form shows the photo in the body, and saving again keeps it.
    page.locator(".ProseMirror .newsroom-photo-block img").wait_for()
    assert page.locator(".ProseMirror .newsroom-photo-block figcaption").inner_text() == "Herat, before dawn · Ahmad Shah"
    page.locator(".ProseMirror .newsroom-embed-block").wait_for()
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/**")
    article.refresh_from_db()
    assert f'<figure data-photo="{photo.pk}"></figure>' in article.body
    assert f'<figure data-embed="{VIDEO}"></figure>' in article.body

    # The worker asks YouTube (faked at the HTTP boundary) for the title and the poster.
    monkeypatch.setattr(embeds, "urlopen", FakeInternet({
        "https://www.youtube.com/oembed?": b'{"title": "Bakers of Herat", "thumbnail_url": "https://i.ytimg.com/vi/x/hq.jpg"}',
        "https://i.ytimg.com/": jpeg_with_gps(),
    }))
    assert run_queued_fetches() == 1

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
    third_party = []

    def third_party_answer(route):  # every address but the live server's: recorded, answered here
        third_party.append(route.request.url)
        return route.fulfill(status=200, content_type="text/html", body="<p>The provider's player</p>")

    page.route(re.compile(r"^https?://(?!localhost[:/]|127\.0\.0\.1[:/]).*"), third_party_answer)
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

    # The English story's video: our poster until the click, then YouTube's privacy-enhanced player.
    page.set_viewport_size(DESKTOP)
    page.goto(Article.objects.get(pk=article.pk).get_absolute_url())
    video = page.locator("figure.story-embed")
    video.scroll_into_view_if_needed()
    # A lazy image has no currentSrc until it has loaded, after it scrolled into view.
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=video.locator("img").element_handle())
    assert video.locator("img").evaluate("img => img.currentSrc").startswith(page.url.split("/en/")[0] + "/media/embeds/")
    assert "Bakers of Herat" in video.inner_text()
    assert third_party == [], "nothing is asked of a third party before the click"
    shoot(page, "reader-video-before-click-1280")
    video.get_by_role("link").click()
    frame = page.locator("figure.story-embed iframe")
    frame.wait_for()
    assert frame.get_attribute("src") == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"
    page.wait_for_timeout(300)
    assert third_party and all(url.startswith("https://www.youtube-nocookie.com/") for url in third_party)


def test_the_focal_point_is_set_by_clicking_the_hero_photo(page, tmp_path, settings):
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = str(tmp_path / "media")
    writer = UserFactory(username="wanda", role="Writers")
    article = ArticleFactory(draft=True, title="Kites over Kabul", created_by=writer, hero_alt="Kites")
    article.hero_image = ContentFile(photo_file(tmp_path).read_bytes(), name="photo.jpg")
    article.save()
    page.set_viewport_size(DESKTOP)
    log_in(page, "wanda")

    page.goto(f"/admin/articles/article/{article.pk}/change/")
    page.locator("summary", has_text="Hero image").click()
    photo = page.locator(".focal-point-picker img")
    photo.wait_for()
    page.wait_for_function("img => img.complete && img.naturalWidth > 0", arg=photo.element_handle())
    box = photo.bounding_box()
    photo.click(position={"x": box["width"] * 0.75, "y": box["height"] * 0.5})  # the yellow square
    assert abs(float(page.input_value("#id_hero_focal_x")) - 0.75) < 0.02
    assert abs(float(page.input_value("#id_hero_focal_y")) - 0.5) < 0.02
    shoot(page, "admin-focal-point-1280")
    page.click("input[name=_continue]")
    page.wait_for_url("**/change/**")

    article.refresh_from_db()
    assert abs(article.hero_focal_x - 0.75) < 0.02 and abs(article.hero_focal_y - 0.5) < 0.02
