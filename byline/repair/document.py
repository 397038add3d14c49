"""Spun-text detection and repair of one document: the stage's entry point.

Order of evidence: alignment with a copy of the same source (near exact; with no copy, with the
sentences a related text kept nearly word for word), then thesaurus
reversal of non-words ranked by context, document evidence and the related documents'
vocabulary and aligned slots (a related sentence with the same words around the spot; it also
proposes two-level spins), then chained spins solved together, then (with related documents,
in a spun document) whole-word swaps a related sentence undoes, then (in a spun document with
no copy to align with) the whole-word swaps a close synonym makes far likelier to the language
model, at low confidence.
Elsewhere real-word swaps are only flagged (candidates kept, nothing applied): in a document
showing no spinning, an unlikely phrase is more often a writer's own.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import partial

from byline.model import Repair
from byline.repair.align import align_repairs, sentence_copy
from byline.repair.candidates import Candidate, generate
from byline.repair.chains import solve_chains
from byline.repair.context import (
    WINDOW,
    Local,
    RelatedContext,
    candidate_forms,
    context_candidates,
    context_prior,
    related_context,
    slot_candidates,
    slot_support,
)
from byline.repair.ngram import trigram_model
from byline.repair.realword import CONFIDENCE as REAL_WORD_CONFIDENCE
from byline.repair.realword import real_word_repairs
from byline.repair.resources import RepairResources
from byline.repair.scoring import Context, context_score, rank
from byline.repair.slots import FUNCTION_WEIGHT, K, find_slots
from byline.repair.tokens import (
    Token,
    in_spans,
    is_nonword,
    joined,
    match_case,
    productive_base,
    productive_form,
    protected_reason,
    quoted_spans,
    sentence_initial,
    suspicion,
    tokenize,
    url_spans,
)
from byline.repair.tortured import phrase_swaps, tortured_flags
from byline.textkit import stop_spans as sentence_spans


@dataclass(frozen=True)
class RepairThresholds:
    """What tunes the stage, in one place (figures in BENCHMARKS.md, "Spun-text repair")."""

    # repair only when the winner clearly beats the runner-up (spun documents); without a
    # threshold false repairs rose to 160 per 10k words in the prototype
    min_confidence: float = 0.6
    clean_confidence: float = 0.8  # the same in a document showing few clear spins
    spun_min_groups: int = 3  # clear spins needed to call a document spun ...
    spun_min_rate: float = 0.005  # ... and per token
    name_confidence: float = 0.93  # capitalised mid-sentence: maybe a name, be stricter
    coined_gain: float = 2.0  # log10: a repaired coinage must read this much better than its base word
    single_margin: float = 1.5  # margin granted to a lone candidate
    chain_confidence: float = 0.9  # a chain solution is applied from this confidence
    # a chain's confidence: unique solution / one solving 3 or more non-words / otherwise
    chain_unique: float = 0.97
    chain_broad: float = 0.9
    chain_narrow: float = 0.7
    # a capitalised or suspicious non-word is repaired directly only from a one-step thesaurus
    # candidate with a fragment this long and a word this frequent (zipf) ...
    direct_fragment: int = 4
    direct_zipf: float = 3.0
    long_fragment: int = 5  # ... and with bigram support, or a fragment this long (or half the word)
    kept_min_nonwords: int = 1  # non-words a related text's kept sentences undo: spinning shown there
    quoted_term_words: int = 5  # a quoted stretch this short is a term or label: no phrase swaps in it
    spin_scale: float = 12.0  # spun text reaches ~0.5 at 4% explained non-words
    tortured_weight: float = 0.25  # a tortured-phrase flag counts this much of a spun word in the score


THRESHOLDS = RepairThresholds()
FLAG_ONLY = 1.1  # a threshold no confidence reaches: the spot is flagged, never repaired


@dataclass
class RepairResult:
    """Applied repairs (non-overlapping, by start), the spin score in [0, 1], and flagged spots:
    low-confidence repairs not applied, their candidates kept for a reviewer."""

    repairs: list[Repair] = field(default_factory=list)
    spin_score: float = 0.0
    flagged: list[Repair] = field(default_factory=list)


NAME_STAND_IN = "it"  # what the language model reads in place of a name it does not know
NAME_PARTICLES = frozenset(
    "al bin da das de del della der di do dos du el ibn la le van von y".split()
)  # lower-case words inside names of many languages


def _contexts(text: str, tokens: list[Token], idx: int) -> Context:
    """The two words on each side of token ``idx`` within its clause. A run of capitalised
    words the language model does not know (a name: "Ostrander Marine") reads as one pronoun,
    so that "named ___ Ostrander Marine a partner" still shows the verb what follows."""
    lm = trigram_model()

    def is_name(k: int) -> bool:
        tok = tokens[k]
        return tok.text[:1].isupper() and not sentence_initial(text, tok.start)

    def linked(a: int, b: int) -> bool:
        return 0 <= b < len(tokens) and joined(text, tokens[min(a, b)], tokens[max(a, b)])

    def name_end(j: int, step: int) -> int:
        """The last token of the name run starting at ``j`` (particles inside: "Sao Tome de X")."""
        run = j
        while True:
            nxt = run + step
            if linked(run, nxt) and is_name(nxt):
                run = nxt
            elif (
                linked(run, nxt)
                and tokens[nxt].text in NAME_PARTICLES
                and linked(nxt, nxt + step)
                and is_name(nxt + step)
            ):
                run = nxt + step
            else:
                return run

    def walk(step: int) -> list[str]:
        out: list[str] = []
        k = idx
        while len(out) < 2 and linked(k, k + step):
            k = j = k + step
            if is_name(j):
                end = name_end(j, step)
                if any(lm.logp(tokens[x].lower) is None for x in range(min(j, end), max(j, end) + 1)):
                    out.append(NAME_STAND_IN)
                    k = end
                    continue
            out.append(tokens[j].lower)
        return out + [""] * (2 - len(out))

    before, after = walk(-1), walk(1)
    return Context(before[0], after[0], before[1], after[1])


def _confidence(
    scored: list[tuple[float, Candidate]], single_margin: float = THRESHOLDS.single_margin
) -> float:
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else single_margin
    return 1.0 / (1.0 + 10.0 ** (-margin))


def repair_document(
    text: str,
    resources: RepairResources,
    *,
    copy_text: str | None = None,
    protected: Sequence[tuple[int, int]] = (),
    context_texts: Sequence[str] = (),
    other_copies: Sequence[str] = (),
    thresholds: RepairThresholds = THRESHOLDS,
) -> RepairResult:
    """Detect and repair spun words of ``text`` (the original; every offset points into it).

    ``copy_text``: a near-verbatim or spun sibling to align with first; ``protected``: spans
    never touched (e.g. NER mentions); ``context_texts``: related documents (rewrites of the same
    report), whose vocabulary ranks candidates, adds the ones the thesaurus misses and, in a
    spun document, repairs whole-word swaps (``copy_text`` counts as one); with no copy, the
    sentences they kept nearly word for word are aligned with ours; ``other_copies``:
    further copies of the same source, which vote on the swaps the copy proposes (and count as
    related texts). Cost: O(n) tokens,
    plus per distinct non-word O(L^2 * synonyms) candidate generation and O(L^2 + |related
    vocabulary|) for context candidates.
    """
    job = _Repairer(text, resources, protected, copy_text, context_texts, other_copies, thresholds)
    job.align_with_copy()
    job.group_nonwords()
    job.gather_candidates()
    job.rank_nonwords()
    job.repair_ranked()
    job.solve_chains()
    job.align_kept_sentences()
    job.real_word_swaps()
    return job.result()


class _Repairer:
    """One document's repair, as the steps ``repair_document`` lists, sharing what they find."""

    def __init__(
        self,
        text: str,
        res: RepairResources,
        protected: Sequence[tuple[int, int]],
        copy_text: str | None,
        context_texts: Sequence[str],
        other_copies: Sequence[str],
        thresholds: RepairThresholds,
    ) -> None:
        self.text, self.res, self.t = text, res, thresholds
        self.copy_text, self.context_texts, self.other_copies = copy_text, context_texts, other_copies
        self.tokens = tokenize(text)
        self.untouchable = [*protected, *url_spans(text)]  # never repaired, not even from a copy
        self.guard = [*self.untouchable, *quoted_spans(text)]
        self.repairs: list[Repair] = []
        self.flagged: list[Repair] = []
        self.swaps = 0  # whole-word swaps undone (for the spin score)
        self.explained = 0  # non-words explained as spins (for the spin score)
        self.tortured: list[Repair] = []
        self.groups: dict[str, list[int]] = {}  # each non-word's token indices
        self.coined: set[str] = set()  # a known word behind a productive prefix: a coinage, or a spin
        self.cands: dict[str, list[Candidate]] = {}
        self.ctx = RelatedContext()
        self.locate = _Locator(text, self.ctx)
        self.ranked: dict[str, tuple[list[tuple[float, Candidate]], list[Context], str | None]] = {}
        self.spun_doc = False

    def taken(self) -> list[tuple[int, int]]:
        return [(r.start, r.end) for r in self.repairs]

    def emit(
        self,
        idx_list: list[int],
        word: str,
        conf: float,
        method: str,
        others: tuple[str, ...],
        threshold: float,
    ) -> None:
        for i in idx_list:
            tok = self.tokens[i]
            rep = Repair(
                tok.start, tok.end, tok.text, match_case(tok.text, word), round(conf, 3), method, others
            )
            (self.repairs if conf >= threshold else self.flagged).append(rep)

    def align_with_copy(self) -> None:
        """A copy of the same source first: near exact where it exists."""
        if self.copy_text:
            # quotes are no reason to keep a spun word the copy has intact: only names and links stay
            aligned = align_repairs(
                self.text, self.copy_text, self.res, self.untouchable, others=self.other_copies
            )
            self.repairs, self.swaps = aligned.repairs, aligned.swaps
            self.guard += aligned.confirmed  # a rare word the cleaner copy holds too is the source's word

    def group_nonwords(self) -> None:
        """The non-words left to explain, by spelling (one decision per distinct non-word)."""
        taken = self.taken()
        for i, tok in enumerate(self.tokens):
            if not is_nonword(tok.text, self.res) or in_spans(tok.start, tok.end, taken):
                continue
            if protected_reason(tok, self.text, self.res) or in_spans(tok.start, tok.end, self.guard):
                continue
            if productive_form(tok.text, self.res):
                self.coined.add(tok.lower)
            self.groups.setdefault(tok.lower, []).append(i)

    def gather_candidates(self) -> None:
        """Thesaurus reversals of each non-word, plus the related texts' vocabulary."""
        res = self.res
        related = [*self.context_texts, *([self.copy_text] if self.copy_text else []), *self.other_copies]
        self.ctx = related_context(related, self.text, res) if related else RelatedContext()
        self.cands = {w: generate(w, res) for w in self.groups}
        if self.ctx:
            forms = candidate_forms(self.ctx, res)
            for w, cs in self.cands.items():
                known = {c.word for c in cs}
                cs.extend(c for c in context_candidates(w, res, forms) if c.word not in known)
        self.locate = _Locator(self.text, self.ctx)

    def rank_nonwords(self) -> None:
        """Candidates ranked in context; the clear spins found decide whether the document is
        visibly spun (the document prior)."""
        res, ctx, tokens = self.res, self.ctx, self.tokens
        subs: dict[tuple[str, str], int] = {}
        for cs in self.cands.values():
            for pair in {(c.fragment, c.head) for c in cs if c.steps}:
                subs[pair] = subs.get(pair, 0) + 1
        doc_words = {t.lower for t in tokens}
        clear_spins = 0
        for word, idx_list in self.groups.items():
            if not self.cands[word]:
                continue
            if word not in self.coined:
                self.explained += len(idx_list)
            contexts = [_contexts(self.text, tokens, i) for i in idx_list]
            locals_ = [self.locate(tokens, i) for i in idx_list]
            if ctx:
                slots = [sl for lo in locals_ for sl in lo.slots]
                self.cands[word].extend(slot_candidates(word, self.cands[word], slots, res))
            prior = partial(context_prior, ctx, locals_=locals_) if ctx else None
            slot = partial(_slot, ctx, locals_, res) if ctx else None
            scored = rank(self.cands[word], res, contexts, subs, doc_words, prior, slot)
            suspect = (
                "coined"
                if word in self.coined
                else next((why for i in idx_list if (why := suspicion(tokens[i].text, res))), None)
            )
            self.ranked[word] = (scored, contexts, suspect)
            if not suspect and scored[0][1].steps and self._confidence(scored) >= self.t.clean_confidence:
                clear_spins += 1
        # Document prior: in a visibly spun document, glued suffixes and compounds are spins too;
        # in a clean one they are coinages and typos, so only clear cases are repaired.
        self.spun_doc = clear_spins >= max(self.t.spun_min_groups, self.t.spun_min_rate * len(tokens))

    def _confidence(self, scored: list[tuple[float, Candidate]]) -> float:
        return _confidence(scored, self.t.single_margin)

    def repair_ranked(self) -> None:
        for word, (scored, contexts, suspect) in self.ranked.items():
            best = scored[0][1]
            threshold = self._threshold(word, best, contexts, suspect)
            others = tuple(c.word for _, c in scored[1:4])
            method = "spelling" if best.steps == 0 else "chain" if best.steps == 3 else "thesaurus"
            self.emit(self.groups[word], best.word, self._confidence(scored), method, others, threshold)

    def _threshold(self, word: str, best: Candidate, contexts: list[Context], suspect: str | None) -> float:
        """The confidence a non-word's best candidate needs, from what the word and document show."""
        t, res, spun_doc = self.t, self.res, self.spun_doc
        threshold = t.min_confidence if spun_doc else t.clean_confidence
        if best.steps == 0 and not spun_doc:
            threshold = FLAG_ONLY  # a spelling fix in a clean document: only flag it
        if suspect == "coined":  # "unexclusive": repaired only when clear, in a visibly spun text,
            # and when the repair reads far better than the coinage's own base word ("inked")
            base = productive_base(word, res) or word
            gain = context_score(res, best.word, contexts) - context_score(res, base, contexts)
            measurable = trigram_model().logp(base) is not None  # an unknown base reads badly anywhere
            threshold = t.name_confidence if spun_doc and measurable and gain >= t.coined_gain else FLAG_ONLY
        elif suspect == "capitalised" or (suspect and not spun_doc):  # a name, typo or compound?
            threshold = t.name_confidence
            direct = (
                best.steps == 1
                and len(best.fragment) >= t.direct_fragment
                and res.freq(best.word) >= t.direct_zipf
            )
            long_fragment = len(best.fragment) >= max(t.long_fragment, len(word) // 2)
            supported = long_fragment or any(_bigram_support(res, c, best.word) for c in contexts)
            if not direct or not supported:
                threshold = FLAG_ONLY
        return threshold

    def solve_chains(self) -> None:
        """Non-words with no candidate that share one unknown fragment, solved together."""
        t, groups, tokens = self.t, self.groups, self.tokens
        lower_only = [
            w
            for w in groups
            if not self.cands[w]
            and w not in self.coined
            and not any(tokens[i].text[:1].isupper() for i in groups[w])
        ]
        for sol in solve_chains(lower_only, self.res):
            conf = (
                t.chain_unique
                if sol.runner_up is None
                else t.chain_broad
                if len(sol.words) >= 3
                else t.chain_narrow
            )
            for nonword, fixed in sol.words.items():
                self.explained += len(groups[nonword])
                runner_up = (sol.runner_up,) if sol.runner_up else ()
                self.emit(groups[nonword], fixed, conf, "chain", runner_up, t.chain_confidence)

    def align_kept_sentences(self) -> None:
        """No copy, but related texts kept some of our sentences: aligned with ours, they outrank
        the thesaurus there. Only in a visibly spun text, or where the kept sentences show
        non-words themselves: elsewhere their differences are an editor's. (Where the "copy" is
        our own text, it confirms nothing.)"""
        res = self.res
        if not self.context_texts or self.copy_text:
            return
        kept = sentence_copy(self.text, self.context_texts)
        extra = align_repairs(self.text, kept, res, self.untouchable, confirm=False).repairs if kept else []
        shown = sum(1 for r in extra if is_nonword(r.text, res)) >= self.t.kept_min_nonwords
        if extra and (self.spun_doc or shown):
            spans = [(r.start, r.end) for r in extra]
            self.repairs = [r for r in self.repairs if not in_spans(r.start, r.end, spans)] + extra
            self.flagged = [f for f in self.flagged if not in_spans(f.start, f.end, spans)]
            self.swaps += sum(1 for r in extra if not is_nonword(r.text, res))  # non-words counted above

    def real_word_swaps(self) -> None:
        """Whole-word swaps: from related texts where they and spinning are both evident; with
        no copy in a spun text, the language model alone at low confidence; tortured phrases
        flagged everywhere."""
        res, text, tokens = self.res, self.text, self.tokens
        if self.ctx and self.spun_doc:
            for rep in real_word_repairs(
                text, tokens, self.ctx, res, self.locate, [*self.taken(), *self.guard]
            ):
                (self.repairs if rep.confidence >= REAL_WORD_CONFIDENCE else self.flagged).append(rep)
        if self.spun_doc and not self.copy_text:
            context = partial(_contexts, text, tokens)
            quoted = quoted_spans(text, max_words=self.t.quoted_term_words)  # terms and labels in quotes
            self.repairs.extend(
                phrase_swaps(text, tokens, res, context, [*self.taken(), *self.guard, *quoted])
            )
        blocked = [*self.taken(), *self.guard]
        self.tortured = [
            f for f in tortured_flags(text, tokens, res) if not in_spans(f.start, f.end, blocked)
        ]
        self.flagged.extend(self.tortured)

    def result(self) -> RepairResult:
        words = max(1, len(self.tokens))
        raw = (self.explained + self.swaps + self.t.tortured_weight * len(self.tortured)) / words
        score = min(1.0, self.t.spin_scale * raw)
        self.repairs.sort(key=lambda r: (r.start, r.end))
        self.flagged.sort(key=lambda r: (r.start, r.end))
        return RepairResult(
            repairs=_non_overlapping(self.repairs), spin_score=round(score, 3), flagged=self.flagged
        )


class _Locator:
    """Each token's neighbours and its sentence's anchored related vocabulary (memoised)."""

    def __init__(self, text: str, ctx: RelatedContext) -> None:
        self.text = text
        self.ctx = ctx
        self.spans = sentence_spans(text) if ctx else []
        self.starts = [s for s, _ in self.spans]
        self.memo: dict[int, tuple[frozenset[str], frozenset[str]]] = {}

    def __call__(self, tokens: list[Token], i: int) -> Local:
        tok = tokens[i]
        before = tuple(t.lower for t in tokens[max(0, i - WINDOW) : i])
        after = tuple(t.lower for t in tokens[i + 1 : i + 1 + WINDOW])
        if not self.ctx or not self.spans:
            return Local(before, after, frozenset(), frozenset())
        k = max(0, bisect.bisect_right(self.starts, tok.start) - 1)
        s, e = self.spans[k]
        if k not in self.memo:
            self.memo[k] = self.ctx.anchored(self.text[s:e])
        words, stems = self.memo[k]
        left = [t.lower for t in tokens[max(0, i - K) : i] if t.start >= s]
        right = [t.lower for t in tokens[i + 1 : i + 1 + K] if t.end <= e]
        weight = self.ctx.slot_weight
        slots = find_slots(self.ctx.slot_index, left, right, lambda w: weight.get(w, FUNCTION_WEIGHT))
        return Local(before, after, words, stems, tuple(slots))


def _slot(ctx: RelatedContext, locals_: list[Local], res: RepairResources, word: str) -> float:
    return slot_support(ctx, word, locals_, res)


def _non_overlapping(repairs: list[Repair]) -> list[Repair]:
    out: list[Repair] = []
    for r in repairs:
        if out and r.start < out[-1].end:
            continue
        out.append(r)
    return out


def _bigram_support(res: RepairResources, ctx: Context, word: str) -> bool:
    return bool(
        (ctx.prev and res.bigram_score(ctx.prev, word)) or (ctx.next and res.bigram_score(word, ctx.next))
    )
