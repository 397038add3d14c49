"""Aligned slots: the word a related text puts where the document has a given word.

A rewrite keeps runs of words around most edits ("he X the prison into a ..." in both texts),
so a related position whose neighbours on each side match this occurrence's neighbours is the
same slot of the same sentence, and its word is the likeliest original there (or a synonym of
it). That is local, document-specific evidence: where it exists it should outrank a global
bigram list that has never seen the pair.

Matching is by side (a neighbour must be on the same side, within ``K`` words, order free, so
a rewrite that inserts or drops a word still matches) and by weight (content words count
fully unless many related sentences use them, function words little: "the" and "of" match
anywhere).

Cost: building is O(total related words); one lookup is O(P * K^2) for the P postings of the
occurrence's content neighbours.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

K = 4  # neighbours compared on each side
CONTENT_ZIPF = 5.5  # rarer than this: a content word
CONTENT_WEIGHT = 1.0  # a matching content word's weight (times its rarity in context.py)
FUNCTION_WEIGHT = 0.3  # a matching function word's (they match anywhere)
ADJACENT_BONUS = 0.5  # the immediate neighbour is the same word in the same place
MIN_SCORE = 2.0  # a slot needs this much matching (and one content word) to count
FULL_SCORE = 4.0  # ... and this much for full strength


@dataclass(frozen=True)
class Slot:
    word: str
    strength: float  # in (0, 1]


@dataclass
class SlotIndex:
    """Related sentences as lower-case word lists, and where each content word occurs."""

    sentences: list[list[str]] = field(default_factory=list)
    postings: dict[str, list[tuple[int, int]]] = field(default_factory=dict)


def build_slot_index(sentences: Sequence[Sequence[str]], is_content: Callable[[str], bool]) -> SlotIndex:
    """Index the related texts' sentences (lower-case words in order)."""
    index = SlotIndex()
    for s, words in enumerate(sentences):
        index.sentences.append(list(words))
        for p, w in enumerate(words):
            if is_content(w):
                index.postings.setdefault(w, []).append((s, p))
    return index


def find_slots(
    index: SlotIndex,
    before: Sequence[str],
    after: Sequence[str],
    weight: Callable[[str], float],
) -> list[Slot]:
    """Related slots matching an occurrence whose neighbours are ``before`` (nearest last) and
    ``after`` (nearest first), strongest first; at most one slot per related word."""
    before = list(before)[-K:]
    after = list(after)[:K]
    seeds: set[tuple[int, int]] = set()
    for w in before:
        for s, p in index.postings.get(w, ()):
            seeds.update((s, j) for j in range(p + 1, p + K + 1))
    for w in after:
        for s, p in index.postings.get(w, ()):
            seeds.update((s, j) for j in range(p - K, p) if j >= 0)
    best: dict[str, float] = {}
    left_bag, right_bag = set(before), set(after)
    for s, j in seeds:
        words = index.sentences[s]
        if j >= len(words):
            continue
        left = set(words[max(0, j - K) : j]) & left_bag
        right = set(words[j + 1 : j + 1 + K]) & right_bag
        if not any(w in index.postings for w in left | right):
            continue
        score = sum(weight(w) for w in left) + sum(weight(w) for w in right)
        if before and j > 0 and words[j - 1] == before[-1]:
            score += ADJACENT_BONUS
        if after and j + 1 < len(words) and words[j + 1] == after[0]:
            score += ADJACENT_BONUS
        if score >= MIN_SCORE and score > best.get(words[j], 0.0):
            best[words[j]] = score
    return sorted(
        (Slot(w, min(1.0, sc / FULL_SCORE)) for w, sc in best.items()), key=lambda x: (-x.strength, x.word)
    )
