"""The indexed name links of entity resolution (names cut short, agencies with or without their
country) join exactly what a comparison of every name with every other joins (random names
from a small vocabulary, so that prefixes and reordered names are frequent)."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable

import pytest

from byline.extract.names import country_of
from byline.extract.resolve import (
    _SHORT_WORDS,
    _bag,
    _label,
    _link_country_prefixed,
    _link_truncated,
    _Node,
)
from byline.textkit import UnionFind

WORDS = "office of budget review state department energy agency national board the for and us uk".split()


def _nodes(rng: random.Random, n: int) -> dict[str, _Node]:
    nodes: dict[str, _Node] = defaultdict(_Node)
    for _ in range(n):
        key = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 5)))
        nodes[key].votes[rng.choice(["ORG", "ORG", "ORG", "GPE", "PERSON"])] += 1.0
    return nodes


def _groups(uf: UnionFind[str], nodes: dict[str, _Node]) -> set[frozenset[str]]:
    groups: dict[str, set[str]] = defaultdict(set)
    for key in nodes:
        groups[uf.find(key)].add(key)
    return {frozenset(g) for g in groups.values()}


def _truncated_pairwise(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    orgs = sorted(k for k, n in nodes.items() if _label(n) == "ORG" and len(k.split()) >= 2)
    for key in orgs:
        longer = [k for k in orgs if k != key and k.startswith(key + " ")]
        if len(longer) == 1 and len(key.split()) >= 3:
            uf.union(key, longer[0])


def _country_prefixed_scan(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    for key in sorted(nodes):
        words = key.split()
        for cut in (1, 2, 3):
            if len(words) - cut < 2:
                break
            head, rest = " ".join(words[:cut]), " ".join(words[cut:])
            forms = [head.title()] if head in _SHORT_WORDS else [head.upper(), head.title()]
            if next((c for f in forms if (c := country_of(f, "GPE"))), None) is None:
                continue
            target = rest if rest in nodes else None
            if target is None:
                target = next((k for k in sorted(nodes) if k != key and _bag(k) == _bag(rest)), None)
            if target is not None and _label(nodes[target]) not in ("GPE", "LOC", "NORP", "PERSON"):
                uf.union(key, target)
            break


@pytest.mark.parametrize(
    ("indexed", "reference", "seed"),
    [(_link_truncated, _truncated_pairwise, 7), (_link_country_prefixed, _country_prefixed_scan, 11)],
    ids=["truncated names, as a pairwise comparison", "country-prefixed names, as a scan"],
)
def test_indexed_links_join_as_the_old_search_would(
    indexed: Callable[[dict[str, _Node], UnionFind[str]], None],
    reference: Callable[[dict[str, _Node], UnionFind[str]], None],
    seed: int,
) -> None:
    rng = random.Random(seed)
    joined = 0
    for _ in range(30):
        nodes = _nodes(rng, 120)
        fast: UnionFind[str] = UnionFind()
        slow: UnionFind[str] = UnionFind()
        indexed(nodes, fast)
        reference(nodes, slow)
        assert _groups(fast, nodes) == _groups(slow, nodes)
        joined += len(nodes) - len(_groups(fast, nodes))
    assert joined > 0  # the random names did exercise the link


def test_a_name_cut_short_before_two_longer_names_stays_apart() -> None:
    nodes: dict[str, _Node] = defaultdict(_Node)
    for key in ("office of budget", "office of budget review", "office of budget planning", "office of"):
        nodes[key].votes["ORG"] += 1.0
    uf: UnionFind[str] = UnionFind()
    _link_truncated(nodes, uf)
    assert all(len(g) == 1 for g in _groups(uf, nodes))
    del nodes["office of budget planning"]
    uf = UnionFind()
    _link_truncated(nodes, uf)
    assert frozenset({"office of budget", "office of budget review"}) in _groups(uf, nodes)
