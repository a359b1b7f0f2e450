"""One normaliser for Arabic-script text, applied identically to what we index
and to what readers type, so spelling variants meet in the middle.

Pashto and Dari are typed on keyboards that mix Arabic and Persian letters:
Arabic yeh (ي) and kaf (ك) look like Persian yeh (ی) and keheh (ک) but are
different code points; tatweel (ـ) only stretches a word; harakat (short-vowel
marks) are rarely typed; the zero-width non-joiner (ZWNJ) is typed by some and
left out by others (می‌روم / میروم). We fold all of those away.

Readers never see the folded text: ``fold_keeping_positions`` folds a story's own text the
same way and lines the two up, so a snippet shows the match as the story spells it.
"""

import functools
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass

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
    return " ".join(_fold_letters(text).split())  # the same whitespace as \s, faster than a regular expression


def _fold_letters(text: str) -> str:
    """Every step of ``normalize`` but the spaces."""
    # NFKC first: it turns Arabic presentation forms (ﻙ, ﻳ) into plain letters,
    # which the map below then folds.
    text = unicodedata.normalize("NFKC", text)
    return _DIACRITICS.sub("", text.translate(_LETTER_MAP))


def _character_class(code_points: list[int]) -> str:
    """The inside of ``[...]`` for ascending ``code_points``, as ranges (thousands of characters)."""
    ranges = []
    for code_point in code_points:
        if ranges and ranges[-1][1] == code_point - 1:
            ranges[-1][1] = code_point
        else:
            ranges.append([code_point, code_point])
    return "".join(f"\\u{first:04x}-\\u{last:04x}" for first, last in ranges)


def _folds_alone(character: str) -> bool:
    """Whether ``character`` folds to what it folds to whatever stands around it: not a mark
    (NFKC composes a letter with a mark after it: ا + ٔ → أ) and not changed by NFKC (… → ...)."""
    return not unicodedata.combining(character) and unicodedata.normalize("NFKC", character) == character


# Of the scripts we publish in (Latin, Arabic, general punctuation and the byte order mark), the
# characters that fold alone to none (ZWNJ, tatweel, bidi marks) and the ones that fold alone to
# one (letters, digits, punctuation, spaces). Everything else is folded cluster by cluster, a
# character with the marks that follow it.
_PUBLISHED = [chr(code_point) for code_point in [*range(0x800), *range(0x2000, 0x2070), 0xFEFF]]
_REMOVED = [c for c in _PUBLISHED if _folds_alone(c) and not _fold_letters(c)]
_KEPT = [c for c in _PUBLISHED if _folds_alone(c) and len(_fold_letters(c)) == 1]
_REMOVED_ALONE = re.compile(f"[{_character_class([ord(c) for c in _REMOVED])}]+")
_NEEDS_CLUSTERS = re.compile(f"[^{_character_class(sorted(ord(c) for c in _REMOVED + _KEPT))}]+")
# The kept characters that fold to another: Arabic yeh and kaf (str.replace is 20 times str.translate).
_SWAPPED = [(c, _fold_letters(c)) for c in _KEPT if _fold_letters(c) != c]


@dataclass(frozen=True)
class FoldedText:
    """A text folded as ``normalize`` folds it (its spaces left as they are), lined up with the
    original, so a word found in the folded copy can be shown as the original spells it.

    From folded index ``folded_anchors[k]`` on, folded characters come one for one from original
    index ``original_anchors[k]`` on, up to the next anchor: each removed ZWNJ or folded cluster
    starts a new one. The last anchor lines up the ends of the two texts."""

    original: str
    folded: str
    folded_anchors: list[int]
    original_anchors: list[int]

    def origin(self, position: int) -> int:
        """The index in the original of what ``folded[position]`` was folded from."""
        anchor = bisect_right(self.folded_anchors, position) - 1
        return self.original_anchors[anchor] + position - self.folded_anchors[anchor]

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        """Where ``folded[start:end]`` (not empty) came from, with what folding removed after it:
        a word's last harakat, tatweel or ZWNJ belong to the word."""
        last, after = self.origin(end - 1), end
        while self.origin(after) <= last:  # the rest of a ligature (ﻻ → لا)
            after += 1
        return self.origin(start), self.origin(after)

def fold_keeping_positions(text: str) -> FoldedText:
    """``text`` folded for matching like ``normalize`` (spaces aside), lined up with ``text``."""
    if text.isascii() and "\x00" not in text:
        return FoldedText(text, text, [0], [0])  # English: nothing to fold
    pieces, folded_anchors, original_anchors = [], [], []
    length = 0

    def line_up(folded: str, original_start: int) -> None:
        """Add ``folded``, whose characters come one for one from ``original_start`` on."""
        nonlocal length
        folded_anchors.append(length)
        original_anchors.append(original_start)
        pieces.append(folded)
        length += len(folded)

    done = 0
    for run in _NEEDS_CLUSTERS.finditer(text):
        start, end = run.span()
        if start > done and unicodedata.combining(text[start]):
            start -= 1  # the mark may compose with the letter before it
        _line_up_one_by_one(text, done, start, line_up)
        for offset, cluster in _clusters(text[start:end]):
            for character in _fold_cluster(cluster):  # all from the cluster's start (ﻻ → لا)
                line_up(character, start + offset)
        done = end
    _line_up_one_by_one(text, done, len(text), line_up)
    line_up("", len(text))
    return FoldedText(text, _swap_letters("".join(pieces)), folded_anchors, original_anchors)


def _line_up_one_by_one(text: str, start: int, end: int, line_up) -> None:
    """``text[start:end]``, whose characters fold alone, lined up between those that fold to
    none (a Dari story's ZWNJs): a step per ZWNJ, not per character."""
    for removed in _REMOVED_ALONE.finditer(text, start, end):
        line_up(text[start : removed.start()], start)
        start = removed.end()
    line_up(text[start:end], start)


def _swap_letters(text: str) -> str:
    for letter, folded in _SWAPPED:
        text = text.replace(letter, folded)
    return text


# The same few clusters come back all through a text (a letter and its haraka).
_fold_cluster = functools.lru_cache(maxsize=4096)(_fold_letters)


def _clusters(text: str):
    """``(offset, cluster)`` for each character of ``text`` with the combining marks after it."""
    start = 0
    for index in range(1, len(text)):
        if not unicodedata.combining(text[index]):
            yield start, text[start:index]
            start = index
    if text:
        yield start, text[start:]
