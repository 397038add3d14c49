"""The corpus stages (listed, in order, in byline/stages.py): provenance -> repair by alignment ->
entity resolution -> story labels -> reconcile.

They work on what the per-document stages stored (analyses and compact signatures), never on all
pairs of documents; each stage states its own cost.
"""

from __future__ import annotations

import hashlib
import pickle
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from byline.model import CorpusAnalysis, DocAnalysis, Document, Entity
from byline.provenance import ProvenanceResult
from byline.provenance.stories import entity_label
from byline.stages import StagePlan
from byline.store import Store

if TYPE_CHECKING:
    from byline.reconcile import ReconcileResult

# Documents scoring above this are repaired again with what the corpus knows: a cleaner near-copy
# to align with, and the other documents of their origin (rewrites keep much of the original's
# wording) as context. Clean articles score well below it.
SPUN_SCORE = 0.2
ALIGNABLE_KINDS = ("verbatim", "spun")  # derivations whose texts align word by word
MAX_CONTEXT_DOCUMENTS = 8  # cleaner texts of the origin given as context, longest first
MAX_VOTING_COPIES = 4  # further near-copies that vote on the copy's swaps, best linked first
CLEANER_RATIO = 3.0  # a linked document this many times less spun than its copy is the cleaner side


@dataclass(frozen=True)
class RepairEvidence:
    """What the corpus offers to repair one spun document: its cleanest near-copy to align with,
    further copies of the same source that vote on the copy's swaps, and related texts."""

    copy: str | None
    context: list[str]
    others: list[str] = field(default_factory=list)

    def digest(self) -> str:
        """A hash of the evidence: an analysis repaired with the same evidence is the same."""
        h = hashlib.sha256()
        for part in (self.copy or "", *self.context, "\x00", *self.others):
            h.update(hashlib.sha256(part.encode("utf-8", "surrogatepass")).digest())
        return h.hexdigest()


# Re-repairs a batch of (document, evidence, its current analysis); returns the analyses that
# changed (the others keep theirs).
Reanalyze = Callable[[list[tuple[Document, RepairEvidence, DocAnalysis]]], dict[str, DocAnalysis]]


def analyze_corpus(
    store: Store,
    reanalyze: Reanalyze | None = None,
    timings: dict[str, float] | None = None,
    plan: StagePlan | None = None,
) -> CorpusAnalysis:
    """The corpus stages of ``plan`` (default: all of ``byline.stages.CORPUS_STAGES``) in
    their order over what the per-document stages stored; ``reanalyze`` runs the re-repairs
    (None: the re-repair stage keeps the analyses as they are)."""
    work = CorpusWork(store, reanalyze, StageClock(timings))
    for stage in (plan or StagePlan()).corpus_stages():
        stage.run(work)
    return work.result()


class CorpusWork:
    """The corpus stages' working state: what the store holds, and what each stage found."""

    def __init__(self, store: Store, reanalyze: Reanalyze | None, clock: StageClock) -> None:
        self.store, self.reanalyze, self.clock = store, reanalyze, clock
        documents = store.documents()
        self.analyses = store.analyses()
        self.docs = [d for d in documents if d.key in self.analyses]
        clock.lap("store")
        self.provenance = ProvenanceResult()
        self.entities: list[Entity] = []
        self.mention_entities: dict[str, list[str | None]] = {}
        self.reconciled: ReconcileResult | None = None

    def ordered(self) -> list[DocAnalysis]:
        """The analyses in document order (as they are after the re-repairs)."""
        return [self.analyses[d.key] for d in self.docs]

    def doc_origin(self) -> dict[str, str]:
        return {doc: origin.key for origin in self.provenance.origins for doc in origin.documents}

    def doc_story(self) -> dict[str, str]:
        return {doc: story.key for story in self.provenance.stories for doc in story.documents}

    def result(self) -> CorpusAnalysis:
        reconciled = self.reconciled
        return CorpusAnalysis(
            entities=self.entities,
            claims=reconciled.claims if reconciled else [],
            events=reconciled.events if reconciled else [],
            relations=reconciled.relations if reconciled else [],
            derivations=self.provenance.derivations,
            origins=self.provenance.origins,
            stories=self.provenance.stories,
            mention_entities=self.mention_entities,
        )


def run_provenance(work: CorpusWork) -> None:
    """The provenance stage: derivations, origin groups and stories, from the signatures."""
    from byline.provenance import build_provenance

    # an analysis stored by a build that skipped the signatures stage has none (b""): such a
    # document (its analysis failed since) takes no part in provenance
    from byline.provenance.cache import STORE_NAME as ALIGNMENTS
    from byline.provenance.cache import AlignmentCache

    signatures = {key: pickle.loads(blob) for key, blob in work.store.signatures().items() if blob}
    work.clock.lap("store")
    alignments = AlignmentCache.loads(work.store.stage_cache(ALIGNMENTS))  # pairs an earlier build aligned
    work.provenance = build_provenance([d for d in work.docs if d.key in signatures], signatures, alignments)
    work.store.save_stage_cache(ALIGNMENTS, alignments.dumps())
    work.clock.lap("provenance")


