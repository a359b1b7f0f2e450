"""The Solar Hijri (Jalali) calendar that Afghanistan uses, as a small pure module.

The year starts at the March equinox (Nowruz, 1 Hamal). Leap years follow the
astronomical calendar, which the arithmetic below reproduces with the "breaks"
table of Kazimierz Borkowski's algorithm (the one jalaali-js and most Jalali
libraries use); it is exact for Solar Hijri years 1 to 3177.

Afghanistan uses the same days and months as Iran, but its own month names:
the zodiac names in Dari, and their Pashto equivalents.
"""

import datetime
from typing import NamedTuple

# Years (Solar Hijri) at which the 33-year leap cycle shifts.
_BREAKS = (
    -61, 9, 38, 199, 426, 686, 756, 818, 1111, 1181, 1210,
    1635, 2060, 2097, 2192, 2262, 2324, 2394, 2456, 3178,
)
FIRST_YEAR, LAST_YEAR = 1, _BREAKS[-1] - 1

# Months 1-6 have 31 days, 7-11 have 30, the twelfth 29 (30 in a leap year).
_MONTH_STARTS = (0, 31, 62, 93, 124, 155, 186, 216, 246, 276, 306, 336)

DARI_MONTHS = (
    "حمل", "ثور", "جوزا", "سرطان", "اسد", "سنبله",
    "میزان", "عقرب", "قوس", "جدی", "دلو", "حوت",
)
DARI_MONTHS_LATIN = (
    "Hamal", "Sawr", "Jawza", "Saratan", "Asad", "Sunbula",
    "Mizan", "Aqrab", "Qaws", "Jadi", "Dalw", "Hut",
)
PASHTO_MONTHS = (
    "وری", "غویی", "غبرګولی", "چنګاښ", "زمری", "وږی",
    "تله", "لړم", "لیندۍ", "مرغومی", "سلواغه", "کب",
)


class SolarHijriDate(NamedTuple):
    year: int
    month: int
    day: int


def _year_facts(year: int) -> tuple[int, int]:
    """(leap, march): ``leap`` is 0 for a leap year, and Nowruz of ``year``
    falls on ``march`` March of Gregorian year ``year + 621``."""
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise ValueError(f"Solar Hijri year {year} is outside the supported range {FIRST_YEAR}-{LAST_YEAR}")
    gregorian_year = year + 621
    leap_count = -14
    previous = _BREAKS[0]
    jump = 0
    for brk in _BREAKS[1:]:
        jump = brk - previous
        if year < brk:
            break
        leap_count += jump // 33 * 8 + jump % 33 // 4
        previous = brk
    n = year - previous
    leap_count += n // 33 * 8 + (n % 33 + 3) // 4
    if jump % 33 == 4 and jump - n == 4:
        leap_count += 1
    gregorian_leaps = gregorian_year // 4 - (gregorian_year // 100 + 1) * 3 // 4 - 150
    march = 20 + leap_count - gregorian_leaps
    if jump - n < 6:
        n = n - jump + (jump + 4) // 33 * 33
    leap = ((n + 1) % 33 - 1) % 4
    return leap, march


def nowruz(year: int) -> datetime.date:
    """The Gregorian date of 1 Hamal of a Solar Hijri year."""
    _, march = _year_facts(year)
    return datetime.date(year + 621, 3, march)


def is_leap_year(year: int) -> bool:
    return _year_facts(year)[0] == 0


def from_gregorian(day: datetime.date) -> SolarHijriDate:
    """The Solar Hijri date of a Gregorian date (a datetime is taken as its date)."""
    if isinstance(day, datetime.datetime):
        day = day.date()
    year = day.year - 621
    start = nowruz(year)
    if day < start:
        year -= 1
        start = nowruz(year)
    day_of_year = (day - start).days
    month = max(m for m, first in enumerate(_MONTH_STARTS, start=1) if first <= day_of_year)
    return SolarHijriDate(year, month, day_of_year - _MONTH_STARTS[month - 1] + 1)


def to_gregorian(year: int, month: int, day: int) -> datetime.date:
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1-12, not {month}")
    month_length = 31 if month <= 6 else 30 if month <= 11 else 30 if is_leap_year(year) else 29
    if not 1 <= day <= month_length:
        raise ValueError(f"day must be 1-{month_length} in month {month} of {year}, not {day}")
    return nowruz(year) + datetime.timedelta(days=_MONTH_STARTS[month - 1] + day - 1)
