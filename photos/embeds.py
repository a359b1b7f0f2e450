"""Videos and social posts by pasting a link: YouTube, Vimeo and X (Twitter).

The body stores ``<figure data-embed="URL"></figure>`` (articles/sanitize.py keeps it only for a
link of a known provider). Saving a story queues a background task (``photos.tasks.fetch_embed``)
that asks the provider's oEmbed endpoint, and nothing else, for the title and the poster image,
with a timeout; the poster is checked and stripped like any upload and stored with our media.
The reader page then shows the poster, the title and a play button from our own server: the
third party's player is loaded only when the reader clicks (a frame from youtube-nocookie.com,
player.vimeo.com or platform.twitter.com, the only frames the CSP allows), so opening an article
tells no one else who reads it. Without script the poster is a plain link to the video.
"""

import json
import logging
import re
from dataclasses import dataclass
from urllib.parse import parse_qs, urlencode, urlsplit
from urllib.request import HTTPRedirectHandler, Request, build_opener

import nh3
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from photos.images import clean_photo

logger = logging.getLogger(__name__)

FETCH_TIMEOUT_SECONDS = 5
MAX_OEMBED_BYTES = 256 * 1024
MAX_POSTER_BYTES = 5 * 1024 * 1024
USER_AGENT = "Newsroom oEmbed (+https://github.com/)"


@dataclass(frozen=True)
class Provider:
    name: str
    oembed: str  # the provider's oEmbed endpoint: the only address asked about a link
    poster_hosts: tuple[str, ...]  # where its thumbnails may be downloaded from
    player: str  # the frame loaded on the reader's click ({id})
    link: str  # the page to open without script ({id})


PROVIDERS = {
    "youtube": Provider(
        "YouTube", "https://www.youtube.com/oembed", ("i.ytimg.com", "img.youtube.com"),
        "https://www.youtube-nocookie.com/embed/{id}?autoplay=1", "https://www.youtube.com/watch?v={id}",
    ),
    "vimeo": Provider(
        "Vimeo", "https://vimeo.com/api/oembed.json", ("i.vimeocdn.com",),
        "https://player.vimeo.com/video/{id}?autoplay=1&dnt=1", "https://vimeo.com/{id}",
    ),
    "x": Provider(
        "X", "https://publish.twitter.com/oembed", (),
        "https://platform.twitter.com/embed/Tweet.html?id={id}&dnt=true", "https://x.com/i/status/{id}",
    ),
}
# The frames a reader page may load after a click (newsroom/settings.py CONTENT_SECURITY_POLICY).
FRAME_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com", "https://platform.twitter.com"]

_YOUTUBE_ID = re.compile(r"^[A-Za-z0-9_-]{11}$")


@dataclass(frozen=True)
class EmbedLink:
    provider: str
    id: str

    @property
    def player_url(self) -> str:
        return PROVIDERS[self.provider].player.format(id=self.id)

    @property
    def link_url(self) -> str:
        return PROVIDERS[self.provider].link.format(id=self.id)

    @property
    def provider_name(self) -> str:
        return PROVIDERS[self.provider].name


def parse_link(url: str) -> EmbedLink | None:
    """The provider and the video or post of a pasted link; None for anything else."""
    try:
        parts = urlsplit((url or "").strip())
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or parts.username or parts.password or parts.port:
        return None
    host = (parts.hostname or "").lower().removeprefix("www.").removeprefix("m.")
    path = [piece for piece in parts.path.split("/") if piece]
    if host in ("youtube.com", "youtube-nocookie.com"):
        if parts.path == "/watch":
            candidate = parse_qs(parts.query).get("v", [""])[0]
        elif len(path) == 2 and path[0] in ("embed", "shorts", "live"):
            candidate = path[1]
        else:
            candidate = ""
        return EmbedLink("youtube", candidate) if _YOUTUBE_ID.match(candidate) else None
    if host == "youtu.be" and len(path) == 1 and _YOUTUBE_ID.match(path[0]):
        return EmbedLink("youtube", path[0])
    if host in ("vimeo.com", "player.vimeo.com"):
        digits = [piece for piece in path if piece.isdigit()]
        return EmbedLink("vimeo", digits[-1]) if len(digits) == 1 and len(digits[0]) < 15 else None
    if host in ("x.com", "twitter.com", "mobile.twitter.com") and len(path) >= 3 and path[-2] == "status":
        return EmbedLink("x", path[-1]) if path[-1].isdigit() and len(path[-1]) < 25 else None
    return None


