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
