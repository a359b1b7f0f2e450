"""What every reader page's chrome needs: the section navigation (the edition's name comes
from editions.context_processors)."""

from django.utils.functional import SimpleLazyObject

from articles.models import Section


def reader_sections(request) -> list[Section]:
    """The sections in menu order, asked once per request: the header, the footer and the
    page itself (a section page finds its section here) share the list. Their names follow
    the active language when read, so one list serves every edition."""
    if not hasattr(request, "reader_sections"):
        request.reader_sections = list(Section.objects.all())
    return request.reader_sections


def newsroom(request):
    return {
        # Lazy: admin and error pages make no query.
        "nav_sections": SimpleLazyObject(lambda: reader_sections(request)),
    }
