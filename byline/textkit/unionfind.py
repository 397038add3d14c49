"""Disjoint sets with a stable root, for grouping names, claims and events."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Generic, TypeVar, cast, overload

T = TypeVar("T", int, str)


class UnionFind(Generic[T]):
    """Disjoint sets over ints or strings; the root of a set is always its smallest member, so
    the groups do not depend on the order of the unions. Members come from ``items`` (an int n:
    0..n-1) or on first sight. ``find``/``union``: near O(1) amortised (path compression);
    ``groups``: O(n) plus sorting the roots."""

    @overload
    def __init__(self: UnionFind[int], items: int) -> None: ...
    @overload
    def __init__(self, items: Iterable[T] = ()) -> None: ...
    def __init__(self, items: int | Iterable[T] = ()) -> None:
        members = cast(Iterable[T], range(items)) if isinstance(items, int) else items
        self.parent: dict[T, T] = {x: x for x in members}

    def find(self, x: T) -> T:
        parent = self.parent
        parent.setdefault(x, x)
        root = x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: T, b: T) -> T:
        """Join the sets of ``a`` and ``b``; the root of the joined set."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        lo, hi = (ra, rb) if ra < rb else (rb, ra)
        self.parent[hi] = lo
        return lo

    def groups(self) -> list[list[T]]:
        """Members of each set (in the order they were added), sets ordered by their root."""
        by_root: dict[T, list[T]] = {}
        for x in list(self.parent):
            by_root.setdefault(self.find(x), []).append(x)
        return [by_root[r] for r in sorted(by_root)]
