"""Reader queries in web-search syntax, parsed once into words we control.

Readers type what they type: ``kabul "peace talks" -football or herat``. We
normalise it (search.normalize), keep only word characters, and rebuild a query
from those words, so no quote, operator or SQL fragment from the reader ever
reaches a query parser in a form we did not write ourselves.
"""

import re
from dataclasses import dataclass

from search.normalize import normalize

# A search box needs a sentence at most; longer input is cut, not refused.
MAX_QUERY_CHARS = 200
MAX_TERMS = 12

_TOKEN = re.compile(r'(-?)"([^"]*)"?|(\S+)')
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Term:
    words: tuple[str, ...]
    negated: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    groups: tuple[tuple[Term, ...], ...]  # OR of groups; each group an AND of terms

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def words(self) -> list[str]:
        """The words a result should show highlighted (negated ones are absent)."""
        return [w for group in self.groups for term in group if not term.negated for w in term.words]

    @property
    def has_exclusions(self) -> bool:
        return any(term.negated for group in self.groups for term in group)

    def websearch(self) -> str:
        """The query in PostgreSQL ``websearch_to_tsquery`` syntax, built from our words only."""
        return " or ".join(" ".join(_websearch_term(t) for t in group) for group in self.groups)


def _websearch_term(term: Term) -> str:
    text = " ".join(term.words)
    text = f'"{text}"' if len(term.words) > 1 else text
    return f"-{text}" if term.negated else text


def parse(raw: str | None) -> ParsedQuery:
    text = normalize(raw or "")[:MAX_QUERY_CHARS]
    groups, current, count = [], [], 0
    for match in _TOKEN.finditer(text):
        negated, phrase, bare = match.group(1) == "-", match.group(2), match.group(3)
        if bare is not None:
            if bare.lower() == "or":
                groups.append(current)
                current = []
                continue
            negated = bare.startswith("-")
        words = tuple(_WORD.findall(phrase if phrase is not None else bare))
        if not words or count >= MAX_TERMS:
            continue
        current.append(Term(words=words, negated=negated))
        count += 1
    groups.append(current)
    # A group of only exclusions would match nearly everything; drop it.
    kept = tuple(tuple(group) for group in groups if any(not t.negated for t in group))
    return ParsedQuery(groups=kept)
