"""Value compatibility: ranges, approximations, currencies, units, date precisions."""

from __future__ import annotations

import pytest
from reconcile.reconcile_helpers import day, qty

from byline.model import Value
from byline.reconcile import values_compatible, values_conflict, values_same

M = 1_000_000


def txt(text: str) -> Value:
    return Value(type="text", text=text)


def ent(index: int | None) -> Value:
    return Value(type="entity", entity=index)


# (a, b, same, compatible, conflict) - each row one phrasing pair as extraction would give it
CASES: list[tuple[str, Value, Value, bool, bool, bool]] = [
    ("5,000 = 5000", qty(5000, unit="members"), qty(5000.0, unit="member"), True, True, False),
    ("5,000 = about 5,000", qty(5000), qty(5000, approx=True), True, True, False),
    ("roughly 5,000 = around 5,000", qty(5000, approx=True), qty(5000, approx=True), True, True, False),
    ("4,990 rounds to 5,000", qty(4990), qty(5000), True, True, False),
    ("about 4,900 ~ 5,000", qty(4900, approx=True), qty(5000), False, True, False),
    ("about 5,000 ~ 5,600", qty(5000, approx=True), qty(5600), False, True, False),
    ("5,000 vs roughly 2,500", qty(5000), qty(2500, approx=True), False, False, True),
    ("about 5,000 vs about 2,500", qty(5000, approx=True), qty(2500, approx=True), False, False, True),
    ("5,000 vs 5,200 exact", qty(5000), qty(5200), False, False, True),
    ("about 5,000 vs 7,000", qty(5000, approx=True), qty(7000), False, False, True),
    ("0 = 0", qty(0), qty(0), True, True, False),
    ("0 vs 1", qty(0), qty(1), False, False, True),
    (
        "$10m-$15m = $10-15 million",
        qty(low=10 * M, high=15 * M, currency="USD"),
        qty(low=10_000_000.000001, high=15e6, currency="usd"),
        True,
        True,
        False,
    ),
    (
        "between $10m and $15m = an estimated $10-15m",
        qty(low=10 * M, high=15 * M, currency="USD"),
        qty(low=10 * M, high=15 * M, currency="USD", approx=True),
        True,
        True,
        False,
    ),
    (
        "$12m inside $10m-$15m",
        qty(12 * M, currency="USD"),
        qty(low=10 * M, high=15 * M, currency="USD"),
        False,
        True,
        False,
    ),
    (
        "$15.1m at the edge of $10m-$15m (rounding)",
        qty(15.1 * M, currency="USD"),
        qty(low=10 * M, high=15 * M, currency="USD"),
        False,
        True,
        False,
    ),
    (
        "$20m outside $10m-$15m",
        qty(20 * M, currency="USD"),
        qty(low=10 * M, high=15 * M, currency="USD"),
        False,
        False,
        True,
    ),
    (
        "overlapping ranges",
        qty(low=10 * M, high=15 * M, currency="USD"),
        qty(low=12 * M, high=20 * M, currency="USD"),
        False,
        True,
        False,
    ),
    (
        "disjoint ranges",
        qty(low=10 * M, high=15 * M, currency="USD"),
        qty(low=20 * M, high=30 * M, currency="USD"),
        False,
        False,
        True,
    ),
    ("more than 5,000 vs 6,000", qty(low=5000), qty(6000), False, True, False),
    ("more than 5,000 vs 3,000", qty(low=5000), qty(3000), False, False, True),
    ("fewer than 100 vs 50", qty(high=100), qty(50), False, True, False),
    ("USD vs GBP same amount", qty(5 * M, currency="USD"), qty(5 * M, currency="GBP"), False, False, False),
    ("USD vs GBP far apart", qty(5 * M, currency="USD"), qty(50 * M, currency="GBP"), False, False, False),
    ("bare 5m = $5m", qty(5 * M), qty(5 * M, currency="USD"), True, True, False),
    ("bare 5m vs $9m", qty(5 * M), qty(9 * M, currency="USD"), False, False, True),
    ("members vs soldiers", qty(5000, unit="member"), qty(5000, unit="soldier"), False, False, False),
    ("money vs a count", qty(5000, currency="USD"), qty(5000, unit="member"), False, False, False),
    ("Soldiers = soldier", qty(11000, unit="Soldiers"), qty(11000, unit="soldier"), True, True, False),
    ("2023-09 = 2023-09-14", day("2023-09"), day("2023-09-14"), True, True, False),
    ("2023 = 2023-09", day("2023"), day("2023-09"), True, True, False),
    ("2023 = 2023-09-14", day("2023"), day("2023-09-14"), True, True, False),
    ("2012 vs 2013", day("2012"), day("2013"), False, False, True),
    ("2023-09 vs 2023-10-01", day("2023-09"), day("2023-10-01"), False, False, True),
    ("2023-09-14 vs 2023-09-20", day("2023-09-14"), day("2023-09-20"), False, False, True),
    ("2012-05 vs 2013", day("2012-05"), day("2013"), False, False, True),
    (
        "month precision truncates the day",
        Value(type="date", date="2023-09-14", precision="month"),
        day("2023-09-20"),
        True,
        True,
        False,
    ),
    ("an empty date never conflicts", Value(type="date"), day("2013"), False, False, False),
    ("same entity", ent(3), ent(3), True, True, False),
    ("different entities", ent(3), ent(4), False, False, True),
    ("unresolved entity", ent(None), ent(4), False, False, False),
    ("text, case and punctuation", txt("Caracas,"), txt("caracas"), True, True, False),
    ("text, different", txt("Caracas"), txt("Maracay"), False, False, False),
    ("accents folded", txt("Tocorón"), txt("Tocoron"), True, True, False),
    ("a date is no quantity", day("2013"), qty(2013), False, False, False),
]


@pytest.mark.parametrize(
    ("a", "b", "same", "compatible", "conflict"),
    [c[1:] for c in CASES],
    ids=[c[0] for c in CASES],
)
def test_value_relations(a: Value, b: Value, same: bool, compatible: bool, conflict: bool) -> None:
    for x, y in ((a, b), (b, a)):  # every relation is symmetric
        assert values_same(x, y) is same
        assert values_compatible(x, y) is compatible
        assert values_conflict(x, y) is conflict


@pytest.mark.parametrize("c", CASES, ids=[c[0] for c in CASES])
def test_relations_are_consistent(c: tuple[str, Value, Value, bool, bool, bool]) -> None:
    _, a, b, _, _, _ = c
    if values_same(a, b):
        assert values_compatible(a, b)
    assert not (values_compatible(a, b) and values_conflict(a, b))


def test_approximation_is_wider_than_rounding() -> None:
    # 5,700 is 14% above 5,000: inside "about 5,000", outside an exact 5,000
    assert values_compatible(qty(5000, approx=True), qty(5700))
    assert values_conflict(qty(5000), qty(5700))
    # and beyond 15% even "about" does not cover it
    assert values_conflict(qty(5000, approx=True), qty(6000))


def test_clock_times_merge_when_equal_and_never_conflict() -> None:
    a = Value(type="date", date="T19:40", approximate=True)
    b = Value(type="date", date="T19:40")
    c = Value(type="date", date="T19:37")
    assert values_same(a, b)
    assert not values_same(a, c)
    assert not values_conflict(a, c)  # "about 7:40" and "7:37": rounding, zones
    assert not values_conflict(c, Value(type="date", date="2023", precision="year"))
