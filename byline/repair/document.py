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
from byline.repair.align import Alignment, align_repairs, sentence_copy
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
    sentence_spans,
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

MIN_CONFIDENCE = 0.6  # repair only when the winner clearly beats the runner-up (spun documents)
CLEAN_CONFIDENCE = 0.8  # the same in a document showing few clear spins
SPUN_MIN_GROUPS = 3  # clear spins needed to call a document spun ...
SPUN_MIN_RATE = 0.005  # ... and per token
NAME_CONFIDENCE = 0.93  # capitalised mid-sentence: maybe a name, be stricter
COINED_GAIN = 2.0  # log10: a repaired coinage must read this much better than its base word
SINGLE_MARGIN = 1.5  # margin granted to a lone candidate
CHAIN_CONFIDENCE = 0.9
KEPT_MIN_NONWORDS = 1  # non-words a related text's kept sentences undo: spinning shown there
QUOTED_TERM_WORDS = 5  # a quoted stretch this short is a term or label: no phrase swaps in it
SPIN_SCALE = 12.0  # spun text reaches ~0.5 at 4% explained non-words


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


def _confidence(scored: list[tuple[float, Candidate]]) -> float:
    margin = scored[0][0] - scored[1][0] if len(scored) > 1 else SINGLE_MARGIN
    return 1.0 / (1.0 + 10.0 ** (-margin))


