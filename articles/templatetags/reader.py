"""Template helpers for reader pages: ``{% load reader %}``."""

from zoneinfo import ZoneInfo

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language_info

from articles.renditions import responsive_hero
from articles.sanitize import clean_body_html

register = template.Library()


@register.inclusion_tag("articles/includes/hero_img.html")
def hero_img(article, *, sizes="100vw", alt=None, eager=False, css_class=""):
    """The article's hero as a responsive WebP ``<img>`` with its intrinsic size.

    ``eager`` is for the one image at the top of a page (the largest paint);
    every other image loads lazily. ``alt=""`` marks a picture beside its own
    headline as decorative.
    """
    return {
        "image": responsive_hero(article),
        "alt": article.hero_alt if alt is None else alt,
        "sizes": sizes,
        "eager": eager,
        "css_class": css_class,
    }


@register.filter
def reader_time(moment):
    """A time in the readers' zone (Kabul), where most of them live."""
    if not moment:
        return moment
    return timezone.localtime(moment, ZoneInfo(settings.READER_TIME_ZONE))


@register.filter
def text_direction(language_code):
    """``rtl`` for Pashto and Dari text, ``ltr`` otherwise, for a ``dir`` attribute."""
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


@register.simple_tag
def newsroom_name():
    """The site's name from settings, for templates rendered without context processors (500)."""
    return settings.NEWSROOM_NAME


@register.filter
def sanitized(html):
    """Editor-written HTML that did not pass through ``Article.save()`` (flat pages),
    cleaned with the same allowlist before it reaches a reader."""
    return mark_safe(clean_body_html(str(html)))  # noqa: S308 - the allowlist just cleaned it
