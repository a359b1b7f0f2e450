from django import template

from articles.times import oslo_and_kabul

register = template.Library()


@register.filter(name="oslo_and_kabul")
def oslo_and_kabul_filter(moment) -> str:
    """The admin's one date style: "03 Dec 2026 16:01 Oslo · 19:31 Kabul" (articles.times)."""
    return oslo_and_kabul(moment)
