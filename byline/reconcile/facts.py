"""A specific figure stated within one story is one fact, whoever the sentence makes its subject.

Retellings of one report hang the same figure on different subjects and predicates ("the
ministry counted 12,400 evacuees", "12,400 people left the valley"). Subject-and-predicate
grouping keeps those apart; this module links them, inside a scope where one figure can only
mean one thing.

Scopes of a claim (positive claims only; denials are never linked):
- its document's story (``doc_story``; a document missing there is a story of its own);
- each merged event one of whose sentences, in the same document, overlaps the claim's passage,
  when the claim states the event's figure (a quantity among the specific figures of the
  event's summaries, within 1%; or a date equal to that sentence's date). Events already merge
  across stories on a shared figure and date, so such a claim is one fact wherever the event
  is told.

Links inside a scope:
- Quantities with the same value (within 1%; points with points, ranges with ranges) and a
  distinctive amount (for a range, its larger bound):
  - the same currency: always (money figures are specific);
  - the same unit after folding: amount >= 100 ("2 ministers" and "2 ministers" in one story
    may well be two facts);
  - different people-nouns (``is_person_noun``: "residents", "individuals"), or a bare number
    beside exactly one measured kind: a specific amount, >= 1000 or >= 100 with at least two
    significant digits ("12,400", "150"; not "600" or "20").
- Dates: the same resolved subject and the same date at the same precision, across verbs
  ("evacuated", "moved" in one story); month or day precision within a story, any precision
  within one merged event (a bare year in one story may date several things).

Cost: O(n log n) for n claims, plus per event sentence the claims of its document that start
at most ``_MAX_CLAIM_LENGTH`` characters before it and before its end (found by bisection), plus
a few cached WordNet look-ups per distinct unit noun.
"""

from __future__ import annotations

import math
from bisect import bisect_left
from collections.abc import Mapping, Sequence

from byline.reconcile.claims import ClaimItem
from byline.reconcile.common import UnionFind
from byline.reconcile.events import EventItem
from byline.reconcile.people import is_person_noun
from byline.reconcile.values import (
    amounts_close,
    close_runs,
    date_parts,
    fold_unit,
    is_range,
    measure_of,
    run_bounds,
    run_kind,
    stated_bounds,
)

SAME_UNIT_MINIMUM = 100.0  # counts below this repeat too often within a story to be one fact
SPECIFIC_MINIMUM = 1000.0  # at or above: specific whatever its digits
_MAX_CLAIM_LENGTH = 100_000  # bound for the bisection window (no claim passage is longer)


def fact_links(
    items: Sequence[ClaimItem],
    doc_story: Mapping[str, str],
    events: Sequence[EventItem] = (),
    event_groups: Sequence[Sequence[int]] = (),
) -> list[list[int]]:
    """Groups of indices of ``items`` that state one fact (only groups of two or more)."""
    scopes: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        if item.negated or item.value.type not in ("quantity", "date"):
            continue
        scopes.setdefault("s:" + doc_story.get(item.doc, "doc:" + item.doc), []).append(i)
    for g, event_scope in enumerate(_event_scopes(items, events, event_groups)):
        if len(event_scope) > 1:
            scopes["v:" + str(g)] = event_scope
    uf = UnionFind(len(items))
    for group in _predicate_links(items, doc_story):
        for i in group[1:]:
            uf.union(group[0], i)
    for name in sorted(scopes):
        members = scopes[name]
        for group in _quantity_links([i for i in members if items[i].value.type == "quantity"], items):
            for i in group[1:]:
                uf.union(group[0], i)
        for group in _date_links([i for i in members if items[i].value.type == "date"], items, name):
            for i in group[1:]:
                uf.union(group[0], i)
    return [g for g in uf.groups() if len(g) > 1]


def _predicate_links(items: Sequence[ClaimItem], doc_story: Mapping[str, str]) -> list[list[int]]:
    """One story, one predicate, one value: one fact, whichever entity each article hung it on
    ("her cousins stood in the fourth pew" under no subject, under the parents' names elsewhere),
    unless two different entities own it. Quantities with a unit or an identity of two words,
    exact or bounded amounts only.
    O(n log n)."""
    buckets: dict[tuple[str, object, str], list[int]] = {}
    for i, item in enumerate(items):
        v = item.value
        if item.negated or v.type != "quantity" or (is_range(v) and v.approximate):
            continue
        if measure_of(v) is None and len(item.key.words) < 2:
            continue
        story = doc_story.get(item.doc, "doc:" + item.doc)
        buckets.setdefault((story, item.key, str(measure_of(v))), []).append(i)
    links: list[list[int]] = []
    for key in sorted(buckets, key=str):
        members = buckets[key]
        if len(members) < 2:
            continue
        stated = []
        for i in members:
            bounds = stated_bounds(items[i].value)
            if bounds is not None:
                stated.append((run_kind(items[i].value), *run_bounds(items[i].value, bounds), i))
        stated.sort()
        for run in close_runs(stated):
            named = {items[i].subject for i in run} - {None}
            if len(run) > 1 and len(named) <= 1:  # two named owners: two facts ("2 ministers")
                links.append(run)
    return links


