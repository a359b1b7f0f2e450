"""Validators for the numbers readers send money to.

A wrong digit sends a reader's donation to a stranger, so each validator checks
the number's own check digits (python-stdnum does the arithmetic) and explains
the problem in words an editor understands. Each validator accepts the number as
people type it (spaces, dots, a leading '#'); ``donations.numbers`` stores the
compact form and prints the grouped one.
"""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum import bic as stdnum_bic
from stdnum import iban as stdnum_iban
from stdnum.exceptions import InvalidChecksum
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.iso7064 import mod_97_10
from stdnum.no import kontonr

from donations import numbers

# Vipps: organisations and businesses receive payments on a "Vippsnummer" of 5 or
# 6 digits (older ones have 5, newer ones 6; the seed's #557320 is one). Private
# people are paid on their 8-digit phone number, which a newsroom should not
# publish, so 8 digits get their own explanation instead of being accepted.
VIPPS_NUMBER_LENGTHS = (5, 6)
NORWEGIAN_PHONE_NUMBER_LENGTH = 8


def validate_norwegian_account_number(value: str) -> None:
    number = numbers.compact_account_number(value)
    if not number.isdigit():
        raise ValidationError(
            _("A Norwegian account number has only digits (spaces and dots between them are fine)."),
            code="account_number_format",
        )
    if len(number) != 11:
        raise ValidationError(
            _("A Norwegian account number has 11 digits; this one has %(count)d. Check it against the bank's letter."),
            code="account_number_length",
            params={"count": len(number)},
        )
    try:
        valid = kontonr.validate(number)
    except StdnumError:
        valid = ""
    if valid != number:
        raise ValidationError(
            _(
                "This account number fails the bank's check digit: a digit is probably wrong or two digits are "
                "swapped. Copy it again from the bank's letter."
            ),
            code="account_number_checksum",
        )


def _iban_length_for(country_code: str) -> int | None:
    """The IBAN length registered for a country (ISO 13616 registry shipped with python-stdnum)."""
    info = stdnum_iban._ibandb.info(country_code)
    structure = info[0][1].get("bban") if info and info[0][1] else None
    if not structure:
        return None
    return 4 + sum(int(count) for count, _kind in re.findall(r"(\d+)!([nac])", structure))


def validate_iban(value: str) -> None:
    number = numbers.compact_iban(value)
    if len(number) < 2 or not number[:2].isalpha():
        raise ValidationError(
            _("An IBAN starts with a two-letter country code, such as NO for Norway."), code="iban_format"
        )
    if not number.isascii() or not number.isalnum():
        raise ValidationError(_("An IBAN has only letters and digits."), code="iban_format")
    expected_length = _iban_length_for(number[:2])
    if expected_length is None:
        raise ValidationError(
            _("%(country)s is not a country that uses IBANs: check the first two letters."),
            code="iban_country",
            params={"country": number[:2]},
        )
    if len(number) != expected_length:
        raise ValidationError(
            _("An IBAN from %(country)s has %(expected)d characters; this one has %(count)d."),
            code="iban_length",
            params={"country": number[:2], "expected": expected_length, "count": len(number)},
        )
    try:
        mod_97_10.validate(number[4:] + number[:4])
    except StdnumError:
        raise ValidationError(
            _("This IBAN fails its check digits: a character is probably wrong or two are swapped."),
            code="iban_checksum",
        ) from None
    try:
        stdnum_iban.validate(number)
    except InvalidChecksum:
        raise ValidationError(
            _(
                "This IBAN passes its own check, but the account number inside it fails the bank's check digit. "
                "Copy it again from the bank's letter."
            ),
            code="iban_account_checksum",
        ) from None
    except StdnumError:
        raise ValidationError(
            _("This IBAN does not have the structure its country uses: check it against the bank's letter."),
            code="iban_format",
        ) from None


def validate_bic(value: str) -> None:
    code = numbers.compact_bic(value)
    if len(code) not in (8, 11):
        raise ValidationError(
            _("A BIC (SWIFT code) has 8 or 11 letters and digits, such as DNBANOKKXXX."), code="bic_length"
        )
    try:
        stdnum_bic.validate(code)
    except StdnumError:
        raise ValidationError(
            _(
                "This is not a valid BIC (SWIFT code): 4 letters for the bank, 2 for the country, "
                "then 2 letters or digits for the place (and 3 optional for the branch)."
            ),
            code="bic_format",
        ) from None


def validate_vipps_number(value: str) -> None:
    number = numbers.compact_vipps_number(value)
    if not number.isdigit():
        raise ValidationError(_("A Vipps number has only digits."), code="vipps_format")
    if len(number) == NORWEGIAN_PHONE_NUMBER_LENGTH:
        raise ValidationError(
            _(
                "This looks like a phone number. Readers should pay the organisation's Vipps number "
                "(5 or 6 digits), not a person's phone."
            ),
            code="vipps_phone_number",
        )
    if len(number) not in VIPPS_NUMBER_LENGTHS:
        raise ValidationError(
            _("A Vipps number for an organisation has 5 or 6 digits; this one has %(count)d."),
            code="vipps_length",
            params={"count": len(number)},
        )


def validate_payment_link(value: str) -> None:
    """A payment page reached over plain http can be swapped on the way to the reader."""
    if not value.lower().startswith("https://"):
        raise ValidationError(
            # Plain English, as the admin (the only place it shows) is English-only.
            "A payment link must start with https://. Over plain http anyone on the reader's network "
            "could send them to another payment page; use the https:// address the payment provider gives.",
            code="link_not_https",
        )


def norwegian_account_in_iban(iban: str) -> str:
    """The Norwegian account number an IBAN holds (``NO15 0530 2294 668`` holds ``05302294668``); "" for other countries."""
    number = numbers.compact_iban(iban)
    return number[4:] if number.startswith("NO") and len(number) == 15 else ""
