"""Reading a written number: one digit pattern and one reader for provenance and extraction.

English-style separators by default ("11,000.5"); where a language writes a decimal comma
("11.000,5", "11 000,5" with a no-break or thin space) the caller says so.
"""

from __future__ import annotations

from decimal import Decimal

# 11,000 / 11,000.5 / 11 / 11.5
NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"
# 11.000 / 11 000 (no-break or thin space) and 1,5 where the language writes a decimal comma
NUMBER_DECIMAL_COMMA = r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d{1,3}(?:[\u00a0\u202f]\d{3})+(?:,\d+)?|\d+(?:,\d+)?"


def read_number(raw: str, decimal_comma: bool = False) -> Decimal:
    """The exact value of a digit string matched by :data:`NUMBER` (or, with ``decimal_comma``,
    by :data:`NUMBER_DECIMAL_COMMA`): group separators dropped, the decimal mark made a point."""
    if decimal_comma:
        return Decimal(raw.replace(".", "").replace("\u00a0", "").replace("\u202f", "").replace(",", "."))
    return Decimal(raw.replace(",", ""))
