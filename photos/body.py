"""A story's body as readers see it: each ``<figure data-photo="id"></figure>`` the editor
inserted becomes the library photo with its copies, caption and credit.

The stored body keeps only the reference (articles/sanitize.py allows ``data-photo`` with
digits on an empty ``figure`` and nothing else), so a photo's new caption shows in every
story that uses it, and a deleted photo leaves nothing behind: its reference is skipped.
"""

import re

from django.utils.html import escape
from django.utils.translation import get_language_info, gettext
from markupsafe import Markup

from photos.models import Photo
from photos.renditions import responsive_photo

PHOTO_FIGURE = re.compile(r'<figure data-photo="(\d+)"></figure>')
# Column width on the reader page (site.css .container--story) and the phone's full width.
BODY_SIZES = "(min-width: 46rem) 42rem, 100vw"


def photo_ids(body: str) -> list[int]:
    return [int(pk) for pk in PHOTO_FIGURE.findall(body or "")]


def render_body(body: str) -> Markup:
    """The cleaned body with its photos drawn in: one query for all of them, none without any."""
    ids = photo_ids(body)
    if not ids:
        return Markup(body or "")
    photos = {photo.pk: photo for photo in Photo.objects.filter(pk__in=ids).exclude(image="")}
    return Markup(PHOTO_FIGURE.sub(lambda match: _figure(photos.get(int(match.group(1)))), body))


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
