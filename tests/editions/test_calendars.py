import datetime

import pytest

from editions import calendars

# Nowruz (1 Hamal) as announced by the Afghan and Iranian calendar authorities.
KNOWN_NOWRUZ = {
    1357: datetime.date(1978, 3, 21),
    1370: datetime.date(1991, 3, 21),
    1399: datetime.date(2020, 3, 20),
    1403: datetime.date(2024, 3, 20),
    1404: datetime.date(2025, 3, 21),
    1405: datetime.date(2026, 3, 21),
}

KNOWN_DATES = [
    # 22 Dalw 1357: the victory of the Iranian revolution, 11 February 1979.
    (datetime.date(1979, 2, 11), (1357, 11, 22)),
    # 18 Sunbula 1380: Ahmad Shah Massoud was killed, 9 September 2001.
    (datetime.date(2001, 9, 9), (1380, 6, 18)),
    # 24 Asad 1400: Kabul fell, 15 August 2021.
    (datetime.date(2021, 8, 15), (1400, 5, 24)),
    # The last day of a leap year: 30 Hut 1403.
    (datetime.date(2025, 3, 20), (1403, 12, 30)),
    (datetime.date(2026, 11, 27), (1405, 9, 6)),
]


@pytest.mark.parametrize(("year", "gregorian"), KNOWN_NOWRUZ.items())
def test_nowruz_falls_on_the_announced_day(year, gregorian):
    assert calendars.nowruz(year) == gregorian
    assert calendars.from_gregorian(gregorian) == (year, 1, 1)


@pytest.mark.parametrize(("gregorian", "solar"), KNOWN_DATES)
def test_known_dates_convert_both_ways(gregorian, solar):
    assert calendars.from_gregorian(gregorian) == solar
    assert calendars.to_gregorian(*solar) == gregorian


def test_a_datetime_is_taken_as_its_date():
    assert calendars.from_gregorian(datetime.datetime(2021, 8, 15, 23, 59)) == (1400, 5, 24)


@pytest.mark.parametrize(("year", "leap"), [(1370, True), (1375, True), (1399, True), (1403, True), (1404, False), (1405, False), (1408, True)])
def test_leap_years_follow_the_astronomical_calendar(year, leap):
    assert calendars.is_leap_year(year) is leap
    assert (calendars.nowruz(year + 1) - calendars.nowruz(year)).days == (366 if leap else 365)


def test_every_day_of_a_century_round_trips_and_follows_the_day_before():
    day, previous = datetime.date(1950, 1, 1), None
    while day < datetime.date(2050, 1, 1):
        solar = calendars.from_gregorian(day)
        assert calendars.to_gregorian(*solar) == day
        if previous:
            assert solar in {
                (previous.year, previous.month, previous.day + 1),
                (previous.year, previous.month + 1, 1),
                (previous.year + 1, 1, 1),
            }
        previous, day = solar, day + datetime.timedelta(days=1)


@pytest.mark.parametrize(("year", "month", "day"), [(1404, 13, 1), (1404, 0, 1), (1404, 7, 31), (1404, 12, 30), (0, 1, 1)])
def test_impossible_dates_are_refused_with_a_clear_error(year, month, day):
    with pytest.raises(ValueError, match=r"month|day|year"):
        calendars.to_gregorian(year, month, day)


def test_the_twelve_afghan_month_names_are_there_in_both_languages():
    assert len(calendars.DARI_MONTHS) == len(calendars.PASHTO_MONTHS) == 12
    assert calendars.DARI_MONTHS[0] == "حمل" and calendars.DARI_MONTHS[8] == "قوس"
    assert calendars.PASHTO_MONTHS[0] == "وری" and calendars.PASHTO_MONTHS[8] == "لیندۍ"
