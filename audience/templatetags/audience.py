"""The admin's view of the counts (Django templates): ``{% article_reads original %}``."""

from django import template

from audience import selectors
from audience.counting import roll_up

register = template.Library()


@register.inclusion_tag("audience/article_reads.html")
def article_reads(article):
    roll_up()  # an editor sees every read up to now
    return {"reads": selectors.article_reads(article), "article": article}
