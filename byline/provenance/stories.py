"""Story clusters: documents about the same event, coarser than origins.

Each document is a TF-IDF vector over its story terms (content stems and name words) plus its
specific dates and numbers; candidate pairs come from an inverted index over terms whose document
frequency is at most MAX_STORY_POSTING (never all pairs), pairs are scored by cosine, and
average-linkage agglomeration groups them. An origin never splits across stories.
Cost: O(n x INDEX_TERMS x cap) candidate pairs, each scored in O(terms), then O(E log E) for the linkage.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter, defaultdict

import numpy as np

from byline.model import Story
from byline.provenance.fingerprint import is_specific
from byline.provenance.graph import average_linkage
from byline.provenance.neighbours import capped_neighbours
from byline.provenance.signature import DocSignature
from byline.provenance.text import name_word

MAX_STORY_POSTING = 80  # a term in more documents than this links no pair (never all pairs)
INDEX_TERMS = 24  # candidate pairs come from each document's heaviest terms only
STORY_NEIGHBOURS = 20  # ... and at most this many per document (O(n) pairs)
STORY_LINK = 0.07  # chosen on the odd ECB+ topics (bench/provenance_eval.py), reported on the even ones
DATE_WEIGHT = 3.0  # a shared specific date or figure says "same event" more than a shared word
LABEL_TERMS = 3  # words (or names) in a story's label
LABEL_CANDIDATES = 8  # distinctive words kept for naming a story once its entities are known


_NAME_WORD_RE = re.compile(r"[\w'’]+(?:-\w+)*")

StoryVector = tuple[tuple[str, ...], np.ndarray]  # term names (interned) and unit-length float32 weights


def _raw_terms(sig: DocSignature) -> dict[str, float]:
    vec = dict(sig.terms)
    for f, prior in sig.features.items():
        if is_specific(f):
            vec[f] = DATE_WEIGHT * prior
    return vec


def story_vectors(signatures: dict[str, DocSignature], unit_of: dict[str, str]) -> dict[str, StoryVector]:
    """Unit-length TF-IDF vectors; document frequencies count each origin once.

    Two passes over the signatures (the raw term weights are rebuilt, not kept): O(total terms)
    time, and memory of one compact vector per document plus one counter of distinct terms.
    """
    members: dict[str, list[str]] = defaultdict(list)
    for key in sorted(signatures):
        members[unit_of[key]].append(key)
    df: Counter[str] = Counter()
    for docs in members.values():
        df.update({t for d in docs for t in _raw_terms(signatures[d])})
    n = len(members)
    vectors: dict[str, StoryVector] = {}
    for key, sig in signatures.items():
        vec = _raw_terms(sig)
        names = tuple(t for t in vec if vec[t] > 0)
        weights = np.array([vec[t] * math.log((n + 1) / (df[t] + 0.5)) for t in names], dtype=np.float64)
        keep = weights > 0
        weights = weights[keep]
        norm = float(np.sqrt((weights**2).sum())) or 1.0
        vectors[key] = (
            tuple(sys.intern(t) for t, k in zip(names, keep.tolist(), strict=True) if k),
            (weights / norm).astype(np.float32),
        )
    return vectors


def story_pairs(
    vectors: dict[str, StoryVector], cap: int = MAX_STORY_POSTING
) -> dict[tuple[str, str], float]:
    """Cosine of pairs sharing one of their INDEX_TERMS heaviest terms of bounded frequency, at most
    STORY_NEIGHBOURS per document (byline.provenance.neighbours)."""
    keys = sorted(vectors)
    rows, cols, dots = capped_neighbours([vectors[k] for k in keys], INDEX_TERMS, cap, STORY_NEIGHBOURS)
    return {
        (keys[i], keys[j]): d for i, j, d in zip(rows.tolist(), cols.tolist(), dots.tolist(), strict=True)
    }


def label_terms(docs: list[str], vectors: dict[str, StoryVector], most: int = LABEL_CANDIDATES) -> list[str]:
    """The cluster's most distinctive name words (folded), or stems when it has no names."""
    total: dict[str, float] = defaultdict(float)
    for d in docs:
        names, weights = vectors[d]
        for t, v in zip(names, weights.tolist(), strict=True):
            total[t] += v
    names_ = sorted((t for t in total if t.startswith("w:")), key=lambda t: (-total[t], t))
    if not names_:
        names_ = sorted((t for t in total if ":" not in t), key=lambda t: (-total[t], t))
    return [t.removeprefix("w:") for t in names_[:most]]


def name_words(name: str) -> list[str]:
    """The folded words of a name as story terms spell them ("José Pérez's" -> jose, perez)."""
    return [name_word(w) for w in _NAME_WORD_RE.findall(name)]


def entity_label(terms: list[str], names: list[tuple[str, list[str], int]]) -> str:
    """A story label of full entity names: each distinctive word (``terms``, best first) stands
    for the most mentioned entity whose name holds it ("perez" -> "Ana Pérez Ruiz"), each
    entity once; a word no entity holds stays a title-cased word. ``names``: (entity name, its
    aliases, mentions in the story's documents). Cost: O(terms + words of the names)."""
    by_word: dict[str, tuple[int, str]] = {}
    for name, aliases, count in names:
        for word in {w for n in (name, *aliases) for w in name_words(n)}:
            best = by_word.get(word)
            if best is None or (count, -len(name)) > (best[0], -len(best[1])):
                by_word[word] = (count, name)
    parts: list[str] = []
    for term in terms:
        part = by_word[term][1] if term in by_word else term.title()
        words = set(name_words(part))
        for k, chosen in enumerate(parts):
            held = set(name_words(chosen))
            if words <= held:
                break  # "Reid" when "Tara Reid" is named already
            if held < words:
                parts[k] = part  # "Tara Reid" names the "Reid" chosen before
                break
        else:
            parts.append(part)
        if len(parts) == LABEL_TERMS:
            break
    return ", ".join(parts)


def build_stories(
    signatures: dict[str, DocSignature],
    origin_of: dict[str, str],
    link: float = STORY_LINK,
    terms: dict[str, list[str]] | None = None,
) -> list[Story]:
    """Stories over all documents; each document in exactly one, each origin inside one.
    ``terms``, when given, receives each story's distinctive words, best first (``label_terms``),
    for naming it by its entities later (``entity_label``)."""
    vectors = story_vectors(signatures, origin_of)
    scores = story_pairs(vectors)
    groups = average_linkage(sorted(signatures), scores, link)
    # an origin inside one story: union stories that share an origin
    parent = list(range(len(groups)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first_group: dict[str, int] = {}
    for gi, g in enumerate(groups):
        for d in g:
            o = origin_of[d]
            if o in first_group:
                a, b = find(first_group[o]), find(gi)
                parent[max(a, b)] = min(a, b)
            else:
                first_group[o] = gi
    merged: dict[int, list[str]] = defaultdict(list)
    for gi, g in enumerate(groups):
        merged[find(gi)].extend(g)
    stories = []
    for docs in merged.values():
        docs = sorted(docs)
        words = label_terms(docs, vectors)
        key = f"s:{docs[0]}"
        plain = ", ".join(t.title() for t in words[:LABEL_TERMS])  # until entities name it
        stories.append(Story(key=key, documents=docs, label=plain))
        if terms is not None:
            terms[key] = words
    return sorted(stories, key=lambda s: s.key)
