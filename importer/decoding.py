"""Bytes from an old page dump to clean, normalised text, or a Rejection.

The dumps come from many machines: UTF-8 with or without a BOM, UTF-16 with a
BOM, Windows-1252 from old desktop editors, CRLF or CR line ends, non-breaking
spaces and tabs. Everything after this module sees one shape: NFC text with
"\\n" line ends, single spaces and no trailing blanks.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

import charset_normalizer

from importer.document import Reason, Rejection

MAX_BYTES = 5 * 1024 * 1024

# UTF-32 first: its little-endian BOM starts with UTF-16's.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Legacy code pages a newsroom's desktop editors wrote: Western and Arabic-script Windows.
_LEGACY_ENCODINGS = ["cp1252", "cp1256"]

_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Every Unicode space (NBSP, thin, figure, ideographic...) and tabs become one plain space.
_SPACES = re.compile(r"[^\S\n]+")
# Invisible characters that carry nothing in running text. ZWNJ/ZWJ (\u200c, \u200d)
# stay: Persian and Pashto spelling needs them.
_INVISIBLE = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\u200b\u2060\ufeff\ufffe]")
_TRAILING_SPACES = re.compile(r" +\n")

# More than this share of control, private-use or undecodable characters: not a text file.
_BINARY_CHARS = re.compile(r"[\x00-\x08\x0e-\x1b\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\ufffd]")
_BINARY_SHARE = 0.02


def decode(data: bytes) -> str | Rejection:
    """Decoded text exactly as written (line ends untouched), or why not."""
    if not data.strip():
        return Rejection(Reason.EMPTY)
    if len(data) > MAX_BYTES:
        return Rejection(Reason.TOO_LARGE, f"{len(data) / 1024 / 1024:.1f} MB")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data[len(bom):].decode(encoding))
            except UnicodeDecodeError:
                return Rejection(Reason.UNDECODABLE, f"invalid {encoding} after its byte-order mark")
    if b"\x00" in data:
        # Text in any 8-bit encoding or UTF-8 never contains NUL; UTF-16 without a BOM is not supported.
        return Rejection(Reason.BINARY)
    try:
        return _checked(data.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY_ENCODINGS).best()
    if best is not None:
        return _checked(str(best))
    return _checked(data.decode("cp1252", errors="replace"))


def _checked(text: str) -> str | Rejection:
    if not text.strip():
        return Rejection(Reason.EMPTY)
    if len(_BINARY_CHARS.findall(text)) > len(text) * _BINARY_SHARE:
        return Rejection(Reason.BINARY)
    return text


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    text = _LINE_BREAKS.sub("\n", text)
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    text = _TRAILING_SPACES.sub("\n", text)
    return text.strip(" \n")


def content_hash(normalised_text: str) -> str:
    return hashlib.sha256(normalised_text.encode("utf-8")).hexdigest()
