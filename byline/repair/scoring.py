"""Ranking candidate repairs of one non-word: derivation evidence, context, document evidence.

All scores are log10-scale so that they add: a trigram language model (``ngram``) gives how
well the word fits its two neighbours on each side, the derivation adds a prior for short
chains, close synonym pairs and long fragments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from byline.repair.candidates import Candidate
from byline.repair.ngram import TrigramModel, trigram_model
from byline.repair.resources import RepairResources

# log10 prior of a candidate by its derivation (Candidate.steps): one synonym swapped back is
# the usual spin, a two-step synonym the least likely
_STEP_PRIOR = {0: 0.6, 1: 1.0, 2: -2.0, 3: -0.3, 4: 0.5, 5: 0.0, 6: -0.5}
CLOSENESS_WEIGHT = 1.0  # weight of how close the fragment and the head word are in the thesaurus
CONTEXT_WEIGHT = 1.0  # weight of the language model's fit in the neighbours
SUPPORTED_LM_GAP = 2.0  # a candidate the related texts use trails the best fit by at most this
SLOT_BONUS = 2.0  # log10 evidence of a fully aligned related slot holding the word
SLOT_WAIVER = 0.8  # ... which also waives this share of the language-model gap
OOV_PENALTY = 1.0  # log10: a word the language model does not know, beyond its unigram frequency
GLOSS_BONUS = 0.3  # the synonyms are also linked by a WordNet definition: a closer pair


@dataclass(frozen=True)
class Context:
    """The words around one occurrence (lower case; "" at a sentence edge or punctuation)."""

    prev: str
    next: str
    prev2: str = ""  # the word before ``prev``
    next2: str = ""  # the word after ``next``


def word_logp(lm: TrigramModel, res: RepairResources, word: str, *history: str) -> float:
    """log10 P(word | history); a word the model does not know gets its unigram frequency,
    penalised."""
    got = lm.logp(word, *history)
    return got if got is not None else res.freq(word) - 9.0 - OOV_PENALTY


def trigram_fit(lm: TrigramModel, res: RepairResources, word: str, c: Context) -> float:
    """log P(word | prev2 prev) plus, for each of the next two words, how much more (or less)
    likely ``word`` makes it: log P(next | prev word) - log P(next | prev), and the same one
    word further. A word the model does not know gets its unigram frequency, penalised."""
    s = lm.logp(word, c.prev2, c.prev)
    if s is None:
        return word_logp(lm, res, word)
    if c.next:
        s += _lift(lm, c.next, (c.prev, word), (c.prev2, c.prev))
        if c.next2:
            s += _lift(lm, c.next2, (word, c.next), ("", c.next))
    return s


def _lift(lm: TrigramModel, target: str, with_word: tuple[str, str], without: tuple[str, str]) -> float:
    a = lm.logp(target, *with_word)
    b = lm.logp(target, *without)
    return a - b if a is not None and b is not None else 0.0


def span_fit(res: RepairResources, before: list[str], words: list[str], after: list[str]) -> float:
    """log P of ``words`` and of the words ``after`` them, each given the two words before it
    (``before`` supplies the first history): how well a stretch reads in its place."""
    lm = trigram_model()
    seq = [*before, *words, *after]
    total = 0.0
    for i in range(len(before), len(seq)):
        total += word_logp(lm, res, seq[i], *seq[max(0, i - 2) : i])
    return total


def context_score(res: RepairResources, word: str, contexts: list[Context]) -> float:
    """Mean over occurrences of ``trigram_fit``; the word's own probability without context."""
    lm = trigram_model()
    if not contexts:
        return word_logp(lm, res, word)
    return sum(trigram_fit(lm, res, word, c) for c in contexts) / len(contexts)


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
    if res is not None and c.steps == 1 and c.head in res.gloss.get(c.fragment, ()):
        s += GLOSS_BONUS
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
