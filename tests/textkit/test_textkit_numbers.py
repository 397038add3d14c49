"""The one number reader: exact values, both separator conventions."""

from __future__ import annotations

import re
from decimal import Decimal

from byline.textkit import NUMBER, NUMBER_DECIMAL_COMMA, read_number


def test_english_separators() -> None:
    assert read_number("11,000") == Decimal(11000)
    assert read_number("1,234,567.25") == Decimal("1234567.25")
    assert read_number("0.1") == Decimal("0.1")  # exact, not the nearest float


def test_decimal_comma_separators() -> None:
    assert read_number("11.000", decimal_comma=True) == Decimal(11000)
    assert read_number("1,5", decimal_comma=True) == Decimal("1.5")
    assert read_number("11\u00a0000,25", decimal_comma=True) == Decimal("11000.25")
    assert read_number("2\u202f500", decimal_comma=True) == Decimal(2500)


def test_patterns_match_whole_numbers_of_their_convention() -> None:
    found = [m.group() for m in re.finditer(NUMBER, "paid 11,000.50 for 3 boats in 1999")]
    assert found == ["11,000.50", "3", "1999"]
    found = [m.group() for m in re.finditer(NUMBER_DECIMAL_COMMA, "11.000 Euro, 1,5 Mio. und 12\u00a0500")]
    assert found == ["11.000", "1,5", "12\u00a0500"]


def test_float_of_the_reader_is_the_float_of_the_digits() -> None:
    """Provenance reads floats: ``float(read_number(raw))`` is what ``float`` of the cleaned
    digits gave before (both round correctly), also past the float range."""
    for raw in ("0.1", "123,456,789.123456789", "9" * 30, "1" + "0" * 400):
        assert float(read_number(raw)) == float(raw.replace(",", ""))
