"""How much an edit changed an article, in words: the test for "substantially edited".

A typo fix must not send translators back to work; a new paragraph, a changed
figure in several places, or a rewritten headline must.
"""

import difflib
import re

from django.utils.html import strip_tags

# A rewritten headline matters even when it is a few words; the body needs a real change.
HEADLINE_WORDS_CHANGED = 3
TEXT_WORDS_CHANGED = 10

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    return _WORD.findall(strip_tags(text or "").lower())


def changed_words(old: str, new: str) -> int:
    """Words removed, added or replaced between two texts (a replacement counts its longer side)."""
    matcher = difflib.SequenceMatcher(a=words(old), b=words(new), autojunk=False)
    return sum(max(i2 - i1, j2 - j1) for tag, i1, i2, j1, j2 in matcher.get_opcodes() if tag != "equal")


def describe_substantial_edit(old: dict, new: dict) -> str:
    """A one-line note for the translator when the edit was substantial, else ""."""
    headline = changed_words(old["title"], new["title"])
    text = changed_words(old["standfirst"], new["standfirst"]) + changed_words(old["body"], new["body"])
    if headline >= HEADLINE_WORDS_CHANGED or text >= TEXT_WORDS_CHANGED:
        return f"Original edited: {headline} word(s) of the headline and {text} of the text changed."
    return ""
