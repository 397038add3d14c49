"""Ranking candidate repairs of one non-word: derivation evidence, context, document evidence.

All scores are log10-scale so that they add: the bigram model gives log P(word | previous)
and log P(next | word) (backing off to the unigram with a penalty), the derivation adds a
prior for short chains, close synonym pairs and long fragments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from byline.repair.candidates import Candidate
from byline.repair.resources import RepairResources

BACKOFF = 1.5  # log10 penalty for an unseen bigram
_STEP_PRIOR = {0: 0.6, 1: 1.0, 2: -2.0, 3: -0.3, 4: 0.5, 5: 0.0}
CLOSENESS_WEIGHT = 1.0
CONTEXT_WEIGHT = 1.0
SUPPORTED_LM_GAP = 2.0  # a candidate the related texts use trails the best fit by at most this
SLOT_BONUS = 2.0  # log10 evidence of a fully aligned related slot holding the word
SLOT_WAIVER = 0.8  # ... which also waives this share of the language-model gap
BIGRAM_FLOOR = 6.8  # log10 count below which the bigram list keeps no pair
# bigram counts come from a ~10^12-word corpus; zipf is log10 per 10^9 words
_BIGRAM_TO_ZIPF = 3.0


@dataclass(frozen=True)
class Context:
    """The words around one occurrence (lower case, "" at a sentence edge)."""

    prev: str
    next: str


def cond_logp(res: RepairResources, prev: str, word: str) -> float:
    """log10 P(word | prev), unigram back-off when the pair is unseen.

    The bigram list keeps only pairs above a count threshold, so an unseen pair is evidence
    against the two words only when independence alone would have put it above the threshold
    (full ``BACKOFF`` penalty); for rarer words its absence says nothing (no penalty).
    """
    zw = res.freq(word)
    if not prev:
        return zw - 9.0
    zp = res.freq(prev)
    b = res.bigram_score(prev, word)
    if b and zp:
        return min(0.0, b - _BIGRAM_TO_ZIPF - zp)
    expected = zp + zw - 2 * _BIGRAM_TO_ZIPF  # log10 count of the pair if independent
    share = min(1.0, max(0.0, expected - (BIGRAM_FLOOR - 1.0))) if zp else 1.0
    return zw - 9.0 - BACKOFF * share


def context_score(res: RepairResources, word: str, contexts: list[Context]) -> float:
    """Mean over occurrences of log P(word | prev) + log P(next | word) - log P(next)."""
    if not contexts:
        return res.freq(word) - 9.0
    total = 0.0
    for c in contexts:
        s = cond_logp(res, c.prev, word)
        if c.next:
            s += cond_logp(res, word, c.next) - (res.freq(c.next) - 9.0)
        total += s
    return total / len(contexts)


def closeness(res: RepairResources, a: str, b: str) -> float:
    """Cosine of the two words' synonym sets: near-synonyms share many neighbours, loose
    thesaurus links (hypernyms, distant senses) few."""
    sa, sb = res.synonyms(a), res.synonyms(b)
    if not sa or not sb:
        return 0.0
    return len(sa & sb) / (len(sa) * len(sb)) ** 0.5


def derivation_score(c: Candidate, res: RepairResources | None = None) -> float:
    """Prior of the derivation: short chains, close synonyms and long fragments are likelier."""
    s = _STEP_PRIOR.get(c.steps, -1.0)
    if res is not None and c.steps in (1, 2, 4):
        s += CLOSENESS_WEIGHT * closeness(res, c.fragment, c.head)
    if c.strong and c.steps:
        s += 0.4
    s += 0.15 * min(len(c.fragment), 8)
    return s


def rank(
    cands: list[Candidate],
    res: RepairResources,
    contexts: list[Context],
    substitution_counts: dict[tuple[str, str], int],
    doc_words: set[str],
    prior: Callable[[str], float] | None = None,
    slot: Callable[[str], float] | None = None,
) -> list[tuple[float, Candidate]]:
    """Candidates with their total score, best first.

    Document evidence: a (fragment, head) substitution that also explains other non-words of
    the document earns a bonus; a head word written intact elsewhere in the document costs
    (the spinner would have replaced it there too). ``prior``: extra log10 evidence per word
    (the related documents' vocabulary); a word they support is spared most of the language
    model's penalty for being rare or unseen beside these neighbours (the bigram list is small).
    ``slot``: in [0, 1], how strongly the related texts' aligned slots hold the word (or a
    synonym): local evidence that outranks the global bigram list and waives most of its gap.
    """
    scored: list[tuple[float, Candidate]] = []
    lm = {c.word: context_score(res, c.word, contexts) for c in cands}
    top = max(lm.values(), default=0.0)
    for c in cands:
        support = prior(c.word) if prior is not None else 0.0
        aligned = slot(c.word) if slot is not None else 0.0
        gap = SUPPORTED_LM_GAP * (1.0 - SLOT_WAIVER * aligned)
        fit = max(lm[c.word], top - gap) if support > 0 or aligned > 0 else lm[c.word]
        s = CONTEXT_WEIGHT * fit + derivation_score(c, res) + support + SLOT_BONUS * aligned
        shared = substitution_counts.get((c.fragment, c.head), 0) - 1
        if shared > 0 and c.steps:
            s += min(1.5, 0.75 * shared)
        if c.steps and c.head in doc_words and c.word != c.head:
            s -= 0.5
        scored.append((s, c))
    scored.sort(key=lambda x: (-x[0], x[1].word))
    return scored
