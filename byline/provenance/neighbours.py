"""Capped sparse nearest neighbours: the candidate pairs of the feature and story indexes.

Why: scoring every pair that shares a term grows with the square of the posting lists, and
100k documents make that the whole cost. Here each document indexes only its ``index_terms``
heaviest terms, terms in more than ``cap`` documents are skipped, and each document keeps at most
``per_doc`` neighbours (by the partial dot product over the indexed terms) before exact scoring.
The products run as scipy sparse matrix multiplications in row blocks of ``BLOCK`` documents.
Cost: O(n x index_terms x cap) multiply-adds in C, O(n x per_doc) pairs kept and scored exactly,
memory O(BLOCK x index_terms x cap) for a block's products.
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence

import numpy as np
from scipy import sparse

BLOCK = 4096  # documents a row block of the sparse products (bounds their memory)

Vector = tuple[Sequence[str], Sequence[float] | np.ndarray]


def _pairs(vector: Vector) -> list[tuple[float, str]]:
    names, weights = vector
    values = weights.tolist() if isinstance(weights, np.ndarray) else weights
    return list(zip(values, names, strict=True))


def _ranked(vector: Vector) -> list[tuple[float, str]]:
    return sorted(_pairs(vector), key=lambda wn: (-wn[0], wn[1]))


def _matrix(rows: Sequence[Sequence[tuple[float, str]]], vocab: dict[str, int]) -> sparse.csr_matrix:
    """Rows of (weight, term) over ``vocab`` (terms outside it dropped)."""
    indptr = array("q", [0])
    indices = array("q")
    data = array("d")
    for pairs in rows:
        for w, t in pairs:
            j = vocab.get(t)
            if j is not None and w > 0:
                indices.append(j)
                data.append(w)
        indptr.append(len(indices))
    shape = (len(rows), len(vocab))
    arrays = (
        np.frombuffer(data, dtype=np.float64),
        np.frombuffer(indices, dtype=np.int64),
        np.frombuffer(indptr, dtype=np.int64),
    )
    return sparse.csr_matrix(arrays, shape=shape)


def capped_neighbours(
    vectors: Sequence[Vector], index_terms: int, cap: int, per_doc: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Candidate pairs (i < j) and their exact dot products over the full vectors.

    Returns (rows, cols, dots) as arrays, sorted by (row, col); deterministic.
    """
    heaviest = [_ranked(vector)[:index_terms] for vector in vectors]
    df: dict[str, int] = {}
    for top in heaviest:
        for _, t in top:
            df[t] = df.get(t, 0) + 1
    indexed = sorted(t for t, c in df.items() if 2 <= c <= cap)
    vocab = {t: j for j, t in enumerate(indexed)}
    query = _matrix(heaviest, vocab)
    del heaviest
    query_t = query.T.tocsr()
    found: set[tuple[int, int]] = set()
    for start in range(0, query.shape[0], BLOCK):
        block = (query[start : start + BLOCK] @ query_t).tocsr()
        for r in range(block.shape[0]):
            lo, hi = block.indptr[r], block.indptr[r + 1]
            cols, vals = block.indices[lo:hi], block.data[lo:hi]
            i = start + r
            keep = cols != i
            cols, vals = cols[keep], vals[keep]
            if len(cols) > per_doc:
                order = np.lexsort((cols, -vals))[:per_doc]
                cols = cols[order]
            found.update((i, int(c)) if i < c else (int(c), i) for c in cols)
    if not found:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, np.zeros(0)
    pairs = np.array(sorted(found), dtype=np.int64)
    full_vocab: dict[str, int] = {}
    for names, _ in vectors:
        for t in names:
            full_vocab.setdefault(t, len(full_vocab))
    full = _matrix([_pairs(vector) for vector in vectors], full_vocab)
    dots = np.concatenate([
        np.asarray(full[chunk[:, 0]].multiply(full[chunk[:, 1]]).sum(axis=1)).ravel()
        for chunk in np.array_split(pairs, max(1, len(pairs) // (BLOCK * 16)))
    ])  # fmt: skip
    return pairs[:, 0], pairs[:, 1], dots
