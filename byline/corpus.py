"""The corpus stages, in order: provenance -> repair by alignment -> entity resolution -> reconcile.

They work on what the per-document stages stored (analyses and compact signatures), never on all
pairs of documents; each stage states its own cost.
"""

from __future__ import annotations

import pickle
from collections.abc import Callable

from byline.model import CorpusAnalysis, DocAnalysis, Document
from byline.store import Store

# A copy whose spin score is above this, with a cleaner parent, is repaired again by alignment.
SPUN_SCORE = 0.02
ALIGNABLE_KINDS = ("verbatim", "spun")

Reanalyze = Callable[[Document, str], DocAnalysis]


def analyze_corpus(store: Store, reanalyze: Reanalyze | None = None) -> CorpusAnalysis:
    from byline.extract import resolve_entities
    from byline.provenance import build_provenance
    from byline.reconcile import reconcile

    documents = store.documents()
    analyses = store.analyses()
    signatures = {key: pickle.loads(blob) for key, blob in store.signatures().items()}
    docs = [d for d in documents if d.key in analyses]
    provenance = build_provenance(docs, signatures)

    if reanalyze is not None:
        by_key = {d.key: d for d in docs}
        done: set[str] = set()
        for derivation in sorted(provenance.derivations, key=lambda d: (d.doc, -d.score, d.parent)):
            if derivation.kind not in ALIGNABLE_KINDS or derivation.doc in done:
                continue
            child, parent = analyses[derivation.doc], analyses[derivation.parent]
            if child.spin_score > SPUN_SCORE and parent.spin_score < child.spin_score:
                done.add(derivation.doc)
                try:
                    analyses[derivation.doc] = reanalyze(
                        by_key[derivation.doc], by_key[derivation.parent].text
                    )
                except Exception:  # noqa: BLE001 - keep the analysis it had without alignment
                    continue

    ordered = [analyses[d.key] for d in docs]
    entities, mention_entities = resolve_entities(docs, ordered)
    doc_origin = {doc: origin.key for origin in provenance.origins for doc in origin.documents}
    reconciled = reconcile(ordered, mention_entities, doc_origin)
    return CorpusAnalysis(
        entities=entities,
        claims=reconciled.claims,
        events=reconciled.events,
        relations=reconciled.relations,
        derivations=provenance.derivations,
        origins=provenance.origins,
        stories=provenance.stories,
        mention_entities=mention_entities,
    )
