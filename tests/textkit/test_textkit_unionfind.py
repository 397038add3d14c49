"""The one union-find: roots are the smallest member, whatever the order of unions."""

from __future__ import annotations

from byline.textkit import UnionFind


def test_int_sets_group_in_order_of_their_smallest_member() -> None:
    uf = UnionFind(6)
    assert uf.union(4, 1) == 1
    assert uf.union(5, 4) == 1
    uf.union(3, 2)
    assert uf.groups() == [[0], [1, 4, 5], [2, 3]]
    assert uf.find(5) == 1


def test_string_members_are_added_on_first_sight_and_root_is_the_smallest() -> None:
    a: UnionFind[str] = UnionFind()
    b: UnionFind[str] = UnionFind()
    pairs = [("kiev", "kyiv"), ("ukraine", "kyiv"), ("oslo", "norway")]
    for x, y in pairs:
        a.union(x, y)
    for x, y in reversed(pairs):
        b.union(y, x)
    assert a.find("ukraine") == b.find("ukraine") == "kiev"
    assert sorted(map(sorted, a.groups())) == sorted(map(sorted, b.groups()))
    assert a.find("norway") == "norway" and a.find("oslo") == "norway"


def test_path_compression_points_members_at_the_root() -> None:
    uf = UnionFind(5)
    for i in range(4, 0, -1):
        uf.union(i, i - 1)
    uf.find(4)
    assert all(uf.parent[i] == 0 for i in range(5))
