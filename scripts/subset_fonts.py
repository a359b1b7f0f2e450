"""Make the reader site's web fonts (newsroom/static/fonts/) from Debian's Noto fonts, cut down
to the characters our editions write, and print the unicode-range each @font-face in
newsroom/static/css/site.css must name.

Why: a Pashto page downloaded 136 KB of fonts (two Naskh weights of 53 KB, which carried every
Arabic-script language's letters and the presentation forms, and the Latin serif); subset, a
Naskh weight is about 16 KB. The fonts are committed; run this only to change what they cover.

Needs fontTools with WOFF2 support, a development tool (not in requirements.txt), and the
source fonts of Debian's fonts-noto-core (which .ci/run installs):

    python3 -m venv /tmp/fonttools && /tmp/fonttools/bin/pip install fonttools==4.68.0 brotli==1.2.1
    /tmp/fonttools/bin/python scripts/subset_fonts.py [--source /usr/share/fonts/truetype/noto]

Hinting is dropped (as the web copies on Google Fonts and Fontsource are): a third of the bytes.
OpenType layout is kept for what the text needs (pyftsubset's default features: Arabic joining
forms init/medi/fina/isol, the required ligatures rlig, marks mark/mkmk, kerning).
The licence (SIL OFL 1.1, no reserved font names) allows modified copies under the same name.
"""

import argparse
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
FONTS = ROOT / "newsroom" / "static" / "fonts"

# Pashto and Dari text: spaces, the Latin punctuation and digits that appear in it (the font's
# own Naskh-styled ones), « », Arabic punctuation, the Arabic letters and marks, the Pashto
# letters (ټ ځ څ ډ ړ ږ ښ ګ ڼ ۍ ې) and the Persian ones (پ چ ژ ک گ ی ۀ), Arabic-Indic and
# Eastern Arabic-Indic digits (۰-۹, NEWSROOM_EASTERN_DIGITS), ZWNJ and the direction marks.
# Not kept: other languages' letters, and the presentation forms (U+FB50-FEFF), which text
# does not use as characters: shaping reaches the same glyphs through GSUB.
NASKH = (
    "U+0020-0021,U+0028-0029,U+002C-002E,U+0030-003A,U+00A0,U+00AB,U+00BB,"
    "U+060C,U+061B,U+061F,U+0621-063A,U+0640-0655,U+0660-066D,U+0670,"
    "U+067C,U+067E,U+0681,U+0685,U+0686,U+0689,U+0693,U+0696,U+0698,U+069A,"
    "U+06A9,U+06AB,U+06AF,U+06BA,U+06BC,U+06BE,U+06C0,U+06CC,U+06CD,U+06D0,U+06F0-06F9,"
    "U+200C-200F,U+2010-2011"
)
# English text: ASCII, Latin-1 (names with accents), typographic quotes, dashes and symbols.
LATIN = (
    "U+0020-007E,U+00A0-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,"
    "U+2013-2014,U+2018-201A,U+201C-201E,U+2022,U+2026,U+2032-2033,U+2039-203A,U+20AC,U+2122,U+2212"
)

# output file: (source file in fonts-noto-core, characters)
OUTPUTS = {
    "noto-naskh-arabic-arabic-400-normal.woff2": ("NotoNaskhArabic-Regular.ttf", NASKH),
    "noto-naskh-arabic-arabic-700-normal.woff2": ("NotoNaskhArabic-Bold.ttf", NASKH),
    "noto-serif-latin-400-normal.woff2": ("NotoSerif-Regular.ttf", LATIN),
    "noto-serif-latin-400-italic.woff2": ("NotoSerif-Italic.ttf", LATIN),
    "noto-serif-latin-700-normal.woff2": ("NotoSerif-Bold.ttf", LATIN),
}


def unicode_range(path: Path) -> str:
    """The CSS unicode-range of the characters the font has, in runs."""
    points = sorted(TTFont(path).getBestCmap())
    runs, start, end = [], points[0], points[0]
    for point in points[1:]:
        if point == end + 1:
            end = point
            continue
        runs.append((start, end))
        start = end = point
    runs.append((start, end))
    return ", ".join(f"U+{a:04X}" if a == b else f"U+{a:04X}-{b:04X}" for a, b in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--source", type=Path, default=Path("/usr/share/fonts/truetype/noto"))
    args = parser.parse_args()
    for name, (source, characters) in OUTPUTS.items():
        options = subset.Options()
        options.flavor = "woff2"
        options.hinting = False
        options.name_IDs = ["*"]  # the copyright and licence lines stay
        font = subset.load_font(args.source / source, options)
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=subset.parse_unicodes(characters))
        subsetter.subset(font)
        out = FONTS / name
        subset.save_font(font, out, options)
        print(f"{name}: {out.stat().st_size:,} bytes\n  unicode-range: {unicode_range(out)};")


if __name__ == "__main__":
    main()
