"""From scored pairs to a derivation graph: direction, origin groups, roots.

Origins come from average-linkage agglomeration over the sparse pair graph (absent pairs count
0), so one false edge between two groups does not chain them: a merge needs the mean link between
the groups to reach ORIGIN_LINK (the nearest-neighbour chain algorithm; see average_linkage).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from byline.model import DerivationKind
from byline.provenance.signature import DocSignature

ORIGIN_LINK = 0.25  # mean link between two groups to merge them (copies of different revisions link sparsely)


@dataclass(frozen=True)
class Link:
    """A classified pair, oriented: ``child`` derives from ``parent``."""

    child: str
    parent: str
    kind: DerivationKind
    score: float
    directed_by: str  # "date", "attribution", "spin", "corroboration", "containment", "length", "key"
    copied: float = 0.0  # share of the smaller text's shingles found in the other


CLEAN_COPY = 0.5  # a link whose texts share half their shingles: one text, copied as it stands
# Orientation from these is weaker than corroboration: a spun or machine round-tripped text is
# unique, while its original's text is found word for word in other reprints.
WEAK_DIRECTIONS = ("containment", "length", "key")


def corroborated(links: list[Link]) -> set[str]:
    """Documents whose text another document carries nearly as it stands (CLEAN_COPY). O(links)."""
    return {k for ln in links if ln.copied >= CLEAN_COPY for k in (ln.child, ln.parent)}


def reorient(links: list[Link]) -> list[Link]:
    """Direction from corroboration where the pair itself had only weak evidence: of a
    corroborated text and a text nobody else carries, the lone one is the derived one (the side
    with a spinner's or a translation round trip's changes). O(links)."""
    clean = corroborated(links)
    out = []
    for ln in links:
        if ln.directed_by in WEAK_DIRECTIONS and ln.child in clean and ln.parent not in clean:
            ln = Link(ln.parent, ln.child, ln.kind, ln.score, "corroboration", ln.copied)
        out.append(ln)
    return out


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
    """Groups of ``keys``: merge the two groups with the highest mean pair score while >= ``link``.

    The nearest-neighbour chain algorithm: follow each group's best neighbour until two groups
    are each other's best, and merge those. Average linkage is reducible (a merged group's mean
    towards a third never exceeds the larger of its parts' means), so this makes the same merges
    as always taking the global best pair, without a priority queue that every merge would
    refill. A group whose best mean is below ``link`` is finished for good. Cost: one scan of a
    group's neighbour table per chain step (O(n) steps) plus folding the smaller table into the
    larger at each merge (O(E log n) for E scored pairs).
    """
    linkage = _Linkage(keys, scores, link)
    for start in range(len(keys)):
        if linkage.members[start] is not None and not linkage.finished[start]:
            linkage.follow_chain(start)
    groups = [sorted(keys[i] for i in group) for group in linkage.members if group is not None]
    return sorted(groups, key=lambda g: g[0])


class _Linkage:
    """The state of ``average_linkage``: each group's size, members and table of score sums
    towards its neighbours (groups are numbered by their first key; a merged one is None)."""

    def __init__(self, keys: list[str], scores: dict[tuple[str, str], float], link: float) -> None:
        index = {k: i for i, k in enumerate(keys)}
        self.link = link
        self.size = [1] * len(keys)
        self.members: list[list[int] | None] = [[i] for i in range(len(keys))]
        self.sums: list[dict[int, float]] = [{} for _ in keys]
        for (x, y), s in scores.items():
            i, j = index[x], index[y]
            if i != j:
                self.sums[i][j] = self.sums[j][i] = self.sums[i].get(j, 0.0) + s
        self.finished = [False] * len(keys)

    def follow_chain(self, start: int) -> None:
        """Follow best neighbours from ``start``, merging mutual best pairs, until the chain
        ends in groups that are finished."""
        sums, size = self.sums, self.size
        chain = [start]
        while chain:
            c = chain[-1]
            nn, mean = self.nearest(c)
            if nn < 0:
                self.finished[c] = True
                chain.pop()
                continue
            if len(chain) >= 2:
                prev = chain[-2]
                back = sums[c].get(prev, 0.0) / (size[c] * size[prev])
                if back >= mean - 1e-12:  # mutual best pair (ties go back down the chain)
                    del chain[-2:]
                    keep = self.merge(c, prev)
                    if not chain:
                        chain.append(keep)
                    continue
            chain.append(nn)

    def nearest(self, c: int) -> tuple[int, float]:
        """The best neighbour of group ``c`` (lowest index among ties) with mean >= ``link``."""
        size = self.size
        best, best_mean, own = -1, self.link, size[c]
        for other, s in self.sums[c].items():
            mean = s / (own * size[other])
            if mean > best_mean or (mean == best_mean and (best < 0 or other < best)):
                best, best_mean = other, mean
        return best, best_mean

    def merge(self, a: int, b: int) -> int:
        """Merge two groups, folding the smaller neighbour table into the larger; the kept one."""
        sums, members = self.sums, self.members
        keep, gone = (a, b) if len(sums[a]) >= len(sums[b]) else (b, a)
        self.size[keep] += self.size[gone]
        kept, moved = members[keep], members[gone]
        assert kept is not None and moved is not None
        kept.extend(moved)
        members[gone] = None
        table = sums[keep]
        table.pop(gone, None)
        for other, s in sums[gone].items():
            if other != keep:
                table[other] = total = table.get(other, 0.0) + s
                row = sums[other]
                row.pop(gone, None)
                row[keep] = total
        sums[gone] = {}
        return keep


def choose_root(group: list[str], links: list[Link], sigs: dict[str, DocSignature]) -> str:
    """The most likely original: a text that another document carries as it stands, when the
    group has one (a spun copy or a round trip is unique); then most often a parent (weighted),
    earliest, least spun, longest."""
    net: dict[str, float] = defaultdict(float)
    for ln in links:
        net[ln.parent] += ln.score
        net[ln.child] -= ln.score
    clean = corroborated(links)

    def rank(k: str) -> tuple[bool, float, str, float, int, str]:
        s = sigs[k]
        return (k not in clean, -round(net[k], 6), s.published or "9999", s.nonword_rate, -s.words, k)

    return min(group, key=rank)
