"""Test-only spinning for the repair benchmark: spun copies and rewritten siblings (never byline).

The spinner itself is bench/spinner.py (substring and whole-word swaps from Debian's WordNet
thesaurus, deterministic per seed), shared with the provenance benchmark. This module adds what
repair needs on top: a *rewritten sibling* of an article, the way a second outlet rewrites the
same report: 40% of its sentences dropped, the rest shuffled, then spun independently. It is
never the same text as the one being repaired, so it is context, not a copy to align with.
"""

from __future__ import annotations

import random
import re

from spinner import spin

_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")
DROP = 0.4


def rewrite_sibling(text: str, rate: float, seed: int, drop: float = DROP) -> str:
    """``text`` with ``drop`` of its sentences removed, the rest shuffled and spun at ``rate``."""
    rng = random.Random(seed)
    sentences = [m.group().strip() for m in _SENTENCE.finditer(text) if m.group().strip()]
    kept = [s for s in sentences if rng.random() >= drop]
    rng.shuffle(kept)
    spun, _ = spin(" ".join(kept), rate, seed + 1)
    return spun


def spin_with_swaps(text: str, rate: float, seed: int) -> tuple[str, list[tuple[int, int, str, str]]]:
    """The spun text and its swaps as (start, end, original, replacement) in the SPUN text."""
    spun, swaps = spin(text, rate, seed)
    shift = 0
    out = []
    for start, end, orig, rep in swaps:
        out.append((start + shift, start + shift + len(rep), orig, rep))
        shift += len(rep) - (end - start)
    return spun, out
