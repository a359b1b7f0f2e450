"""The site the page-weight check measures: a demo archive plus one photo per edition.

Run inside the server's own environment (``manage.py shell``) after ``generate_demo_content``:
``build()`` gives an English and a Pashto story a hero photo with its renditions (made here,
as ``db_worker`` would), makes sure the donation details are live, and prints as JSON the
slugs and paths the check's page table fills in.
"""

import io
import json
import random

from django.core.files.base import ContentFile
from django.utils import translation
from PIL import Image, ImageChops, ImageDraw, ImageFilter

from articles.models import Article, Language
from articles.renditions import make_renditions
from donations.models import DonationDetails


def photo(width: int = 1600, height: int = 1067, seed: int = 2026) -> bytes:
    """A JPEG with a photograph's mix of smooth sky, texture and fine grain (seeded).

    Flat colour would make every rendition a few hundred bytes and say nothing about the budget."""
    rng = random.Random(seed)
    ramp = Image.linear_gradient("L").resize((width, height))
    sky = Image.merge("RGB", [ramp.point(lambda v: 90 + v // 3), ramp.point(lambda v: 130 + v // 4),
                              ramp.point(lambda v: 200 - v // 5)])
    image = ImageChops.overlay(sky, Image.effect_noise((width, height), 64).convert("RGB").filter(ImageFilter.GaussianBlur(6)))
    draw = ImageDraw.Draw(image)
    for _ in range(60):
        x, y, r = rng.randrange(width), rng.randrange(height // 2, height), rng.randrange(10, 120)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(rng.randrange(60, 200), rng.randrange(50, 160), rng.randrange(30, 120)))
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    grain = Image.effect_noise((width, height), 40).convert("RGB")
    image = ImageChops.blend(image, ImageChops.overlay(image, grain), 0.5)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=90)
    return out.getvalue()


def with_hero(article: Article) -> Article:
    article.hero_image = ContentFile(photo(seed=article.pk), name="photo.jpg")
    article.hero_alt = "A valley at dusk"
    article.hero_caption = "The valley at dusk."
    article.hero_credit = "Photo desk"
    article.save()
    make_renditions(article)
    return article


def story(language: str) -> Article:
    """The newest live story in that language with a byline and a tag: what an article page usually is."""
    return (Article.objects.published().filter(language=language, authors__isnull=False, tags__isnull=False)
            .order_by("-published_at").first())


def search_word(article: Article) -> str:
    return max(article.title.split(), key=len).strip(".,:;!?«»\"'")


def build() -> dict:
    if not DonationDetails.objects.filter(is_live=True).exists():
        from tests.donations.factories import seed_details

        seed_details()
    places = {}
    for code, language in (("en", Language.ENGLISH), ("ps", Language.PASHTO)):
        article = with_hero(story(language))
        with translation.override(code):
            places[f"article_{code}"] = article.get_absolute_url()
        places[f"section_{code}"] = article.section.slug
        places[f"tag_{code}"] = article.tags.order_by("pk").first().slug
        places[f"author_{code}"] = article.authors.order_by("pk").first().slug
        places[f"query_{code}"] = search_word(article)
    return places


def main() -> None:
    print("PLACES=" + json.dumps(build()))
