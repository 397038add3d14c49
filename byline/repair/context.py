"""Evidence from related documents (rewrites and summaries of the same report).

A rewrite keeps about half of the original's words, names and collocations, so a candidate
repair that the related texts use (the word, its stem, or the word beside the same neighbour)
is likelier than a thesaurus alternative they never use. Anchors sharpen this: a related
sentence that shares figures or names with the spun sentence tells the same fact, so its
words are the local vocabulary of that sentence.

Cost: building is O(total words of the related texts); one anchor lookup is O(sentences).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import snowballstemmer

from byline.repair.candidates import Candidate, joins
from byline.repair.resources import RepairResources
from byline.repair.slots import (
    CONTENT_WEIGHT,
    CONTENT_ZIPF,
    FUNCTION_WEIGHT,
    Slot,
    SlotIndex,
    build_slot_index,
)
from byline.repair.tokens import WORD_RE
from byline.textkit.sentences import STOP_PIECE_RE as _SENTENCE

STEM_BONUS = 1.5  # log10 evidence: every related text uses the candidate's stem
WORD_BONUS = 0.3  # ... and the word itself
OWN_FACTOR = 0.3  # the document itself still uses the stem intact
LOCAL_BONUS = 1.0  # ... in a sentence telling the same fact (shared figures or names)
PAIR_BONUS = 0.5  # ... near the same neighbour (within WINDOW words: collocations)
WINDOW = 3  # words after a word counted as its neighbours (collocation pairs)
MIN_CONTENT_WEIGHT = 0.4  # a content word used in most related sentences still beats a function word
SLOT_SYNONYM = 0.5  # an aligned slot holding a synonym supports a word at this share
SLOT_CANDIDATE_STRENGTH = 0.9  # aligned slots this strong propose two-level candidates
ANCHOR_MIN = 1.0  # anchor weight: shared figures (x2) and names, each by inverse sentence frequency
MAX_ANCHORS = 3  # related sentences kept per sentence, heaviest anchors first
SHARED_SYNONYMS = 5  # synonyms two words must share to count as related without a direct link
FUNCTION_ZIPF = 6.0  # words this common are function words: never context candidates
_INFLECTIONS = ("", "e", "s", "es", "ed", "d", "ing", "ly", "er", "ers")
_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_SUFFIXES = (
    "ingly", "ations", "ation", "ments", "ment", "ings", "ing", "edly", "ers", "er", "ed", "es",
    "en", "ly", "s", "d", "e",
)  # fmt: skip


@lru_cache(maxsize=1 << 16)
def stem(word: str) -> str:
    """The Snowball (Porter 2) stem: one key for a word's inflections and close derivations
    ("decision", "decisive" -> "decis")."""
    return _snowball().stemWord(word.lower())


@lru_cache(maxsize=1)
def _snowball() -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer("english")


def base_of(word: str) -> str:
    """A crude inflection-blind base that inflections are built on ("offering" -> "offer")."""
    w = word.lower()
    for suf in _SUFFIXES:
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            w = w[: -len(suf)]
            break
    if len(w) >= 4 and w.endswith("e"):
        w = w[:-1]
    if len(w) >= 4 and w[-1] == w[-2] and w[-1] not in "aeiou":
        w = w[:-1]
    return w


def _anchor_keys(sentence: str) -> frozenset[str]:
    """Figures and capitalised words past the sentence's first word: what a rewrite keeps."""
    keys = {"#" + n.replace(",", "") for n in _NUMBER.findall(sentence) if len(n) >= 2}
    words = WORD_RE.findall(sentence)
    keys.update(w.lower() for w in words[1:] if w[:1].isupper() and len(w) >= 3)
    return frozenset(keys)


@dataclass(frozen=True)
class Sentence:
    keys: frozenset[str]
    words: frozenset[str]
    stems: frozenset[str]


