"""Countries and organisations a story names, as tag names. Pure Python.

Countries come from pycountry (with the short names newsrooms use: "Russia",
not "Russian Federation") and the Dari/Pashto spellings of the region's
neighbours; organisations from a curated list. Names already used as tags are
matched too, case-insensitively, and keep the spelling they have.

Matching works on word sequences, not substrings, so "Indiana" is not India and
"Russia's" is Russia. At each word the longest known name wins: "Shanghai
Cooperation Organisation" is SCO once, not three words.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

import pycountry

_WORD = re.compile(r"\w+")

# The name a newsroom writes, where pycountry's differs.
_COUNTRY_NAMES = {
    "BQ": "Caribbean Netherlands",
    "CD": "DR Congo",
    "CG": "Republic of the Congo",
    "CZ": "Czechia",
    "FK": "Falkland Islands",
    "FM": "Micronesia",
    "GB": "United Kingdom",
    "PS": "Palestine",
    "RU": "Russia",
    "TR": "Turkey",
    "US": "United States",
    "VA": "Vatican City",
    "VG": "British Virgin Islands",
    "VI": "US Virgin Islands",
}
# Other ways stories name a country, in English, Dari and Pashto.
_COUNTRY_ALIASES = {
    "AF": ["افغانستان"],
    "AE": ["UAE", "امارات"],
    "CN": ["چین"],
    "DE": ["آلمان", "المان"],
    "GB": ["UK", "U.K.", "Britain", "Great Britain", "بریتانیا"],
    "IN": ["هند", "هندوستان"],
    "IR": ["ایران"],
    "KZ": ["قزاقستان"],
    "KG": ["قرقیزستان"],
    "NO": ["ناروې", "ناروی"],
    "PK": ["پاکستان"],
    "QA": ["قطر"],
    "RU": ["Russian Federation", "روسیه", "روسیې"],
    "SA": ["عربستان", "عربستان سعودی"],
    "TJ": ["تاجیکستان"],
    "TM": ["ترکمنستان"],
    "TR": ["Türkiye", "ترکیه"],
    "UA": ["اوکراین"],
    "US": ["USA", "U.S.", "US", "United States of America", "امریکا", "آمریکا"],
    "UZ": ["ازبکستان", "اوزبکستان"],
}
ORGANISATIONS = {
    "SCO": ["Shanghai Cooperation Organisation", "Shanghai Cooperation Organization", "سازمان همکاری شانگهای"],
    "United Nations": ["UN", "U.N.", "سازمان ملل", "سازمان ملل متحد", "ملګرو ملتونو", "ملګري ملتونه"],
    "UN Security Council": ["Security Council", "UN Security Council", "شورای امنیت"],
    "UNAMA": ["United Nations Assistance Mission in Afghanistan"],
    "UNHCR": ["UN Refugee Agency"],
    "UNICEF": [],
    "World Health Organization": ["WHO", "World Health Organisation"],
    "World Food Programme": ["WFP", "World Food Program"],
    "NATO": ["North Atlantic Treaty Organization", "North Atlantic Treaty Organisation", "ناتو"],
    "Taliban": ["طالبان", "طالبانو"],
    "Tehrik-i-Taliban Pakistan": ["TTP", "Pakistani Taliban"],
    "Islamic State": ["ISIS", "ISIL", "Daesh", "ISKP", "ISIS-K", "داعش"],
    "Al-Qaeda": ["al-Qaeda", "Al Qaeda", "al Qaeda", "القاعده"],
    "European Union": ["EU", "اتحادیه اروپا"],
    "African Union": [],
    "Arab League": [],
    "ASEAN": [],
    "BRICS": [],
    "SAARC": [],
    "OPEC": [],
    "G7": [],
    "G20": [],
    "OIC": ["Organisation of Islamic Cooperation", "Organization of Islamic Cooperation"],
    "World Bank": ["بانک جهانی", "نړیوال بانک"],
    "IMF": ["International Monetary Fund"],
    "Red Cross": ["ICRC", "International Committee of the Red Cross"],
    "Amnesty International": [],
    "Human Rights Watch": [],
    "Hamas": [],
    "Hezbollah": [],
}

MAX_TAGS = 12


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text))


@lru_cache(maxsize=1)
def _gazetteer() -> dict[tuple[str, ...], str]:
    """Word sequence (case as written) -> tag name."""
    names: dict[tuple[str, ...], str] = {}

    def add(alias: str, canonical: str):
        words = _words(alias)
        if words:
            names.setdefault(words, canonical)

    for country in pycountry.countries:
        code = country.alpha_2
        common = getattr(country, "common_name", None)
        canonical = _COUNTRY_NAMES.get(code) or common or country.name
        for alias in (canonical, common, country.name, getattr(country, "official_name", None)):
            if alias and "," not in alias:
                add(alias.removeprefix("the "), canonical)
        for alias in _COUNTRY_ALIASES.get(code, []):
            add(alias, canonical)
    for canonical, aliases in ORGANISATIONS.items():
        for alias in (canonical, *aliases):
            add(alias, canonical)
    return names


class Gazetteer:
    """Finds tag names in text. Build one per import run: it indexes the existing tags once."""

    def __init__(self, existing_tags: Iterable[str] = ()):
        self._exact = _gazetteer()
        # Existing tags match whatever the case ("kabul" finds the tag "Kabul").
        self._folded: dict[tuple[str, ...], str] = {}
        for name in existing_tags:
            words = tuple(word.casefold() for word in _words(name))
            if words and len(name) >= 3:
                self._folded.setdefault(words, name)
        # A known tag's own spelling wins over the gazetteer's.
        self._spelling = {name.casefold(): name for name in existing_tags}
        # Most words start no name: one lookup says so, before any window is built.
        self._exact_lengths = _lengths_by_first_word(self._exact)
        self._folded_lengths = _lengths_by_first_word(self._folded)

    def find(self, text: str) -> list[str]:
        """Tag names in order of first mention, without repeats."""
        words = _words(text)
        folded = tuple(word.casefold() for word in words) if self._folded else ()
        found: dict[str, None] = {}
        i = 0
        while i < len(words):
            length, name = self._match_at(words, folded, i)
            if name:
                found.setdefault(self._spelling.get(name.casefold(), name))
                i += length
            else:
                i += 1
        return list(found)[:MAX_TAGS]

    def _match_at(self, words, folded, i: int) -> tuple[int, str | None]:
        best = (0, None)
        for length in self._exact_lengths.get(words[i], ()):
            name = self._exact.get(words[i:i + length])
            if name:
                best = (length, name)
                break
        if folded:
            for length in self._folded_lengths.get(folded[i], ()):
                if length <= best[0]:
                    break
                name = self._folded.get(folded[i:i + length])
                if name:
                    return length, name
        return best


def _lengths_by_first_word(names: dict[tuple[str, ...], str]) -> dict[str, tuple[int, ...]]:
    """First word -> the lengths of the names it starts, longest first."""
    lengths: dict[str, set[int]] = {}
    for words in names:
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}
