"""Highlighted snippets that are safe to print.

Database highlighters (ts_headline, FTS5 snippet) and our own fallback mark
matches with private-use characters that normalised text never contains
(search.normalize strips them). We escape the whole snippet first and only then
turn the markers into <mark> tags, so nothing from an article becomes markup.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.normalize import MARK_END, MARK_START

SNIPPET_CHARS = 240


def render_marked(text: str) -> SafeString:
    text = (text or "").strip()
    # A highlighter may cut a fragment between markers; balance them before printing.
    opened = 0
    parts = []
    for piece in re.split(f"({MARK_START}|{MARK_END})", text):
        if piece == MARK_START:
            if not opened:
                parts.append("<mark>")
                opened = 1
        elif piece == MARK_END:
            if opened:
                parts.append("</mark>")
                opened = 0
        else:
            parts.append(escape(piece))
    if opened:
        parts.append("</mark>")
    return mark_safe("".join(parts))  # noqa: S308 - every text part above is escaped


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


def mark_words(text: str, words: list[str], *, length: int = SNIPPET_CHARS) -> str:
    """A window of ``text`` around the first match, matches marked for render_marked."""
    if not text:
        return ""
    stems = [_stem(w) for w in sorted(set(words), key=len, reverse=True)]
    pattern = re.compile("|".join(map(_word_pattern, stems)), re.IGNORECASE) if stems else None
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
    window = text[start:end]
    if pattern:
        window = pattern.sub(lambda m: f"{MARK_START}{m.group(0)}{MARK_END}", window)
    prefix = "… " if start else ""
    suffix = " …" if end < len(text) else ""
    return f"{prefix}{window}{suffix}"
