"""Candidate repairs of one non-word by reversing substring substitutions.

A spinner replaces a word W, or a word inside a longer word, by a synonym S: "house" inside
"lighthouse" becomes "abode", giving "lightabode". Reversal: for every substring S of the non-word
that is a thesaurus entry, put back each W it may have replaced (one-step and two-step
synonyms, both directions) and keep the results that are frequent real words. Spinners glue
suffixes blindly ("shine"+"ed"), so joins are also tried with the usual spelling fixes.

Cost per token of length L: O(L^2) substring probes, times the synonyms of the probes found.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from byline.repair.resources import RepairResources

MIN_FRAGMENT = 3  # shortest part of a non-word looked up as a spinner's replacement
MIN_RESULT_ZIPF = 2.0  # zipf frequency a candidate word needs (rarer words explain anything)
_VOWELS = set("aeiou")


@dataclass(frozen=True)
class Candidate:
    """One way to explain a non-word: ``fragment`` (S) in it stood for ``head`` (W)."""

    word: str
    fragment: str
    head: str
    steps: int  # 0: spelling fix, 1: synonym, 2: two-step synonym, 3: nested, 4: loose (related
    # texts), 5: two-level via an aligned slot, 6: linked by a WordNet definition
    strong: bool  # the synonym pair is in the WordNet-based thesaurus
    pos: int  # where the fragment starts in the token


def joins(prefix: str, head: str, suffix: str) -> Iterator[str]:
    """The plain join and spelling-fixed joins ("shineed" -> "shined", "polishd" -> "polished")."""
    yield prefix + head + suffix
    if not suffix:
        return
    if head.endswith("e") and suffix[0] in "ei":
        yield prefix + head[:-1] + suffix  # shine+ed, shine+ing
    if suffix[0] == "d" and not head.endswith("e"):
        yield prefix + head + "e" + suffix  # polish+d
    if suffix[0] in "ns" and not head.endswith("e") and len(suffix) <= 2:
        yield prefix + head + "e" + suffix
    if head.endswith("y") and suffix[0] in "ed" and len(head) > 2 and head[-2] not in _VOWELS:
        yield prefix + head[:-1] + "i" + ("e" + suffix if suffix[0] == "d" else suffix)
    if (
        suffix[0] in _VOWELS
        and len(head) >= 3
        and head[-1] not in _VOWELS | {"w", "x", "y"}
        and head[-2] in _VOWELS
        and head[-3] not in _VOWELS
    ):
        yield prefix + head + head[-1] + suffix  # stop+ing -> stopping


def _fragments(
    token: str, res: RepairResources, min_len: int = MIN_FRAGMENT
) -> Iterator[tuple[int, int, str]]:
    n = len(token)
    for i in range(n):
        for j in range(i + min_len, n + 1):
            frag = token[i:j]
            if frag in res.syn:
                yield i, j, frag


def generate(token: str, res: RepairResources, *, min_zipf: float = MIN_RESULT_ZIPF) -> list[Candidate]:
    """All real-word explanations of a lower-case non-word, best derivation per result word."""
    best = _Best()
    intermediates: list[tuple[str, int, int]] = []
    for i, j, frag in _fragments(token, res):
        prefix, suffix = token[:i], token[j:]
        intermediates += _by_synonym(best, res, frag, prefix, suffix, i, min_zipf)
        if len(frag) >= 4:
            _by_second_synonym_or_gloss(best, res, frag, prefix, suffix, i, min_zipf)
        if res.freq(frag) >= 2.5:  # the fragment is itself a word: a glued-suffix glitch?
            for k, word in enumerate(joins(prefix, frag, suffix)):
                if k and res.freq(word) >= min_zipf:
                    best.add(Candidate(word, frag, frag, 0, True, i))
    _by_chain(best, res, intermediates, min_zipf)
    return list(best.found.values())


class _Best:
    """The best derivation found per result word; on equal evidence the one whose head, then
    fragment, then position sorts first (the thesaurus's sets are walked in an order that
    follows the process's string hashing: "the first found" would differ between runs)."""

    def __init__(self) -> None:
        self.found: dict[str, Candidate] = {}

    def add(self, c: Candidate) -> None:
        old = self.found.get(c.word)
        if old is None or _evidence(c) > _evidence(old):
            self.found[c.word] = c
        elif _evidence(c) == _evidence(old) and (c.head, c.fragment, c.pos) < (
            old.head,
            old.fragment,
            old.pos,
        ):
            self.found[c.word] = c


def _by_synonym(
    best: _Best, res: RepairResources, frag: str, prefix: str, suffix: str, i: int, min_zipf: float
) -> list[tuple[str, int, int]]:
    """One synonym swapped back; returns the non-words a strong swap leaves, which a second
    swap may still explain (word, start and end of the swapped head)."""
    intermediates: list[tuple[str, int, int]] = []
    strong = res.strong.get(frag, frozenset())
    for head in res.synonyms(frag):
        first = True
        for word in joins(prefix, head, suffix):
            if res.freq(word) >= min_zipf:
                best.add(Candidate(word, frag, head, 1, head in strong, i))
            elif first and head in strong and len(frag) >= 4 and len(head) >= 3:
                intermediates.append((word, i, i + len(head)))
            first = False
    return intermediates


def _by_second_synonym_or_gloss(
    best: _Best, res: RepairResources, frag: str, prefix: str, suffix: str, i: int, min_zipf: float
) -> None:
    """A synonym of a synonym, or a definition word, swapped back (fragments of 4+ letters)."""
    for head in res.synonyms2(frag):
        if len(head) < 3:
            continue
        for word in joins(prefix, head, suffix):
            if res.freq(word) >= min_zipf:
                best.add(Candidate(word, frag, head, 2, False, i))
    # a definition word for a whole token is a gloss, not a spin: only inside longer words
    glossed = res.gloss.get(frag, frozenset()) if prefix or suffix else frozenset()
    for head in glossed - res.synonyms(frag):
        for word in joins(prefix, head, suffix):
            if res.freq(word) >= min_zipf:
                best.add(Candidate(word, frag, head, 6, False, i))


def _by_chain(
    best: _Best, res: RepairResources, intermediates: list[tuple[str, int, int]], min_zipf: float
) -> None:
    """Two strong swaps in a row: a second one inside a first one's non-word, touching it."""
    for inter, lo, hi in intermediates:
        for i, j, frag in _fragments(inter, res, 4):
            if j <= lo or i >= hi:
                continue  # the second substitution must touch the first
            for head in res.strong.get(frag, ()):
                for word in joins(inter[:i], head, inter[j:]):
                    if res.freq(word) >= min_zipf:
                        best.add(Candidate(word, frag, head, 3, True, i))


_EVIDENCE = {0: 1, 1: 1, 6: 1.5}  # a definition link is better evidence than a two-step chain


def _evidence(c: Candidate) -> tuple[float, int, bool]:
    return (-_EVIDENCE.get(c.steps, 2), len(c.fragment), c.strong)
