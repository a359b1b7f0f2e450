"""Issue 17: videos and posts by pasting a link (YouTube, Vimeo, X). oEmbed is asked in the
background, only at the providers' endpoints and with a timeout; the poster is kept on our storage,
and the reader page loads the third party's player only on a click. The HTTP answers are faked at
``urlopen``; the parsing and the storage are the real ones."""

import io
import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core.files.storage import default_storage
from django_tasks_db.models import DBTaskResult
from PIL import Image

from articles.sanitize import clean_body_html
from photos import embeds
from photos.embeds import FRAME_ORIGINS, canonical_url, parse_link
from photos.models import Embed
from photos.tasks import fetch_embed
from tests.factories import ArticleFactory

pytestmark = pytest.mark.django_db
VIDEO = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"
THUMBNAIL = "https://i.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.PAGECACHE_ENABLED = False


def jpeg_with_gps() -> bytes:
    image = Image.new("RGB", (480, 360), (200, 30, 30))
    exif = Image.Exif()
    exif.get_ifd(0x8825)[2] = (34.0, 31.0, 0.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif)
    return out.getvalue()


class FakeResponse(io.BytesIO):
    status = 200

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


class FakeInternet:
    """Answers by address; records every request with its timeout."""

    def __init__(self, answers):
        self.answers, self.requests = answers, []

    def __call__(self, request, timeout=None):
        url = request.full_url
        self.requests.append((url, timeout))
        for prefix, answer in self.answers.items():
            if url.startswith(prefix):
                if isinstance(answer, Exception):
                    raise answer
                return FakeResponse(answer)
        raise OSError(f"no route to {url}")


@pytest.fixture
def internet(monkeypatch):
    fake = FakeInternet({
        "https://www.youtube.com/oembed?": json.dumps({
            "title": "  Kabul river   at dawn ", "author_name": "Dawat Media", "provider_name": "YouTube",
            "thumbnail_url": THUMBNAIL, "html": "<iframe src=https://www.youtube.com/embed/x></iframe>",
        }).encode(),
        THUMBNAIL: jpeg_with_gps(),
        "https://publish.twitter.com/oembed?": json.dumps({
            "author_name": "UNAMA News", "html": '<blockquote class="twitter-tweet"><p lang="en">Aid reaches Herat <a href="https://t.co/x">pic</a></p></blockquote><script src="https://platform.twitter.com/widgets.js"></script>',
        }).encode(),
    })
    monkeypatch.setattr(embeds, "urlopen", fake)
    return fake


