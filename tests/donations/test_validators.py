"""The seed's numbers pass; every single changed digit and every swap of two neighbouring digits fails."""

import pytest
from django.core.exceptions import ValidationError

from donations import numbers
from donations.validators import (
    validate_bic,
    validate_iban,
    validate_norwegian_account_number,
    validate_vipps_number,
)

SEED_ACCOUNT = "05302294668"
SEED_IBAN = "NO1505302294668"


def single_digit_changes(number: str):
    for index, digit in enumerate(number):
        if digit.isdigit():
            for other in "0123456789":
                if other != digit:
                    yield number[:index] + other + number[index + 1 :]


def neighbour_swaps(number: str):
    for index in range(len(number) - 1):
        left, right = number[index], number[index + 1]
        if left != right and left.isdigit() and right.isdigit():
            yield number[:index] + right + left + number[index + 2 :]


def rejects(validator, value) -> bool:
    try:
        validator(value)
    except ValidationError:
        return True
    return False


@pytest.mark.parametrize("typed", ["05302294668", "0530 2294668", "0530 22 94668", "0530.22.94668", " 0530 22 94668 "])
def test_the_seed_account_number_passes_however_it_is_typed(typed):
    validate_norwegian_account_number(typed)
    assert numbers.compact_account_number(typed) == SEED_ACCOUNT
    assert numbers.format_account_number(typed) == "0530 22 94668"


@pytest.mark.parametrize("typed", ["NO1505302294668", "NO15 0530 2294 668", "no15 0530 2294 668"])
def test_the_seed_iban_passes_however_it_is_typed(typed):
    validate_iban(typed)
    assert numbers.compact_iban(typed) == SEED_IBAN
    assert numbers.format_iban(typed) == "NO15 0530 2294 668"


def test_every_single_digit_change_to_the_seed_account_number_fails():
    changed = list(single_digit_changes(SEED_ACCOUNT))
    assert len(changed) == 11 * 9
    assert [value for value in changed if not rejects(validate_norwegian_account_number, value)] == []


def test_every_swap_of_neighbouring_digits_in_the_seed_account_number_fails():
    swapped = list(neighbour_swaps(SEED_ACCOUNT))
    assert len(swapped) == 8  # "22" and "66" swap to themselves
    assert [value for value in swapped if not rejects(validate_norwegian_account_number, value)] == []


def test_every_single_digit_change_to_the_seed_iban_fails():
    changed = list(single_digit_changes(SEED_IBAN))
    assert len(changed) == 13 * 9
    assert [value for value in changed if not rejects(validate_iban, value)] == []


def test_every_swap_of_neighbouring_characters_in_the_seed_iban_fails():
    swapped = list(neighbour_swaps(SEED_IBAN))
    assert len(swapped) == 10
    assert [value for value in swapped if not rejects(validate_iban, value)] == []


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0530 2294 66", "has 11 digits; this one has 10"),
        ("0530 2294 6689", "has 11 digits; this one has 12"),
        ("0530-22-94668x", "only digits"),
        ("0530 22 94669", "fails the bank's check digit"),
        ("0000 4090403", "fails the bank's check digit"),  # an old postgiro number is not an 11-digit account
    ],
)
def test_bad_account_numbers_are_explained(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_norwegian_account_number(value)
    assert message in raised.value.messages[0]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1505302294668", "two-letter country code"),
        ("NO150530229466", "from NO has 15 characters; this one has 14"),
        ("NO15 0530 2294 669", "fails its check digits"),
        ("NO15 0530 2294 66!", "only letters and digits"),
        ("XX15 0530 2294 668", "XX is not a country that uses IBANs"),
    ],
)
def test_bad_ibans_are_explained(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_iban(value)
    assert message in raised.value.messages[0]


def test_an_iban_whose_inner_account_number_fails_is_explained():
    # NO + valid mod-97 digits around 8601 11 17949, whose own MOD11 check digit is wrong
    from stdnum import iban

    number = "NO" + iban.calc_check_digits("NO0086011117949") + "86011117949"
    with pytest.raises(ValidationError) as raised:
        validate_iban(number)
    assert "account number inside it fails" in raised.value.messages[0]


def test_a_foreign_iban_passes():
    validate_iban("DE89 3704 0044 0532 0130 00")


@pytest.mark.parametrize("value", ["DNBANOKK", "DNBANOKKXXX", "dnba no kk"])
def test_valid_bics_pass(value):
    validate_bic(value)


@pytest.mark.parametrize(("value", "message"), [("DNBANO", "8 or 11"), ("DNB1NOKK", "not a valid BIC"), ("DNBAXXKK", "not a valid BIC")])
def test_bad_bics_are_explained(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_bic(value)
    assert message in raised.value.messages[0]


@pytest.mark.parametrize("value", ["557320", "#557320", "# 557 320", "12345"])
def test_vipps_numbers_of_five_or_six_digits_pass(value):
    validate_vipps_number(value)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("1234", "5 or 6 digits; this one has 4"),
        ("1234567", "5 or 6 digits; this one has 7"),
        ("98765432", "looks like a phone number"),
        ("55732O", "only digits"),
    ],
)
def test_bad_vipps_numbers_are_explained(value, message):
    with pytest.raises(ValidationError) as raised:
        validate_vipps_number(value)
    assert message in raised.value.messages[0]


def any_two_digits_swapped(number: str):
    for left in range(len(number)):
        for right in range(left + 1, len(number)):
            if number[left] != number[right] and number[left].isdigit() and number[right].isdigit():
                digits = list(number)
                digits[left], digits[right] = digits[right], digits[left]
                yield "".join(digits)


def test_swapping_any_two_digits_of_the_seed_iban_fails():
    swapped = list(any_two_digits_swapped(SEED_IBAN))
    assert len(swapped) == 74
    assert [value for value in swapped if not rejects(validate_iban, value)] == []


def test_swapping_distant_digits_of_the_account_number_fails_except_where_mod11_cannot_see_it():
    # MOD11 weighs positions 1-10 as 5,4,3,2,7,6,5,4,3,2: digits six places apart share a
    # weight, so swapping them keeps the check digit. That is the scheme's known limit (the
    # IBAN's mod-97 catches these); every other swap of two digits fails.
    undetected = [value for value in any_two_digits_swapped(SEED_ACCOUNT) if not rejects(validate_norwegian_account_number, value)]
    assert undetected == ["95302204668", "04302295668", "05602294368", "05362294608"]
    for value in undetected:
        first, second = (index for index, (a, b) in enumerate(zip(SEED_ACCOUNT, value, strict=True)) if a != b)
        assert second - first == 6
