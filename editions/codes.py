"""Language codes that browsers and old data use, and the edition each belongs to."""

from django.utils.translation import get_supported_language_variant

# Codes Django would not match to an edition on its own: ISO 639-3 for Dari and the Pashto varieties.
ALIASES = {"prs": "fa-af", "pbt": "ps", "pbu": "ps", "pst": "ps"}


def edition_for(code: str) -> str | None:
    """The edition for a language code ("fa-AF", "fa", "prs", "ps-AF" ...), if there is one."""
    code = code.lower()
    code = ALIASES.get(code) or ALIASES.get(code.split("-")[0]) or code
    try:
        return get_supported_language_variant(code)
    except LookupError:
        return None


def accepted_languages(header: str) -> list[str]:
    """The codes of an ``Accept-Language`` header, most wanted first (quality 0 left out).

    Django matches the header against the editions' codes only, inside
    ``get_language_from_request``; readers' browsers may name Dari "prs" (ALIASES), so the
    header is read here and each code goes through ``edition_for``."""
    weighted = []
    for position, part in enumerate(header.split(",")):
        code, _, params = part.strip().partition(";")
        try:
            quality = float(params.strip().removeprefix("q=")) if params else 1.0
        except ValueError:
            continue
        if code and quality > 0:
            weighted.append((-quality, position, code.strip()))
    return [code for _quality, _position, code in sorted(weighted)]
