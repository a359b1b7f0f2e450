"""The Jinja2 environment for the few reader pieces rendered many times a page (story cards)."""

from django.utils import timezone
from jinja2 import Environment

from articles.renditions import responsive_hero
from articles.templatetags.reader import text_direction
from editions.formatting import edition_short_date


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals["hero"] = responsive_hero
    env.filters["text_direction"] = text_direction
    env.filters["edition_short_date"] = edition_short_date
    # What Django's {{ value|date:"c" }} writes: the moment in the site's zone.
    env.filters["local_iso"] = lambda moment: timezone.localtime(moment).isoformat()
    return env
