"""One normaliser for Arabic-script text, applied identically to what we index
and to what readers type, so spelling variants meet in the middle.

Pashto and Dari are typed on keyboards that mix Arabic and Persian letters:
Arabic yeh (ي) and kaf (ك) look like Persian yeh (ی) and keheh (ک) but are
different code points; tatweel (ـ) only stretches a word; harakat (short-vowel
marks) are rarely typed; the zero-width non-joiner (ZWNJ) is typed by some and
left out by others (می‌روم / میروم). We fold all of those away.
"""

import re
import unicodedata

_LETTER_MAP = str.maketrans(
    {
        "\u064a": "\u06cc",  # ARABIC LETTER YEH -> FARSI YEH
        "\u0649": "\u06cc",  # ALEF MAKSURA -> FARSI YEH
        "\u0643": "\u06a9",  # ARABIC LETTER KAF -> KEHEH
        "\u0640": None,  # TATWEEL
        "\u200c": None,  # ZERO WIDTH NON-JOINER
        "\u200d": None,  # ZERO WIDTH JOINER
        "\u200e": None,  # LEFT-TO-RIGHT MARK
        "\u200f": None,  # RIGHT-TO-LEFT MARK
        "\u00ad": None,  # SOFT HYPHEN
        "\ufeff": None,  # BYTE ORDER MARK
        "\x00": None,  # PostgreSQL text cannot hold NUL
    }
)

# Harakat, tanwin, shadda, sukun, superscript alef and Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")


def normalize(text: str) -> str:
    """Fold ``text`` for matching: NFKC, Persian letter forms, no marks, single spaces."""
    if not text:
        return ""
    if text.isascii():
        # Nothing below changes ASCII but NUL and runs of spaces (most English text: 3x faster).
        return " ".join(text.replace("\x00", "").split())
    # NFKC first: it turns Arabic presentation forms (ﻙ, ﻳ) into plain letters,
    # which the map below then folds.
    text = unicodedata.normalize("NFKC", text)
    text = text.translate(_LETTER_MAP)
    text = _DIACRITICS.sub("", text)
    return " ".join(text.split())  # the same whitespace as \s, faster than a regular expression
