"""Which of the newsroom's editions a text belongs to: English, Pashto or Dari.

Pashto and Dari share the Perso-Arabic alphabet; Pashto adds letters Dari never
uses (ټ ډ ړ ښ ږ ځ څ ګ ڼ ۍ ې). A few of them in an Arabic-script text make it
Pashto; none make it Dari. Mostly Latin letters make it English.
"""

import re

ENGLISH, PASHTO, DARI = "en", "ps", "fa-af"

_LATIN = re.compile(r"[A-Za-z\u00c0-\u024f]")
_ARABIC_SCRIPT = re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]")
_PASHTO_ONLY = re.compile(r"[ټډړښږځڅګڼۍې]")

# Pashto letters are common: a real Pashto text has several per sentence. A stray
# one (a Pashto name in a Dari story) should not flip the edition.
_PASHTO_SHARE = 0.01


def detect_language(text: str) -> str:
    arabic = len(_ARABIC_SCRIPT.findall(text))
    latin = len(_LATIN.findall(text))
    if arabic <= latin:
        return ENGLISH
    pashto = len(_PASHTO_ONLY.findall(text))
    return PASHTO if pashto >= max(2, arabic * _PASHTO_SHARE) else DARI