def canonical_url(url: str) -> str | None:
    """The one spelling of a link we store and ask about (so a video pasted twice is fetched once)."""
    link = parse_link(url)
    return link.link_url if link else None


class _NoRedirects(HTTPRedirectHandler):
    """A redirect would lead away from the addresses we chose to ask: it is an error."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        raise OSError(f"{req.full_url} redirects to {newurl}")


_opener = build_opener(_NoRedirects)


def urlopen(request: Request, timeout: float):
    """The one way out to a third party (tests fake it): no redirects, always a timeout."""
    return _opener.open(request, timeout=timeout)


def _get(url: str, *, limit: int) -> bytes:
    request = Request(url, headers={"User-Agent": USER_AGENT, "Accept": "application/json, image/*"})
    with urlopen(request, timeout=FETCH_TIMEOUT_SECONDS) as response:  # noqa: S310 (our own https URLs only)
        if response.status != 200:
            raise OSError(f"{url} answered {response.status}")
        body = response.read(limit + 1)
    if len(body) > limit:
        raise OSError(f"{url} sent more than {limit} bytes")
    return body


def oembed_request_url(link: EmbedLink) -> str:
    return f"{PROVIDERS[link.provider].oembed}?{urlencode({'url': link.link_url, 'format': 'json', 'dnt': 'true'})}"


def fetch(embed) -> None:
    """Ask the provider about ``embed`` and store what it says (the background task's work).
    A provider that is down, slow or odd leaves the embed ``failed``: readers get the plain link."""
    link = parse_link(embed.url)
    if link is None:
        embed.status, embed.error = embed.Status.FAILED, "not a link of a known provider"
        embed.save()
        return
    try:
        data = json.loads(_get(oembed_request_url(link), limit=MAX_OEMBED_BYTES))
        if not isinstance(data, dict):
            raise ValueError("the answer is not an object")
        embed.provider = link.provider
        embed.title = _text(data.get("title"))[:300]
        embed.author_name = _text(data.get("author_name"))[:200]
        # X sends the post as HTML: we keep its words only.
        embed.text = _text(nh3.clean(str(data.get("html") or ""), tags=set()))[:1000] if link.provider == "x" else ""
        poster = _poster(link, data.get("thumbnail_url"))
        if poster is not None:
            embed.poster.save("poster.jpg", poster, save=False)
        embed.status, embed.error = embed.Status.READY, ""
    except Exception as error:  # noqa: BLE001 (any failure of a third party is the same to readers)
        logger.warning("Could not fetch oEmbed for %s: %s", embed.url, error)
        embed.status, embed.error = embed.Status.FAILED, str(error)[:300]
    embed.fetched_at = timezone.now()
    embed.save()


def _text(value) -> str:
    return " ".join(str(value or "").split())


def _poster(link: EmbedLink, thumbnail_url) -> SimpleUploadedFile | None:
    if not thumbnail_url:
        return None
    parts = urlsplit(str(thumbnail_url))
    if parts.scheme != "https" or parts.hostname not in PROVIDERS[link.provider].poster_hosts:
        raise ValueError(f"poster from an unexpected address: {thumbnail_url}")
    data = _get(str(thumbnail_url), limit=MAX_POSTER_BYTES)
    try:
        return clean_photo(SimpleUploadedFile("poster", data, content_type="application/octet-stream"))
    except ValidationError as error:
        raise ValueError(f"the poster is not a usable photo: {' '.join(error.messages)}") from None
