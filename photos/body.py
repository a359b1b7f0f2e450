"""A story's body as readers see it: each ``<figure data-photo="id"></figure>`` the editor
inserted becomes the library photo with its copies, caption and credit, and each
``<figure data-embed="link"></figure>`` a poster with a play button (photos/embeds.py).

The stored body keeps only the reference (articles/sanitize.py allows ``data-photo`` with
digits on an empty ``figure`` and nothing else), so a photo's new caption shows in every
story that uses it, and a deleted photo leaves nothing behind: its reference is skipped.
"""

import html
import re

from django.contrib.staticfiles.storage import staticfiles_storage
from django.utils.html import escape
from django.utils.translation import get_language_info, gettext
from markupsafe import Markup

from photos.embeds import parse_link
from photos.models import Embed, Photo
from photos.renditions import responsive_photo

PHOTO_FIGURE = re.compile(r'<figure data-photo="(\d+)"></figure>')
EMBED_FIGURE = re.compile(r'<figure data-embed="([^"]+)"></figure>')
# Column width on the reader page (site.css .container--story) and the phone's full width.
BODY_SIZES = "(min-width: 46rem) 42rem, 100vw"


def photo_ids(body: str) -> list[int]:
    return [int(pk) for pk in PHOTO_FIGURE.findall(body or "")]


def embed_urls(body: str) -> list[str]:
    return [html.unescape(url) for url in EMBED_FIGURE.findall(body or "")]


def render_body(body: str) -> Markup:
    """The cleaned body with its photos and embeds drawn in: one query for all the photos, one
    for all the embeds, none for a body without any."""
    body = body or ""
    ids = photo_ids(body)
    if ids:
        photos = {photo.pk: photo for photo in Photo.objects.filter(pk__in=ids).exclude(image="")}
        body = PHOTO_FIGURE.sub(lambda match: _figure(photos.get(int(match.group(1)))), body)
    urls = embed_urls(body)
    if urls:
        embeds = {embed.url: embed for embed in Embed.objects.filter(url__in=urls)}
        body = EMBED_FIGURE.sub(lambda match: _embed(html.unescape(match.group(1)), embeds), body)
        # The one script of a reader page, and only where a player waits for a click.
        body += f'<script src="{escape(staticfiles_storage.url("photos/embeds.js"))}" defer></script>'
    return Markup(body)


def feed_body(body: str, *, absolute) -> str:
    """The body as a feed reader gets it: each photo as a plain image at an absolute address
    (``absolute(url)``) with its caption and credit, each embed as a link to the video or post;
    no script and no player. One query for all the photos."""
    body = body or ""
    ids = photo_ids(body)
    photos = {photo.pk: photo for photo in Photo.objects.filter(pk__in=ids).exclude(image="")} if ids else {}

    def photo(match):
        found = photos.get(int(match.group(1)))
        if found is None:
            return ""
        caption = " · ".join(escape(text) for text in (found.caption, found.credit and gettext(
            "Photo: %(credit)s") % {"credit": found.credit}) if text)
        image = responsive_photo(found)
        return (f'<figure><img src="{escape(absolute(image.src))}" alt="{escape(found.alt)}">'
                + (f"<figcaption>{caption}</figcaption>" if caption else "") + "</figure>")

    def embed(match):
        link = parse_link(html.unescape(match.group(1)))
        if link is None:
            return ""
        return f'<p><a href="{escape(link.link_url)}">{escape(link.link_url)}</a> ({escape(link.provider_name)})</p>'

    return EMBED_FIGURE.sub(embed, PHOTO_FIGURE.sub(photo, body))


def _embed(url: str, embeds: dict) -> str:
    link = parse_link(url)
    if link is None:
        return ""
    embed = embeds.get(url)
    title = embed.title if embed and embed.title else ""
    play = gettext("Play: %(title)s (%(provider)s)") % {"title": title or url, "provider": link.provider_name}
    if link.provider == "x":
        play = gettext("Show the post on %(provider)s") % {"provider": link.provider_name}
    poster = ""
    if embed and embed.poster:
        size = f' width="{embed.poster_width}" height="{embed.poster_height}"' if embed.poster_width else ""
        poster = f'<img src="{escape(embed.poster.url)}"{size} alt="" loading="lazy" decoding="async">'
    text = f'<span class="embed-text" dir="auto">{escape(embed.text)}</span>' if embed and embed.text else ""
    caption = [f'<span dir="auto">{escape(title)}</span>'] if title else []
    if embed and embed.author_name and link.provider == "x":
        caption = [f'<span dir="auto">{escape(embed.author_name)}</span>']
    caption.append(escape(link.provider_name))
    return (
        f'<figure class="story-embed story-embed--{link.provider}{"" if poster else " story-embed--no-poster"}"'
        f' data-player="{escape(link.player_url)}" data-title="{escape(title or link.provider_name)}">'
        f'<a class="embed-poster" href="{escape(link.link_url)}" rel="noopener noreferrer">{poster}{text}'
        f'<span class="embed-play"><span class="visually-hidden">{escape(play)}</span></span></a>'
        f"<figcaption>{' · '.join(caption)}</figcaption></figure>"
    )


def _figure(photo: Photo | None) -> str:
    if photo is None:
        return ""
    image = responsive_photo(photo)
    direction = "rtl" if get_language_info(photo.language)["bidi"] else "ltr"
    parts = [f'<figure class="story-photo" lang="{escape(photo.language)}" dir="{direction}">',
             f'<img src="{escape(image.src)}"']
    if image.srcset:
        parts.append(f' srcset="{escape(image.srcset)}" sizes="{BODY_SIZES}"')
    if image.width:
        parts.append(f' width="{image.width}" height="{image.height}"')
    parts.append(f' alt="{escape(photo.alt)}" loading="lazy" decoding="async">')
    caption = [escape(photo.caption)] if photo.caption else []
    if photo.credit:
        caption.append(f'<span class="credit">{escape(gettext("Photo: %(credit)s") % {"credit": photo.credit})}</span>')
    if caption:
        parts.append(f"<figcaption>{' · '.join(caption)}</figcaption>")
    parts.append("</figure>")
    return "".join(parts)