def run_rerepair(work: CorpusWork) -> None:
    """The re-repair stage: spun documents repaired again with the evidence provenance found;
    a document already repaired with this very evidence keeps its analysis. The evidence is
    chosen by each document's own spin score and signature, which a re-repair keeps, so it
    moves only when the corpus does: a grown corpus re-repairs only the documents whose
    copies or related texts changed, and ends as a fresh build of the same files would."""
    if work.reanalyze is None:
        return
    analyses = work.analyses
    doc_by_key = {d.key: d for d in work.docs}
    evidence = [
        (key, ev)
        for key, ev in sorted(_repair_evidence(work.docs, analyses, work.provenance).items())
        if analyses[key].evidence != ev.digest()
    ]
    if evidence:
        analyses.update(work.reanalyze([(doc_by_key[key], ev, analyses[key]) for key, ev in evidence]))
    work.clock.lap("re-analysis")


def run_entity_resolution(work: CorpusWork) -> None:
    """The entity-resolution stage: one entity for the mentions of a name across documents."""
    from byline.extract import resolve_entities

    work.entities, work.mention_entities = resolve_entities(work.docs, work.ordered())
    work.clock.lap("entities")


def run_story_labels(work: CorpusWork) -> None:
    """The stories stage: each story labelled by the names of its entities."""
    _name_stories(work.provenance, work.entities, work.doc_story())
    work.clock.lap("entities")


def run_reconcile(work: CorpusWork) -> None:
    """The reconcile stage: claims, events and relations merged, counted and compared."""
    from byline.reconcile import reconcile

    work.reconciled = reconcile(
        work.ordered(), work.mention_entities, work.doc_origin(), doc_story=work.doc_story()
    )
    work.clock.lap("reconcile")


class StageClock:
    """Adds the seconds since the last lap to ``timings[stage]`` (a no-op without timings)."""

    def __init__(self, timings: dict[str, float] | None) -> None:
        self.timings = timings
        self.last = time.perf_counter()

    def elapsed(self) -> float:
        return time.perf_counter() - self.last

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        if self.timings is not None:
            self.timings[stage] = self.timings.get(stage, 0.0) + now - self.last
        self.last = now


def _name_stories(provenance: ProvenanceResult, entities: list[Entity], doc_story: dict[str, str]) -> None:
    """Label each story by the full names of the entities behind its distinctive words
    ("Pérez" -> "Ana Pérez Ruiz"), counting mentions in the story's documents only.

    Cost: O(mentions + stories x terms x entities named in the story).
    """
    counts: dict[str, Counter[int]] = defaultdict(Counter)  # story key -> entity index -> mentions
    for i, entity in enumerate(entities):
        for source in entity.mentions:
            key = doc_story.get(source.doc)
            if key is not None:
                counts[key][i] += 1
    for story in provenance.stories:
        terms = provenance.story_terms.get(story.key)
        if terms:
            named = [(entities[i].name, entities[i].aliases, n) for i, n in sorted(counts[story.key].items())]
            story.label = entity_label(terms, named)


def _repair_evidence(
    docs: list[Document], analyses: dict[str, DocAnalysis], provenance: ProvenanceResult
) -> dict[str, RepairEvidence]:
    """For each spun document, what the corpus offers to repair it: the text of its cleanest
    near-copy (when none is cleaner, the best linked one), the other near-copies linked to it,
    which vote (up to MAX_VOTING_COPIES, best linked first), and its origin's other cleaner texts.

    Spun: a spin score above SPUN_SCORE; the more spun side of a pair provenance calls spun; or
    a document showing any spun word that provenance links to a near-copy, unless it scores
    CLEANER_RATIO times cleaner than that copy (two lightly spun copies of one source each score
    low, yet align well; the original beside its spun copy keeps its words).

    Cost: O(derivations + documents in the origins of spun documents).
    """
    texts = {d.key: d.text for d in docs}
    spin = {key: analyses[key].spin_score for key in texts}
    spun = {key for key, score in spin.items() if score > SPUN_SCORE}
    for derivation in provenance.derivations:  # provenance saw its swapped words: spun, however lightly
        a, b = derivation.doc, derivation.parent
        if derivation.kind == "spun" and a in spin and b in spin and spin[a] != spin[b]:
            spun.add(a if spin[a] > spin[b] else b)
        if derivation.kind in ALIGNABLE_KINDS and a in spin and b in spin:
            spun.update(
                k for k, o in ((a, b), (b, a)) if spin[k] > 0.0 and CLEANER_RATIO * spin[k] >= spin[o]
            )
    if not spun:
        return {}
    copies: dict[str, str] = {}
    linked: dict[str, list[str]] = defaultdict(list)  # near-copies of each spun document, best first
    for derivation in sorted(provenance.derivations, key=lambda d: (-d.score, d.doc, d.parent)):
        if derivation.kind not in ALIGNABLE_KINDS:
            continue
        for child, other in ((derivation.doc, derivation.parent), (derivation.parent, derivation.doc)):
            if child in spun and other in texts:
                linked[child].append(other)
                if spin[other] < spin[child]:
                    copies.setdefault(child, other)
    evidence: dict[str, RepairEvidence] = {}
    for origin in provenance.origins:
        for key in sorted(set(origin.documents) & spun):
            siblings = sorted(
                (k for k in origin.documents if k != key and k in texts and spin[k] < SPUN_SCORE),
                key=lambda k: (-len(texts[k]), k),
            )[:MAX_CONTEXT_DOCUMENTS]
            copy = copies.get(key)
            if copy is None and linked[key]:
                copy = linked[key][0]  # no cleaner copy: the best linked one still shows the
                # swaps that differ (the language model and any further copies judge them)
            if copy is None and not siblings:
                continue
            others = [k for k in linked[key] if k != copy][:MAX_VOTING_COPIES] if copy else []
            evidence[key] = RepairEvidence(
                texts[copy] if copy else None, [texts[k] for k in siblings], [texts[k] for k in others]
            )
    return evidence