@dataclass
class RelatedContext:
    """Vocabulary of the related texts (stems with the number of texts using them, adjacent
    pairs, anchored sentences) and the stems of the document being repaired."""

    words: frozenset[str] = frozenset()
    stem_texts: dict[str, int] = field(default_factory=dict)
    texts: int = 0
    pairs: frozenset[tuple[str, str]] = frozenset()  # (w, v): v within WINDOW words after w
    sentences: list[Sentence] = field(default_factory=list)
    key_weight: dict[str, float] = field(default_factory=dict)
    own_stems: frozenset[str] = frozenset()
    slot_index: SlotIndex = field(default_factory=SlotIndex)
    slot_weight: dict[str, float] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.words)

    def anchored(self, sentence: str) -> tuple[frozenset[str], frozenset[str]]:
        """Words and stems of the related sentences that share figures or rare names with
        ``sentence`` (each key weighted by its inverse sentence frequency)."""
        keys = _anchor_keys(sentence)
        if not keys:
            return frozenset(), frozenset()
        scored = []
        for k, s in enumerate(self.sentences):
            weight = sum(self.key_weight.get(x, 0.0) for x in keys & s.keys)
            if weight >= ANCHOR_MIN:
                scored.append((weight, k))
        scored.sort(reverse=True)
        words: set[str] = set()
        stems: set[str] = set()
        for _, k in scored[:MAX_ANCHORS]:
            words |= self.sentences[k].words
            stems |= self.sentences[k].stems
        return frozenset(words), frozenset(stems)


@dataclass(frozen=True)
class _TextIndex:
    """One related text's sentences, word sequences, adjacent pairs, words and stems."""

    sentences: tuple[Sentence, ...]
    seqs: tuple[list[str], ...]  # read-only
    pairs: frozenset[tuple[str, str]]
    words: frozenset[str]
    stems: frozenset[str]


# Related texts indexed per process: the documents of one origin are each other's related
# texts, so a worker re-repairing several of them reads the same texts again.
TEXT_INDEX_CACHE = 128


@lru_cache(maxsize=TEXT_INDEX_CACHE)
def _text_index(text: str) -> _TextIndex:
    """O(words of the text)."""
    pairs: set[tuple[str, str]] = set()
    sentences: list[Sentence] = []
    seqs: list[list[str]] = []
    words: set[str] = set()
    seen: set[str] = set()
    for m in _SENTENCE.finditer(text):
        toks = [w.lower() for w in WORD_RE.findall(m.group())]
        if not toks:
            continue
        for d in range(1, WINDOW + 1):
            pairs.update(zip(toks, toks[d:], strict=False))
        seqs.append(toks)
        sw = frozenset(toks)
        words |= sw
        stems = frozenset(stem(w) for w in sw)
        seen |= stems
        sentences.append(Sentence(_anchor_keys(m.group()), sw, stems))
    return _TextIndex(tuple(sentences), tuple(seqs), frozenset(pairs), frozenset(words), frozenset(seen))


def related_context(
    texts: Sequence[str], own_text: str = "", res: RepairResources | None = None
) -> RelatedContext:
    """Index the related texts once per document repaired (``own_text``: that document;
    ``res``: word frequencies telling content words from function words for slot matching)."""
    words: set[str] = set()
    stem_texts: dict[str, int] = {}
    pairs: set[tuple[str, str]] = set()
    sentences: list[Sentence] = []
    seqs: list[list[str]] = []
    for text in texts:
        one = _text_index(text)
        words |= one.words
        pairs |= one.pairs
        sentences.extend(one.sentences)
        seqs.extend(one.seqs)
        for st in one.stems:
            stem_texts[st] = stem_texts.get(st, 0) + 1
    df: dict[str, int] = {}
    for sent in sentences:
        for key in sent.keys:
            df[key] = df.get(key, 0) + 1
    n = max(1, len(sentences))
    scale = math.log2(1 + n)
    weights = {k: (2.0 if k[0] == "#" else 1.0) * math.log2(1 + n / d) / scale for k, d in df.items()}
    own = frozenset(stem(w) for w in WORD_RE.findall(own_text.lower()))
    slot_weight = _slot_weights(seqs, res)
    slots = build_slot_index(seqs, lambda w: slot_weight[w] > FUNCTION_WEIGHT)
    return RelatedContext(
        frozenset(words), stem_texts, len(texts), frozenset(pairs), sentences, weights, own, slots,
        slot_weight,
    )  # fmt: skip


