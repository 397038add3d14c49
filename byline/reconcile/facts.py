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
from byline.reconcile.predicates import predicate_key, stem
from byline.reconcile.values import (
    TIME_UNITS,
    amounts_close,
    close_runs,
    date_parts,
    fold_unit,
    in_common_unit,
    is_clock_time,
    is_range,
    measure_of,
    normalise_text,
    run_bounds,
    run_kind,
    stated_bounds,
)

SAME_UNIT_MINIMUM = 100.0  # counts below this repeat too often within a story to be one fact
SPECIFIC_MINIMUM = 1000.0  # at or above: specific whatever its digits
_DAYS = {"day": 1.0, "week": 7.0, "month": 30.44, "year": 365.25}  # durations compared in days
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
    for group in (
        _predicate_links(items, doc_story) + _context_links(items, doc_story) + _clock_links(items, doc_story)
    ):
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


# Measure kinds: what a count of people measures when the verb or noun says it, whatever noun
# counts them ("38 people died", "the death toll rose to 38", "38 were killed"). General English
# vocabulary of casualty reporting, stemmed like predicate keys; a predicate naming two kinds
# ("killed and injured") has none.
_MEASURE_KINDS: dict[str, frozenset[str]] = {
    kind: frozenset(stem(w) for w in words.split())
    for kind, words in (
        (
            "deaths",
            "death deaths dead die died dies dying kill killed killing perish perished fatality slain",
        ),
        ("injuries", "injury injuries injured injure wounded wound hurt"),
    )
}


# phrasal verbs of a kind, as stemmed word sets ("passed away")
_KIND_PHRASES: dict[str, tuple[frozenset[str], ...]] = {
    "deaths": (
        frozenset({"pass", "away"}),
        # "claimed 27 lives", "took 27 lives" ("saved 27 lives" is none)
        *(frozenset({stem("life"), stem(v)}) for v in "claimed cost lost took taken".split()),
    )
}
# The same kinds in the other languages news is translated into (Spanish, French, German,
# Portuguese, Italian), accents folded: read in the claim's sentence, where an English parse of
# a foreign sentence names no verb. Words that are also English ("tot", "Tues") are left out.
_FOREIGN_KINDS: dict[str, frozenset[str]] = {
    "deaths": frozenset(
        "muerto muertos muertas murio murieron fallecido fallecidos fallecidas fallecieron mato "
        "mataron morts decede decedes toten getotet starben gestorben morto mortos morreram "
        "morti uccisi".split()
    ),
    "injuries": frozenset("herido heridos heridas blesses verletzte verletzt feridos feriti".split()),
}
# "cobró 27 vidas" (claimed 27 lives): a lives noun with a verb of taking them, both required
_FOREIGN_LIVES = (
    frozenset("vida vidas vie vies leben".split()),
    frozenset("cobro cobraron costo costaron coute couterent forderte forderten".split()),
)
# nouns that count people whatever WordNet's first sense says ("38 folks", "38 personas")
_PEOPLE_NOUNS = frozenset(
    "folk folks persona personas personne personnes mensch menschen pessoa pessoas "
    "life vida vie leben".split()
)


def measure_kind(item: ClaimItem) -> str | None:
    """The casualty kind a count of people (or a bare count) measures: from its predicate, else
    from the foreign words of its sentence; None when two kinds are named."""
    unit = fold_unit(item.value.unit)
    if item.value.currency or (unit is not None and unit not in _PEOPLE_NOUNS and not is_person_noun(unit)):
        return None
    words = set(item.key.words)
    kinds = {k for k, lexicon in _MEASURE_KINDS.items() if lexicon & words}
    kinds |= {k for k, phrases in _KIND_PHRASES.items() if any(p <= words for p in phrases)}
    if not kinds:
        sentence = set(normalise_text(item.text).split())
        kinds = {k for k, words in _FOREIGN_KINDS.items() if words & sentence}
        if _FOREIGN_LIVES[0] & sentence and _FOREIGN_LIVES[1] & sentence:
            kinds.add("deaths")
    return kinds.pop() if len(kinds) == 1 else None


def _context(item: ClaimItem, kind: str | None) -> frozenset[str]:
    """The predicate's words besides the counted noun (and the kind's own words): what else it
    says about the figure ("after storm" in "hours after the storm")."""
    words = set(item.key.words) - set(predicate_key(item.value.unit or "").words)
    if kind is not None:
        words -= _MEASURE_KINDS[kind].union(*_KIND_PHRASES.get(kind, ()))
        words = {w for w in words if not is_person_noun(w)}
    return frozenset(words)


