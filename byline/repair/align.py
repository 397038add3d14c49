"""Repair by alignment with a near-verbatim copy of the same source found in the corpus.

Where the two texts agree word for word around a short differing stretch, the copy's words
are the likeliest original when the document's side is a non-word or a synonym swap of it
(a rewrite's legitimate edit is neither, and is left alone). The copy may itself be spun, so a
real-word swap is undone only when the copy's words fit the neighbours clearly better, unless
the copy is visibly the cleaner side: where the two differ, this document shows non-words and
the copy (almost) none. Then the copy is the better witness of the original wording and its
synonym is taken as it stands; where we are visibly the cleaner side, our real words stay.
Real words are judged at all only where the texts differ at a spinner's density: an editor's
lone rewording is no swap.

Cost: difflib's matcher, roughly O(n * m) in the worst case and near-linear for copies.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from byline.model import Repair
from byline.repair.candidates import generate
from byline.repair.realword import regional_variant
from byline.repair.resources import RepairResources
from byline.repair.scoring import span_fit
from byline.repair.tokens import Token, in_spans, is_nonword, match_case, tokenize
from byline.textkit import stop_spans as sentence_spans

MAX_STRETCH = 3  # longest replaced stretch (words a side) judged; longer ones are rewording
SENTENCE_MATCH = 0.7  # a related sentence this alike word for word is a copy of ours, spun its own way
SENTENCE_MIN_WORDS = 6  # shorter sentences (datelines, captions) match too much to align
_CONF_NONWORD = 0.97  # confidence of a non-word repaired from an aligned copy
_CONF_SYNONYM = 0.85  # ... and of a real word swapped back (the copy may hold the swap)
MIN_FIT_GAIN = 0.5  # log10: a real-word swap is undone only when the copy's words read better
VOCAB_BONUS = 1.0  # log10: ... counting a word the other text uses elsewhere as 10x likelier there
COMMON_MIN_ZIPF = 3.0  # synonyms two swaps share, as options, are at least this frequent
MIN_SWAP_RATE = 0.02  # spinner-like differences per word below which two texts differ by an editor
# Which side is spun, from the non-words each shows where the texts differ:
CLEANER_COPY = 0.25  # the copy is the cleaner side with at most this share of our non-words
CLEAN_SIDE_MIN = 3  # we are the cleaner side showing none against at least this many
SIDE_WEIGHT = 2.0  # log10 per unit of log10 non-word odds: a prior on the model's choice


def _nonwords(tokens: Sequence[Token], res: RepairResources) -> int:
    return sum(1 for t in tokens if t.text.islower() and is_nonword(t.text, res))


def differing_nonwords(
    a: Sequence[Token], b: Sequence[Token], opcodes: Sequence[tuple], res: RepairResources
) -> tuple[int, int]:
    """Lower-case non-words of ``a`` and of ``b`` where the two texts differ."""
    ours = theirs = 0
    for op, i1, i2, j1, j2 in opcodes:
        if op != "equal":
            ours += _nonwords(a[i1:i2], res)
            theirs += _nonwords(b[j1:j2], res)
    return ours, theirs


def _swap_marks(
    a: Sequence[Token], b: Sequence[Token], opcodes: Sequence[tuple], res: RepairResources
) -> int:
    """Word-for-word differences of two texts that look like a spinner's: a non-word on either
    side, or two words the thesauri relate."""
    n = 0
    for op, i1, i2, j1, j2 in opcodes:
        if op == "replace" and i2 - i1 == j2 - j1:
            n += sum(1 for x, y in zip(a[i1:i2], b[j1:j2], strict=True) if _looks_swapped(x, y, res))
    return n


def _looks_swapped(x: Token, y: Token, res: RepairResources) -> bool:
    if is_nonword(x.text, res) or is_nonword(y.text, res):
        return True
    return _related(x.lower, y.lower, res) or bool(_common(x.lower, y.lower, res))


def copy_is_cleaner(ours: int, theirs: int) -> bool:
    """Where the texts differ, we show non-words and the copy none (or a quarter as many, from 4 up)."""
    return (ours >= 2 and theirs == 0) or (ours >= 4 and theirs <= CLEANER_COPY * ours)


@dataclass(frozen=True)
class _Vocabulary:
    """The words each side uses anywhere (lower case)."""

    ours: frozenset[str]
    copy: frozenset[str]


@dataclass
class Alignment:
    """Repairs from the copy, the number of aligned word swaps seen, and the spans of our words
    a visibly cleaner copy holds identically (confirmed: rare words, not spins)."""

    repairs: list[Repair] = field(default_factory=list)
    swaps: int = 0
    confirmed: list[tuple[int, int]] = field(default_factory=list)


def _related(a: str, b: str, res: RepairResources) -> bool:
    return b in res.synonyms(a) or b in res.synonyms2(a) or a in res.synonyms2(b)


def align_repairs(
    text: str,
    copy_text: str,
    res: RepairResources,
    protected: Sequence[tuple[int, int]] = (),
    others: Sequence[str] = (),
    confirm: bool = True,
) -> Alignment:
    """Repairs of ``text`` from ``copy_text``, the aligned word swaps seen and, when the copy is
    visibly the cleaner side, the spans of the words it confirms.

    ``others``: further copies of the same source. Each votes on every real-word swap the
    copy proposes, word by word: the word it holds at that spot counts for the copy's word or
    for ours (this document's word counts once for itself). A majority decides; on a tie a
    visibly cleaner copy wins; else, where the copies hold three or more words and exactly one
    of them is a synonym of all the others, that one (the original, each spinner having
    swapped it its own way); else the language model picks among our word, the copy's and
    the synonyms of ours the other copies hold. Independent spinners rarely pick the same synonym at
    the same spot, so two copies agreeing against one document are the original's wording.

    Which side is spun: where the texts differ, the side showing more non-words holds more of
    the swaps, whole-word ones included (a prior on the model's choice, SIDE_WEIGHT), and a
    side showing none against CLEAN_SIDE_MIN or more keeps its real words (an original aligned
    with its spun copy).
    """
    a = tokenize(text)
    b = tokenize(copy_text)
    if not a or not b:
        return Alignment()
    low = [t.lower for t in a]
    vocab = _Vocabulary(frozenset(low), frozenset(t.lower for t in b))
    sm = SequenceMatcher(None, low, [t.lower for t in b], autojunk=False)
    if sm.ratio() < 0.5:
        return Alignment()
    witnesses = [w for w in (_witness(low, other) for other in others) if w is not None]
    opcodes = sm.get_opcodes()
    ours_nw, theirs_nw = differing_nonwords(a, b, opcodes, res)
    trusted = copy_is_cleaner(ours_nw, theirs_nw)  # the copy's words are the original's
    run = _Aligning(
        text,
        copy_text,
        res,
        protected,
        a,
        witnesses,
        vocab,
        trusted,
        # a differing real word is ours or the copy's swap about as often as each side shows
        # non-words where they differ (spinners mix both kinds): the model's choice starts there
        prior=SIDE_WEIGHT * math.log10((ours_nw + 1) / (theirs_nw + 1)),
        ours_clean=ours_nw == 0 and theirs_nw >= CLEAN_SIDE_MIN,  # we are visibly the cleaner side
        # spinning is dense, an editor's rewording sparse: real words are judged only where the
        # texts differ by synonyms at a spinner's rate
        sparse=_swap_marks(a, b, opcodes, res) < MIN_SWAP_RATE * len(a),
    )
    for op, i1, i2, j1, j2 in opcodes:
        if op != "replace" or i2 - i1 > MAX_STRETCH or j2 - j1 > MAX_STRETCH:
            continue
        mine, theirs = a[i1:i2], b[j1:j2]
        if not all(res.freq(t.lower) >= 1.0 for t in theirs):
            continue  # the copy is mangled here too
        if len(mine) == len(theirs):  # word for word: each differing pair judged on its own
            run.word_for_word(i1, mine, theirs)
        else:
            run.uneven(mine, theirs)
    confirmed = (
        [(a[i1].start, a[i2 - 1].end) for op, i1, i2, _, _ in opcodes if op == "equal"]
        if trusted and confirm
        else []
    )
    return Alignment(run.repairs, run.swaps, confirmed)


@dataclass
class _Aligning:
    """One alignment of a text with its copy: what judges a differing stretch, and the repairs
    and swaps found so far."""

    text: str
    copy_text: str
    res: RepairResources
    protected: Sequence[tuple[int, int]]
    a: list[Token]  # our tokens
    witnesses: list[dict[int, str]]
    vocab: _Vocabulary
    trusted: bool  # the copy is visibly the cleaner side
    prior: float
    ours_clean: bool
    sparse: bool
    repairs: list[Repair] = field(default_factory=list)
    swaps: int = 0

    def word_for_word(self, i1: int, mine: list[Token], theirs: list[Token]) -> None:
        """A replaced stretch of as many words on each side: each differing pair on its own."""
        res, copy_text = self.res, self.copy_text
        pairs = [  # "centre" against "center" is an editor's change, not a spinner's
            (k, x, y)
            for k, (x, y) in enumerate(zip(mine, theirs, strict=True))
            if x.lower != y.lower and not regional_variant(x.lower, y.lower)
        ]
        # a synonym pair or a non-word in a short stretch marks it spun: its other words too
        # (also a synonym of ours another copy holds: the copy and we both swapped there)
        spun = any(
            _looks_swapped(x, y, res)
            or any(_related(x.lower, h, res) for h in _held(self.witnesses, i1 + k, x.lower))
            for k, x, y in pairs
        )
        mangled = any(is_nonword(x.text, res) for x in mine)  # and the copy's words are all real
        for k, x, y in pairs:
            nonword = is_nonword(x.text, res)
            if not spun or not _same_kind(x, y):
                continue
            word = _copy_span(copy_text, [y])
            if nonword and not _explains(x.lower, y.lower, res):
                continue  # the copy's word may be its own swap: the thesaurus reversal decides
            if not nonword:
                if self.ours_clean or self.sparse:
                    continue  # our real words are the original's: the copy's are its swaps
                got = _real_word_choice(
                    self.witnesses, self.a, i1 + k, x, y, self.trusted, mangled, self.vocab, self.prior, res
                )
                if got is None:
                    continue
                word = word if got == y.lower else match_case(x.text, got)
            self.swaps += 1
            _emit(self.repairs, self.text, [x], word, nonword, self.protected)

    def uneven(self, mine: list[Token], theirs: list[Token]) -> None:
        """Stretches of different lengths: only a non-word sharing an affix with the copy's words."""
        if not all(_same_kind(t, theirs[0]) for t in mine):
            return
        if not any(is_nonword(x.text, self.res) and _shares_affix(x, theirs) for x in mine):
            return
        self.swaps += 1
        _emit(self.repairs, self.text, mine, _copy_span(self.copy_text, theirs), True, self.protected)


def _real_word_choice(
    witnesses: Sequence[dict[int, str]],
    a: list[Token],
    i: int,
    x: Token,
    y: Token,
    trusted: bool,
    mangled: bool,
    vocab: _Vocabulary,
    prior: float,
    res: RepairResources,
) -> str | None:
    """The word to put in place of our real word ``x`` where the copy has ``y`` (lower case),
    or None to keep ours: the other copies' majority; on a tie a visibly cleaner copy; else the
    one word that is a synonym of all the others held here; else whichever of the copy's word
    and the other copies' synonyms of ours reads clearly better here. When the copy's word is
    no synonym of ours (and ours is not beside a non-word, where the copy is locally the
    cleaner side), neither is the other's swap: both may be spun, so the frequent synonyms the
    two words share join the options (the copy's word stays one: another spinner's thesaurus
    may hold a pair ours lacks). A word the other side uses elsewhere counts as VOCAB_BONUS
    likelier: the original's vocabulary recurs, a spinner's swap at one spot seldom does.
    ``prior``: log10 odds that the swap here is ours rather than the copy's."""
    verdict = _vote(witnesses, i, [x], [y])
    if verdict:
        return y.lower if verdict > 0 else None
    if trusted:
        return y.lower
    held = _held(witnesses, i, x.lower)
    hub = _hub({x.lower, y.lower, *held}, res)
    if hub is not None:
        return None if hub == x.lower else hub
    options = {y.lower} | {h for h in held if h != y.lower and _related(x.lower, h, res)}
    if not mangled and y.lower not in res.synonyms(x.lower):  # neither is the other's swap: both spun
        options = {h for h in options if h == y.lower or h in res.synonyms(x.lower)} | _common(
            x.lower, y.lower, res
        )
        if not options:
            return None
    before = [t.lower for t in a[max(0, i - 2) : i]]
    after = [t.lower for t in a[i + 1 : i + 3]]
    # a word the other side uses elsewhere is that text's own vocabulary: likelier the original
    own = span_fit(res, before, [x.lower], after) + VOCAB_BONUS * (x.lower in vocab.copy)
    fit, best = max(
        (span_fit(res, before, [h], after) + VOCAB_BONUS * (h in vocab.ours), h) for h in sorted(options)
    )
    return best if fit + prior >= own + MIN_FIT_GAIN else None


def _common(a: str, b: str, res: RepairResources) -> set[str]:
    """Frequent words that are thesaurus synonyms of both ``a`` and ``b``: where two copies
    hold two different swaps, the original is among them."""
    return {w for w in res.synonyms(a) & res.synonyms(b) if res.freq(w) >= COMMON_MIN_ZIPF}


def _explains(nonword: str, word: str, res: RepairResources) -> bool:
    """Whether reversing a substring swap of ``nonword`` can give ``word``, or nothing can
    (the thesaurus then has no answer of its own, and the copy's word is the only evidence)."""
    cands = generate(nonword, res)
    return not cands or any(c.word == word for c in cands)


def _held(witnesses: Sequence[dict[int, str]], i: int, ours: str) -> set[str]:
    """The words other than ours the other copies hold at our token ``i``."""
    return {h for w in witnesses if (h := w.get(i)) and h != ours}


def _hub(words: set[str], res: RepairResources) -> str | None:
    """Where three or more copies hold different words, the one that is a thesaurus synonym of
    every other (each spinner swapped the original for a synonym of its own choosing; the
    synonyms need not be synonyms of one another), when exactly one is."""
    if len(words) < 3:
        return None
    hubs = [w for w in words if all(o in res.synonyms(w) for o in words - {w})]
    return hubs[0] if len(hubs) == 1 else None


def _same_kind(x: Token, y: Token) -> bool:
    """Names, acronyms and accented words differ legitimately between copies ("AM", "PM"): a
    pair is comparable only when both are ASCII, not acronyms, and both capitalised or both not."""
    if len(x.text) > 1 and x.text.isupper():
        return False
    return x.text.isascii() and x.text[:1].isupper() == y.text[:1].isupper()


def _emit(
    repairs: list[Repair],
    text: str,
    mine: list[Token],
    replacement: str,
    nonword: bool,
    protected: Sequence[tuple[int, int]],
) -> None:
    start, end = mine[0].start, mine[-1].end
    if in_spans(start, end, protected):
        return
    repairs.append(
        Repair(
            start=start,
            end=end,
            text=text[start:end],
            replacement=replacement,
            confidence=_CONF_NONWORD if nonword else _CONF_SYNONYM,
            method="alignment",
        )
    )


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


def _shares_affix(tok: Token, theirs: list[Token]) -> bool:
    x = tok.lower
    return any(x[:2] == y.lower[:2] or x[-2:] == y.lower[-2:] for y in theirs)


def _copy_span(copy_text: str, theirs: list[Token]) -> str:
    return copy_text[theirs[0].start : theirs[-1].end]


def sentence_copy(text: str, related: Sequence[str]) -> str | None:
    """``text`` with each of its sentences that a related text holds nearly word for word (a
    rewrite or summary that kept the sentence, perhaps spun its own way) replaced by the most
    alike such sentence: a copy to align with, sentence by sentence. None when no sentence
    matches.

    Cost: a pair must share SENTENCE_MATCH of its distinct words, so it shares one of our
    rarest few (prefix filtering, as in set-similarity joins): only the related sentences
    holding one of those are compared, each with a word alignment.
    """
    theirs: list[tuple[str, list[str], frozenset[str]]] = []
    postings: dict[str, list[int]] = {}
    for sentence in (other[s:e] for other in related for s, e in sentence_spans(other)):
        words = [t.lower for t in tokenize(sentence)]
        if len(words) >= SENTENCE_MIN_WORDS:
            bag = frozenset(words)
            for w in bag:
                postings.setdefault(w, []).append(len(theirs))
            theirs.append((sentence.strip(), words, bag))
    if not theirs:
        return None
    out: list[str] = []
    pos = matched = 0
    for s, e in sentence_spans(text):
        words = [t.lower for t in tokenize(text[s:e])]
        if len(words) < SENTENCE_MIN_WORDS:
            continue
        own = frozenset(words)
        rarest = sorted(own, key=lambda w: (len(postings.get(w, ())), w))
        prefix = rarest[: len(own) - math.ceil(SENTENCE_MATCH * len(own)) + 1]
        best, best_ratio = None, SENTENCE_MATCH
        for k in sorted({k for w in prefix for k in postings.get(w, ())}):
            sent, seq, bag = theirs[k]
            if len(own & bag) < SENTENCE_MATCH * max(len(own), len(bag)):
                continue
            ratio = SequenceMatcher(None, words, seq, autojunk=False).ratio()
            if ratio >= best_ratio:
                best, best_ratio = sent, ratio
        if best is None:
            continue
        stripped = text[s:e].strip()
        start = s + text[s:e].index(stripped)
        out.append(text[pos:start])
        out.append(best)
        pos = start + len(stripped)
        matched += 1
    if not matched:
        return None
    out.append(text[pos:])
    return "".join(out)
