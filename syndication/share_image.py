"""Share images: a 1200x630 PNG with the headline, for articles without a photo, and a
1200x630 JPEG crop of the photo around its focal point for those with one.

Social networks show a large picture beside a shared link; an article without
a hero photo would show nothing. We draw one in the newsroom's colours (see
newsroom/static/css/site.css), made once and kept in default storage (the file
system or S3) under a name derived from what is drawn, so a changed headline
gets a new image and unchanged ones are never redrawn.

Storage is public, so a story's card is drawn only once the story is live: a preview
of a draft, scheduled or pulled story shows the site's card instead, and pulling or
deleting a story removes its cards (``signals.py``). Each story's cards share one
folder, ``share/article-<pk>/``, so that removal never has to list every card.

Arabic-script text needs shaping (joined letter forms) and right-to-left order;
Pillow does that with its RAQM layout engine (libraqm, with FriBiDi and
HarfBuzz). Without RAQM the letters would come out unjoined, so we log it.
The fonts are committed beside this module (SIL Open Font License): Noto Naskh
Arabic for Pashto and Dari, Noto Serif (Latin subset) for everything else.
Each run of text is drawn in the font that covers its script.
"""

import hashlib
import io
import logging
import re
from functools import cache
from pathlib import Path

from django.core.cache import cache as django_cache
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, ImageDraw, ImageFont, features

from editions.names import newsroom_name
from photos.images import focal_crop_box
from photos.renditions import open_upright

logger = logging.getLogger(__name__)

WIDTH, HEIGHT = 1200, 630
LOGO_WIDTH, LOGO_HEIGHT = 600, 60
# Bump when the design changes: every image gets a new name and is redrawn.
DESIGN_VERSION = "1"
URL_CACHE_SECONDS = 24 * 60 * 60

BRAND = "#0b2239"
PAPER = "#ffffff"
ACCENT = "#b3261e"
GOLD = "#f2b632"
MARGIN = 72

FONT_DIR = Path(__file__).resolve().parent / "fonts"
ARABIC_FONT = FONT_DIR / "NotoNaskhArabic-Bold.ttf"
LATIN_FONT = FONT_DIR / "NotoSerif-Latin-Bold.woff2"

# Letters of the Arabic script (Pashto and Dari included) and their presentation forms.
_ARABIC = re.compile("[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_LATIN_LETTER = re.compile(r"[^\W\d_]")
_NEUTRALS = " \u00b7.,:;!?-–—()\"'«»|/"


def has_raqm() -> bool:
    return features.check("raqm")


@cache
def _font(path: Path, size: int) -> ImageFont.FreeTypeFont:
    engine = ImageFont.Layout.RAQM if has_raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=engine)


@cache
def _covers(path: Path, char: str) -> bool:
    """Whether the font has a glyph for ``char`` (its mask differs from the missing-glyph box)."""
    font = _font(path, 40)
    return char.isspace() or font.getmask(char).getbbox() != font.getmask("\uffff").getbbox()


def _runs(text: str, *, rtl: bool) -> list[tuple[str, Path, bool]]:
    """Split ``text`` into (run, font, is_rtl) pieces in reading order.

    Letters pick the font of their script and set the direction; spaces, digits
    and punctuation join the run before them when its font has them. Neutrals
    at the end of a run against the paragraph's direction take the paragraph's
    direction (the bidi rule that keeps "Media · خبرونه" in the right order).
    """
    runs: list[list] = []  # [text, font, rtl or None while only neutrals]
    for char in text:
        if _ARABIC.match(char):
            font, direction = ARABIC_FONT, True
        elif _LATIN_LETTER.match(char):
            font, direction = LATIN_FONT, False
        else:
            previous = runs[-1][1] if runs else (ARABIC_FONT if rtl else LATIN_FONT)
            font = previous if _covers(previous, char) else (LATIN_FONT if _covers(LATIN_FONT, char) else ARABIC_FONT)
            direction = None
        last = runs[-1] if runs else None
        if last and last[1] == font and (direction is None or last[2] in (None, direction)):
            last[0] += char
            last[2] = direction if last[2] is None else last[2]
        else:
            runs.append([char, font, direction])
    pieces = []
    for run, font, direction in runs:
        direction = rtl if direction is None else direction
        body = run.rstrip(_NEUTRALS) if direction != rtl else run
        if body and body != run:
            pieces += [(body, font, direction), (run[len(body):], font, rtl)]
        else:
            pieces.append((run, font, direction))
    return pieces


