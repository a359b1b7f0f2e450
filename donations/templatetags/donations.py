"""Donation pieces for other apps' templates: ``{% load donations %}``.

``{% donation_appeal %}`` goes under every article, ``{% donate_link %}`` in the
site header. Both render nothing while the site has no donation details, and
share one reading of them per request.
"""

from django import template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from donations.selectors import reader_appeal

register = template.Library()


def _donate_url() -> str:
    try:
        return reverse("donations:donate")
    except NoReverseMatch:  # the donate page is not routed (e.g. a trimmed URLconf in a test)
        return ""


def _appeal(context):
    request = context.get("request")
    if request is None:
        return reader_appeal()
    if not hasattr(request, "donation_appeal"):
        request.donation_appeal = reader_appeal()
    return request.donation_appeal


@register.inclusion_tag("donations/includes/appeal.html", takes_context=True)
def donation_appeal(context):
    """The appeal block: headline, text, each payment method's number, and a link to the donate page."""
    return {"appeal": _appeal(context), "donate_url": _donate_url(), "request": context.get("request")}


@register.simple_tag(takes_context=True)
def donate_link(context, css_class: str = "donate-link"):
    """A "Donate" link for the site header, or nothing while there are no donation details."""
    url = _donate_url()
    if not url or _appeal(context) is None:
        return ""
    return format_html('<a class="{}" href="{}">{}</a>', css_class, url, gettext("Donate"))
