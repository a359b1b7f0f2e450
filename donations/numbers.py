"""Compact (stored) and grouped (displayed) forms of the payment numbers."""

from stdnum import iban as stdnum_iban


def _without(value: str, separators: str) -> str:
    value = (value or "").strip()
    for separator in separators:
        value = value.replace(separator, "")
    return value


def compact_account_number(value: str) -> str:
    return _without(value, " .\u00a0")


def compact_iban(value: str) -> str:
    return _without(value, " -\u00a0").upper()


def compact_bic(value: str) -> str:
    return _without(value, " \u00a0").upper()


def compact_vipps_number(value: str) -> str:
    return _without(value, " #\u00a0")


def format_account_number(value: str) -> str:
    """``05302294668`` -> ``0530 22 94668`` (bank, account group, number), as Norwegian banks print it."""
    number = compact_account_number(value)
    if len(number) != 11:
        return number
    return f"{number[:4]} {number[4:6]} {number[6:]}"


def format_iban(value: str) -> str:
    """``NO1505302294668`` -> ``NO15 0530 2294 668``: groups of four, as ISO 13616 prints it."""
    return stdnum_iban.format(compact_iban(value))


def format_bic(value: str) -> str:
    return compact_bic(value)


def format_vipps_number(value: str) -> str:
    return compact_vipps_number(value)
