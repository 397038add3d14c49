"""The web app: the dossier's views over a store, plus search, and a JSON API (read-only).

The store is opened read-only. The contract (and the dossier page made from it) is computed once
when the app is created, so pages cost nothing per request; full-text search opens the store per
request (SQLite connections are per thread). Every page is rendered with autoescape and sent
with a Content-Security-Policy; the search pages carry no script at all.
"""

from __future__ import annotations

import base64
import hashlib
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import jinja2
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse, Response

from byline.report import render_dossier
from byline.report.assets import static_text
from byline.report.view import safe_url
from byline.serve.api import build_api
from byline.store import MATCH_END, MATCH_START, StoreError, is_store_url
from byline.textkit import fold_ascii as fold

__all__ = ["create_app", "Corpus"]

PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)


@dataclass(frozen=True)
class Corpus:
    """What the app serves: the contract, the texts, lookups, and where the store is."""

    db_path: Path | str
    contract: dict[str, Any]
    texts: dict[str, str]
    doc_by_key: dict[str, dict[str, Any]]
    dossier: str

    def search_entities(self, query: str, limit: int = 50) -> list[dict[str, Any]]:
        """Entities whose name or an alias contains ``query`` (accents and case ignored),
        best first: exact, then prefix, then substring; ties by mentions. O(entities × aliases)."""
        q = fold(query)
        if not q:
            return []
        ranked = []
        for entity in self.contract.get("entities", []):
            names = [entity["name"], *entity.get("aliases", [])]
            folded = [fold(n) for n in names]
            rank = min((0 if f == q else 1 if f.startswith(q) else 2 if q in f else 3) for f in folded)
            if rank < 3:
                ranked.append((rank, -len(entity.get("mentions", [])), entity["id"], entity))
        ranked.sort(key=lambda r: r[:3])
        return [entity_summary(r[3]) for r in ranked[:limit]]


def entity_summary(entity: dict[str, Any]) -> dict[str, Any]:
    """The contract's naming fields of an entity (whatever ``EntityBase`` declares), with counts
    in place of its mentions."""
    from byline.export.schema import EntityBase

    mentions = entity.get("mentions", [])
    summary = {name: entity.get(name) for name in EntityBase.model_fields}
    summary["mentions"] = len(mentions)
    summary["documents"] = len({m["doc"] for m in mentions})
    return summary


def load_corpus(db_path: Path | str) -> Corpus:
    """Read the store (read-only) into what the app serves."""
    from byline.export.contract import build_contract, contract_texts
    from byline.store import open_store

    store = open_store(db_path, readonly=True)
    try:
        contract = build_contract(store)
        texts = contract_texts(store, contract)
    finally:
        store.close()
    doc_by_key = {d["key"]: d for d in contract.get("documents", []) if "key" in d}
    dossier = render_dossier(contract, texts, search_action="search")
    return Corpus(db_path, contract, texts, doc_by_key, dossier)


def store_state(db_path: Path | str) -> tuple[Any, ...] | None:
    """What changes when a build finishes (the last build and the corpus stage's input hash), or
    None while a build is running (its parts are committed one stage at a time)."""
    from byline.store import open_store

    store = open_store(db_path, readonly=True)
    try:
        last = store.last_build()
        if last is not None and last.finished is None:
            return None
        return (last.id if last else None), store.corpus_input_hash()
    finally:
        store.close()


class LiveCorpus:
    """The corpus as of the store's last build: a later ``byline build`` on the same store is
    picked up by the next request (one small read-only query a request, a reload when it
    changed). A store that cannot be read at that moment keeps the last good corpus served."""

    def __init__(self, db_path: Path | str) -> None:
        self.db_path = db_path
        self.state = store_state(db_path)
        self.corpus = load_corpus(db_path)
        self.lock = threading.Lock()

    def __call__(self) -> Corpus:
        try:
            state = store_state(self.db_path)
        except StoreError:
            return self.corpus
        if state is not None and state != self.state:
            with self.lock:
                if state != self.state:
                    try:
                        self.corpus = load_corpus(self.db_path)
                    except StoreError:
                        return self.corpus
                    self.state = state
        return self.corpus


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


