"""From scored pairs to a derivation graph: direction, origin groups, roots.

Origins come from average-linkage agglomeration over the sparse pair graph (absent pairs count
0), so one false edge between two groups does not chain them: a merge needs the mean link between
the groups to reach ORIGIN_LINK. Cost: O(E log E) heap operations for E scored pairs, plus the
neighbour lists touched by each merge.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from byline.model import DerivationKind
from byline.provenance.signature import DocSignature

ORIGIN_LINK = 0.3


@dataclass(frozen=True)
class Link:
    """A classified pair, oriented: ``child`` derives from ``parent``."""

    child: str
    parent: str
    kind: DerivationKind
    score: float
    directed_by: str  # "date", "attribution", "spin", "containment", "length", "key"


def orient(
    a: DocSignature,
    b: DocSignature,
    kind: DerivationKind,
    cites: tuple[bool, bool],
    contained: tuple[float, float],
) -> tuple[str, str, str]:
    """(child, parent, reason) for a pair where ``a`` is the shorter document.

    ``cites``: (a names b's outlet, b names a's); ``contained``: (share of a's claims in b, of b's
    in a). The spin rate only orients copies of the same text (a rewrite of a spun copy is clean).
    """
    a_cites_b, b_cites_a = cites
    a_in_b, b_in_a = contained
    if a.published and b.published and a.published[:10] != b.published[:10]:
        # an ISO prefix compares by string; the later one copies the earlier one
        if len(a.published) >= 10 and len(b.published) >= 10 or a.published[:4] != b.published[:4]:
            return (a.key, b.key, "date") if a.published > b.published else (b.key, a.key, "date")
    if a_cites_b != b_cites_a:
        return (a.key, b.key, "attribution") if a_cites_b else (b.key, a.key, "attribution")
    if kind in ("verbatim", "spun") and abs(a.nonword_rate - b.nonword_rate) >= 0.03:
        return (a.key, b.key, "spin") if a.nonword_rate > b.nonword_rate else (b.key, a.key, "spin")
    if abs(a_in_b - b_in_a) >= 0.15:
        return (a.key, b.key, "containment") if a_in_b > b_in_a else (b.key, a.key, "containment")
    if a.words < 0.9 * b.words:
        return a.key, b.key, "length"
    return (max(a.key, b.key), min(a.key, b.key), "key")


def average_linkage(keys: list[str], scores: dict[tuple[str, str], float], link: float) -> list[list[str]]:
    """Groups of ``keys``: merge the two groups with the highest mean pair score while >= ``link``."""
    members: dict[str, list[str]] = {k: [k] for k in keys}
    sums: dict[str, dict[str, float]] = defaultdict(dict)
    for (x, y), s in scores.items():
        sums[x][y] = sums[x].get(y, 0.0) + s
        sums[y][x] = sums[y].get(x, 0.0) + s
    heap = [(-s, x, y) for (x, y), s in sorted(scores.items())]
    heapq.heapify(heap)
    while heap:
        neg, x, y = heapq.heappop(heap)
        if x not in members or y not in members:
            continue
        mean = sums[x].get(y, 0.0) / (len(members[x]) * len(members[y]))
        if abs(mean + neg) > 1e-12:
            continue  # stale entry; the current value was pushed when it changed
        if mean < link:
            break
        keep, gone = (x, y) if x < y else (y, x)
        members[keep].extend(members.pop(gone))
        for other, s in sums.pop(gone).items():
            sums[other].pop(gone, None)
            if other == keep:
                continue
            sums[keep][other] = sums[keep].get(other, 0.0) + s
            sums[other][keep] = sums[keep][other]
        for other, s in sorted(sums[keep].items()):
            m = s / (len(members[keep]) * len(members[other]))
            a, b = (keep, other) if keep < other else (other, keep)
            heapq.heappush(heap, (-m, a, b))
    return sorted((sorted(ms) for ms in members.values()), key=lambda g: g[0])


def choose_root(group: list[str], links: list[Link], sigs: dict[str, DocSignature]) -> str:
    """The most likely original: most often a parent (weighted), then earliest, least spun, longest."""
    net: dict[str, float] = defaultdict(float)
    for ln in links:
        net[ln.parent] += ln.score
        net[ln.child] -= ln.score

    def rank(k: str) -> tuple[float, str, float, int, str]:
        s = sigs[k]
        return (-round(net[k], 6), s.published or "9999", s.nonword_rate, -s.words, k)

    return min(group, key=rank)
