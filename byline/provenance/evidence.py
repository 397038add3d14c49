"""Evidence on one candidate pair: sentence alignment, claim containment, attribution; and the
pair's classification (verbatim, spun, rewrite, summary, translation) with a score.

Cost per pair: O(s_a x k) token-level edit distances for s_a sentences of the shorter document and
at most k candidate sentences each (found through shared content stems), plus O(features).
"""

from __future__ import annotations

import bisect
import math
import re
from collections import defaultdict
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from byline.model import DerivationKind
from byline.provenance.fingerprint import is_specific
from byline.provenance.signature import DocSignature
from byline.provenance.text import STOPWORDS, WORD_RE, content_stems, words
from byline.textkit import sentences

CANDIDATE_SENTENCES = 4  # sentences of the other text compared with each sentence (most shared stems)
SHINGLE = 5  # words per shingle, as in the MinHash
MIN_RUN_WORDS = 6  # a shared passage: at least two overlapping shingles
VERBATIM_SIM = 0.9  # token-level edit similarity of a verbatim (or near-verbatim) sentence
SPUN_SIM = 0.45  # same sentence, words swapped
PARAPHRASE_JACCARD = 0.3  # content-stem overlap of a paraphrased sentence
ORDER_MIN_STEMS = 3  # content stems two sentences share to count as one retold in order ...
ORDER_CONTAINMENT = 0.5  # ... and the share of the smaller sentence's stems they are


@dataclass(frozen=True)
class TextStats:
    """What ``classify`` reads of a document's text besides the alignment (kept with cached
    alignments: byline.provenance.cache)."""

    words: int
    english: float  # share of tokens that are English function words (translation cue)


@dataclass
class DocText:
    """A document cut into sentences for alignment (built only for documents in candidate pairs)."""

    tokens: list[list[str]]
    stems: list[set[str]]
    words: int
    english: float  # share of tokens that are English function words (translation cue)
    shingles: frozenset[int] = frozenset()  # hashed 5-word shingles of the whole text
    shingle_seq: tuple[int, ...] = ()  # ... in text order
    narration: tuple[bool, ...] = ()  # per shingle: outside quotation marks (see quoted_tokens)


QUOTE_RE = re.compile(r'["“”«»„]')


def quoted_tokens(text: str) -> list[bool]:
    """Per word token of ``text``: whether it stands inside double quotation marks. Straight
    quotes toggle; curly and angle quotes open and close; a paragraph break closes (a quote left
    open by a typo does not run to the end). O(len(text))."""
    marks = [(m.start(), m.group()) for m in QUOTE_RE.finditer(text)]
    breaks = [m.start() for m in re.finditer(r"\n\s*\n", text)]
    events = sorted([(p, c) for p, c in marks] + [(p, "\n") for p in breaks])
    flags, inside, k = [], False, 0
    for m in WORD_RE.finditer(text):
        while k < len(events) and events[k][0] < m.start():
            c = events[k][1]
            inside = (not inside) if c == '"' else c in "“«„" if c != "\n" else False
            k += 1
        flags.append(inside)
    return flags


def doc_text(text: str) -> DocText:
    """O(len(text)). Shingles run over the whole token stream, across sentence breaks, so that a
    copy whose sentences were fused or split differently by scraping still shares them; they are
    hashed with Python's hash (salted per process, compared only within one)."""
    toks = [words(s) for s in sentences(text)]
    toks = [t for t in toks if t]
    flat = sum(len(t) for t in toks)
    function = sum(1 for t in toks for w in t if w in STOPWORDS)
    flat_tokens = [w for t in toks for w in t]
    seq = tuple(hash(tuple(flat_tokens[i : i + SHINGLE])) for i in range(len(flat_tokens) - SHINGLE + 1))
    quoted = quoted_tokens(text)
    if len(quoted) != len(flat_tokens):  # the sentence view dropped or split a token: no quote marks
        quoted = [False] * len(flat_tokens)
    narration = tuple(sum(quoted[i : i + SHINGLE]) <= 1 for i in range(len(seq)))
    return DocText(
        toks,
        [set(content_stems(t)) for t in toks],
        flat,
        function / max(1, flat),
        frozenset(seq),
        seq,
        narration,
    )