class TextSetter:
    """Measures and draws one line of mixed-script text at one size."""

    def __init__(self, size: int, *, rtl: bool):
        self.size, self.rtl = size, rtl
        self.arabic = _font(ARABIC_FONT, size)  # Pashto and Dari glyphs, digits, some punctuation
        self.latin = _font(LATIN_FONT, size)

    def _pieces(self, line):
        for run, path, run_rtl in _runs(line, rtl=self.rtl):
            font = self.arabic if path == ARABIC_FONT else self.latin
            options = {"direction": "rtl" if run_rtl else "ltr"} if has_raqm() else {}
            yield run, font, options

    def width(self, line: str) -> float:
        return sum(font.getlength(run, **options) for run, font, options in self._pieces(line))

    def draw(self, draw: ImageDraw.ImageDraw, line: str, *, y: int, left: int, right: int, fill: str):
        # Runs go in reading order: leftwards from the right edge in a right-to-left headline.
        x = right if self.rtl else left
        for run, font, options in self._pieces(line):
            advance = font.getlength(run, **options)
            if self.rtl:
                x -= advance
                draw.text((x, y), run, font=font, fill=fill, **options)
            else:
                draw.text((x, y), run, font=font, fill=fill, **options)
                x += advance

    def wrap(self, text: str, max_width: int) -> list[str]:
        lines, current = [], ""
        for word in text.split():
            candidate = f"{current} {word}".strip()
            if current and self.width(candidate) > max_width:
                lines.append(current)
                current = word
            else:
                current = candidate
        if current:
            lines.append(current)
        return lines


def _fit_headline(headline: str, *, rtl: bool, max_width: int, max_height: int):
    """The largest size (72 down to 40 px) at which the headline fits; cut with … if none."""
    for size in range(72, 39, -4):
        setter = TextSetter(size, rtl=rtl)
        lines = setter.wrap(headline, max_width)
        line_height = int(size * (1.6 if rtl else 1.25))
        if len(lines) * line_height <= max_height:
            return setter, lines, line_height
    max_lines = max_height // line_height
    if len(lines) > max_lines:
        lines = lines[:max_lines]
        lines[-1] = lines[-1].rstrip(" .,:;،") + "…"
    return setter, lines, line_height


