"""What every reader page's chrome needs: the site's name and the section navigation."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from articles.models import Section


def newsroom(request):
    return {
        "NEWSROOM_NAME": settings.NEWSROOM_NAME,
        # Lazy: admin and error pages that show no navigation make no query.
        "nav_sections": SimpleLazyObject(lambda: list(Section.objects.all())),
    }
