"""The "byline/1" export contract (DESIGN.md): one JSON object, deterministic, stable ids.

Internal keys (content hashes, entity keys) are mapped to short ids (d1, e1, c1 ...) in an order
that depends only on the input: documents by path, entities by mentions, claims by support, so
the same corpus always gives a byte-identical export.
"""

from __future__ import annotations

import json
from typing import Any

from byline.export.cite import citation, corpus_root, readable_title, relative_path
from byline.export.schema import SCHEMA, normalise
from byline.model import Claim, CorpusAnalysis, Document, Repair, Source, Value
from byline.store import Store


def build_contract(store: Store) -> dict[str, Any]:
    """The byline/1 dict of what ``store`` holds (lists stay empty where a stage has not run),
    shaped by the models of ``byline.export.schema``."""
    documents = store.documents()
    analyses = store.analyses()
    corpus = store.corpus() or CorpusAnalysis()
    paths = store.document_paths()
    return normalise(_Contract(documents, analyses, corpus, paths).build())


def contract_texts(store: Store, contract: dict[str, Any]) -> dict[str, str]:
    """Contract document id -> the document's original text (what the offsets index into)."""
    texts = {d.key: d.text for d in store.documents()}
    return {d["id"]: texts[d["key"]] for d in contract["documents"]}


def dumps(contract: dict[str, Any]) -> str:
    return json.dumps(contract, ensure_ascii=False, indent=2) + "\n"


def _number(x: float | None) -> float | int | None:
    if x is None:
        return None
    return int(x) if float(x).is_integer() else round(float(x), 6)


