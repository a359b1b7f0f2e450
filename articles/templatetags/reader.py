"""Template helpers for reader pages: ``{% load reader %}``."""


from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from articles.models import Article
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


CARD_SIZES = "(min-width: 64rem) 20rem, (min-width: 40rem) 45vw, 8rem"


@register.simple_tag
def story_cards(articles, *, heading="h2", standfirst=True, section_label=True, variant="", sizes=CARD_SIZES,
                eager=False):
    """Stories in a list, a card each (articles/jinja2/articles/story_cards.html). ``articles`` is
    a list or one story. ``standfirst=False`` hides the standfirst unless a card has no picture;
    ``eager`` is for the one image at the top of a page."""
    if isinstance(articles, Article):
        articles = [articles]
    html = get_template("articles/story_cards.html", using="jinja2").render({
        "articles": articles, "page_language": get_language(), "heading": heading, "standfirst": standfirst,
        "section_label": section_label, "variant": variant, "sizes": sizes, "eager": eager,
    })
    return mark_safe(html)  # noqa: S308 - Jinja2 escaped every value (autoescape is on)


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