def shared_runs(a: DocText, b: DocText) -> int:
    """How many separate passages of ``a``'s own narration (maximal runs of consecutive shingles,
    at least MIN_RUN_WORDS words outside quotation marks) appear word for word in ``b``. A copy
    shares many passages; two independent reports share a quote or two (the same official
    statement, quoted by both), and quotes do not count here. O(words of a)."""
    runs, length = 0, 0
    narration = a.narration or (True,) * len(a.shingle_seq)
    for h, own in zip((*a.shingle_seq, None), (*narration, False), strict=True):
        if h is not None and h in b.shingles:
            length += own
            if own:
                continue
        if length and length + SHINGLE - 1 >= MIN_RUN_WORDS:
            runs += 1
        length = 0
    return runs


@dataclass(frozen=True)
class Alignment:
    verbatim: float  # share of a's words in sentences with a verbatim match in b
    spun: float  # ... with a same-sentence-words-swapped match
    paraphrased: float  # ... with a paraphrase match
    b_covered: float  # share of b's words in sentences matched by a
    contiguous: bool  # the matched sentences of b form one run (truncation, not a selection)
    ordered: float = 0.0  # share of a's words retold in b's order (ordered_share; only with passages)
    containment: float = 0.0  # share of the smaller shingle set found in the other (exact)
    shared_shingles: int = 0
    runs: int = 0  # separate passages of a found word for word in b (shared_runs)


def align(a: DocText, b: DocText) -> Alignment:
    """Match every sentence of ``a`` to its best sentence of ``b``."""
    index: dict[str, list[int]] = defaultdict(list)
    for jb, stems_b in enumerate(b.stems):
        for s in stems_b:
            index[s].append(jb)
    exact = {tuple(t): jb for jb, t in enumerate(b.tokens)}
    kinds = {"verbatim": 0, "spun": 0, "paraphrased": 0}
    matched_b: set[int] = set()
    for toks, st in zip(a.tokens, a.stems, strict=True):
        j: int | None = exact.get(tuple(toks))
        kind = "verbatim" if j is not None else None
        if kind is None and st:
            counts: dict[int, int] = defaultdict(int)
            for s in st:
                for jj in index.get(s, ()):
                    counts[jj] += 1
            best = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[:CANDIDATE_SENTENCES]
            best_score = 0.0
            for jj, shared in best:
                sim = Levenshtein.normalized_similarity(toks, b.tokens[jj])
                jac = shared / len(st | b.stems[jj])
                ratio = len(toks) / max(1, len(b.tokens[jj]))
                if sim >= VERBATIM_SIM:
                    cand, score = "verbatim", 3 + sim
                elif sim >= SPUN_SIM and 0.7 <= ratio <= 1.4:
                    cand, score = "spun", 2 + sim
                elif jac >= PARAPHRASE_JACCARD and shared >= 3:
                    cand, score = "paraphrased", 1 + jac
                else:
                    continue
                if score > best_score:
                    kind, j, best_score = cand, jj, score
        if kind is not None and j is not None:
            kinds[kind] += len(toks)
            matched_b.add(j)
    total_a = max(1, a.words)
    covered = sum(len(b.tokens[j]) for j in matched_b)
    ordered = sorted(matched_b)
    contiguous = bool(ordered) and ordered[-1] - ordered[0] + 1 <= len(ordered) + 1
    shared = len(a.shingles & b.shingles)
    runs = shared_runs(a, b) if shared >= MIN_PASSAGE_SHINGLES else 0
    # the order of retelling weighs only pairs that share passages (it is O(matches) per pair)
    in_order = ordered_share(a, b, index) if runs >= MIN_PASSAGES else 0.0
    return Alignment(
        kinds["verbatim"] / total_a,
        kinds["spun"] / total_a,
        kinds["paraphrased"] / total_a,
        covered / max(1, b.words),
        contiguous,
        in_order,
        shared / max(1, min(len(a.shingles), len(b.shingles))),
        shared,
        runs,
    )


