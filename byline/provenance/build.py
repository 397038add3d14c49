"""The corpus-level provenance stage: candidates -> evidence -> derivations -> origins -> stories."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from byline.model import Derivation, Document, Origin, Story
from byline.provenance.cache import AlignmentCache
from byline.provenance.candidates import (
    duplicate_groups,
    feature_pairs,
    feature_weights,
    lsh_pairs,
    minhash_jaccard,
    sentence_pairs,
)
from byline.provenance.evidence import (
    MIN_NAME_COSINE,
    ClaimOverlap,
    Claims,
    DocText,
    TextStats,
    claims_of,
    classify,
    compare_claims,
    doc_text,
    evidence,
)
from byline.provenance.graph import ORIGIN_LINK, Link, average_linkage, choose_root, orient, reorient
from byline.provenance.signature import DocSignature, document_signature
from byline.provenance.stories import build_stories

TEXT_CACHE = 4096  # sentence views kept while scoring pairs (sorted pairs reuse the first document)
SPUN_NAME_COSINE = 0.7  # a spun copy whose shingles all changed still has its names
MIN_LSH_JACCARD = 0.05  # the prototype: a 5-shingle Jaccard of 0.05 already meant a copy ...
# ... when the names agree too. Alone, an estimate from 4-6 of 64 hashes is chance overlap of
# stock phrases, which grows with the corpus; a copy that shares nothing else shares more shingles.
ALONE_LSH_JACCARD = 0.1
FAINT_LSH_JACCARD = 2 / 64  # two MinHash values of 64: faint, so only with most names ...
SPUN_MOST_NAMES = 0.5  # ... shared (weighted cosine)
GATE_SHARED_SPECIFIC = 2  # specific values shared by most of one side's claims: align the texts


@dataclass
class ProvenanceResult:
    derivations: list[Derivation] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    story_terms: dict[str, list[str]] = field(default_factory=dict)  # Story.key -> distinctive words


def candidate_pairs(
    signatures: dict[str, DocSignature],
) -> tuple[list[tuple[str, str]], dict[str, float], set[tuple[str, str]]]:
    """Sorted candidate pairs from the three indexes, the feature IDF (over near-duplicates), and
    the pairs that share a sentence."""
    lsh = lsh_pairs(signatures, MIN_LSH_JACCARD)
    shared_sentences = sentence_pairs(signatures)
    groups = duplicate_groups(signatures, lsh)
    idf = feature_weights(signatures, groups)
    by_features = feature_pairs(signatures, idf)
    pairs = set(shared_sentences) | set(by_features) | set(lsh)
    return sorted(pairs), idf, set(shared_sentences)


def worth_aligning(claims: ClaimOverlap, jaccard: float, share_sentence: bool) -> bool:
    """Whether any rule of ``classify`` can fire, from the signatures alone (cheap, O(features)).

    Sentence alignment is the costly part of a pair. Copies share sentences or shingles (a few
    shingles only with some of the names); spun copies keep most of the names; every claim-based
    rule needs shared specific values making up most of one side's claims. A short copy of
    another revision (a hundred shingles) can miss every MinHash value and still share passages
    (the evidence's passage rule): its figures then show it.
    """
    if share_sentence or jaccard >= ALONE_LSH_JACCARD or claims.name_cosine >= SPUN_NAME_COSINE:
        return True
    if jaccard >= MIN_LSH_JACCARD and claims.name_cosine >= MIN_NAME_COSINE:
        return True
    if jaccard >= FAINT_LSH_JACCARD and claims.name_cosine >= SPUN_MOST_NAMES:
        return True  # a synonym spin: a few shingles survive (64 hashes see 2-3), most names do
    return claims.shared_specific >= GATE_SHARED_SPECIFIC and max(claims.a_in_b, claims.b_in_a) >= 0.5


def score_pairs(
    pairs: list[tuple[str, str]],
    documents: dict[str, Document],
    signatures: dict[str, DocSignature],
    idf: dict[str, float],
    shared_sentences: set[tuple[str, str]] | frozenset[tuple[str, str]] = frozenset(),
    cache: AlignmentCache | None = None,
) -> list[Link]:
    """Evidence and classification for every candidate pair; the derivations found, oriented.
    Pairs whose alignment ``cache`` holds (an earlier build aligned them) are not aligned again."""
    cache = cache if cache is not None else AlignmentCache()

    @lru_cache(maxsize=TEXT_CACHE)
    def text_of(key: str) -> DocText:
        return doc_text(documents[key].text)

    @lru_cache(maxsize=TEXT_CACHE)
    def claims_for(key: str) -> Claims:
        return claims_of(signatures[key], idf)

    links = []
    for x, y in pairs:
        sx, sy = signatures[x], signatures[y]
        a_sig, b_sig = (sx, sy) if (sx.words, x) <= (sy.words, y) else (sy, sx)
        claims = compare_claims(claims_for(a_sig.key), claims_for(b_sig.key))
        if not worth_aligning(claims, minhash_jaccard(sx, sy), (x, y) in shared_sentences):
            continue
        cached = cache.get(a_sig.key, b_sig.key)
        if cached is None:
            a, b = text_of(a_sig.key), text_of(b_sig.key)
            ev = evidence(a_sig, a, b_sig, b, idf, claims)
            a_stats, b_stats = TextStats(a.words, a.english), TextStats(b.words, b.english)
            cache.put(a_sig.key, b_sig.key, ev.alignment, a_stats, b_stats)
        else:
            alignment, a_stats, b_stats = cached
            ev = evidence(a_sig, None, b_sig, None, idf, claims, alignment)
        found = classify(ev, a_stats, b_stats)
        if found is None:
            continue
        kind, score = found
        child, parent, reason = orient(
            a_sig, b_sig, kind, (ev.a_cites_b, ev.b_cites_a), (ev.claims.a_in_b, ev.claims.b_in_a)
        )
        links.append(Link(child, parent, kind, score, reason, ev.alignment.containment))
    return reorient(links)


def build_provenance(
    documents: list[Document], signatures: dict[str, DocSignature], cache: AlignmentCache | None = None
) -> ProvenanceResult:
    """Derivations, origins and stories of a corpus, from per-document signatures (``cache``:
    alignments of an earlier build, reused and updated; see byline.provenance.cache).

    Never all pairs: candidates come from MinHash LSH, a sentence-hash index and a rare-feature
    index (each capped per bucket), so the work is O(n) index operations plus O(C) pair
    evaluations for C candidate pairs (each O(sentences x 4)), plus O(E log E) for the average
    linkage of origins and stories. Documents without a signature get one here. Deterministic:
    everything is sorted; keys are "o:<root key>" and "s:<smallest key>".
    """
    docs = {d.key: d for d in documents}
    sigs = {k: signatures[k] if k in signatures else document_signature(d) for k, d in docs.items()}
    pairs, idf, sharing = candidate_pairs(sigs)
    links = score_pairs(pairs, docs, sigs, idf, sharing, cache)
    scores = {(min(ln.child, ln.parent), max(ln.child, ln.parent)): ln.score for ln in links}
    groups = average_linkage(sorted(sigs), scores, ORIGIN_LINK)
    origin_of = {d: f"g{i}" for i, group in enumerate(groups) for d in group}
    inside: dict[str, list[Link]] = defaultdict(list)
    for ln in links:
        if origin_of[ln.child] == origin_of[ln.parent]:
            inside[origin_of[ln.child]].append(ln)
    origins: list[Origin] = []
    derivations: list[Derivation] = []
    for i, group in enumerate(groups):
        group_links = inside.get(f"g{i}", [])
        root = choose_root(group, group_links, sigs)
        key = f"o:{root}"
        origins.append(Origin(key=key, documents=list(group), root=root))
        for d in group:
            origin_of[d] = key
        for ln in group_links:
            child, parent = (ln.parent, ln.child) if ln.child == root else (ln.child, ln.parent)
            derivations.append(Derivation(doc=child, parent=parent, kind=ln.kind, score=ln.score))
    story_terms: dict[str, list[str]] = {}
    stories = build_stories(sigs, origin_of, terms=story_terms)
    derivations.sort(key=lambda d: (d.doc, *d.rank(), d.parent))
    origins.sort(key=lambda o: o.key)
    return ProvenanceResult(
        derivations=derivations, origins=origins, stories=stories, story_terms=story_terms
    )
