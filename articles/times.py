from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def oslo_and_kabul(moment) -> str:
    """A time as the newsroom (Oslo) and its readers (Kabul) see it: "03 Dec 2026 16:01 Oslo · 19:31 Kabul"."""
    if not moment:
        return "—"
    day, oslo, kabul = oslo_and_kabul_parts(moment)
    return f"{day} {oslo} · {kabul}"


def oslo_and_kabul_parts(moment) -> tuple[str, str, str]:
    """The same in three parts, for a narrow column: "03 Dec 2026", "16:01 Oslo", "19:31 Kabul"."""
    oslo = timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))
    kabul = timezone.localtime(moment, ZoneInfo(settings.READER_TIME_ZONE))
    return f"{oslo:%d %b %Y}", f"{oslo:%H:%M} Oslo", f"{kabul:%H:%M} Kabul"