def ordered_share(a: DocText, b: DocText, index: dict[str, list[int]] | None = None) -> float:
    """The share of a's words in its longest chain of sentences that retell b's sentences in b's
    order (a heaviest common subsequence of sentence matches).

    Why: a rewrite or a summary retells its source sentence by sentence, in the source's order;
    an independent report of the same event shares its facts (and so many content words) but tells
    them in its own sequence. A sentence pair matches when most of the smaller one's content
    stems (at least ORDER_MIN_STEMS) appear in the other: containment rather than Jaccard, so a
    sentence fused with its neighbour, or a condensed one, still matches. O(P log P) for the P
    matching sentence pairs (P <= s_a x s_b, in practice a few per sentence).
    """
    if index is None:
        index = defaultdict(list)
        for jb, stems_b in enumerate(b.stems):
            for s in stems_b:
                index[s].append(jb)
    pairs: list[tuple[int, int, int]] = []  # (i, j, weight)
    for i, (toks, st) in enumerate(zip(a.tokens, a.stems, strict=True)):
        counts: dict[int, int] = defaultdict(int)
        for s in st:
            for jb in index.get(s, ()):
                counts[jb] += 1
        for jb, shared in counts.items():
            if shared >= ORDER_MIN_STEMS and shared >= ORDER_CONTAINMENT * min(len(st), len(b.stems[jb])):
                pairs.append((i, jb, len(toks)))
    if not pairs:
        return 0.0
    # heaviest chain strictly increasing in both i and j: sort by i, then j descending, so that
    # two matches of one sentence of a never chain; a Fenwick tree of best weight by j.
    pairs.sort(key=lambda p: (p[0], -p[1]))
    size = len(b.tokens)
    tree = [0] * (size + 1)
    best = 0
    for _, j, w in pairs:
        pos, top = j, 0  # best chain ending at a j' < j: prefix max over 1..j
        while pos > 0:
            top = max(top, tree[pos])
            pos -= pos & -pos
        value = top + w
        best = max(best, value)
        pos = j + 1
        while pos <= size:
            if tree[pos] < value:
                tree[pos] = value
            pos += pos & -pos
    return best / max(1, a.words)


@dataclass(frozen=True)
class ClaimOverlap:
    a_in_b: float  # weighted share of a's specific claims (numbers, dates) found in b
    b_in_a: float
    shared_specific: int  # distinct specific values both state
    shared_prior: float  # their summed rarity priors (three ages weigh less than three amounts)
    name_cosine: float  # weighted cosine of the name words


@dataclass(frozen=True)
class Claims:
    """One fingerprint weighted by prior x IDF, split for pair comparisons (built once per document)."""

    priors: dict[str, float]
    weights: dict[str, float]
    specific: frozenset[str]
    names: frozenset[str]
    specific_weight: float
    name_norm: float


def claims_of(sig: DocSignature, idf: dict[str, float]) -> Claims:
    """O(features)."""
    priors = sig.features
    weights = {f: p * idf.get(f, 1.0) for f, p in priors.items()}
    specific = frozenset(f for f in priors if is_specific(f))
    names = frozenset(f for f in priors if f.startswith("w:"))
    return Claims(
        priors,
        weights,
        specific,
        names,
        sum(weights[f] for f in specific),
        math.sqrt(sum(weights[f] ** 2 for f in names)),
    )


def compare_claims(a: Claims, b: Claims) -> ClaimOverlap:
    """O(min(features)) set intersections."""
    shared = a.specific & b.specific
    ws = sum(a.weights[f] for f in shared)
    dot = sum(a.weights[f] ** 2 for f in a.names & b.names)
    return ClaimOverlap(
        ws / a.specific_weight if a.specific_weight else 0.0,
        ws / b.specific_weight if b.specific_weight else 0.0,
        len(shared),
        sum(a.priors[f] for f in shared),
        dot / (a.name_norm * b.name_norm) if a.name_norm and b.name_norm else 0.0,
    )


def claim_overlap(a: DocSignature, b: DocSignature, idf: dict[str, float]) -> ClaimOverlap:
    """Compare two fingerprints, each feature weighted by its prior x IDF (absent IDF: 1)."""
    return compare_claims(claims_of(a, idf), claims_of(b, idf))


