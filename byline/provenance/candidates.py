"""Candidate pairs without all-pairs work, and the rarity weights of fingerprint features.

Three indexes, each linear in the corpus (buckets and posting lists are capped, so a common value
adds at most MAX_POSTING^2 pairs):
- MinHash LSH (32 bands of 2 rows over 64 permutations: a 5-shingle Jaccard of 0.2 is
  found with p ~ 0.73, 0.3 with p ~ 0.95): verbatim, near-verbatim and lightly spun copies;
- an inverted index of sentence hashes: truncations, shuffles, extractive summaries, reprints;
- an inverted index of rare claim-fingerprint features, scored by weighted cosine: rewrites and
  spun copies whose words changed but whose numbers, dates and names did not.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TypeVar

import numpy as np

from byline.provenance.neighbours import capped_neighbours
from byline.provenance.signature import NUM_PERM, DocSignature

LSH_PARAMS = (32, 2)  # MinHash LSH (bands, rows) of the 64 values: pairs from Jaccard ~0.18 up
MAX_POSTING = 60  # a value in more documents than this identifies no report
MIN_FEATURE_COSINE = 0.2  # weighted cosine of two fingerprints that makes them candidates
MIN_SENTENCE_SHARE = 0.3  # one shared sentence counts when the shorter text has at most three
SENTENCE_NEIGHBOURS = 20  # partners kept per document from the sentence index
LSH_NEIGHBOURS = 20  # partners kept per document from LSH (below DUPLICATE_JACCARD)
FEATURE_INDEX = 24  # features indexed per document (its heaviest)
FEATURE_NEIGHBOURS = 20  # candidates kept per document from the feature index
DUPLICATE_JACCARD = 0.5  # estimated Jaccard of near-duplicates: such pairs are all kept

Pair = tuple[str, str]
K = TypeVar("K")


def _pair(x: str, y: str) -> Pair:
    return (x, y) if x < y else (y, x)


def minhash_jaccard(a: DocSignature, b: DocSignature) -> float:
    ha, hb = a.hashvalues(), b.hashvalues()
    return float((ha == hb).sum()) / NUM_PERM


def lsh_pairs(
    signatures: dict[str, DocSignature], min_jaccard: float = 0.0, params: tuple[int, int] = LSH_PARAMS
) -> dict[Pair, float]:
    """Pairs that collide in at least one band of the MinHash and whose estimated 5-shingle Jaccard
    reaches ``min_jaccard``, with that estimate.

    Vectorised, one band at a time: the band's rows as one integer code per document, sorted;
    equal codes side by side form a bucket, and each document pairs with the next MAX_POSTING
    documents of its bucket (one text syndicated everywhere, or empty texts, stay linear). Chance
    collisions of unrelated documents are dropped per band by the Jaccard estimate, so memory stays
    O(n x NUM_PERM) for the hash matrix plus the kept pairs; time O(bands x n log n) plus the
    collisions, each a 64-value comparison in numpy. Below DUPLICATE_JACCARD, each document keeps
    its LSH_NEIGHBOURS most similar partners (chance overlaps of boilerplate stay linear).
    """
    bands, rows = params
    keys = sorted(signatures)
    n = len(keys)
    if n < 2:
        return {}
    matrix = np.stack([signatures[k].hashvalues() for k in keys])
    need = int(np.ceil(min_jaccard * NUM_PERM - 1e-9))
    kept: list[np.ndarray] = []
    for b in range(bands):
        band = matrix[:, b * rows : (b + 1) * rows].astype(np.uint64)
        code = band[:, 0].copy()
        for r in range(1, rows):
            code = code * np.uint64(1_000_003) ^ band[:, r]
        order = np.argsort(code, kind="stable")
        ordered = code[order]
        for d in range(1, MAX_POSTING + 1):
            same = np.flatnonzero(ordered[:-d] == ordered[d:])
            if not len(same):
                break  # no bucket has d + 1 members
            x, y = order[same], order[same + d]
            lo, hi = np.minimum(x, y).astype(np.int64), np.maximum(x, y).astype(np.int64)
            matches = (matrix[lo] == matrix[hi]).sum(axis=1)
            ok = matches >= need
            kept.append(lo[ok] * n + hi[ok])
    if not kept:
        return {}
    codes = np.unique(np.concatenate(kept))
    lo, hi = codes // n, codes % n
    jac = (matrix[lo] == matrix[hi]).sum(axis=1) / NUM_PERM
    keep = (jac >= DUPLICATE_JACCARD) | _top_per_doc(lo, hi, jac, LSH_NEIGHBOURS)
    lo, hi, jac = lo[keep], hi[keep], jac[keep]
    return {
        (keys[i], keys[j]): float(v) for i, j, v in zip(lo.tolist(), hi.tolist(), jac.tolist(), strict=True)
    }


def _postings(items: Iterable[tuple[str, Iterable[K]]]) -> dict[K, list[str]]:
    index: dict[K, list[str]] = defaultdict(list)
    for key, values in items:
        for v in values:
            index[v].append(key)
    return index


def _top_per_doc(lo: np.ndarray, hi: np.ndarray, score: np.ndarray, k: int) -> np.ndarray:
    """A mask of the pairs among the ``k`` best (by score, then partner) of either document."""
    keep = np.zeros(len(lo), dtype=bool)
    for own, other in ((lo, hi), (hi, lo)):
        order = np.lexsort((other, -score, own))
        ranked_own = own[order]
        starts = np.r_[0, np.flatnonzero(np.diff(ranked_own)) + 1]
        rank = np.arange(len(order)) - np.repeat(starts, np.diff(np.r_[starts, len(order)]))
        keep[order[rank < k]] = True
    return keep


def sentence_pairs(signatures: dict[str, DocSignature]) -> dict[Pair, int]:
    """Pairs sharing whole sentences, with the count shared.

    A sentence in more than MAX_POSTING documents is boilerplate and pairs nobody. A pair counts
    when it shares two sentences or a MIN_SENTENCE_SHARE of the shorter document's, and each
    document keeps its SENTENCE_NEIGHBOURS best partners (one stock phrase in a long text is not a
    copy, and a corpus of reprints stays linear). Vectorised: O(S log S) for S sentences, plus the
    pairs inside the capped posting lists.
    """
    keys = sorted(signatures)
    n = len(keys)
    per_doc = [np.frombuffer(signatures[k].sentence_bytes, dtype=np.uint64) for k in keys]
    counts = np.array([len(h) for h in per_doc], dtype=np.int64)
    if n < 2 or not counts.sum():
        return {}
    hashes = np.concatenate(per_doc)
    owner = np.repeat(np.arange(n, dtype=np.int64), counts)
    order = np.lexsort((owner, hashes))
    hashes, owner = hashes[order], owner[order]
    starts = np.r_[0, np.flatnonzero(np.diff(hashes)) + 1]
    sizes = np.diff(np.r_[starts, len(hashes)])
    run_size = np.repeat(sizes, sizes)
    codes = []
    for d in range(1, MAX_POSTING):
        same = np.flatnonzero((hashes[:-d] == hashes[d:]) & (run_size[:-d] <= MAX_POSTING))
        if not len(same):
            break
        codes.append(owner[same] * n + owner[same + d])  # owners ascend inside a run
    if not codes:
        return {}
    pair_codes, shared = np.unique(np.concatenate(codes), return_counts=True)
    lo, hi = pair_codes // n, pair_codes % n
    enough = (shared >= 2) | (shared >= MIN_SENTENCE_SHARE * np.minimum(counts[lo], counts[hi]))
    lo, hi, shared = lo[enough], hi[enough], shared[enough]
    keep = _top_per_doc(lo, hi, shared.astype(np.float64), SENTENCE_NEIGHBOURS)
    return {
        (keys[i], keys[j]): int(c)
        for i, j, c in zip(lo[keep].tolist(), hi[keep].tolist(), shared[keep].tolist(), strict=True)
    }


def duplicate_groups(signatures: dict[str, DocSignature], jaccard: dict[Pair, float]) -> dict[str, str]:
    """Union-find over near-duplicate pairs: document -> representative (so copies count once)."""
    parent = {k: k for k in signatures}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for (x, y), j in sorted(jaccard.items()):
        if j >= DUPLICATE_JACCARD:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    return {k: find(k) for k in signatures}


def feature_weights(signatures: dict[str, DocSignature], groups: dict[str, str]) -> dict[str, float]:
    """IDF over groups of near-duplicates (a copied claim is not a common claim). O(total features)."""
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(signatures):
        members[groups[key]].append(key)
    df: Counter[str] = Counter()
    for docs in members.values():
        if len(docs) == 1:
            df.update(signatures[docs[0]].feature_names)
        else:
            df.update({f for d in docs for f in signatures[d].feature_names})
    n = len(members)
    return {f: math.log((n + 1) / (c + 0.5)) + 1.0 for f, c in df.items()}


def feature_pairs(signatures: dict[str, DocSignature], idf: dict[str, float]) -> dict[Pair, float]:
    """Pairs whose fingerprints' weighted cosine reaches MIN_FEATURE_COSINE, through rare features.

    Candidates: each document's FEATURE_INDEX heaviest features of at most MAX_POSTING documents,
    at most FEATURE_NEIGHBOURS per document (byline.provenance.neighbours: O(n) pairs).
    """
    keys = sorted(signatures)
    vectors = []
    for k in keys:
        names, priors = signatures[k].feature_names, signatures[k].features.values()
        weights = np.array([p * idf[f] for f, p in zip(names, priors, strict=True)], dtype=np.float64)
        vectors.append((names, weights))
    norms = np.array([float(np.sqrt((ws**2).sum())) or 1.0 for _, ws in vectors])
    rows, cols, dots = capped_neighbours(vectors, FEATURE_INDEX, MAX_POSTING, FEATURE_NEIGHBOURS)
    nx, ny = norms[rows], norms[cols]
    # cosine, or half the containment of the smaller fingerprint (a summary of a long report)
    scores = np.maximum(dots / (nx * ny), 0.5 * dots / np.minimum(nx, ny) ** 2)
    return {
        (keys[i], keys[j]): float(s)
        for i, j, s in zip(rows.tolist(), cols.tolist(), scores.tolist(), strict=True)
        if s >= MIN_FEATURE_COSINE
    }
