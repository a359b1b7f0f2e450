"""A snippet of an article's normalised text around the reader's words, safe to print.

Every piece of text is escaped; only the <mark> tags around the matches are ours.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SNIPPET_CHARS = 240

# Crude English suffixes: enough for "runs" to light up "running"; the database
# did the real stemming when it matched.
_SUFFIXES = ("ing", "ed", "es", "s", "ly")


def _stem(word: str) -> str:
    if word.isascii() and len(word) > 4:
        for suffix in _SUFFIXES:
            if word.endswith(suffix) and len(word) - len(suffix) >= 3:
                return word[: -len(suffix)]
    return word


def _word_pattern(stem: str) -> str:
    # Whole words, or words that start with the stem (Pashto and Dari add suffixes too).
    return rf"(?<!\w){re.escape(stem)}\w*" if len(stem) >= 3 else rf"(?<!\w){re.escape(stem)}(?!\w)"


def _first_match(pattern, text: str, stems: list[str]):
    """``pattern.search(text)``, started where a stem first occurs: a match contains its stem,
    and the regular expression walking a whole 4,000-character article was most of a search
    page's Python time. (Where lowercasing changes the text's length, from the start.)"""
    lowered = text.lower()
    if len(lowered) != len(text):
        return pattern.search(text)
    found = [at for at in (lowered.find(stem.lower()) for stem in stems) if at >= 0]
    return pattern.search(text, min(found)) if found else None


def snippet(text: str, words: list[str], *, length: int = SNIPPET_CHARS) -> SafeString:
    """About ``length`` characters of ``text`` from shortly before the first match, whole
    words only, each match of ``words`` in <mark>."""
    if not text:
        return mark_safe("")
    stems = [_stem(w) for w in sorted(set(words), key=len, reverse=True)]
    pattern = re.compile("(" + "|".join(map(_word_pattern, stems)) + ")", re.IGNORECASE) if stems else None
    first = _first_match(pattern, text, stems) if pattern else None
    start = max(0, first.start() - length // 3) if first else 0
    if start:
        # Start at a word boundary, not inside a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (first.start() if first else start + 20) else start
    end = start + length
    if end < len(text):
        # End at a word boundary too, past the first match.
        space = text.rfind(" ", start, end + 1)
        end = space if space > (first.end() if first else start) else end
    # Split on a pattern with one group: matches at the odd places.
    pieces = pattern.split(text[start:end]) if pattern else [text[start:end]]
    marked = "".join(f"<mark>{escape(piece)}</mark>" if index % 2 else escape(piece) for index, piece in enumerate(pieces))
    return mark_safe(f"{'… ' if start else ''}{marked}{' …' if end < len(text) else ''}")  # noqa: S308 - escaped above
