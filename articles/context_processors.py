"""What every reader page's chrome needs: the site's name and the section navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section
from pagecache.fragments import fragment


def reader_sections(request) -> list[Section]:
    """The sections in menu order, kept per content version (a section's change makes a new one).
    Their names follow the active language when read, so one list serves every edition."""
    return fragment(request, "sections", [], lambda: list(Section.objects.all()))


def newsroom(request):
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        # Lazy: pages whose navigation is kept, admin and error pages make no query.
        "nav_sections": SimpleLazyObject(lambda: reader_sections(request)),
    }