def repair_document(
    text: str,
    resources: RepairResources,
    *,
    copy_text: str | None = None,
    protected: Sequence[tuple[int, int]] = (),
    context_texts: Sequence[str] = (),
    other_copies: Sequence[str] = (),
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
    res = resources
    tokens = tokenize(text)
    untouchable = [*protected, *url_spans(text)]  # never repaired, not even from a copy
    guard = [*untouchable, *quoted_spans(text)]
    aligned = Alignment()
    if copy_text:
        # quotes are no reason to keep a spun word the copy has intact: only names and links stay
        aligned = align_repairs(text, copy_text, res, untouchable, others=other_copies)
    repairs, swaps = aligned.repairs, aligned.swaps
    taken = [(r.start, r.end) for r in repairs]
    guard += aligned.confirmed  # a rare word the cleaner copy holds too is the source's word

    groups: dict[str, list[int]] = {}
    coined: set[str] = set()  # a known word behind a productive prefix: a coinage, or a spin
    for i, tok in enumerate(tokens):
        if not is_nonword(tok.text, res) or in_spans(tok.start, tok.end, taken):
            continue
        if protected_reason(tok, text, res) or in_spans(tok.start, tok.end, guard):
            continue
        if productive_form(tok.text, res):
            coined.add(tok.lower)
        groups.setdefault(tok.lower, []).append(i)

    related_texts = [*context_texts, *([copy_text] if copy_text else []), *other_copies]
    ctx = related_context(related_texts, text, res) if related_texts else RelatedContext()
    cands = {w: generate(w, res) for w in groups}
    if ctx:
        forms = candidate_forms(ctx, res)
        for w, cs in cands.items():
            known = {c.word for c in cs}
            cs.extend(c for c in context_candidates(w, res, forms) if c.word not in known)
    locate = _Locator(text, ctx)
    subs: dict[tuple[str, str], int] = {}
    for cs in cands.values():
        for pair in {(c.fragment, c.head) for c in cs if c.steps}:
            subs[pair] = subs.get(pair, 0) + 1
    doc_words = {t.lower for t in tokens}
    flagged: list[Repair] = []
    explained = 0

    def emit(
        idx_list: list[int], word: str, conf: float, method: str, others: tuple[str, ...], threshold: float
    ) -> None:
        for i in idx_list:
            tok = tokens[i]
            rep = Repair(
                tok.start, tok.end, tok.text, match_case(tok.text, word), round(conf, 3), method, others
            )
            (repairs if conf >= threshold else flagged).append(rep)

    ranked: dict[str, tuple[list[tuple[float, Candidate]], list[Context], str | None]] = {}
    clear_spins = 0
    for word, idx_list in groups.items():
        if not cands[word]:
            continue
        if word not in coined:
            explained += len(idx_list)
        contexts = [_contexts(text, tokens, i) for i in idx_list]
        locals_ = [locate(tokens, i) for i in idx_list]
        if ctx:
            slots = [sl for lo in locals_ for sl in lo.slots]
            cands[word].extend(slot_candidates(word, cands[word], slots, res))
        prior = partial(context_prior, ctx, locals_=locals_) if ctx else None
        slot = partial(_slot, ctx, locals_, res) if ctx else None
        scored = rank(cands[word], res, contexts, subs, doc_words, prior, slot)
        suspect = (
            "coined"
            if word in coined
            else next((why for i in idx_list if (why := suspicion(tokens[i].text, res))), None)
        )
        ranked[word] = (scored, contexts, suspect)
        if not suspect and scored[0][1].steps and _confidence(scored) >= CLEAN_CONFIDENCE:
            clear_spins += 1
    # Document prior: in a visibly spun document, glued suffixes and compounds are spins too;
    # in a clean one they are coinages and typos, so only clear cases are repaired.
    spun_doc = clear_spins >= max(SPUN_MIN_GROUPS, SPUN_MIN_RATE * len(tokens))

    for word, (scored, contexts, suspect) in ranked.items():
        best = scored[0][1]
        threshold = MIN_CONFIDENCE if spun_doc else CLEAN_CONFIDENCE
        if best.steps == 0 and not spun_doc:
            threshold = 1.1  # a spelling fix in a clean document: only flag it
        if suspect == "coined":  # "unexclusive": repaired only when clear, in a visibly spun text,
            # and when the repair reads far better than the coinage's own base word ("inked")
            base = productive_base(word, res) or word
            gain = context_score(res, best.word, contexts) - context_score(res, base, contexts)
            measurable = trigram_model().logp(base) is not None  # an unknown base reads badly anywhere
            threshold = NAME_CONFIDENCE if spun_doc and measurable and gain >= COINED_GAIN else 1.1
        elif suspect == "capitalised" or (suspect and not spun_doc):  # a name, typo or compound?
            threshold = NAME_CONFIDENCE
            direct = best.steps == 1 and len(best.fragment) >= 4 and res.freq(best.word) >= 3.0
            long_fragment = len(best.fragment) >= max(5, len(word) // 2)
            supported = long_fragment or any(_bigram_support(res, c, best.word) for c in contexts)
            if not direct or not supported:
                threshold = 1.1  # flag only
        others = tuple(c.word for _, c in scored[1:4])
        method = "spelling" if best.steps == 0 else "chain" if best.steps == 3 else "thesaurus"
        emit(groups[word], best.word, _confidence(scored), method, others, threshold)

    lower_only = [
        w
        for w in groups
        if not cands[w] and w not in coined and not any(tokens[i].text[:1].isupper() for i in groups[w])
    ]
    for sol in solve_chains(lower_only, res):
        conf = 0.97 if sol.runner_up is None else 0.9 if len(sol.words) >= 3 else 0.7
        for nonword, fixed in sol.words.items():
            explained += len(groups[nonword])
            emit(
                groups[nonword],
                fixed,
                conf,
                "chain",
                (sol.runner_up,) if sol.runner_up else (),
                CHAIN_CONFIDENCE,
            )

    kept = sentence_copy(text, context_texts) if context_texts and not copy_text else None
    extra = align_repairs(text, kept, res, untouchable, confirm=False).repairs if kept else []
    if extra and (spun_doc or sum(1 for r in extra if is_nonword(r.text, res)) >= KEPT_MIN_NONWORDS):
        # no copy, but related texts kept some of our sentences: aligned with ours, they outrank
        # the thesaurus there. Only in a visibly spun text, or where the kept sentences show
        # non-words themselves: elsewhere their differences are an editor's. (Where the "copy"
        # is our own text, it confirms nothing.)
        spans = [(r.start, r.end) for r in extra]
        repairs = [r for r in repairs if not in_spans(r.start, r.end, spans)] + extra
        flagged = [f for f in flagged if not in_spans(f.start, f.end, spans)]
        swaps += sum(1 for r in extra if not is_nonword(r.text, res))  # non-words counted above

    taken = [(r.start, r.end) for r in repairs]
    if ctx and spun_doc:  # whole-word swaps: only where related texts and spinning are both evident
        for rep in real_word_repairs(text, tokens, ctx, res, locate, [*taken, *guard]):
            (repairs if rep.confidence >= REAL_WORD_CONFIDENCE else flagged).append(rep)
        taken = [(r.start, r.end) for r in repairs]
    if spun_doc and not copy_text:  # no copy to align with: the language model alone, at low confidence
        context = partial(_contexts, text, tokens)
        quoted = quoted_spans(text, max_words=QUOTED_TERM_WORDS)  # terms and labels in quotes
        repairs.extend(phrase_swaps(text, tokens, res, context, [*taken, *guard, *quoted]))
        taken = [(r.start, r.end) for r in repairs]
    tortured = [
        f for f in tortured_flags(text, tokens, res) if not in_spans(f.start, f.end, [*taken, *guard])
    ]
    flagged.extend(tortured)
    words = max(1, len(tokens))
    raw = (explained + swaps + 0.25 * len(tortured)) / words
    score = min(1.0, SPIN_SCALE * raw)
    repairs.sort(key=lambda r: (r.start, r.end))
    flagged.sort(key=lambda r: (r.start, r.end))
    return RepairResult(repairs=_non_overlapping(repairs), spin_score=round(score, 3), flagged=flagged)


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