def run_queued_fetches() -> int:
    ran = 0
    for result in DBTaskResult.objects.filter(task_path="photos.tasks.fetch_embed", status="READY"):
        fetch_embed.call(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
        result.delete()
        ran += 1
    return ran


def test_links_of_the_three_providers_are_recognised_in_one_spelling():
    assert canonical_url("https://youtu.be/dQw4w9WgXcQ?t=3") == VIDEO
    assert canonical_url("https://m.youtube.com/watch?v=dQw4w9WgXcQ&list=x") == VIDEO
    assert canonical_url("https://www.youtube.com/shorts/dQw4w9WgXcQ") == VIDEO
    assert canonical_url("https://vimeo.com/channels/staffpicks/76979871") == "https://vimeo.com/76979871"
    assert canonical_url("https://twitter.com/UNAMAnews/status/1732000000000000000") == "https://x.com/i/status/1732000000000000000"
    for other in ("https://evil.example/watch?v=dQw4w9WgXcQ", "javascript:alert(1)", "https://youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
                  "https://www.youtube.com/watch?v=short", "https://user@www.youtube.com/watch?v=dQw4w9WgXcQ", ""):
        assert canonical_url(other) is None, other
    assert parse_link(VIDEO).player_url == "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"


def test_the_sanitiser_keeps_embeds_of_known_providers_only():
    assert clean_body_html('<figure data-embed="https://youtu.be/dQw4w9WgXcQ"><iframe src="x"></iframe></figure>') == (
        f'<figure data-embed="{VIDEO}"></figure>'
    )
    assert clean_body_html('<figure data-embed="https://tracker.example/pixel"></figure>') == "<figure></figure>"
    assert clean_body_html('<p data-embed="https://youtu.be/dQw4w9WgXcQ">x</p><iframe src="https://youtu.be/x"></iframe>') == "<p>x</p>"


def test_saving_a_story_queues_one_fetch_per_new_link_and_waits_on_no_one(internet):
    article = ArticleFactory(body=f'<figure data-embed="{VIDEO}"></figure><figure data-embed="https://youtu.be/dQw4w9WgXcQ"></figure>')

    assert internet.requests == []  # the save asked no third party
    assert list(Embed.objects.values_list("url", "status")) == [(VIDEO, "pending")]
    article.save()
    assert run_queued_fetches() == 1


def test_the_background_fetch_asks_only_the_providers_endpoint_with_a_timeout_and_keeps_the_poster(internet):
    ArticleFactory(body=f'<figure data-embed="{VIDEO}"></figure>')
    run_queued_fetches()

    embed = Embed.objects.get()
    assert embed.status == "ready" and embed.provider == "youtube"
    assert embed.title == "Kabul river at dawn" and embed.author_name == "Dawat Media"
    (oembed_url, timeout), (poster_url, poster_timeout) = internet.requests
    assert oembed_url.startswith("https://www.youtube.com/oembed?")
    assert parse_qs(urlsplit(oembed_url).query)["url"] == [VIDEO]
    assert poster_url == THUMBNAIL and timeout == poster_timeout == embeds.FETCH_TIMEOUT_SECONDS
    assert embed.poster.name.startswith("embeds/") and default_storage.exists(embed.poster.name)
    with embed.poster.open() as stored, Image.open(stored) as poster:
        assert poster.size == (480, 360) and not poster.getexif().get_ifd(0x8825)  # checked and stripped


def test_a_poster_from_anywhere_but_the_providers_image_host_is_not_downloaded(internet):
    internet.answers["https://www.youtube.com/oembed?"] = json.dumps({"title": "T", "thumbnail_url": "https://tracker.example/p.jpg"}).encode()
    ArticleFactory(body=f'<figure data-embed="{VIDEO}"></figure>')
    run_queued_fetches()

    embed = Embed.objects.get()
    assert embed.status == "failed" and "unexpected address" in embed.error
    assert [url for url, _ in internet.requests if "tracker" in url] == []


def test_a_provider_that_times_out_leaves_the_plain_link(client, internet):
    internet.answers["https://www.youtube.com/oembed?"] = TimeoutError("timed out")
    article = ArticleFactory(body=f'<p>Watch:</p><figure data-embed="{VIDEO}"></figure>')
    run_queued_fetches()

    page = client.get(article.get_absolute_url()).content.decode()

    assert Embed.objects.get().status == "failed"
    figure = re.search(r'<figure class="story-embed.*?</figure>', page, re.DOTALL).group(0)
    assert f'href="{VIDEO}"' in figure and "<img" not in figure


def test_the_reader_page_shows_our_poster_title_and_play_button_and_no_third_party_request(client, internet):
    article = ArticleFactory(body=f'<p>Watch:</p><figure data-embed="{VIDEO}"></figure>')
    run_queued_fetches()
    embed = Embed.objects.get()

    response = client.get(article.get_absolute_url())
    page = response.content.decode()

    figure = re.search(r'<figure class="story-embed.*?</figure>', page, re.DOTALL).group(0)
    assert f'src="{embed.poster.url}"' in figure and embed.poster.url.startswith("/media/embeds/")
    assert 'data-player="https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ?autoplay=1"' in figure
    assert f'href="{VIDEO}"' in figure  # without script: a link to the video
    assert "Kabul river at dawn · YouTube" in re.sub(r"<[^>]+>", "", figure)
    assert "Play: Kabul river at dawn (YouTube)" in figure
    # Nothing on the page loads from a third party before the click.
    for loaded in re.findall(r'(?:src|srcset)="([^"]+)"', page):
        assert loaded.startswith("/"), loaded
    assert "<iframe" not in page
    assert re.search(r'<script src="/static/photos/embeds\.js[^"]*" defer>', page)
    policy = response.headers["Content-Security-Policy"]
    frame_src = re.search(r"frame-src ([^;]+)", policy).group(1).split()
    assert sorted(frame_src) == sorted(FRAME_ORIGINS)


def test_a_post_on_x_shows_its_words_without_their_script(client, internet):
    article = ArticleFactory(body='<figure data-embed="https://x.com/UNAMAnews/status/1732000000000000000"></figure>')
    run_queued_fetches()

    page = client.get(article.get_absolute_url()).content.decode()

    figure = re.search(r'<figure class="story-embed.*?</figure>', page, re.DOTALL).group(0)
    assert "Aid reaches Herat pic" in figure and "widgets.js" not in page and "t.co" not in figure
    assert 'data-player="https://platform.twitter.com/embed/Tweet.html?id=1732000000000000000&amp;dnt=true"' in figure
    assert "UNAMA News · X" in re.sub(r"<[^>]+>", "", figure)


def test_a_page_without_embeds_has_no_script():
    from photos.body import render_body

    assert "<script" not in render_body("<p>Words.</p>")


def test_a_provider_redirecting_elsewhere_is_not_followed():
    """The real opener refuses every redirect: nothing is asked of an address we did not choose."""
    from urllib.request import Request

    redirects = [handler for handler in embeds._opener.handlers if isinstance(handler, embeds._NoRedirects)]
    assert redirects, "the opener has our redirect handler"
    with pytest.raises(OSError, match="redirects to https://elsewhere.example/"):
        redirects[0].redirect_request(Request(VIDEO), None, 302, "Found", {}, "https://elsewhere.example/")