@dataclass(frozen=True)
class PairEvidence:
    alignment: Alignment
    claims: ClaimOverlap
    a_cites_b: bool  # a names b's outlet as its source
    b_cites_a: bool
    other_language: bool | None = None  # the two languages differ (None: one is unknown)
    figures_out_of_order: int = 0  # shared figures outside the longest common order


def figures_out_of_order(a: DocSignature, b: DocSignature) -> int:
    """How many of the figures both state (``n:`` features, kept in text order by the
    fingerprint) fall outside the longest sequence that both state in the same order. A
    translation states its source's figures in its source's order; another report of the event
    picks its own. O(f log f) for f figures."""
    b_pos = {f: i for i, f in enumerate(x for x in b.feature_names if x.startswith("n:") and "|" not in x)}
    seq = [b_pos[f] for f in a.feature_names if f in b_pos]
    tails: list[int] = []  # patience sorting: the longest increasing subsequence
    for p in seq:
        i = bisect.bisect_left(tails, p)
        if i == len(tails):
            tails.append(p)
        else:
            tails[i] = p
    return len(seq) - len(tails)


def evidence(
    a_sig: DocSignature,
    a: DocText | None,
    b_sig: DocSignature,
    b: DocText | None,
    idf: dict[str, float],
    claims: ClaimOverlap | None = None,
    alignment: Alignment | None = None,
) -> PairEvidence:
    """All evidence, with ``a`` the shorter document (the candidate derived one); ``claims`` when
    the caller already compared the fingerprints, ``alignment`` when it aligned the texts (the
    texts are then not read)."""
    if alignment is None:
        if a is None or b is None:
            raise ValueError("evidence needs the two texts or their alignment")
        alignment = align(a, b)
    return PairEvidence(
        alignment,
        claim_overlap(a_sig, b_sig, idf) if claims is None else claims,
        bool(set(a_sig.cited) & set(b_sig.identity)),
        bool(set(b_sig.cited) & set(a_sig.identity)),
        a_sig.language != b_sig.language if a_sig.language and b_sig.language else None,
        figures_out_of_order(a_sig, b_sig),
    )


MIN_SHARED_SPECIFIC = 3  # independent reports repeat a public figure or two, never enough
MIN_SHARED_PRIOR = 3.0  # ... and the shared values must be specific enough together
MIN_NAME_COSINE = 0.3  # rewrites, spun copies and translations keep the names
# A rewrite without copied sentences must carry (almost) all specific claims of one side: two
# independent reports of one game or trial share the score and a few figures, but each adds its own.
MIN_REWRITE_SHARED = 6
MIN_CONTAINMENT = 0.85  # ... of the specific claims of one side found in the other
SPUN_COVERAGE = 0.5  # a spun copy retells most of its source, not one similar lead sentence
MIN_COPY_WORDS = 30  # below this, a headline-sized text matches anything on the same event
# Shared passages, whatever the sentence splitter made of them (boilerplate, captions, fused
# sentences): independent reports of one event share a quote or a stock phrase (one passage, a
# handful of shingles); a copy, even of another revision or spun in part, shares many separate
# ones. The three floors must all hold; measured on real pages (bench/provenance_wild.py):
# independent same-event pairs at most 1 passage, 5 shingles, 0.06 containment.
MIN_PASSAGES = 3
MIN_PASSAGE_SHINGLES = 12
MIN_PASSAGE_CONTAINMENT = 0.04
# Passages of this many shingles on average (14 words) are whole sentences kept as they stand:
# a copy of the same text. A spinner or a machine round trip leaves runs of a few words.
LONG_PASSAGE = 10
# A text of its source's length that retells most of it sentence by sentence in its order, with
# short shared runs, went through a spinner or a machine round trip; a rewrite restructures.
RETOLD_IN_ORDER = 0.7


# A translation shares no words, only figures, dates and names (language-independent values):
# it states (nearly) all of one side's specific figures (TRANSLATION_CONTAINMENT), at least
# MIN_SHARED_SPECIFIC of them, in the same order but for one (a source's later revision moves a
# paragraph), and keeps some of the names (spelled the same across languages only in part).
TRANSLATION_CONTAINMENT = 0.8
TRANSLATION_NAME_COSINE = 0.2
TRANSLATION_OUT_OF_ORDER = 1  # shared figures allowed out of the common order


