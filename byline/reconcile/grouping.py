"""Grouping without all pairs: predicate classes per subject, value clusters per class.

Both functions are deterministic functions of the multiset of their inputs (sorting first),
so the order of documents never changes the result.
"""

from __future__ import annotations

from rapidfuzz import fuzz

from byline.model import Value
from byline.reconcile.common import UnionFind
from byline.reconcile.predicates import SPELLING_SIMILARITY, PredicateKey
from byline.reconcile.values import (
    canonical,
    close_runs,
    date_parts,
    measure_of,
    normalise_text,
    run_bounds,
    run_kind,
    stated_bounds,
)


def predicate_classes(keys: list[PredicateKey], *, fuzzy: bool) -> list[PredicateKey]:
    """The class label of each predicate key (labels are themselves keys, comparable).

    Word sets are unioned when equal or, with ``fuzzy``, when spelling variants (compared only
    inside blocks of equal size and equal 3-letter prefixes: O(sum of block sizes squared)).
    Periods are then split: a key without a period joins the one period its word set is
    stated with, or stays apart when there are several ("annual" and "quarterly" profit).
    """
    word_sets = sorted({k.words for k in keys})
    index = {w: i for i, w in enumerate(word_sets)}
    uf = UnionFind(len(word_sets))
    if fuzzy:
        blocks: dict[tuple[str, ...], list[int]] = {}
        for i, words in enumerate(word_sets):
            blocks.setdefault(tuple(sorted(w[:3] for w in words)), []).append(i)
        for members in blocks.values():
            for x in range(len(members)):
                for y in range(x + 1, len(members)):
                    a, b = word_sets[members[x]], word_sets[members[y]]
                    if fuzz.token_sort_ratio(" ".join(a), " ".join(b)) >= SPELLING_SIMILARITY:
                        uf.union(members[x], members[y])
    label_words = {w: word_sets[uf.find(i)] for w, i in index.items()}
    periods: dict[tuple[str, ...], set[str]] = {}
    for k in keys:
        if k.period:
            periods.setdefault(label_words[k.words], set()).add(k.period)
    labels: list[PredicateKey] = []
    for k in keys:
        words = label_words[k.words]
        stated = periods.get(words, set())
        if k.period:
            labels.append(PredicateKey(words, k.period))
        elif len(stated) == 1:
            labels.append(PredicateKey(words, next(iter(stated))))
        else:
            labels.append(PredicateKey(words, ""))
    return labels


def cluster_values(values: list[Value], refs: list[str]) -> list[list[int]]:
    """Indices of ``values`` grouped into clusters of the same value (all of one type).

    Quantities: bucketed by what they measure (a bare number joins the only measured bucket,
    if there is exactly one), then greedy runs over sorted bounds: a value joins the run when
    within 1% of the run's first value (no chaining beyond 1%). Dates: each finest date is a
    cluster; a coarser date joins the one finest date it is a prefix of, or stays apart when it
    fits several ("2023" with "2023-09-14" and "2023-10-02"). Entities: by ``refs``. Text: by
    normalised text. Cost: O(n log n) plus O(d^2) over the d distinct dates.
    """
    if not values:
        return []
    vtype = values[0].type
    if vtype == "quantity":
        return _quantity_clusters(values)
    if vtype == "date":
        return _date_clusters(values)
    if vtype == "entity":
        keys = refs
    else:
        keys = [normalise_text(v.text) or canonical(v) for v in values]
    by_key: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        by_key.setdefault(key, []).append(i)
    return [by_key[k] for k in sorted(by_key)]


def _quantity_clusters(values: list[Value]) -> list[list[int]]:
    buckets: dict[tuple[str, str], list[int]] = {}
    for i, v in enumerate(values):
        m = measure_of(v)
        buckets.setdefault(m if m is not None else ("", ""), []).append(i)
    measured = sorted(k for k in buckets if k != ("", ""))
    if ("", "") in buckets and len(measured) == 1:
        buckets[measured[0]].extend(buckets.pop(("", "")))
    clusters: list[list[int]] = []
    for bucket in sorted(buckets):
        clusters.extend(_runs(values, buckets[bucket]))
    return clusters


def _runs(values: list[Value], indices: list[int]) -> list[list[int]]:
    """Greedy runs over sorted bounds; values without any amount cluster by canonical form."""
    empty: dict[str, list[int]] = {}
    stated: list[tuple[tuple[bool, bool], float, float, str, int]] = []
    for i in indices:
        bounds = stated_bounds(values[i])
        if bounds is None:
            empty.setdefault(canonical(values[i]), []).append(i)
        else:
            stated.append((run_kind(values[i]), *run_bounds(values[i], bounds), canonical(values[i]), i))
    stated.sort()
    runs = close_runs(stated)
    runs.extend(empty[k] for k in sorted(empty))
    return runs


def _date_clusters(values: list[Value]) -> list[list[int]]:
    parts = [date_parts(v) for v in values]
    distinct = sorted(set(parts))
    finest = [d for d in distinct if d and not any(o != d and o[: len(d)] == d for o in distinct)]
    target: dict[tuple[str, ...], tuple[str, ...]] = {}
    for d in distinct:
        roots = [r for r in finest if r[: len(d)] == d] if d else []
        target[d] = roots[0] if len(roots) == 1 else d
    by_root: dict[tuple[str, ...], list[int]] = {}
    for i, d in enumerate(parts):
        by_root.setdefault(target[d], []).append(i)
    return [by_root[k] for k in sorted(by_root)]
