"""The newsroom's name as each edition's readers see it.

The Pashto-Dari site calls itself "دعوت میډیا" (the seed's "Our Pashto-Dari Website" footer),
the English one "Dawat Media". Masthead, titles, feeds, share images and structured data
all ask here, so an edition never shows another edition's name.
"""

from django.conf import settings

from editions.formatting import edition_language


def newsroom_name(language: str | None = None) -> str:
    """The name for ``language``'s edition (the active language by default); editions
    ``NEWSROOM_NAMES`` does not list use ``NEWSROOM_NAME``."""
    names = getattr(settings, "NEWSROOM_NAMES", {})
    return names.get(edition_language(language)) or settings.NEWSROOM_NAME