def _slot_weights(seqs: Sequence[Sequence[str]], res: RepairResources | None) -> dict[str, float]:
    """Matching weight per related word: function words little, content words by their inverse
    sentence frequency (a name in every sentence anchors nothing)."""
    df: dict[str, int] = {}
    for seq in seqs:
        for w in set(seq):
            df[w] = df.get(w, 0) + 1
    scale = math.log(1 + max(1, len(seqs)))
    out: dict[str, float] = {}
    for w, d in df.items():
        content = len(w) >= 3 and (res.freq(w) < CONTENT_ZIPF if res is not None else len(w) >= 4)
        idf = math.log(1 + len(seqs) / d) / scale
        out[w] = max(MIN_CONTENT_WEIGHT, CONTENT_WEIGHT * idf) if content else FUNCTION_WEIGHT
    return out


@dataclass(frozen=True)
class Local:
    """One occurrence's neighbours and its sentence's anchored vocabulary."""

    before: tuple[str, ...]  # up to WINDOW words before, nearest last
    after: tuple[str, ...]
    words: frozenset[str]
    stems: frozenset[str]
    slots: tuple[Slot, ...] = ()


def context_prior(ctx: RelatedContext, word: str, locals_: Sequence[Local]) -> float:
    """log10-scale bonus for a candidate the related texts support (0 when they are silent).

    Support grows with the share of related texts using the word's stem; a stem the document
    itself still uses intact explains those uses, so it counts for less.
    """
    if not ctx:
        return 0.0
    s = stem(word)
    used = ctx.stem_texts.get(s, 0)
    if not used:
        return 0.0
    bonus = STEM_BONUS * used / ctx.texts + (WORD_BONUS if word in ctx.words else 0.0)
    if locals_:
        hits = sum(word in lo.words or s in lo.stems for lo in locals_)
        pairs = sum(
            any((b, word) in ctx.pairs for b in lo.before) or any((word, a) in ctx.pairs for a in lo.after)
            for lo in locals_
        )
        bonus += LOCAL_BONUS * hits / len(locals_) + PAIR_BONUS * pairs / len(locals_)
    return bonus * (OWN_FACTOR if s in ctx.own_stems else 1.0)


def slot_support(ctx: RelatedContext, word: str, locals_: Sequence[Local], res: RepairResources) -> float:
    """In [0, 1]: how strongly aligned related slots hold ``word`` (same stem) or, at a lower
    rate, a synonym of it, averaged over the occurrences."""
    if not ctx or not locals_:
        return 0.0
    s = stem(word)
    total = 0.0
    for lo in locals_:
        best = 0.0
        for slot in lo.slots:
            if stem(slot.word) == s:
                best = max(best, slot.strength)
            elif slot.strength * SLOT_SYNONYM > best and related_words(word, slot.word, res):
                best = slot.strength * SLOT_SYNONYM
        total += best
    return total / len(locals_)


def base_forms(word: str, res: RepairResources) -> set[str]:
    """Thesaurus entries ``word`` may inflect ("closed" -> "close", "tries" -> "try")."""
    out = {word} if word in res.syn else set()
    for suf in ("ing", "ed", "es", "ly", "d", "s"):
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            b = word[: -len(suf)]
            undoubled = b[:-1] if len(b) > 3 and b[-1] == b[-2] else ""
            for v in (b, b + "e", undoubled, b[:-1] + "y" if b.endswith("i") else ""):
                if v in res.syn:
                    out.add(v)
    return out


def related_words(a: str, b: str, res: RepairResources) -> bool:
    """``a`` and ``b`` (or the words they inflect) are thesaurus synonyms."""
    if b in res.synonyms(a):
        return True
    bases_b = base_forms(b, res)
    return any(res.synonyms(x) & bases_b for x in base_forms(a, res))