def translation(ev: PairEvidence, claims_agree: bool) -> tuple[DerivationKind, float] | None:
    cl = ev.claims
    if claims_agree and cl.name_cosine >= MIN_NAME_COSINE:
        return "translation", round(min(1.0, (cl.a_in_b + cl.name_cosine) / 2), 4)
    if (
        cl.shared_specific >= MIN_SHARED_SPECIFIC
        and max(cl.a_in_b, cl.b_in_a) >= TRANSLATION_CONTAINMENT
        and cl.name_cosine >= TRANSLATION_NAME_COSINE
        and ev.figures_out_of_order <= TRANSLATION_OUT_OF_ORDER
    ):
        return "translation", round(min(1.0, (max(cl.a_in_b, cl.b_in_a) + cl.name_cosine) / 2), 4)
    return None


def classify(
    ev: PairEvidence, a: DocText | TextStats, b: DocText | TextStats
) -> tuple[DerivationKind, float] | None:
    """The kind of derivation between ``a`` (shorter) and ``b``, with a score, or None.

    Copies need sentence-level evidence (verbatim or spun sentences); rewrites and summaries need
    either an explicit attribution or near-complete containment of several specific claims, so
    that independent reports of one event, which share its key facts, stay apart.
    """
    al, cl = ev.alignment, ev.claims
    copied = al.verbatim + al.spun
    short = a.words < 0.6 * b.words
    if al.verbatim >= 0.6:
        kind: DerivationKind = "summary" if short and not al.contiguous else "verbatim"
        return kind, round(min(1.0, 0.5 + al.verbatim / 2), 4)
    passages = (
        al.runs >= MIN_PASSAGES
        and al.shared_shingles >= MIN_PASSAGE_SHINGLES
        and al.containment >= MIN_PASSAGE_CONTAINMENT
    )
    passage_score = round(min(1.0, 0.5 + al.containment + al.ordered / 4), 4)
    if passages and al.shared_shingles >= LONG_PASSAGE * al.runs:
        return "verbatim", passage_score  # the same text (another revision, other wrapping)
    if copied >= 0.5 and al.spun >= 0.15 and (al.b_covered >= SPUN_COVERAGE or copied >= 0.8):
        return "spun", round(min(1.0, 0.4 + copied / 2), 4)
    claims_agree = (
        cl.shared_specific >= MIN_SHARED_SPECIFIC and cl.shared_prior >= MIN_SHARED_PRIOR and cl.a_in_b >= 0.5
    )
    translated = ev.other_language
    if translated is None:  # a language unknown: English function words tell
        translated = min(a.english, b.english) < 0.15 <= max(a.english, b.english)
    if translated:
        return translation(ev, claims_agree)
    text_support = al.paraphrased + copied
    cites = ev.a_cites_b or ev.b_cites_a
    contained = cl.shared_specific >= MIN_REWRITE_SHARED and max(cl.a_in_b, cl.b_in_a) >= MIN_CONTAINMENT
    if claims_agree and (cites or contained and text_support >= 0.15) and cl.name_cosine >= MIN_NAME_COSINE:
        score = (cl.a_in_b + min(1.0, text_support * 2) + cl.name_cosine) / 3
        return ("summary" if short else "rewrite"), round(min(1.0, 0.2 + score), 4)
    if contained and cl.a_in_b >= MIN_CONTAINMENT and cl.name_cosine >= MIN_NAME_COSINE:
        score = (cl.a_in_b + cl.name_cosine) / 2
        return ("summary" if short else "rewrite"), round(min(1.0, score), 4)
    if text_support >= 0.5 and copied >= 0.25 and cl.name_cosine >= 0.5 and a.words >= MIN_COPY_WORDS:
        score = (text_support + cl.name_cosine) / 2
        return ("summary" if short else "rewrite"), round(min(1.0, score), 4)
    if passages:
        if al.spun >= 0.15 and al.spun >= al.paraphrased or not short and al.ordered >= RETOLD_IN_ORDER:
            return "spun", passage_score
        return ("summary" if short else "rewrite"), passage_score
    return None
