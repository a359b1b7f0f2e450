"""What the reader website's templates call (newsroom/jinja2.py registers them)."""

from django.templatetags.static import static
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language

from audience import selectors
from audience.counting import counting_enabled

HOME_MOST_READ_COUNT = 5


def most_read(limit: int = HOME_MOST_READ_COUNT):
    """The home page's "Most read" in the edition being drawn."""
    return selectors.most_read(get_language(), limit=limit)


def read_counter(article, *, script: bool = True):
    """What counts a read of ``article``: a small script sending a beacon, and a pixel for
    browsers without JavaScript (inside ``<noscript>``, so a reader is counted once).
    ``script=False`` gives the pixel alone, for pages that carry no script (the lite edition).
    Nothing for a preview or when counting is off."""
    if not counting_enabled() or not article.is_published:
        return ""
    url = reverse("audience:read", args=[article.pk])
    pixel = format_html('<img src="{}" alt="" width="1" height="1" class="read-pixel" hidden>', url)
    if not script:
        return pixel
    return format_html(
        '<script src="{}" data-read-url="{}" defer></script><noscript>{}</noscript>', static("audience/reads.js"), url, pixel
    )
