"""Candidate pairs without all-pairs work, and the rarity weights of fingerprint features.

Three indexes, each linear in the corpus (buckets and posting lists are capped, so a common value
adds at most MAX_POSTING^2 pairs):
- MinHash LSH (datasketch, 32 bands of 2 rows over 64 permutations: a 5-shingle Jaccard of 0.2 is
  found with p ~ 0.73, 0.3 with p ~ 0.95): verbatim, near-verbatim and lightly spun copies;
- an inverted index of sentence hashes: truncations, shuffles, extractive summaries, reprints;
- an inverted index of rare claim-fingerprint features, scored by weighted cosine: rewrites and
  spun copies whose words changed but whose numbers, dates and names did not.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from typing import TypeVar

from datasketch import LeanMinHash, MinHashLSH

from byline.provenance.signature import MINHASH_SCHEME, MINHASH_SEED, NUM_PERM, DocSignature

LSH_PARAMS = (32, 2)
MAX_POSTING = 60  # a value in more documents than this identifies no report
MIN_FEATURE_COSINE = 0.2
DUPLICATE_JACCARD = 0.5

Pair = tuple[str, str]
K = TypeVar("K")


def _pair(x: str, y: str) -> Pair:
    return (x, y) if x < y else (y, x)


def minhash_jaccard(a: DocSignature, b: DocSignature) -> float:
    ha, hb = a.hashvalues(), b.hashvalues()
    return float((ha == hb).sum()) / NUM_PERM


def lsh_pairs(signatures: dict[str, DocSignature], params: tuple[int, int] = LSH_PARAMS) -> set[Pair]:
    """Pairs that collide in at least one band. O(n x bands) plus the capped bucket pairs."""
    lsh = MinHashLSH(num_perm=NUM_PERM, params=params)
    keys = sorted(signatures)
    for key in keys:
        lsh.insert(
            key,
            LeanMinHash(seed=MINHASH_SEED, hashvalues=signatures[key].hashvalues(), scheme=MINHASH_SCHEME),
        )
    pairs: set[Pair] = set()
    for key in keys:
        found = lsh.query(
            LeanMinHash(seed=MINHASH_SEED, hashvalues=signatures[key].hashvalues(), scheme=MINHASH_SCHEME)
        )
        if len(found) > MAX_POSTING:
            found = sorted(found)[:MAX_POSTING]
        pairs.update(_pair(key, other) for other in found if other != key)
    return pairs


def _postings(items: Iterable[tuple[str, Iterable[K]]]) -> dict[K, list[str]]:
    index: dict[K, list[str]] = defaultdict(list)
    for key, values in items:
        for v in values:
            index[v].append(key)
    return index


def sentence_pairs(signatures: dict[str, DocSignature]) -> dict[Pair, int]:
    """Pairs sharing whole sentences, with the count shared."""
    index = _postings((k, s.sentence_hashes) for k, s in sorted(signatures.items()))
    shared: dict[Pair, int] = defaultdict(int)
    for docs in index.values():
        if 2 <= len(docs) <= MAX_POSTING:
            for i, x in enumerate(docs):
                for y in docs[i + 1 :]:
                    shared[_pair(x, y)] += 1
    return shared


def duplicate_groups(signatures: dict[str, DocSignature], pairs: Iterable[Pair]) -> dict[str, str]:
    """Union-find over near-duplicate pairs: document -> representative (so copies count once)."""
    parent = {k: k for k in signatures}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x, y in sorted(pairs):
        if minhash_jaccard(signatures[x], signatures[y]) >= DUPLICATE_JACCARD:
            rx, ry = find(x), find(y)
            if rx != ry:
                parent[max(rx, ry)] = min(rx, ry)
    return {k: find(k) for k in signatures}


def feature_weights(signatures: dict[str, DocSignature], groups: dict[str, str]) -> dict[str, float]:
    """IDF over groups of near-duplicates (a copied claim is not a common claim)."""
    df: dict[str, set[str]] = defaultdict(set)
    for key, sig in signatures.items():
        for f in sig.features:
            df[f].add(groups[key])
    n = len(set(groups.values()))
    return {f: math.log((n + 1) / (len(g) + 0.5)) + 1.0 for f, g in df.items()}


def feature_pairs(signatures: dict[str, DocSignature], idf: dict[str, float]) -> dict[Pair, float]:
    """Pairs whose fingerprints' weighted cosine reaches MIN_FEATURE_COSINE, through rare features."""
    index = _postings((k, s.features) for k, s in sorted(signatures.items()))
    norms = {
        k: math.sqrt(sum((p * idf[f]) ** 2 for f, p in s.features.items())) or 1.0
        for k, s in signatures.items()
    }
    dots: dict[Pair, float] = defaultdict(float)
    for f, docs in index.items():
        if 2 <= len(docs) <= MAX_POSTING:
            for i, x in enumerate(docs):
                wx = signatures[x].features[f] * idf[f]
                for y in docs[i + 1 :]:
                    dots[_pair(x, y)] += wx * signatures[y].features[f] * idf[f]
    scores = {}
    for p, d in dots.items():
        nx, ny = norms[p[0]], norms[p[1]]
        # cosine, or half the containment of the smaller fingerprint (a summary of a long report)
        score = max(d / (nx * ny), 0.5 * d / min(nx, ny) ** 2)
        if score >= MIN_FEATURE_COSINE:
            scores[p] = score
    return scores