def _event_scopes(
    items: Sequence[ClaimItem], events: Sequence[EventItem], groups: Sequence[Sequence[int]]
) -> list[list[int]]:
    """For each event group, the claims whose passage overlaps one of its sentences and states its figure."""
    by_doc: dict[str, list[tuple[int, int]]] = {}
    for i, item in enumerate(items):
        if not item.negated and item.value.type in ("quantity", "date"):
            by_doc.setdefault(item.doc, []).append((item.start, i))
    for starts in by_doc.values():
        starts.sort()
    out: list[list[int]] = []
    for group in groups:
        found: set[int] = set()
        figures = _figures(tuple(f for e in group for f in events[e].figures))
        for e in group:
            event = events[e]
            starts = by_doc.get(event.doc, [])
            lo = bisect_left(starts, (event.start - _MAX_CLAIM_LENGTH, -1))
            hi = bisect_left(starts, (event.end, -1))
            for _, i in starts[lo:hi]:
                item = items[i]
                if item.end > event.start and _states(item, event.parts, figures):
                    found.add(i)
        out.append(sorted(found))
    return out


def _figures(figures: tuple[str, ...]) -> list[float]:
    out = []
    for f in figures:
        try:
            out.append(float(f.replace(",", "")))
        except ValueError:
            continue
    return out


def _states(item: ClaimItem, parts: tuple[str, ...], figures: list[float]) -> bool:
    if item.value.type == "date":
        return bool(parts) and date_parts(item.value) == parts
    bounds = stated_bounds(item.value)
    if bounds is None:
        return False
    return any(amounts_close(b, f) for b in bounds if math.isfinite(b) for f in figures)


def size(bounds: tuple[float, float]) -> float:
    """The amount a distinctiveness test looks at: the larger finite bound, in absolute value."""
    finite = [abs(b) for b in bounds if math.isfinite(b)]
    return max(finite) if finite else 0.0


def is_specific(amount: float) -> bool:
    """>= 1000, or >= 100 with two or more significant digits: "150" and "12,400", not "600"."""
    if amount >= SPECIFIC_MINIMUM:
        return True
    if amount < SAME_UNIT_MINIMUM:
        return False
    digits = f"{amount:.6f}".replace(".", "").strip("0")
    return len(digits) >= 2


def _quantity_links(members: list[int], items: Sequence[ClaimItem]) -> list[list[int]]:
    """Runs of the same value (within 1%, no chaining beyond), then the measure rules per run."""
    stated: list[tuple[tuple[bool, bool], float, float, int]] = []
    for i in members:
        if is_range(items[i].value) and items[i].value.approximate:
            continue  # "hundreds", "thousands": an order of magnitude names no specific fact
        bounds = stated_bounds(items[i].value)
        if bounds is not None:
            stated.append((run_kind(items[i].value), *run_bounds(items[i].value, bounds), i))
    stated.sort()
    runs = close_runs(stated)
    links: list[list[int]] = []
    for run in runs:
        if len(run) > 1:
            amount = size(stated_bounds(items[run[0]].value) or (0.0, 0.0))
            links.extend(_measure_links(run, items, amount))
    return links


def _measure_links(run: list[int], items: Sequence[ClaimItem], amount: float) -> list[list[int]]:
    kinds: dict[tuple[str, str], list[int]] = {}
    bare: list[int] = []
    specific = is_specific(amount)
    for i in run:
        measure = measure_of(items[i].value)
        if measure is None:
            bare.append(i)
        elif measure[0] == "unit" and specific and is_person_noun(fold_unit(items[i].value.unit) or ""):
            kinds.setdefault(("people", ""), []).append(i)
        else:
            kinds.setdefault(measure, []).append(i)
    links = [
        kinds[k]
        for k in sorted(kinds)
        if len(kinds[k]) > 1 and (k[0] == "currency" or amount >= SAME_UNIT_MINIMUM)
    ]
    if bare and specific:
        if len(kinds) == 1:
            (only,) = kinds.values()
            links.append(sorted(bare + only))
        elif not kinds and len(bare) > 1:
            links.append(bare)
    return links


def _date_links(members: list[int], items: Sequence[ClaimItem], scope: str) -> list[list[int]]:
    by_fact: dict[tuple[str, tuple[str, ...]], list[int]] = {}
    for i in members:
        item = items[i]
        parts = date_parts(item.value)
        if item.subject is None or not parts or (scope.startswith("s:") and len(parts) < 2):
            continue
        by_fact.setdefault((item.subject, parts), []).append(i)
    return [by_fact[k] for k in sorted(by_fact) if len(by_fact[k]) > 1]
