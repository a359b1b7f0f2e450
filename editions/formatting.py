"""Dates and numbers as each edition's readers write them.

English readers get "27 November 2026". Pashto and Dari readers get the
Gregorian date with the month names used in Afghanistan, beside the Solar
Hijri date with the Afghan month names, in Eastern Arabic digits unless
``NEWSROOM_EASTERN_DIGITS`` is off.
"""

import datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import get_language, gettext_lazy

from articles.models import RTL_LANGUAGES
from editions import calendars
from editions.codes import edition_for

# Afghanistan writes the Persian forms of the Eastern Arabic digits (۴ ۵ ۶), in Pashto as in Dari.
EASTERN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
WESTERN_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# Gregorian months as Afghan media spell them (not the Iranian ژانویه, فوریه, ...).
GREGORIAN_MONTHS = {
    "en": (
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ),
    "ps": (
        "جنوري", "فبروري", "مارچ", "اپرېل", "مۍ", "جون",
        "جولای", "اګست", "سېپتمبر", "اکتوبر", "نومبر", "ډسمبر",
    ),
    "fa-af": (
        "جنوری", "فبروری", "مارچ", "اپریل", "می", "جون",
        "جولای", "اگست", "سپتمبر", "اکتوبر", "نومبر", "دسمبر",
    ),
}
SOLAR_HIJRI_MONTHS = {"ps": calendars.PASHTO_MONTHS, "fa-af": calendars.DARI_MONTHS}
# The Solar Hijri year is marked "ل" (لمریز) in Pashto and "ش" (شمسی) in Dari.
SOLAR_HIJRI_ERA = {"ps": "ل", "fa-af": "ش"}
# Every clock time a reader sees names its zone (docs/editions.md): "19:31 Kabul time". A zone
# not listed here shows its IANA name in brackets.
ZONE_CLOCKS = {"Asia/Kabul": gettext_lazy("%(time)s Kabul time")}
GROUP_SEPARATOR = {"ps": "٬", "fa-af": "٬"}
DECIMAL_SEPARATOR = {"ps": "٫", "fa-af": "٫"}


def edition_language(language: str | None = None) -> str:
    """The edition a language code belongs to: "fa-AF" and "fa" are Dari, anything unknown English."""
    return edition_for(language or get_language() or "en") or "en"


def uses_eastern_digits(language: str | None = None) -> bool:
    return edition_language(language) in RTL_LANGUAGES and getattr(settings, "NEWSROOM_EASTERN_DIGITS", True)


def digits(text, language: str | None = None) -> str:
    """Write the digits in ``text`` the way the edition's readers expect."""
    text = str(text)
    return text.translate(EASTERN_DIGITS) if uses_eastern_digits(language) else text.translate(WESTERN_DIGITS)


def number(value, language: str | None = None, *, decimals: int | None = None) -> str:
    """A number with the edition's grouping and decimal marks: 12,500 / ۱۲٬۵۰۰."""
    lang = edition_language(language)
    try:
        value = Decimal(str(value))
    except InvalidOperation:
        raise ValueError(f"not a number: {value!r}") from None
    if decimals is None:
        decimals = 0 if value == value.to_integral_value() else 2
    western = f"{value:,.{decimals}f}"
    if not uses_eastern_digits(lang):
        return western
    # Eastern digits take the Arabic thousands and decimal marks with them: ۱۲٬۵۰۰٫۲۵.
    marks = str.maketrans({",": GROUP_SEPARATOR[lang], ".": DECIMAL_SEPARATOR[lang]})
    return digits(western.translate(marks), lang)


def reader_moment(moment):
    """A moment as the newsroom's readers' clocks show it (Kabul time)."""
    if isinstance(moment, datetime.datetime) and timezone.is_aware(moment):
        return moment.astimezone(ZoneInfo(settings.READER_TIME_ZONE))
    return moment


def reader_date(moment) -> datetime.date:
    """The calendar day a moment falls on for the newsroom's readers."""
    moment = reader_moment(moment)
    return moment.date() if isinstance(moment, datetime.datetime) else moment


def gregorian_date(moment, language: str | None = None) -> str:
    lang = edition_language(language)
    day = reader_date(moment)
    return digits(f"{day.day} {GREGORIAN_MONTHS[lang][day.month - 1]} {day.year}", lang)


def solar_hijri_date(moment, language: str | None = None) -> str:
    """"۶ قوس ۱۴۰۵ ش" in Dari, "۶ لیندۍ ۱۴۰۵ ل" in Pashto; English gets the Dari month names transliterated."""
    lang = edition_language(language)
    solar = calendars.from_gregorian(reader_date(moment))
    if lang == "en":
        return f"{solar.day} {calendars.DARI_MONTHS_LATIN[solar.month - 1]} {solar.year}"
    return digits(f"{solar.day} {SOLAR_HIJRI_MONTHS[lang][solar.month - 1]} {solar.year} {SOLAR_HIJRI_ERA[lang]}", lang)


def edition_date(moment, language: str | None = None) -> str:
    """The date line readers of an edition expect: Gregorian, and for Pashto and Dari the Solar Hijri date too."""
    if not moment:
        return ""
    lang = edition_language(language)
    if lang == "en":
        return gregorian_date(moment, lang)
    return f"{solar_hijri_date(moment, lang)} ({gregorian_date(moment, lang)})"


def clock_time(moment, language: str | None = None) -> str:
    """The readers' clock time with its zone: "19:31 Kabul time", "۱۹:۳۱ به وقت کابل"."""
    lang = edition_language(language)
    time = digits(f"{reader_moment(moment):%H:%M}", lang)
    label = ZONE_CLOCKS.get(settings.READER_TIME_ZONE)
    if label is None:
        return f"{time} ({settings.READER_TIME_ZONE})"
    with translation.override(lang):
        return str(label) % {"time": time}


def edition_datetime(moment, language: str | None = None) -> str:
    """The date line with the readers' clock time and its zone: "28 November 2026, 01:30 Kabul time"."""
    if not moment:
        return ""
    lang = edition_language(language)
    return f"{edition_date(moment, lang)}{'، ' if lang in RTL_LANGUAGES else ', '}{clock_time(moment, lang)}"


def meta_separator(language: str | None = None) -> str:
    """What stands between a story's section or byline and its date in a line of text: as in
    ``edition_datetime``, the Arabic comma right to left, where a middle dot beside Eastern Arabic
    digits reads as their zero (``۱۴ ·`` looks like ``۱۴۰``)."""
    return "، " if edition_language(language) in RTL_LANGUAGES else " · "


def edition_short_date(moment, language: str | None = None) -> str:
    """For story cards: "28 Nov 2026"; in Pashto and Dari the Solar Hijri date alone, as Afghan sites do."""
    if not moment:
        return ""
    lang = edition_language(language)
    if lang == "en":
        day = reader_date(moment)
        return f"{day.day} {GREGORIAN_MONTHS['en'][day.month - 1][:3]} {day.year}"
    return solar_hijri_date(moment, lang)
