"""Publication dates from metadata values."""

from __future__ import annotations

import pytest

from byline.ingest.dates import parse_date


@pytest.mark.parametrize(
    "value,expected",
    [
        ("2025-03-17T10:00:00Z", "2025-03-17"),
        ("2024-11-05T23:30:00+01:00", "2024-11-05"),
        ("2025-03", "2025-03"),
        ("2025", "2025"),
        (2025, "2025"),
        ("March 17, 2025", "2025-03-17"),
        ("17 March 2025", "2025-03-17"),
        ("Sept. 3rd, 2024", "2024-09-03"),
        ("March 2025", "2025-03"),
        (1742169600, "2025-03-17"),
        ("1742169600000", "2025-03-17"),
        ("Mon, 17 Mar 2025 10:00:00 GMT", "2025-03-17"),
        ("2025/3/7", "2025-03-07"),
        ("20250317", "2025-03-17"),
        ("Published: 2024-05-02 by the desk", "2024-05-02"),
        ("17. März 2025", "2025-03-17"),
    ],
)
def test_absolute_dates(value: object, expected: str) -> None:
    assert parse_date(value) == expected


@pytest.mark.parametrize(
    "value", ["yesterday", "last week", "2025-13-01", "2025-02-30", "", None, True, "n/a", [2025]]
)
def test_not_a_date(value: object) -> None:
    assert parse_date(value) is None