def slot_candidates(
    nonword: str, cands: Sequence[Candidate], slots: Sequence[Slot], res: RepairResources
) -> list[Candidate]:
    """Two-level spins: the spinner swapped a whole word for a synonym, then part of that
    synonym ("invoked" -> "pleaded" -> "p" + "guided"). When an aligned related slot holds a
    word whose inflection (with the non-word's ending) is a synonym of one of the non-word's
    reversals, that inflection is a candidate (steps 5)."""
    out: dict[str, Candidate] = {}
    known = {c.word for c in cands}
    for slot in slots:
        if slot.strength < SLOT_CANDIDATE_STRENGTH:
            continue
        base = base_of(slot.word)
        for suf in _INFLECTIONS:
            for form in joins("", base, suf) if suf else (base, slot.word):
                if form in known or form in out or form[-2:] != nonword[-2:]:
                    continue
                if not 2.5 <= res.freq(form) < FUNCTION_ZIPF:
                    continue
                via = next((c for c in cands if c.steps and related_words(c.word, form, res)), None)
                if via is not None:
                    out[form] = Candidate(form, via.fragment, via.word, 5, False, via.pos)
    return list(out.values())


def candidate_forms(ctx: RelatedContext, res: RepairResources) -> list[str]:
    """Content words of the related texts and their frequent inflections (the related text may
    say "invoking" where the spun one had "invoked"): the words context candidates come from."""
    out: set[str] = set()
    memo = _forms_memo(res)
    for word in ctx.words:
        forms = memo.get(word)
        if forms is None:
            forms = memo[word] = _forms_of(word, res)
        out.update(forms)
    return sorted(out)


# Each word's forms depend on the word and the resources alone, and the related texts of one
# story share most of their words: kept per process, for the resources object in use.
_FORMS_MEMO: dict[int, tuple[RepairResources, dict[str, tuple[str, ...]]]] = {}


def _forms_memo(res: RepairResources) -> dict[str, tuple[str, ...]]:
    held = _FORMS_MEMO.get(id(res))
    if held is None or held[0] is not res:
        _FORMS_MEMO.clear()  # one resources object per process in a build
        held = _FORMS_MEMO[id(res)] = (res, {})
    return held[1]


def _forms_of(word: str, res: RepairResources) -> tuple[str, ...]:
    """The word when it is a content word, and its frequent inflections."""
    if len(word) < 4 or not 2.5 <= res.freq(word) < FUNCTION_ZIPF:
        return ()
    out = {word}
    base = base_of(word)
    for suf in _INFLECTIONS:
        for w in joins("", base, suf) if suf else (base,):
            if 2.5 <= res.freq(w) < FUNCTION_ZIPF:
                out.add(w)
    return tuple(out)


def relation_steps(a: str, b: str, res: RepairResources) -> int:
    """1: synonyms; 2: two steps apart; 4: loosely related (many shared synonyms); 0: unrelated."""
    sa = res.synonyms(a)
    if b in sa:
        return 1
    if b in res.synonyms2(a) or a in res.synonyms2(b):
        return 2
    return 4 if len(sa & res.synonyms(b)) >= SHARED_SYNONYMS else 0


def context_candidates(nonword: str, res: RepairResources, forms: Sequence[str]) -> list[Candidate]:
    """Related-text words (``candidate_forms``) that the non-word may have replaced: the two
    share a prefix and a suffix, and the middles are a thesaurus word and a related word.

    Cost: O(L^2 + splits * |forms|) per non-word of length L.
    """
    n = len(nonword)
    splits = [
        (p, q, nonword[p : n - q])
        for p in range(0, n - 2)
        for q in range(0, n - p - 2)
        if nonword[p : n - q] in res.syn
    ]
    out: dict[str, Candidate] = {}
    for p, q, mid in splits:
        prefix, suffix = nonword[:p], nonword[n - q :]
        for form in forms:
            if form in out or not form.startswith(prefix) or (suffix and form[-1] != suffix[-1]):
                continue
            head = _head_of(form, prefix, suffix, res)
            if head and head != mid:
                steps = relation_steps(mid, head, res)
                if steps:
                    out[form] = Candidate(form, mid, head, steps, head in res.strong.get(mid, ()), p)
    return list(out.values())


def _head_of(form: str, prefix: str, suffix: str, res: RepairResources) -> str | None:
    """The known word W of 3+ letters with ``joins(prefix, W, suffix)`` giving ``form``."""
    body = form[len(prefix) :]
    for k in range(3, len(body) + 1):
        for head in (body[:k], body[:k] + "e", body[: k - 1] + "y"):
            if len(head) >= 3 and head in res.syn and form in joins(prefix, head, suffix):
                return head
    return None
