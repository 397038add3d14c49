"""Small shared pieces of reconciliation: support counting, stable keys, union-find."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from byline.model import Source, Support


def count_support(docs: Iterable[str], doc_origin: Mapping[str, str]) -> Support:
    """Distinct documents, and distinct origin groups among them.

    A document missing from ``doc_origin`` is its own origin (it copies nothing we know of).
    """
    distinct = set(docs)
    origins = {doc_origin.get(doc, "doc:" + doc) for doc in distinct}
    return Support(documents=len(distinct), origins=len(origins))


def sorted_sources(sources: Iterable[Source]) -> list[Source]:
    """Deduplicated, sorted by (doc, start, end): the order every export needs."""
    return sorted(set(sources), key=lambda s: (s.doc, s.start, s.end))


def stable_key(prefix: str, *parts: str) -> str:
    """A short content hash: the same content gives the same key in every run and process."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}:{digest}"


def unique_keys(keys: list[str]) -> list[str]:
    """Suffix repeated keys ("-2", "-3", ...) in the given (deterministic) order."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for key in keys:
        n = seen.get(key, 0) + 1
        seen[key] = n
        out.append(key if n == 1 else f"{key}-{n}")
    return out


class UnionFind:
    """Disjoint sets over 0..n-1; the root of a set is always its smallest member (stable)."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, i: int, j: int) -> int:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return ri
        lo, hi = min(ri, rj), max(ri, rj)
        self.parent[hi] = lo
        return lo

    def groups(self) -> list[list[int]]:
        """Members of each set, sets ordered by their smallest member."""
        by_root: dict[int, list[int]] = {}
        for i in range(len(self.parent)):
            by_root.setdefault(self.find(i), []).append(i)
        return [by_root[r] for r in sorted(by_root)]
