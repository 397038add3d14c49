import itertools
import random

from byline.provenance import build_provenance, document_signature
from byline.provenance.graph import average_linkage
from provenance.provenance_articles import INDEPENDENT, ORIGINAL, REWRITE, SUMMARY, doc


def test_one_weak_edge_does_not_chain_two_groups() -> None:
    scores = {("a", "b"): 0.9, ("c", "d"): 0.9, ("b", "c"): 0.35}
    assert average_linkage(["a", "b", "c", "d"], scores, 0.3) == [["a", "b"], ["c", "d"]]


def test_two_supporting_edges_join() -> None:
    scores = {("a", "b"): 0.9, ("a", "c"): 0.35, ("b", "c"): 0.35}
    assert average_linkage(["a", "b", "c"], scores, 0.3) == [["a", "b", "c"]]


def greedy_average_linkage(keys: list[str], scores: dict, link: float) -> list[list[str]]:
    """The definition, by brute force: merge the globally best pair of groups while >= link."""
    pair = {**scores, **{(y, x): s for (x, y), s in scores.items()}}
    groups = [[k] for k in keys]
    while True:
        best = None
        for a, b in itertools.combinations(range(len(groups)), 2):
            total = sum(pair.get((x, y), 0.0) for x in groups[a] for y in groups[b])
            mean = total / (len(groups[a]) * len(groups[b]))
            if mean >= link and (best is None or mean > best[0]):
                best = (mean, a, b)
        if best is None:
            return sorted((sorted(g) for g in groups), key=lambda g: g[0])
        _, a, b = best
        groups[a] += groups.pop(b)


def test_nearest_neighbour_chain_makes_the_greedy_merges() -> None:
    for seed in range(400):
        rng = random.Random(seed)
        keys = [f"k{i:02d}" for i in range(rng.randint(2, 14))]
        scores = {p: rng.random() for p in itertools.combinations(keys, 2) if rng.random() < 0.4}
        assert average_linkage(keys, scores, 0.3) == greedy_average_linkage(keys, scores, 0.3), seed


def run(docs: list) -> tuple:
    sigs = {d.key: document_signature(d) for d in docs}
    result = build_provenance(docs, sigs)
    return result.derivations, result.origins, result.stories


def test_dated_original_is_the_parent_and_root() -> None:
    docs = [doc("x-late", ORIGINAL, published="2021-07-02"), doc("y-early", REWRITE, published="2021-06-30")]
    derivations, origins, _ = run(docs)
    assert [(d.doc, d.parent) for d in derivations] == [("x-late", "y-early")]
    assert origins[0].root == "y-early"


def test_summary_derives_from_the_longer_report() -> None:
    derivations, origins, _ = run([doc("a", SUMMARY), doc("b", ORIGINAL)])
    assert [(d.doc, d.parent, d.kind) for d in derivations] == [("a", "b", "summary")]
    assert origins == [origins[0]] and origins[0].root == "b" and origins[0].key == "o:b"


def test_attribution_tells_the_direction() -> None:
    copy = ORIGINAL + "\nOriginal Source: www.coastaldaily.com"
    derivations, _, _ = run([doc("a", copy), doc("b", ORIGINAL, site="coastaldaily.com")])
    assert [(d.doc, d.parent) for d in derivations] == [("a", "b")]


def test_independent_report_is_its_own_origin_and_everyone_has_one_origin_and_story() -> None:
    docs = [doc("o", ORIGINAL), doc("r", REWRITE), doc("s", SUMMARY), doc("i", INDEPENDENT)]
    _, origins, stories = run(docs)
    groups = sorted(o.documents for o in origins)
    assert groups == [["i"], ["o", "r", "s"]]
    assert sorted(d for s in stories for d in s.documents) == ["i", "o", "r", "s"]
    assert all(s.label for s in stories)


def test_deterministic_whatever_the_input_order() -> None:
    docs = [doc("o", ORIGINAL), doc("r", REWRITE), doc("s", SUMMARY), doc("i", INDEPENDENT)]
    first = run(docs)
    shuffled = docs[:]
    random.Random(3).shuffle(shuffled)
    assert run(shuffled) == first
