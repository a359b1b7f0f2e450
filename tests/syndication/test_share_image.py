import io

import pytest
from PIL import Image, ImageFont

from syndication import share_image

needs_raqm = pytest.mark.skipif(not share_image.has_raqm(), reason="Pillow without RAQM cannot shape Arabic script")


def decode(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_the_share_image_is_a_1200_by_630_png():
    image = decode(share_image.render_share_image(headline="Floods in Kunar", kicker="Newsroom · News", rtl=False))

    assert image.format == "PNG"
    assert image.size == (1200, 630)


def test_a_long_headline_still_fits():
    image = decode(share_image.render_share_image(headline="word " * 200, kicker="", rtl=False))

    assert image.size == (1200, 630)


@needs_raqm
def test_pashto_is_shaped_joined_letters_are_narrower_than_isolated_ones():
    font = ImageFont.truetype(str(share_image.ARABIC_FONT), 60, layout_engine=ImageFont.Layout.RAQM)
    word = "ښوونځی"

    joined = font.getlength(word, direction="rtl")
    isolated = sum(font.getlength(letter, direction="rtl") for letter in word)

    assert joined < isolated


@needs_raqm
def test_a_right_to_left_headline_is_set_against_the_right_margin():
    image = decode(share_image.render_share_image(headline="د کابل خبر", kicker="", rtl=True)).convert("RGB")
    background = image.getpixel((600, 20))
    headline_row = range(170, 260)

    inked = [x for x in range(40, 1180) if any(image.getpixel((x, y)) != background for y in headline_row)]
    assert inked and max(inked) > 1000 and min(inked) > 600


def test_mixed_script_runs_keep_their_reading_order():
    runs = share_image._runs("Dawat Media · خبرونه", rtl=True)

    assert [(text, path == share_image.ARABIC_FONT, rtl) for text, path, rtl in runs] == [
        ("Dawat Media", False, False),
        (" · ", False, True),
        ("خبرونه", True, True),
    ]
