"""A snippet of an article's own text around the reader's words, safe to print.

The words are found in a normalised copy of the text, as the search found them (search.normalize),
and shown in the story's own spelling: the copy has lost Dari's zero-width non-joiners and has
Persian ی for Pashto's ي, which a reader would see as misspellings.

Every piece of text is escaped; only the <mark> tags around the matches are ours.
"""

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from search.normalize import FoldedText, fold_keeping_positions

SNIPPET_CHARS = 240
FOLD_PIECE_CHARS = 2000  # see _first_match_span

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
    words only, each match of ``words`` in <mark>. ``words`` are normalised (search.query)."""
    if not text:
        return mark_safe("")
    stems = [_stem(w) for w in sorted(set(words), key=len, reverse=True)]
    pattern = re.compile("|".join(map(_word_pattern, stems)), re.IGNORECASE) if stems else None
    first = _first_match_span(pattern, text, stems) if pattern else None
    match_start, match_end = first if first else (None, None)
    start = max(0, match_start - length // 3) if first else 0
    if start:
        # Start at a word boundary, not inside a word.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < (match_start if first else start + 20) else start
    end = start + length
    if end < len(text):
        # End at a word boundary too, past the first match.
        space = text.rfind(" ", start, end + 1)
        end = space if space > (match_end if first else start) else end
    marked = _marked(fold_keeping_positions(text[start:end]), pattern) if pattern else escape(text[start:end])
    return mark_safe(f"{'… ' if start else ''}{marked}{' …' if end < len(text) else ''}")  # noqa: S308 - escaped


def _first_match_span(pattern, text: str, stems: list[str]) -> tuple[int, int] | None:
    """Where in ``text`` the first match in its folded copy stands. Folding keeps a map back to
    the original at a cost per character, so a long story is folded a piece at a time, cut at
    spaces (no match spans one, and folding never joins across one), until a piece has a match:
    a match in the first paragraph no longer folds the whole story."""
    start = 0
    while start < len(text):
        end = text.find(" ", start + FOLD_PIECE_CHARS)
        end = len(text) if end < 0 else end
        folded = fold_keeping_positions(text[start:end])
        found = _first_match(pattern, folded.folded, stems)
        if found:
            match_start, match_end = folded.original_span(*found.span())
            return start + match_start, start + match_end
        start = end
    return None


def _marked(folded: FoldedText, pattern) -> str:
    """``folded.original`` escaped, each match of ``pattern`` in the folded copy marked where it
    stands in the original."""
    text, pieces, done = folded.original, [], 0
    for match in pattern.finditer(folded.folded):
        match_start, match_end = folded.original_span(*match.span())
        if match_end <= done:
            continue  # one character folds to several words (ﷺ): it is marked once
        match_start = max(match_start, done)
        pieces += [escape(text[done:match_start]), f"<mark>{escape(text[match_start:match_end])}</mark>"]
        done = match_end
    pieces.append(escape(text[done:]))
    return "".join(pieces)
