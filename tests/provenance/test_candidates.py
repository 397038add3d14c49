import numpy as np

from byline.provenance.candidates import lsh_pairs
from byline.provenance.neighbours import capped_neighbours
from byline.provenance.signature import document_signature
from provenance.provenance_articles import INDEPENDENT, ORIGINAL, REWRITE, doc


def test_each_document_keeps_only_its_heaviest_neighbours_with_exact_dots() -> None:
    # "x" is everyone's heaviest term but doc 4's; "z" is shared but indexed by doc 4 alone
    vectors = [(["x", "z"], [1.0, 0.01]), (["x", "z", "own1"], [1.0, 0.05, 0.1])]
    vectors += [(["x", f"own{i}"], [1.0 / i, 0.1]) for i in (2, 3)]
    vectors.append((["x", "z", "own4"], [0.1, 2.0, 0.05]))
    rows, cols, dots = capped_neighbours(vectors, index_terms=1, cap=10, per_doc=2)
    pairs = dict(zip(zip(rows.tolist(), cols.tolist(), strict=True), dots.tolist(), strict=True))
    # doc 0 keeps 1 and 2 (not 3); doc 3 keeps 0 and 1; nobody reaches doc 4 through "z"
    assert sorted(pairs) == [(0, 1), (0, 2), (0, 3), (1, 2), (1, 3)]
    assert np.isclose(pairs[(0, 1)], 1.0 + 0.01 * 0.05)  # the exact dot counts unindexed terms too


def test_a_term_in_more_than_cap_documents_pairs_nobody() -> None:
    vectors = [(["common", f"own{i}"], [1.0, 0.5]) for i in range(10)]
    rows, _, _ = capped_neighbours(vectors, index_terms=2, cap=5, per_doc=3)
    assert len(rows) == 0


def test_lsh_finds_a_copy_and_skips_unrelated_texts() -> None:
    docs = [
        doc("a", ORIGINAL),
        doc("b", "Reprinted with permission\n" + ORIGINAL),
        doc("c", INDEPENDENT),
        doc("d", REWRITE),
    ]
    sigs = {d.key: document_signature(d) for d in docs}
    found = lsh_pairs(sigs, min_jaccard=0.05)
    assert found.get(("a", "b"), 0.0) >= 0.5
    assert ("a", "c") not in found and ("b", "c") not in found
