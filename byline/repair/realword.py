"""Whole-word swaps repaired from related documents (method "context").

A spinner also swaps whole words for real synonyms ("the ancient town" for "the old town");
alone, such a word is indistinguishable from a writer's choice. A related text telling the same
fact changes that: when the sentence holding the word is anchored to a related sentence (shared
figures or rare names), the related texts never use the word's stem, and one of its synonyms is
in that sentence beside the same neighbour (and the document never uses it), the synonym is
the likely original, provided it also fits the neighbours clearly better (a spinner picks
synonyms at random; a writer picks the idiom, so the reverse case is a legitimate choice).
Second route: an aligned related slot (byline.repair.slots: the same words on both sides) that
holds a synonym of the word, no rival slot, and the synonym reading clearly better here. Only
applied in a document already shown to be spun; confidence stays below alignment's.

Cost: O(n * s) for n words and s synonyms per word (set look-ups).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from byline.model import Repair
from byline.repair.context import FUNCTION_ZIPF, Local, RelatedContext, stem
from byline.repair.resources import RepairResources
from byline.repair.scoring import Context, context_score
from byline.repair.tokens import Token, in_spans

CONFIDENCE = 0.75  # both the anchored sentence and a shared neighbour support the synonym
FLAG_CONFIDENCE = 0.5  # one of them, or a tie between synonyms: flagged only
MIN_ZIPF = 2.5  # a word or synonym rarer than this is not judged (names, jargon)
SLOT_CONFIDENCE = 0.75  # an aligned related slot holds a synonym that reads at least as well
SLOT_STRENGTH = 0.75  # aligned related slots this strong may propose the synonym
SLOT_FIT_GAIN = 1.0  # log10: ... when it fits the neighbours this much better than the word
MIN_FIT_GAIN = 1.0  # log10: the synonym must fit the neighbours clearly better than the word


def _beside(ctx: RelatedContext, word: str, lo: Local) -> bool:
    """The related texts put ``word`` right next to one of this occurrence's neighbours."""
    return bool(
        (lo.before and (lo.before[-1], word) in ctx.pairs) or (lo.after and (word, lo.after[0]) in ctx.pairs)
    )


def spelling_variant(a: str, b: str) -> bool:
    """Spelling variants ("organisation", "organization") are not swaps."""
    return len(a) == len(b) and sum(x != y for x, y in zip(a, b, strict=True)) <= 1


def regional_variant(a: str, b: str) -> bool:
    """British and American spellings of one word ("centre", "center"; "jewellery", "jewelry"):
    an editor's change, not a spinner's."""
    return a != b and _american(a) == _american(b)


_REGIONAL = (
    (re.compile(r"our(?=s?$|ed$|ing$|ite|able|hood|er)"), "or"),  # favour, neighbourhood
    (re.compile(r"(?<=[^aeiou])re(?=s?$|d$)"), "er"),  # centre, theatres, metred
    (re.compile(r"is(?=e[sd]?$|ing$|ation)"), "iz"),  # mobilise, organisation
    (re.compile(r"ys(?=e[sd]?$|ing$)"), "yz"),  # analyse
    (re.compile(r"(?<=[aeiou])ll(?=ed$|ing$|er[sy]?$|ery$)"), "l"),  # travelled, jewellery
    (re.compile(r"ence(?=s?$)"), "ense"),  # defence
    (re.compile(r"ogue(?=s?$)"), "og"),  # catalogue
)


def _american(word: str) -> str:
    if len(word) < 5:  # "four", "hour": nothing to respell
        return word
    for pattern, repl in _REGIONAL:
        word = pattern.sub(repl, word)
    return word.replace("elery", "elry")  # jewellery -> jewelery -> jewelry


def _slot_swap(w: str, lo: Local, res: RepairResources, own_fit: float, around: Context) -> str | None:
    """The synonym an aligned related slot holds in place of ``w``, when the slot is strong,
    no other slot rivals it and the synonym reads at least as well here."""
    strong = [s for s in lo.slots if s.strength >= SLOT_STRENGTH]
    if not strong or any(stem(s.word) == stem(w) for s in lo.slots):
        return None
    h = strong[0].word
    if len(strong) > 1 and strong[1].strength >= strong[0].strength - 0.1:
        return None  # two slots about as strong: not one aligned sentence
    if h not in res.synonyms(w) or spelling_variant(w, h) or not MIN_ZIPF <= res.freq(h) < FUNCTION_ZIPF:
        return None
    if context_score(res, h, [around]) < own_fit + SLOT_FIT_GAIN:
        return None
    return h


def real_word_repairs(
    text: str,
    tokens: list[Token],
    ctx: RelatedContext,
    res: RepairResources,
    locate: Callable[[list[Token], int], Local],
    blocked: Sequence[tuple[int, int]],
) -> list[Repair]:
    """Repairs (confidence CONFIDENCE) and flags (FLAG_CONFIDENCE) of real-word swaps."""
    out: list[Repair] = []
    for i, tok in enumerate(tokens):
        w = tok.text
        if not w.islower() or len(w) < 4 or not MIN_ZIPF <= res.freq(w) < FUNCTION_ZIPF:
            continue
        if stem(w) in ctx.stem_texts or in_spans(tok.start, tok.end, blocked):
            continue
        syns = res.synonyms(w)
        if not syns:
            continue
        lo = locate(tokens, i)
        before, after = ("", "", *lo.before)[-2:], (*lo.after, "", "")[:2]
        around = Context(before[1], after[0], before[0], after[1])
        own_fit = context_score(res, w, [around])
        slotted = _slot_swap(w, lo, res, own_fit, around)
        if slotted is not None:
            out.append(Repair(tok.start, tok.end, w, slotted, SLOT_CONFIDENCE, "context", ()))
            continue
        options: list[tuple[int, float, str]] = []
        for h in syns:
            if h not in lo.words or not MIN_ZIPF <= res.freq(h) < FUNCTION_ZIPF or spelling_variant(w, h):
                continue
            if stem(h) in ctx.own_stems:
                continue  # the document uses the synonym itself: no reason to think it was swapped
            near = _beside(ctx, h, lo)
            strong = h in res.strong.get(w, ())
            fits = context_score(res, h, [around]) >= own_fit + MIN_FIT_GAIN
            options.append((int(near) + int(strong) + int(fits), res.freq(h), h))
        if not options:
            continue
        options.sort(key=lambda x: (-x[0], -x[1], x[2]))
        best = options[0]
        tie = len(options) > 1 and options[1][0] == best[0]
        conf = CONFIDENCE if best[0] == 3 and not tie else FLAG_CONFIDENCE
        others = tuple(h for _, _, h in options[1:4])
        out.append(Repair(tok.start, tok.end, w, best[2], conf, "context", others))
    return out
