from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone


def oslo_and_kabul(moment) -> str:
    """A time as the newsroom (Oslo) and its readers (Kabul) see it."""
    if not moment:
        return "—"
    oslo = timezone.localtime(moment, ZoneInfo(settings.TIME_ZONE))
    kabul = timezone.localtime(moment, ZoneInfo(settings.READER_TIME_ZONE))
    return f"{oslo:%d %b %Y %H:%M} Oslo · {kabul:%H:%M} Kabul"
