import datetime

import pytest
from django.template import engines
from django.utils import translation

from editions import formatting

# 21:00 UTC on 27 November is already 28 November in Kabul (UTC+4:30).
EVENING_UTC = datetime.datetime(2026, 11, 27, 21, 0, tzinfo=datetime.UTC)


def render(source, **context):
    """Through the reader pages' Jinja2 environment, with its filters."""
    return engines["jinja2"].from_string(source).render(context)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "28 November 2026"),
        ("ps", "۷ لیندۍ ۱۴۰۵ ل (۲۸ نومبر ۲۰۲۶)"),
        ("fa-af", "۷ قوس ۱۴۰۵ ش (۲۸ نومبر ۲۰۲۶)"),
    ],
)
def test_each_edition_writes_the_date_its_readers_expect_on_the_kabul_calendar_day(language, expected):
    assert formatting.edition_date(EVENING_UTC, language) == expected


def test_western_digits_when_the_setting_is_off(settings):
    settings.NEWSROOM_EASTERN_DIGITS = False
    assert formatting.edition_date(EVENING_UTC, "fa-af") == "7 قوس 1405 ش (28 نومبر 2026)"
    assert formatting.number(12500, "ps") == "12,500"


@pytest.mark.parametrize(
    ("language", "value", "expected"),
    [("en", 12500, "12,500"), ("en", "3.5", "3.50"), ("ps", 12500, "۱۲٬۵۰۰"), ("fa-af", 1234567.25, "۱٬۲۳۴٬۵۶۷٫۲۵")],
)
def test_numbers_take_the_editions_digits_and_marks(language, value, expected):
    assert formatting.number(value, language) == expected


def test_a_non_number_is_refused_by_the_formatter():
    with pytest.raises(ValueError, match="not a number"):
        formatting.number("twelve", "ps")


@pytest.mark.parametrize(("code", "edition"), [("fa-AF", "fa-af"), ("prs", "fa-af"), ("fa", "fa-af"), ("ps-AF", "ps"), ("pbt", "ps"), ("de", "en")])
def test_language_codes_map_to_their_edition(code, edition):
    assert formatting.edition_language(code) == edition


def test_the_filters_follow_the_active_language():
    with translation.override("ps"):
        assert render("{{ when|edition_date }} · {{ text|edition_digits }}", when=EVENING_UTC, text="2 of 9") == (
            "۷ لیندۍ ۱۴۰۵ ل (۲۸ نومبر ۲۰۲۶) · ۲ of ۹"
        )
    with translation.override("en"):
        assert render("{{ when|edition_date }} · {{ text|edition_digits }}", when=EVENING_UTC, text="2 of 9") == (
            "28 November 2026 · 2 of 9"
        )


def test_empty_dates_print_nothing():
    assert render("[{{ none|edition_date }}][{{ none|edition_short_date }}][{{ none|local_iso }}]", none=None) == "[][][]"


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", "28 November 2026, 01:30 Kabul time"),
        ("ps", "۷ لیندۍ ۱۴۰۵ ل (۲۸ نومبر ۲۰۲۶)، ۰۱:۳۰ د کابل په وخت"),
        ("fa-af", "۷ قوس ۱۴۰۵ ش (۲۸ نومبر ۲۰۲۶)، ۰۱:۳۰ به وقت کابل"),
    ],
)
def test_the_article_date_line_carries_the_readers_clock_time_and_says_its_zone(language, expected):
    assert formatting.edition_datetime(EVENING_UTC, language) == expected


@pytest.mark.parametrize(("language", "expected"), [("en", "28 Nov 2026"), ("ps", "۷ لیندۍ ۱۴۰۵ ل"), ("fa-af", "۷ قوس ۱۴۰۵ ش")])
def test_story_cards_get_a_short_date(language, expected):
    assert formatting.edition_short_date(EVENING_UTC, language) == expected


def test_a_reader_zone_without_a_label_is_named_in_brackets(settings):
    settings.READER_TIME_ZONE = "Europe/Oslo"
    assert formatting.edition_datetime(EVENING_UTC, "en") == "27 November 2026, 22:00 (Europe/Oslo)"
