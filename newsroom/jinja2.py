"""The Jinja2 environment of the reader website.

Reader pages are Jinja2 templates (the admin keeps Django's): a page lists dozens of stories
and the Django template language spent more time drawing them than the database spent finding
them (docs/performance.md). Templates mark text with ``_("...")``, which ``makemessages`` finds
as it does in Django templates; plurals come from Python (``ngettext`` in a view or here).
"""

from django.contrib.staticfiles.storage import staticfiles_storage
from django.template.defaultfilters import linebreaksbr
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, get_language_info, gettext, ngettext
from jinja2 import ChainableUndefined, Environment, pass_context
from markupsafe import Markup

from articles.renditions import responsive_hero
from articles.sanitize import clean_body_html
from articles.selectors import banner
from articles.tags import tag_display_name
from audience.reader import most_read, read_counter
from donations.selectors import appeal_for, donate_url
from editions import formatting
from editions import reader as editions
from editions.flatpages import edition_path
from editions.names import newsroom_name
from lite import links as lite
from liveblog.selectors import live_page
from newsletters.signup import signup_form
from photos.body import render_body
from syndication.links import article_path
from syndication.meta import article_meta, page_meta


def text_direction(language_code: str) -> str:
    """``rtl`` for Pashto and Dari text, ``ltr`` otherwise, for a ``dir`` attribute."""
    try:
        return "rtl" if get_language_info(language_code)["bidi"] else "ltr"
    except KeyError:
        return "ltr"


def url(name: str, *args, **kwargs) -> str:
    return reverse(name, args=args or None, kwargs=kwargs or None)


def optional_url(name: str) -> str:
    """A page's address, or "" where the URLconf does not route it (a test's trimmed URLconf)."""
    try:
        return reverse(name)
    except NoReverseMatch:
        return ""


def with_page(request, number: int) -> str:
    """This page's query string with another page number (a search keeps its words and filters)."""
    query = request.GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


def local_iso(moment) -> str:
    """What Django's ``{{ value|date:"c" }}`` writes: the moment in the site's zone."""
    return timezone.localtime(moment).isoformat() if moment else ""


def sanitized(html) -> str:
    """Editor-written HTML that did not pass through ``Article.save()`` (flat pages),
    cleaned with the same allowlist before it reaches a reader."""
    return mark_safe(clean_body_html(str(html)))  # noqa: S308 - the allowlist just cleaned it


def tag_name(tag) -> str:
    """A tag as this edition's readers call it (its Pashto or Dari name where an editor gave one)."""
    return tag_display_name(tag, get_language())


def breaking_news():
    """The active edition's breaking-news banner while an editor has it on, or None (one small query)."""
    return banner(get_language())


def corrections_heading(count: int) -> str:
    # Plurals live in Python, where makemessages finds them.
    return ngettext("Correction", "Corrections", count)


def translated(message: str) -> Markup:
    """``_("...")``: our own catalogue's text is markup-safe, as in Django templates; values put
    into it with ``|format(...)`` are escaped (Markup's ``%`` escapes its arguments)."""
    return Markup(gettext(message))  # noqa: S704 - a literal of ours or its translation


def every_render(function):
    """A filter whose result follows the active edition or the settings.

    Jinja2 computes a filter on a literal once, when it compiles the template, and the cached
    template keeps that result: ``{{ 404|edition_digits }}`` would show the digits of whichever
    edition drew the page first. A filter that takes the context is never computed early."""

    @pass_context
    def per_render(_context, value, *args, **kwargs):
        return function(value, *args, **kwargs)

    return per_render


def environment(**options) -> Environment:
    # As in Django templates, a page's missing variable (``section`` on the home page) is empty,
    # and so is any attribute of it.
    options["undefined"] = ChainableUndefined
    env = Environment(**options)
    env.globals.update(
        _=translated,
        url=url,
        optional_url=optional_url,
        with_page=with_page,
        static=staticfiles_storage.url,
        now=timezone.localtime,
        get_language=get_language,
        newsroom_name=newsroom_name,  # for pages drawn without context processors (500)
        edition_path=edition_path,
        hero=responsive_hero,
        story_body=render_body,  # the cleaned body with its library photos drawn in
        corrections_heading=corrections_heading,
        breaking_news=breaking_news,
        tag_name=tag_name,
        page_meta=page_meta,
        article_meta=article_meta,
        # A story in its own language's edition (search results of every language link there).
        own_edition_path=article_path,
        edition_switcher=editions.switcher,
        article_translations=editions.translations,
        hreflang_alternates=editions.hreflang_alternates,
        donation_appeal=appeal_for,
        donate_url=donate_url,
        newsletter_signup=signup_form,
        live_blog=live_page,
        lite_url=lite.lite_url,
        lite_twin=lite.lite_twin,
        lite_home=lite.lite_home,
        full_twin=lite.full_twin,
        lite_canonical=lite.canonical_url,
        small_hero=lite.small_hero,
        most_read=most_read,
        read_counter=read_counter,
        meta_separator=formatting.meta_separator,
        eastern_digits=formatting.uses_eastern_digits,
    )
    env.filters.update(
        text_direction=text_direction,
        local_iso=local_iso,
        edition_date=every_render(formatting.edition_date),
        edition_datetime=every_render(formatting.edition_datetime),
        edition_short_date=every_render(formatting.edition_short_date),
        edition_time=every_render(formatting.clock_time),
        edition_digits=every_render(formatting.digits),
        truncatechars=lambda text, length: Truncator(text or "").chars(length),
        linebreaksbr=lambda text: linebreaksbr(text, autoescape=True),
        sanitized=sanitized,
        # Escapes even text marked safe (the flat page view marks its title so).
        force_escape=escape,
    )
    return env
