"""Decode the QR code a page serves: rasterise segno's inline SVG path and read it with zbar."""

import re

from PIL import Image, ImageDraw
from pyzbar import pyzbar


def svg_to_image(svg: str, pixels_per_module: int = 8) -> Image.Image:
    """segno draws each dark row run as ``h`` strokes of width 1 centred on y+0.5 (``M``/``m`` moves)."""
    width, height = (int(float(number)) for number in re.search(r'viewBox="0 0 ([\d.]+) ([\d.]+)"', svg).groups())
    path = re.search(r'<path[^>]* d="([^"]+)"', svg).group(1)
    image = Image.new("L", (width * pixels_per_module, height * pixels_per_module), 255)
    draw = ImageDraw.Draw(image)
    x = y = 0.0
    for command, a, b in re.findall(r"([MmHh])\s*(-?[\d.]+)(?:[ ,]+(-?[\d.]+))?", path):
        if command == "M":
            x, y = float(a), float(b)
        elif command == "m":
            x, y = x + float(a), y + float(b)
        elif command in "hH":
            end = x + float(a) if command == "h" else float(a)
            top = int(y - 0.5)
            draw.rectangle(
                [min(x, end) * pixels_per_module, top * pixels_per_module,
                 max(x, end) * pixels_per_module - 1, (top + 1) * pixels_per_module - 1],
                fill=0,
            )
            x = end
    return image


def decode_svg(svg: str) -> list[str]:
    return [symbol.data.decode() for symbol in pyzbar.decode(svg_to_image(svg))]