@lru_cache(maxsize=4)
def dossier_policy(page: str) -> str:
    """The dossier's CSP: only its own inline scripts run (by their SHA-256), nothing loads
    from the network, no framing; article text that smuggles a script in cannot run it."""
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode("ascii") + "'"
        for code in _INLINE_SCRIPT.findall(page)
    )
    return (
        f"default-src 'none'; script-src {hashes or chr(39) + 'none' + chr(39)}; style-src 'unsafe-inline'; "
        "img-src data:; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
    )


@lru_cache(maxsize=1)
def _templates() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("byline.serve", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.tests["http_url"] = lambda url: safe_url(url) is not None
    return env


def _page(name: str, **context: Any) -> HTMLResponse:
    html = _templates().get_template(name).render(css=static_text("style.css"), **context)
    return HTMLResponse(html, headers={"Content-Security-Policy": PAGE_POLICY})


_MATCHED = re.compile(f"({MATCH_START}[^{MATCH_END}]*{MATCH_END})")


def search_documents(corpus: Corpus, query: str, limit: int) -> list[dict[str, Any]]:
    """Full-text hits (the store's FTS5 index) as contract documents with a snippet."""
    from byline.store import open_store

    store = open_store(corpus.db_path, readonly=True)
    try:
        hits = store.search_documents(query, limit=limit)
    finally:
        store.close()
    out = []
    for hit in hits:
        key = hit["doc"] if isinstance(hit, dict) else hit.doc
        snippet = hit["snippet"] if isinstance(hit, dict) else hit.snippet
        doc = corpus.doc_by_key.get(key)
        if doc is None:
            continue
        out.append(
            {
                "id": doc["id"],
                "title": doc.get("readable_title") or doc.get("title") or "",
                "path": doc.get("relative_path") or doc.get("path", ""),
                "site": doc.get("site") or "",
                "published": doc.get("published") or "",
                "snippet": snippet_parts(snippet),
            }
        )
    return out


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """An FTS5 snippet as (text, matched) pieces; the store marks matches with MATCH_START and
    MATCH_END (private-use characters, so brackets in the text stay text)."""
    parts: list[tuple[str, bool]] = []
    for piece in _MATCHED.split(snippet):
        matched = piece.startswith(MATCH_START) and piece.endswith(MATCH_END)
        text = piece.replace(MATCH_START, "").replace(MATCH_END, "")
        if text:
            parts.append((text, matched))
    return parts


def create_app(db_path: Path | str) -> FastAPI:
    """The read-only web app over the store at ``db_path`` (raises StoreError if unusable)."""
    current = LiveCorpus(db_path if is_store_url(db_path) else Path(db_path))
    app = FastAPI(
        title="byline",
        version="1",
        description="A sourced dossier, read-only.",
        docs_url="/api/docs",
        redoc_url=None,
    )
    app.state.corpus = current

    @app.middleware("http")
    async def headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        response.headers.setdefault("X-Frame-Options", "DENY")
        return response

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def dossier() -> HTMLResponse:
        page = current().dossier
        return HTMLResponse(page, headers={"Content-Security-Policy": dossier_policy(page)})

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search_page(q: str = Query("", max_length=200)) -> HTMLResponse:
        hits = search_documents(current(), q, 50) if q.strip() else []
        return _page("search.html.j2", query=q, hits=hits)

    @app.get("/entities", response_class=HTMLResponse, include_in_schema=False)
    def entities_page(q: str = Query("", max_length=200)) -> HTMLResponse:
        corpus = current()
        found = (
            corpus.search_entities(q, 100)
            if q.strip()
            else [entity_summary(e) for e in corpus.contract.get("entities", [])[:100]]
        )
        return _page("entities.html.j2", query=q, entities=found)

    @app.get("/documents/{doc_id}", response_class=HTMLResponse, include_in_schema=False)
    def document_page(doc_id: str) -> HTMLResponse:
        corpus = current()
        doc = next((d for d in corpus.contract["documents"] if d["id"] == doc_id), None)
        if doc is None:
            raise HTTPException(404, f"no document {doc_id}")
        return _page("document.html.j2", doc=doc, text=corpus.texts.get(doc_id, ""))

    app.include_router(build_api(current, search_documents))
    return app
