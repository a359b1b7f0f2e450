"""Sample page dumps in the seed's shape, for the benchmark and load tests.

Deterministic for a given seed number: the same call writes the same files.
Every document is different (its number is in the headline and the text), in
English, Pashto or Dari, with or without view counter, date, bullets and footer,
so the import does its full work for each: nothing is "unchanged".
"""

from __future__ import annotations

import random
from pathlib import Path

_PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

_PLACES = ["Afghanistan", "Pakistan", "India", "Iran", "China", "Russia", "Tajikistan", "Uzbekistan", "Qatar", "Norway"]
_ORGANISATIONS = ["the United Nations", "NATO", "the SCO", "the World Bank", "the Taliban", "the European Union"]
_TOPICS = ["trade", "water rights", "border crossings", "refugee returns", "girls' education", "mining licences"]

_ENGLISH_PARAGRAPH = (
    "Officials from {a} and {b} met on {day} to discuss {topic}, according to statements released after the talks. "
    "Observers said {org} had followed the negotiations closely, and that report number {n} would be published "
    "within weeks. Local traders in the border districts said prices had already changed since the announcement."
)
_PASHTO_PARAGRAPH = (
    "د افغانستان او پاکستان چارواکو د سوداګرۍ په اړه خبرې وکړې. ویل کیږي چې دا ګډه غونډه {n} ځله ترسره شوې ده. "
    "سیمه ییزو سوداګرو وویل چې بیې ډېرې شوې دي او خلک اندېښمن دي."
)
_DARI_PARAGRAPH = (
    "مقامات ایران و افغانستان درباره تجارت و آب گفتگو کردند. این نشست شماره {n} بود و ناظران گفتند که سازمان ملل "
    "روند مذاکرات را دنبال می‌کند. بازرگانان محلی گفتند که قیمت‌ها تغییر کرده است."
)
_FOOTER = """\u00a0

Our Pashto-Dari Website

دعوت میډیا ۲۴

\u00a0 Donate Here

Support Dawat Media Center

If there were ever a time to join us, it is now. Every contribution, however big or small, powers our journalism and sustains our future.
DNB Bank AC # 0530 2294668
Account for international payments: NO15 0530 2294 668
Vipps: #557320

Comments are closed."""


def sample_document(n: int, rng: random.Random, *, label: str = "") -> str:
    number = f"{label}{n}"
    language = rng.choices(["en", "ps", "fa-af"], weights=[6, 2, 2])[0]
    a, b = rng.sample(_PLACES, 2)
    lines = []
    if language == "en":
        lines.append(f"{a} and {b} Resume Talks on {rng.choice(_TOPICS).title()}, Report {number}")
    elif language == "ps":
        lines.append(f"د افغانستان او پاکستان خبرې، راپور {number}")
    else:
        lines.append(f"گفتگوی ایران و افغانستان، گزارش {number}")
    if rng.random() < 0.8:
        count = str(rng.randint(0, 50_000))
        lines += ["", count.translate(_PERSIAN_DIGITS) if language != "en" and rng.random() < 0.7 else count]
    if rng.random() < 0.3:
        lines += ["", f"{rng.randint(1, 28)} {rng.choice(['March', 'June', 'October'])} {rng.randint(2015, 2025)}"]
    for section in range(rng.randint(1, 4)):
        if section:
            lines += ["", f"{rng.choice(['Background', 'Reactions', 'What Comes Next', 'Regional Stakes'])} {section}"]
        for _ in range(rng.randint(1, 3)):
            lines += ["", _paragraph(language, n, rng)]
        if language == "en" and rng.random() < 0.3:
            lines += ["", "Key points discussed:", ""]
            lines += [f"  • {label}: {rng.choice(_TOPICS)} in {rng.choice(_PLACES)}." for label in ("Trade", "Security", "Aid")]
    if rng.random() < 0.7:
        lines += ["", _FOOTER]
    elif rng.random() < 0.5:
        lines += ["", "Comments are closed."]
    separator = "\r\n" if rng.random() < 0.2 else "\n"
    return separator.join(lines) + separator


def _paragraph(language: str, n: int, rng: random.Random) -> str:
    if language == "ps":
        return _PASHTO_PARAGRAPH.format(n=n)
    if language == "fa-af":
        return _DARI_PARAGRAPH.format(n=n)
    a, b = rng.sample(_PLACES, 2)
    return _ENGLISH_PARAGRAPH.format(
        a=a, b=b, day=rng.choice(["Monday", "Tuesday", "Thursday"]), topic=rng.choice(_TOPICS),
        org=rng.choice(_ORGANISATIONS), n=n,
    )


def write_samples(folder: Path, count: int, *, seed: int = 1, prefix: str = "sample", label: str = "") -> int:
    """Write ``count`` documents into ``folder`` one at a time; returns the number written.

    ``label`` goes into every headline, so two runs with different labels never
    write the same text (the import would call the second run's files duplicates).
    """
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for n in range(count):
        (folder / f"{prefix}-{n:06d}.txt").write_bytes(sample_document(n, rng, label=label).encode("utf-8"))
    return count
