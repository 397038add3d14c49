"""Tortured phrases: real-word synonym swaps that leave a rare pairing of common words.

Without a copy to align with, the evidence is only that one synonym of one word makes the
pair a very common phrase ("bosom cancer" is rare; "breast cancer" is not). That is
too weak to rewrite text, so these spots are flagged with their candidates, never applied.

Cost: O(n * s) bigram look-ups for n words and s close synonyms per word.
"""

from __future__ import annotations

from byline.model import Repair
from byline.repair.resources import RepairResources
from byline.repair.tokens import Token

COMMON = 4.0  # zipf of a word common enough that its pairings are well sampled
FREQUENT_PAIR = 6.5  # log10 count of a pair that a writer would have used
FLAG_CONFIDENCE = 0.3


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
