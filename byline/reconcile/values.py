"""When two claim values say the same thing, may both be true, or contradict each other.

Three relations, from strict to loose, all pure functions of two ``Value`` objects:

- ``values_same``: the same value, so the two claims merge into one. Quantities: both points
  within 1% of each other (rounding: "1,200" = "1200" = "about 1,200"; approximation flags are
  ignored here), or both ranges with both bounds within 1% ("$20m-$30m" = "$20-30 million").
  A point is never the same as a range. Dates: one is the other at the coarser precision.
- ``values_compatible``: both can be true. Quantities: the intervals they stand for overlap,
  where an exact figure stands for +-1% (rounding) and an approximate one for +-15%, and a range
  for [low, high] widened the same way ("$25m" lies in "$20m-$30m": compatible, not merged).
- ``values_conflict``: comparable and not compatible ("1,200" against "roughly 600").

Quantities are comparable only when they measure the same thing: the same currency (never
converted: USD and GBP neither merge nor conflict) or the same unit (case and plural folded).
A bare number (no unit, no currency) is comparable to any quantity, because the predicate
already names what is counted. Free text never conflicts (too many legitimate phrasings);
entity values conflict when they name different entities (the caller decides whether the
predicate admits several values). Values of different types are never compatible and never
conflict.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from functools import lru_cache
from typing import Any

from byline.model import Value

EXACT_TOLERANCE = 0.01  # relative: rounding of an exact figure ("1,200" vs "1,195")
APPROXIMATE_TOLERANCE = 0.15  # relative: "about", "roughly", "an estimated" ...
SAME_TOLERANCE = 0.01  # relative: two figures this close are one figure

_PRECISION_PARTS = {"year": 1, "month": 2, "day": 3}


# ---- quantities ------------------------------------------------------------------------------


# units of time: a duration names no fact by itself (it never contradicts another, and the
# dossier does not count it among the key figures)
TIME_UNITS = frozenset("second minute hour day night week month year decade century".split())


# British and American spellings of one unit noun (never two units: "tonne" is not "ton")
_SPELLINGS = {
    "storey": "story", "storeys": "story", "metre": "meter", "metres": "meter",
    "kilometre": "kilometer", "kilometres": "kilometer", "litre": "liter", "litres": "liter",
    "centimetre": "centimeter", "millimetre": "millimeter", "programme": "program",
}  # fmt: skip


def fold_unit(unit: str | None) -> str | None:
    """Lowercase, trim and singularise a unit noun, so "Workers" and "worker" agree."""
    if unit is None:
        return None
    u = " ".join(unit.lower().split())
    if not u:
        return None
    if u == "people":
        return "person"
    u = _SPELLINGS.get(u, u)
    if len(u) > 3 and u.endswith("ies"):
        return u[:-3] + "y"
    if len(u) > 3 and u.endswith("s") and not u.endswith(("ss", "us", "is")):
        return u[:-1]
    return u


def measure_of(value: Value) -> tuple[str, str] | None:
    """What a quantity measures: ("currency", "USD"), ("unit", "worker") or None (bare number)."""
    if value.currency:
        return ("currency", value.currency.upper())
    unit = fold_unit(value.unit)
    if unit:
        return ("unit", unit)
    return None


_FAHRENHEIT = frozenset({"degree fahrenheit", "fahrenheit", "°f"})


def in_common_unit(value: Value) -> tuple[tuple[str, str] | None, tuple[float, float] | None]:
    """The measure and stated bounds, with a Fahrenheit temperature stated in Celsius ("104
    degrees Fahrenheit" is "40 degrees Celsius" told the American way). Bounded figures give
    their stated amount, as in ``run_bounds``."""
    measure = measure_of(value)
    bounds = stated_bounds(value)
    if bounds is not None:
        bounds = run_bounds(value, bounds)
    if measure is not None and measure[1] in _FAHRENHEIT:
        measure = ("unit", "degree celsius")
        if bounds is not None:
            bounds = (_celsius(bounds[0]), _celsius(bounds[1]))
    return measure, bounds


def _celsius(f: float) -> float:
    return (f - 32.0) * 5.0 / 9.0 if math.isfinite(f) else f


def _comparable_quantities(a: Value, b: Value) -> bool:
    ma, mb = measure_of(a), measure_of(b)
    return ma is None or mb is None or ma == mb


def stated_bounds(value: Value) -> tuple[float, float] | None:
    """The value as stated: a point (x, x), a range, an open range (a bound), or None."""
    if value.low is not None or value.high is not None:
        low = value.low if value.low is not None else -math.inf
        high = value.high if value.high is not None else math.inf
        return (min(low, high), max(low, high))
    if value.amount is not None:
        return (value.amount, value.amount)
    return None


def is_bound(value: Value) -> bool:
    """A figure stated with a bounding hedge: "more than 200" is amount 200 with low 200."""
    return value.amount is not None and (value.low is not None or value.high is not None)


def interval(value: Value) -> tuple[float, float] | None:
    """The interval of true amounts a quantity allows, after rounding or approximation. A
    bound ("more than 200", "up to 12") is open at its stated end: no rounding widens it."""
    bounds = stated_bounds(value)
    if bounds is None:
        return None
    if is_bound(value):
        return bounds
    tol = APPROXIMATE_TOLERANCE if value.approximate else EXACT_TOLERANCE
    low, high = bounds
    low = low - abs(low) * tol if math.isfinite(low) else low
    high = high + abs(high) * tol if math.isfinite(high) else high
    return (low, high)


def amounts_close(x: float, y: float) -> bool:
    if math.isinf(x) or math.isinf(y):
        return x == y
    return abs(x - y) <= SAME_TOLERANCE * max(abs(x), abs(y))


def is_range(value: Value) -> bool:
    """A range ("$10m-$15m"), not a bounded figure ("more than 200" keeps its amount)."""
    return value.amount is None and (value.low is not None or value.high is not None)


def run_kind(value: Value) -> tuple[bool, bool]:
    """What may share a run of close values: ranges with ranges; exact figures with lower
    bounds ("44" and "at least 44"); upper bounds ("nearly 10") only with upper bounds."""
    return (is_range(value), is_bound(value) and value.high is not None)


def run_bounds(value: Value, bounds: tuple[float, float]) -> tuple[float, float]:
    """The bounds a run compares: a bounded figure's stated amount, else its stated bounds."""
    if is_bound(value) and value.amount is not None:
        return (value.amount, value.amount)
    return bounds


def _quantity_same(a: Value, b: Value) -> bool:
    if a.amount is not None and b.amount is not None and (is_bound(a) or is_bound(b)):
        # "at least 44" and "44" are one figure; "more than 6" and "nearly 6" are not
        return amounts_close(a.amount, b.amount) and _quantity_compatible(a, b)
    ba, bb = stated_bounds(a), stated_bounds(b)
    if ba is None or bb is None or is_range(a) != is_range(b):
        return False
    return amounts_close(ba[0], bb[0]) and amounts_close(ba[1], bb[1])


def _quantity_compatible(a: Value, b: Value) -> bool:
    ia, ib = interval(a), interval(b)
    if ia is None or ib is None:
        return False
    if is_bound(a) or is_bound(b):  # a bound excludes its own end: "more than 10", "nearly 10"
        return ia[0] < ib[1] and ib[0] < ia[1]
    return ia[0] <= ib[1] and ib[0] <= ia[1]


# ---- dates -----------------------------------------------------------------------------------


def date_parts(value: Value) -> tuple[str, ...]:
    """("2023", "09") for a month-precision date; the stated precision truncates the string."""
    if not value.date:
        return ()
    if value.date.startswith("T"):  # a clock time with no day ("T21:15"): one part
        return (value.date,)
    parts = tuple(p for p in value.date.split("T")[0].split("-") if p)
    if value.precision in _PRECISION_PARTS:
        parts = parts[: _PRECISION_PARTS[value.precision]]
    return parts


def is_clock_time(value: Value) -> bool:
    """A time of day stated with no day ("at about 9:15 p.m." is "T21:15")."""
    return bool(value.date) and str(value.date).startswith("T")


def _dates_compatible(a: Value, b: Value) -> bool:
    pa, pb = date_parts(a), date_parts(b)
    if not pa or not pb:
        return False
    n = min(len(pa), len(pb))
    return pa[:n] == pb[:n]


# ---- text ------------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w]+")


def normalise_text(text: str | None) -> str:
    """Lowercase, accents folded, punctuation dropped: "Oslo," = "oslo"."""
    if not text:
        return ""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return " ".join(_NON_WORD.sub(" ", folded.lower()).split())


# ---- the three relations ---------------------------------------------------------------------


def values_same(a: Value, b: Value) -> bool:
    """True when the two values are one value (the claims merge)."""
    if a.type != b.type:
        return False
    if a.type == "quantity":
        return _comparable_quantities(a, b) and _quantity_same(a, b)
    if a.type == "date":
        return _dates_compatible(a, b)
    if a.type == "entity":
        return a.entity is not None and a.entity == b.entity
    return bool(normalise_text(a.text)) and normalise_text(a.text) == normalise_text(b.text)


def values_compatible(a: Value, b: Value) -> bool:
    """True when both values can hold at once (within rounding, approximation, precision).

    For entity values, ``entity`` must hold comparable ids (resolved entity keys, or mention
    indices of one document).
    """
    if a.type != b.type:
        return False
    if a.type == "quantity":
        return _comparable_quantities(a, b) and _quantity_compatible(a, b)
    if a.type == "date":
        return _dates_compatible(a, b)
    return values_same(a, b)


def values_conflict(a: Value, b: Value) -> bool:
    """True when the two values cannot both hold (same type, comparable, incompatible)."""
    if a.type != b.type:
        return False
    if a.type == "quantity":
        if not _comparable_quantities(a, b) or interval(a) is None or interval(b) is None:
            return False
        return not _quantity_compatible(a, b)
    if a.type == "date":
        if is_clock_time(a) or is_clock_time(b):
            return False  # "about 9:15" and "9:12": zones and rounding, never a contradiction
        return bool(date_parts(a)) and bool(date_parts(b)) and not _dates_compatible(a, b)
    if a.type == "entity":
        return a.entity is not None and b.entity is not None and a.entity != b.entity
    return False


@lru_cache(maxsize=65536)
def canonical(value: Value) -> str:
    """A stable string of a value (JSON), for keys and deterministic tie-breaks.

    Folded so that one value stated two ways reads the same: amounts as floats, the unit
    singular, the currency upper-case ("1200 workers" = "1200.0 worker"). Cached: corpora
    repeat values, and ``Value`` is frozen.
    """
    return json.dumps(
        [
            value.type,
            _as_float(value.amount),
            _as_float(value.low),
            _as_float(value.high),
            fold_unit(value.unit),
            value.currency.upper() if value.currency else None,
            value.approximate,
            value.date,
            value.precision,
            value.entity,
            value.text,
        ],
        ensure_ascii=True,
    )


def _as_float(x: float | None) -> float | None:
    return None if x is None else float(x)


def close_runs(stated: list[tuple[Any, ...]]) -> list[list[int]]:
    """Runs of sorted ``(is_range, low, high, ..., index)`` entries within rounding of each run's first.

    Runs never stretch beyond rounding of their anchor, so 5000/5049/5098 may split in two.
    Cost: O(n) over entries already sorted.
    """
    runs: list[list[int]] = []
    anchor: tuple[Any, ...] | None = None
    for entry in stated:
        if (
            anchor is not None
            and entry[0] == anchor[0]
            and amounts_close(entry[1], anchor[1])
            and amounts_close(entry[2], anchor[2])
        ):
            runs[-1].append(entry[-1])
        else:
            anchor = entry
            runs.append([entry[-1]])
    return runs