def _context_links(items: Sequence[ClaimItem], doc_story: Mapping[str, str]) -> list[list[int]]:
    """One story, one measure, one value, agreeing context: one fact, whatever subject or exact
    phrasing each article gave it ("more than 12 hours after the storm" and "more than 12 hours
    later"; "38 people died" and "the death toll rose to at least 38"; "104 degrees Fahrenheit"
    and "40 degrees Celsius"). The measure is the unit after conversion (durations in days), or
    a casualty kind, or for a bare figure the one noun its predicate names ("the bridge was
    one of some 45 damaged": bridges).

    Context: the predicate's words besides the counted noun. Two contexts agree when one holds
    the other. A claim with no context joins the others of its run only when their contexts all
    agree; claims with no context at all link on their own only when nothing hints at two facts:
    not a duration ("10 hours" is no fact by itself), and for a count of people either a specific
    amount or a casualty kind or at most one named owner.
    Denials, approximate ranges ("hundreds") but of casualties, and runs that one document states under two
    different named subjects (it tells two owners apart) are never linked.
    O(n log n) for n claims plus, per run, the pairs of its distinct contexts (a handful)."""
    buckets: dict[tuple[str, str, str], list[tuple[tuple[bool, bool], float, float, int]]] = {}
    kinds: dict[int, str | None] = {}
    for i, item in enumerate(items):
        v = item.value
        if item.negated or v.type != "quantity":
            continue
        kind = measure_kind(item)
        if is_range(v) and v.approximate and kind is None:
            continue  # "hundreds" of things names no fact; "thousands killed" in one story does
        measure, bounds = in_common_unit(v)
        if measure is None and kind is None and len(item.predicate.split()) == 1 and len(item.key.words) == 1:
            measure = ("unit", fold_unit(item.predicate) or "")  # "one of some 45 damaged": bridges
        if bounds is None or (measure is None and kind is None):
            continue
        if measure is not None and measure[1] in _DAYS:  # "a year-long inquiry", "three weeks"
            measure, bounds = ("unit", "day"), (bounds[0] * _DAYS[measure[1]], bounds[1] * _DAYS[measure[1]])
        kinds[i] = kind
        label = ("kind", kind) if kind is not None else measure
        assert label is not None
        story = doc_story.get(item.doc, "doc:" + item.doc)
        buckets.setdefault((story, *label), []).append((run_kind(v), bounds[0], bounds[1], i))
    links: list[list[int]] = []
    for key in sorted(buckets):
        stated = sorted(buckets[key])
        for run in close_runs(stated):
            if len(run) > 1:
                links.extend(_agreeing(run, items, kinds, key[1] == "kind"))
    return links


def _agreeing(
    run: list[int], items: Sequence[ClaimItem], kinds: Mapping[int, str | None], casualty: bool
) -> list[list[int]]:
    """The groups of a run whose contexts agree (see ``_context_links``)."""
    per_doc: dict[str, set[str]] = {}
    for i in run:
        owner = items[i].subject
        if owner is not None:
            per_doc.setdefault(items[i].doc, set()).add(owner)
    if any(len(s) > 1 for s in per_doc.values()):
        return []  # one article tells two owners of this figure apart
    contexts = {i: _context(items[i], kinds[i]) for i in run}
    bare = [i for i in run if not contexts[i]]
    said = [i for i in run if contexts[i]]
    uf = UnionFind(len(said))
    for a in range(len(said)):
        for b in range(a + 1, len(said)):
            ca, cb = contexts[said[a]], contexts[said[b]]
            if ca <= cb or cb <= ca:
                uf.union(a, b)
    groups = [[said[k] for k in g] for g in uf.groups()]
    if len(groups) == 1:
        return [sorted(groups[0] + bare)]
    out = [g for g in groups if len(g) > 1]
    if not groups and len(bare) > 1 and _bare_is_one_fact(bare, items, casualty):
        out.append(bare)
    return out


def _bare_is_one_fact(bare: list[int], items: Sequence[ClaimItem], casualty: bool) -> bool:
    value = items[bare[0]].value
    unit = fold_unit(value.unit)
    if unit in TIME_UNITS:
        return False
    if casualty or unit is None or not is_person_noun(unit):
        return True
    amount = size(stated_bounds(value) or (0.0, 0.0))
    return is_specific(amount) or len({items[i].subject for i in bare} - {None}) <= 1


def _clock_links(items: Sequence[ClaimItem], doc_story: Mapping[str, str]) -> list[list[int]]:
    """One story, one clock time to the minute ("9:15 p.m."): one fact, whatever verb each
    article told it with ("posted the results", "published ..."). A round hour ("6 p.m.") times
    many things: it links only under one predicate. O(n log n)."""
    buckets: dict[tuple[str, str, str], list[int]] = {}
    for i, item in enumerate(items):
        if item.negated or item.value.type != "date" or not is_clock_time(item.value):
            continue
        clock = str(item.value.date)
        event = "" if not clock.endswith(":00") else item.key.text
        buckets.setdefault((doc_story.get(item.doc, "doc:" + item.doc), clock, event), []).append(i)
    return [buckets[k] for k in sorted(buckets) if len(buckets[k]) > 1]


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
    """>= 1000, or >= 100 with two or more significant digits: "150" and "12,400", not "600";
    or a fraction with two or more significant digits ("6.4", "2.5": measured, not counted)."""
    if amount >= SPECIFIC_MINIMUM:
        return True
    if amount >= 1 and amount != int(amount):
        return len(f"{amount:.6f}".replace(".", "").strip("0")) >= 2
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