def render_share_image(*, headline: str, kicker: str, rtl: bool) -> bytes:
    """The PNG bytes of a share card: the kicker (site and section) above the headline."""
    if not has_raqm():
        logger.warning("Pillow has no RAQM layout: right-to-left headlines will not be shaped")
    image = Image.new("RGB", (WIDTH, HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    # Accent rule along the reading edge, as on the site's section labels.
    bar_x = WIDTH - 16 if rtl else 0
    draw.rectangle([bar_x, 0, bar_x + 15, HEIGHT], fill=ACCENT)
    left, right = MARGIN, WIDTH - MARGIN

    kicker_setter = TextSetter(34, rtl=rtl)
    kicker_setter.draw(draw, kicker, y=MARGIN - 10, left=left, right=right, fill=GOLD)

    top = MARGIN + 70
    setter, lines, line_height = _fit_headline(
        headline, rtl=rtl, max_width=right - left, max_height=HEIGHT - top - MARGIN
    )
    for number, line in enumerate(lines):
        setter.draw(draw, line, y=top + number * line_height, left=left, right=right, fill=PAPER)

    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def render_logo(name: str) -> bytes:
    """The publisher logo structured data asks for: fits 600x60."""
    image = Image.new("RGB", (LOGO_WIDTH, LOGO_HEIGHT), BRAND)
    draw = ImageDraw.Draw(image)
    setter = TextSetter(34, rtl=bool(_ARABIC.search(name)))
    setter.draw(draw, name, y=4, left=16, right=LOGO_WIDTH - 16, fill=PAPER)
    output = io.BytesIO()
    image.save(output, format="PNG", optimize=True)
    return output.getvalue()


def _stored_url(name: str, render) -> str:
    """The storage URL of ``name``, drawing and saving it first if it is not there."""
    key = f"share-image:{name}"
    url = django_cache.get(key)
    if url is None:
        try:
            if not default_storage.exists(name):
                name = default_storage.save(name, ContentFile(render()))
            url = default_storage.url(name)
        except Exception:
            # A page must not fail because the image store is down; it goes without.
            logger.exception("Could not store share image %s", name)
            return ""
        django_cache.set(key, url, URL_CACHE_SECONDS)
    return url


def _digest(*parts) -> str:
    return hashlib.sha256("\x1f".join([DESIGN_VERSION, *map(str, parts)]).encode()).hexdigest()[:16]


def _article_folder(article_pk) -> str:
    return f"share/article-{article_pk}"


def article_share_image_url(article) -> str:
    if not article.is_published:
        # A preview: the unpublished headline must not reach public storage.
        return site_share_image_url()
    kicker = f"{newsroom_name(article.language)} · {article.section.name}"
    name = f"{_article_folder(article.pk)}/{_digest(article.title, kicker, article.language)}.png"
    return _stored_url(name, lambda: render_share_image(headline=article.title, kicker=kicker, rtl=article.is_rtl))


def render_photo_crop(photo_file, *, focal_x: float, focal_y: float) -> bytes:
    """The JPEG bytes of a photo cropped to the share card's shape around its focal point (the
    subject stays in the picture whatever its place) and scaled to the card's size."""
    photo = open_upright(photo_file).convert("RGB")  # the renditions' reader: bomb guard, camera turn
    box = focal_crop_box(photo.width, photo.height, aspect=WIDTH / HEIGHT, focal_x=focal_x, focal_y=focal_y)
    card = photo.crop(box).resize((WIDTH, HEIGHT), Image.Resampling.LANCZOS)
    output = io.BytesIO()
    card.save(output, format="JPEG", quality=85, optimize=True, progressive=True)
    return output.getvalue()


def article_photo_share_image_url(article) -> str:
    """The hero photo as a 1200x630 card cropped around its focal point; "" if it cannot be made.

    A preview of a story that is not live gets "" as well: its photo reaches public storage
    only as the upload itself, never as a card in the story's folder."""
    if not article.is_published or not article.hero_image:
        return ""
    name = (f"{_article_folder(article.pk)}/"
            f"photo-{_digest(article.hero_image.name, article.hero_focal_x, article.hero_focal_y)}.jpg")
    return _stored_url(name, lambda: render_photo_crop(
        article.hero_image, focal_x=article.hero_focal_x, focal_y=article.hero_focal_y))


def remove_article_share_images(article_pk) -> None:
    """Delete every card drawn for this story (and forget their cached URLs)."""
    folder = _article_folder(article_pk)
    try:
        _folders, files = default_storage.listdir(folder)
        for file in files:
            name = f"{folder}/{file}"
            default_storage.delete(name)
            django_cache.delete(f"share-image:{name}")
    except FileNotFoundError:
        return  # never drawn
    except Exception:
        # Pulling a story must not fail because the image store is down; say so loudly.
        logger.exception("Could not remove the share images of article %s", article_pk)


def site_share_image_url() -> str:
    """The active edition's name on the newsroom's colours (its own script and direction)."""
    site_name = newsroom_name()
    name = f"share/site-{_digest(site_name)}.png"
    rtl = bool(_ARABIC.search(site_name))
    return _stored_url(name, lambda: render_share_image(headline=site_name, kicker="", rtl=rtl))


def logo_url() -> str:
    site_name = newsroom_name()
    name = f"share/logo-{_digest(site_name)}.png"
    return _stored_url(name, lambda: render_logo(site_name))
