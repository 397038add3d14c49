"""English month names and abbreviations, shared by every stage that reads dates."""

from __future__ import annotations

MONTH_NAMES = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
MONTH_ABBREVIATIONS = {
    "jan": 1,
    "feb": 2,
    "mar": 3,
    "apr": 4,
    "jun": 6,
    "jul": 7,
    "aug": 8,
    "sep": 9,
    "sept": 9,
    "oct": 10,
    "nov": 11,
    "dec": 12,
}

# name or abbreviation (lowercase) -> month number
MONTHS: dict[str, int] = {
    **{name: i + 1 for i, name in enumerate(MONTH_NAMES)},
    **MONTH_ABBREVIATIONS,
}