class _Contract:
    def __init__(
        self,
        documents: list[Document],
        analyses: dict[str, Any],
        corpus: CorpusAnalysis,
        paths: dict[str, list[str]],
    ) -> None:
        self.documents = documents
        self.analyses = analyses
        self.corpus = corpus
        self.paths = paths
        self.doc_id = {d.key: f"d{i}" for i, d in enumerate(documents, 1)}
        self.doc_index = {d.key: i for i, d in enumerate(documents)}
        self.root = corpus_root([d.path for d in documents] + [p for ps in paths.values() for p in ps])
        mention_count = {e.key: len(e.mentions) for e in corpus.entities}
        entities = sorted(corpus.entities, key=lambda e: (-mention_count[e.key], e.name, e.key))
        self.entities = entities
        self.entity_id = {e.key: f"e{i}" for i, e in enumerate(entities, 1)}
        self.claims = sorted(corpus.claims, key=self._claim_order)
        self.claim_id = {c.key: f"c{i}" for i, c in enumerate(self.claims, 1)}

    def _claim_order(self, claim: Claim) -> tuple[Any, ...]:
        subject = self.entity_id.get(claim.subject or "", "")
        return (-claim.support.origins, -claim.support.documents, subject, claim.predicate, claim.key)

    def build(self) -> dict[str, Any]:
        origins = sorted(self.corpus.origins, key=lambda o: self._first_doc(o.documents))
        origin_id = {o.key: f"o{i}" for i, o in enumerate(origins, 1)}
        doc_origin = {d: origin_id[o.key] for o in origins for d in o.documents}
        stories = sorted(self.corpus.stories, key=lambda s: self._first_doc(s.documents))
        events = sorted(self.corpus.events, key=lambda v: (v.date, v.summary, v.key))
        relations = sorted(
            self.corpus.relations,
            key=lambda r: (self.entity_id.get(r.source, ""), r.type, self.entity_id.get(r.target, ""), r.key),
        )
        return {
            "schema": SCHEMA,
            "documents": [self._document(d, doc_origin.get(d.key)) for d in self.documents],
            "origins": [
                {
                    "id": origin_id[o.key],
                    "documents": self._doc_ids(o.documents),
                    "root": self.doc_id.get(o.root),
                }
                for o in origins
            ],
            "stories": [
                {"id": f"s{i}", "documents": self._doc_ids(s.documents), "label": s.label}
                for i, s in enumerate(stories, 1)
            ],
            "entities": [
                {
                    "id": self.entity_id[e.key],
                    "type": e.type,
                    "name": e.name,
                    "aliases": sorted(set(e.aliases) - {e.name}),
                    "mentions": self._sources(e.mentions),
                }
                for e in self.entities
            ],
            "claims": [self._claim(c) for c in self.claims],
            "events": [
                {
                    "id": f"v{i}",
                    "date": v.date,
                    "precision": v.precision,
                    "summary": v.summary,
                    "entities": self._entity_ids(v.entities),
                    "sources": self._sources(v.sources),
                    "support": {"documents": v.support.documents, "origins": v.support.origins},
                }
                for i, v in enumerate(events, 1)
            ],
            "relations": [
                {
                    "id": f"r{i}",
                    "source": self.entity_id.get(r.source),
                    "target": self.entity_id.get(r.target),
                    "type": r.type,
                    "text": r.text,
                    "sources": self._sources(r.sources),
                    "support": {"documents": r.support.documents, "origins": r.support.origins},
                }
                for i, r in enumerate(relations, 1)
            ],
        }

    def _first_doc(self, keys: list[str]) -> int:
        return min((self.doc_index.get(k, 1 << 30) for k in keys), default=1 << 30)

    def _doc_ids(self, keys: list[str]) -> list[str]:
        known = sorted((self.doc_index[k], k) for k in keys if k in self.doc_index)
        return [self.doc_id[k] for _, k in known]

    def _entity_ids(self, keys: list[str]) -> list[str]:
        ids = {self.entity_id[k] for k in keys if k in self.entity_id}
        return sorted(ids, key=lambda x: int(x[1:]))

    def _sources(self, sources: list[Source]) -> list[dict[str, Any]]:
        unique = {(self.doc_index[s.doc], s.start, s.end, s.doc) for s in sources if s.doc in self.doc_index}
        return [{"doc": self.doc_id[k], "start": a, "end": b} for _, a, b, k in sorted(unique)]

    def _document(self, doc: Document, origin: str | None) -> dict[str, Any]:
        analysis = self.analyses.get(doc.key)
        derived = sorted(
            (d for d in self.corpus.derivations if d.doc == doc.key and d.parent in self.doc_id),
            key=lambda d: (*d.rank(), self.doc_index[d.parent]),
        )
        repairs = sorted(analysis.repairs, key=lambda r: r.start) if analysis else []
        flagged: list[Repair] = sorted(analysis.flagged if analysis else [], key=lambda r: (r.start, r.end))
        relative = relative_path(doc.path, self.root)
        title = readable_title(doc.title, doc.text, repairs)
        return {
            "id": self.doc_id[doc.key],
            "path": doc.path,
            "relative_path": relative,
            "title": doc.title,
            "readable_title": title,
            "site": doc.site,
            "url": doc.url,
            "published": doc.published,
            "author": doc.author,
            "language": analysis.language if analysis else None,
            "citation": citation(title, doc.site, doc.published, relative),
            "words": doc.words,
            "origin": origin,
            "derived_from": [
                {"doc": self.doc_id[d.parent], "kind": d.kind, "score": round(d.score, 3)} for d in derived
            ],
            "repairs": [_repair(r) for r in repairs],
            "flagged": [{**_repair(r), "candidates": list(r.candidates)} for r in flagged],
            "key": doc.key,
            "duplicates": self.paths.get(doc.key, [doc.path])[1:],
        }

    def _value(self, claim: Claim) -> dict[str, Any]:
        v: Value = claim.value
        if v.type == "quantity":
            return {
                "type": "quantity",
                "amount": _number(v.amount),
                "low": _number(v.low),
                "high": _number(v.high),
                "unit": v.unit,
                "currency": v.currency,
                "approximate": v.approximate,
            }
        if v.type == "date":
            return {"type": "date", "date": v.date, "precision": v.precision}
        if v.type == "entity":
            return {"type": "entity", "entity": self.entity_id.get(claim.value_entity or "")}
        return {"type": "text", "text": v.text}

    def _claim(self, claim: Claim) -> dict[str, Any]:
        conflicts = sorted(
            (self.claim_id[k] for k in claim.conflicts if k in self.claim_id),
            key=lambda x: int(x[1:]),
        )
        return {
            "id": self.claim_id[claim.key],
            "subject": self.entity_id.get(claim.subject) if claim.subject else None,
            "predicate": claim.predicate,
            "text": claim.text,
            "value": self._value(claim),
            "sources": self._sources(claim.sources),
            "support": {"documents": claim.support.documents, "origins": claim.support.origins},
            "conflicts": conflicts,
            "status": claim.status,
        }


def _repair(r: Repair) -> dict[str, Any]:
    return {
        "start": r.start,
        "end": r.end,
        "text": r.text,
        "replacement": r.replacement,
        "confidence": round(r.confidence, 3),
        "method": r.method,
    }
