"""Tortured phrases: real-word synonym swaps that leave an unlikely phrase.

Without a copy to align with, the evidence is only that a close synonym of one word makes the
phrase far likelier ("bosom cancer" is rare; "breast cancer" is not). Two strengths of it:

- ``tortured_flags``: a pair of common words never seen together (a bigram list), where one
  synonym gives a frequent pair: flagged with the best swaps, never applied.
- ``phrase_swaps``: the trigram language model reads the word's two neighbours on each side
  and one close (WordNet) synonym makes the stretch at least ``APPLY_GAIN`` log10 likelier
  than the word itself. In a visibly spun document the document applies these, at low
  confidence (``PHRASE_CONFIDENCE``); elsewhere a writer's unusual word is left alone.

Cost: O(n * s) bigram look-ups (flags); O(n * s) language-model look-ups of a few words each
for n words and s close synonyms per word (phrase swaps).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from byline.model import Repair
from byline.repair.ngram import trigram_model
from byline.repair.realword import spelling_variant
from byline.repair.resources import RepairResources
from byline.repair.scoring import Context, span_fit
from byline.repair.tokens import Token, in_spans, joined

COMMON = 4.0  # zipf of a word common enough that its pairings are well sampled
FREQUENT_PAIR = 6.5  # log10 count of a pair that a writer would have used
FLAG_CONFIDENCE = 0.3  # an unlikely pair of common words a synonym makes frequent: flagged, never applied
APPLY_GAIN = 4.0  # log10: the synonym makes the stretch this much likelier than the word
PHRASE_CONFIDENCE = 0.5  # a phrase swap applied in a visibly spun document (no copy confirms it)
WORD_ZIPF = (3.0, 6.0)  # words swapped: content words, neither rare nor function words
SYNONYM_ZIPF = (3.0, 6.5)  # the synonym put back: a content word too, may be more common


def tortured_flags(text: str, tokens: list[Token], res: RepairResources) -> list[Repair]:
    """Adjacent common lower-case words never seen together, where swapping one of them for a
    close synonym gives a frequent phrase: flagged with the best swaps."""
    out: list[Repair] = []
    for a, b in zip(tokens, tokens[1:], strict=False):
        if text[a.end : b.start] != " " or not (a.text.islower() and b.text.islower()):
            continue
        la, lb = a.lower, b.lower
        if min(res.freq(la), res.freq(lb)) < COMMON or res.bigram_score(la, lb):
            continue
        if len(la) < 4 or len(lb) < 4:
            continue  # function words pair with anything
        options: list[tuple[float, str]] = []
        for alt in res.strong.get(la, ()):
            s = res.bigram_score(alt, lb)
            if s >= FREQUENT_PAIR:
                options.append((s, f"{alt} {lb}"))
        for alt in res.strong.get(lb, ()):
            s = res.bigram_score(la, alt)
            if s >= FREQUENT_PAIR:
                options.append((s, f"{la} {alt}"))
        if not options:
            continue
        options.sort(key=lambda x: (-x[0], x[1]))
        phrases = [p for _, p in options[:3]]
        out.append(
            Repair(
                a.start,
                b.end,
                text[a.start : b.end],
                phrases[0],
                FLAG_CONFIDENCE,
                "tortured",
                tuple(phrases[1:]),
            )
        )
    return out


def phrase_swaps(
    text: str,
    tokens: list[Token],
    res: RepairResources,
    context: Callable[[int], Context],
    blocked: Sequence[tuple[int, int]] = (),
) -> list[Repair]:
    """Whole-word swaps the language model undoes: lower-case content words, with neighbours
    on both sides and no name among the nearest two, for which one close synonym reads at
    least ``APPLY_GAIN`` likelier in the word's place (``context(i)``: token ``i``'s
    neighbours, two on each side within the clause)."""
    lm = trigram_model()
    out: list[Repair] = []
    for i, tok in enumerate(tokens):
        w = tok.text
        if not w.islower() or len(w) < 4 or not WORD_ZIPF[0] <= res.freq(w) < WORD_ZIPF[1]:
            continue
        if in_spans(tok.start, tok.end, blocked) or lm.logp(w) is None:
            continue  # a word the model does not know ("ransomware") reads badly anywhere
        options = [
            h
            for h in res.strong.get(w, ())
            if SYNONYM_ZIPF[0] <= res.freq(h) < SYNONYM_ZIPF[1] and not _variant(w, h)
        ]
        if not options:
            continue
        if any(tokens[j].text[:1].isupper() for j in _clause_neighbours(text, tokens, i)):
            continue  # beside a name (or a sentence start) the model reads the phrase poorly
        c = context(i)
        if not (c.prev and c.next) or any(
            lm.logp(x) is None for x in (c.prev2, c.prev, c.next, c.next2) if x
        ):
            continue  # one side alone, or a word the model does not know, judges a word poorly
        before = [x for x in (c.prev2, c.prev) if x]
        after = [x for x in (c.next, c.next2) if x]
        own = span_fit(res, before, [w], after)
        fits = sorted(((span_fit(res, before, [h], after), h) for h in options), reverse=True)
        if fits[0][0] - own < APPLY_GAIN:
            continue
        others = tuple(h for _, h in fits[1:3])
        out.append(Repair(tok.start, tok.end, w, fits[0][1], PHRASE_CONFIDENCE, "tortured", others))
    return out


def _clause_neighbours(text: str, tokens: list[Token], i: int) -> list[int]:
    """Indexes of up to two tokens on each side of token ``i`` not cut off by punctuation."""
    out: list[int] = []
    for step in (-1, 1):
        k = i
        for _ in range(2):
            j = k + step
            if not 0 <= j < len(tokens):
                break
            if not joined(text, *((tokens[j], tokens[k]) if step < 0 else (tokens[k], tokens[j]))):
                break
            out.append(j)
            k = j
    return out


def _variant(a: str, b: str) -> bool:
    """Spelling variants ("organisation", "organization") and inflections are not swaps."""
    return spelling_variant(a, b) or a.startswith(b) or b.startswith(a)
