"""The JSON API under /api: the contract's parts, filtered, plus search. Read-only (GET only).

Typed responses give the OpenAPI schema (/openapi.json) real shapes, so other tools can be
generated from it. Filters are linear scans over the in-memory contract: O(items) per request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from fastapi import APIRouter, HTTPException, Query
from pydantic import BaseModel

from byline.export import schema

if TYPE_CHECKING:
    from byline.serve import Corpus


# The response models are the contract's own (byline.export.schema): a field declared there is
# served here. Entities are listed with counts instead of their mentions.
DocumentOut = schema.Document
ClaimOut = schema.Claim


class DocumentText(schema.Document):
    """A document with its original text (the offsets of every source index into it)."""

    text: str


class EntityOut(schema.EntityBase):
    """An entity with how often and where it is named, instead of every mention."""

    mentions: int
    documents: int


class SearchHitOut(BaseModel):
    id: str
    title: str
    path: str
    site: str
    published: str
    snippet: str
    matches: list[tuple[int, int]]  # [start, end) of each matched term in ``snippet``


def _flat(parts: list[tuple[str, bool]]) -> dict[str, Any]:
    text, matches, at = [], [], 0
    for piece, matched in parts:
        if matched:
            matches.append((at, at + len(piece)))
        text.append(piece)
        at += len(piece)
    return {"snippet": "".join(text), "matches": matches}


def _document(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: doc.get(k) for k in DocumentOut.model_fields if k in doc}


def build_api(current: Callable[[], Corpus], search: Callable[..., list[dict[str, Any]]]) -> APIRouter:
    """The /api router over ``current()`` (the store as last built); ``search`` runs the store's
    full-text search."""
    from byline.serve import entity_summary

    api = APIRouter(prefix="/api", tags=["api"])

    @api.get("/documents", response_model=list[DocumentOut])
    def documents() -> list[dict[str, Any]]:
        """Every document, without its text."""
        return [_document(d) for d in current().contract.get("documents", [])]

    @api.get("/documents/{doc_id}", response_model=DocumentText)
    def document(doc_id: str) -> dict[str, Any]:
        """One document with its original text (the offsets of every source index into it)."""
        corpus = current()
        for doc in corpus.contract.get("documents", []):
            if doc["id"] == doc_id:
                return {**_document(doc), "text": corpus.texts.get(doc_id, "")}
        raise HTTPException(404, f"no document {doc_id}")

    @api.get("/entities", response_model=list[EntityOut])
    def entities(
        q: str = Query("", max_length=200), limit: int = Query(100, ge=1, le=1000)
    ) -> list[dict[str, Any]]:
        """Entities, or those whose name or an alias contains ``q`` (case and accents ignored)."""
        corpus = current()
        if q.strip():
            return corpus.search_entities(q, limit)
        return [entity_summary(e) for e in corpus.contract.get("entities", [])[:limit]]

    @api.get("/claims", response_model=list[ClaimOut])
    def claims(
        entity: str | None = None,
        predicate: str | None = None,
        status: str | None = None,
        min_documents: int = Query(0, ge=0),
        limit: int = Query(500, ge=1, le=10000),
    ) -> list[dict[str, Any]]:
        """Claims filtered by subject entity id, predicate, status and minimum support."""
        out = [
            c
            for c in current().contract.get("claims", [])
            if (entity is None or c.get("subject") == entity)
            and (predicate is None or c.get("predicate") == predicate)
            and (status is None or c.get("status") == status)
            and c["support"]["documents"] >= min_documents
        ]
        return out[:limit]

    @api.get("/search", response_model=list[SearchHitOut])
    def search_api(
        q: str = Query(..., min_length=1, max_length=200), limit: int = Query(20, ge=1, le=200)
    ) -> list[dict[str, Any]]:
        """Full-text search over the documents (SQLite FTS5): a plain-text snippet and the
        character ranges of the matched terms in it."""
        return [{**h, **_flat(h["snippet"])} for h in search(current(), q, limit)]

    return api
