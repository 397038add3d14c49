"""Repair by alignment with a near-verbatim copy of the same source found in the corpus.

Where the two texts agree word for word around a short differing stretch, the copy's words
are the likeliest original when the document's side is a non-word or a synonym swap of it
(a rewrite's legitimate edit is neither, and is left alone). The copy may itself be spun, so a
real-word swap is undone only when the copy's words fit the neighbours clearly better, unless
the copy is visibly the cleaner side: where the two differ, this document shows non-words and
the copy (almost) none. Then the copy is the better witness of the original wording and its
synonym is taken as it stands.

Cost: difflib's matcher, roughly O(n * m) in the worst case and near-linear for copies.
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

from byline.model import Repair
from byline.repair.resources import RepairResources
from byline.repair.scoring import span_fit
from byline.repair.tokens import Token, in_spans, is_nonword, tokenize

MAX_STRETCH = 3
_CONF_NONWORD = 0.97
_CONF_SYNONYM = 0.85
MIN_FIT_GAIN = 0.5  # log10: a real-word swap is undone only when the copy's words read better
CLEANER_COPY = 0.25  # ... or when, where the texts differ, the copy has at most this share of our non-words


def _nonwords(tokens: Sequence[Token], res: RepairResources) -> int:
    return sum(1 for t in tokens if t.text.islower() and is_nonword(t.text, res))


def copy_is_cleaner(
    a: Sequence[Token], b: Sequence[Token], opcodes: Sequence[tuple], res: RepairResources
) -> bool:
    """Where the texts differ, ``a`` has non-words and ``b`` none (or a quarter as many, from 4 up)."""
    ours = theirs = 0
    for op, i1, i2, j1, j2 in opcodes:
        if op != "equal":
            ours += _nonwords(a[i1:i2], res)
            theirs += _nonwords(b[j1:j2], res)
    return (ours >= 2 and theirs == 0) or (ours >= 4 and theirs <= CLEANER_COPY * ours)


def _related(a: str, b: str, res: RepairResources) -> bool:
    return b in res.synonyms(a) or b in res.synonyms2(a) or a in res.synonyms2(b)


def align_repairs(
    text: str,
    copy_text: str,
    res: RepairResources,
    protected: Sequence[tuple[int, int]] = (),
    others: Sequence[str] = (),
) -> tuple[list[Repair], int]:
    """Repairs of ``text`` from ``copy_text`` and the number of aligned word swaps seen.

    ``others``: further copies of the same source. Each votes on every real-word swap the
    copy proposes: the word it holds at that spot counts for the copy's word or for ours (this
    document's word counts once for itself). A majority decides; a tie falls back to the rules
    above. Independent spinners rarely pick the same synonym at the same spot, so two copies
    agreeing against one document are the original's wording.
    """
    a = tokenize(text)
    b = tokenize(copy_text)
    if not a or not b:
        return [], 0
    low = [t.lower for t in a]
    sm = SequenceMatcher(None, low, [t.lower for t in b], autojunk=False)
    if sm.ratio() < 0.5:
        return [], 0
    witnesses = [w for w in (_witness(low, other) for other in others) if w is not None]
    repairs: list[Repair] = []
    swaps = 0
    opcodes = sm.get_opcodes()
    trusted = copy_is_cleaner(a, b, opcodes, res)
    for op, i1, i2, j1, j2 in opcodes:
        if op != "replace" or i2 - i1 > MAX_STRETCH or j2 - j1 > MAX_STRETCH:
            continue
        mine, theirs = a[i1:i2], b[j1:j2]
        if any(
            not t.text.isascii() or t.text[:1].isupper() != s.text[:1].isupper()
            for t in mine
            for s in theirs[:1]
        ):
            continue  # names and accents differ legitimately between copies
        if not all(res.freq(t.lower) >= 1.0 for t in theirs):
            continue  # the copy is mangled here too
        nonword = any(is_nonword(t.text, res) for t in mine)
        # one synonym pair in a short stretch of equal length marks a tortured phrase
        related = len(mine) == len(theirs) and any(
            _related(x.lower, y.lower, res) for x, y in zip(mine, theirs, strict=True) if x.lower != y.lower
        )
        partial = nonword and any(_shares_affix(x, theirs) for x in mine)
        if not (related or partial or (nonword and len(mine) == 1 and len(theirs) == 1)):
            continue
        verdict = _vote(witnesses, i1, mine, theirs) if not nonword else 0
        if verdict < 0 or (
            not verdict and not nonword and not trusted and not _fits_better(a, i1, i2, theirs, res)
        ):
            continue  # the copy may be the spun one: keep the word that reads like a writer's
        swaps += 1
        # word for word where the stretches have one length, so each repair covers one swap
        pieces = (
            [([x], [y]) for x, y in zip(mine, theirs, strict=True) if x.lower != y.lower]
            if len(mine) == len(theirs)
            else [(mine, theirs)]
        )
        for xs, ys in pieces:
            start, end = xs[0].start, xs[-1].end
            if in_spans(start, end, protected):
                continue
            repairs.append(
                Repair(
                    start=start,
                    end=end,
                    text=text[start:end],
                    replacement=_copy_span(copy_text, ys),
                    confidence=_CONF_NONWORD if nonword else _CONF_SYNONYM,
                    method="alignment",
                )
            )
    return repairs, swaps


def _witness(low: list[str], other: str) -> dict[int, str] | None:
    """What another copy holds at each of our token positions it aligns with word for word
    (equal runs and replaced runs of one length), or None when it is no copy of ours."""
    theirs = [t.lower for t in tokenize(other)]
    sm = SequenceMatcher(None, low, theirs, autojunk=False)
    if not theirs or sm.ratio() < 0.5:
        return None
    held: dict[int, str] = {}
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op in ("equal", "replace") and i2 - i1 == j2 - j1:
            held.update(zip(range(i1, i2), theirs[j1:j2], strict=True))
    return held


def _vote(witnesses: Sequence[dict[int, str]], i1: int, mine: list[Token], theirs: list[Token]) -> int:
    """+1: the other copies side with the copy's words, -1: with ours, 0: a tie or no witness.
    Counted over the differing words of a stretch of one length (ours votes for itself once,
    the aligned copy for its words once)."""
    if not witnesses or len(mine) != len(theirs):
        return 0
    score = 0
    for k, (x, y) in enumerate(zip(mine, theirs, strict=True)):
        if x.lower == y.lower:
            continue
        held = [w.get(i1 + k) for w in witnesses]
        score += held.count(y.lower) - held.count(x.lower)
    return (score > 0) - (score < 0)


def _fits_better(a: list[Token], i1: int, i2: int, theirs: list[Token], res: RepairResources) -> bool:
    """The copy's words fit this document's neighbours (two on each side) clearly better than
    its own words."""
    before = [t.lower for t in a[max(0, i1 - 2) : i1]]
    after = [t.lower for t in a[i2 : i2 + 2]]
    mine = span_fit(res, before, [t.lower for t in a[i1:i2]], after)
    return span_fit(res, before, [t.lower for t in theirs], after) >= mine + MIN_FIT_GAIN


def _shares_affix(tok: Token, theirs: list[Token]) -> bool:
    x = tok.lower
    return any(x[:2] == y.lower[:2] or x[-2:] == y.lower[-2:] for y in theirs)


def _copy_span(copy_text: str, theirs: list[Token]) -> str:
    return copy_text[theirs[0].start : theirs[-1].end]
