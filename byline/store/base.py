"""The store's interface: what any backend (SQLite, PostgreSQL) must offer the pipeline."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Collection, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path

from byline.model import CorpusAnalysis, DocAnalysis, Document


class StoreError(Exception):
    """A store that cannot be used: not a byline store, newer schema, unreadable. Said to the user."""


@dataclass(frozen=True)
class FileState:
    """What the store knows of one input file (keyed by its resolved path)."""

    file: str
    content_hash: str
    status: str  # "ok" or "failed"
    error: str | None


@dataclass
class BuildRecord:
    id: int
    started: str
    finished: str | None
    summary: dict[str, object] = field(default_factory=dict)
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class SearchHit:
    doc: str  # document key
    path: str
    title: str | None
    snippet: str  # matched terms between MATCH_START and MATCH_END


# Private-use characters: brackets or any other printable marker also occur in news text.
MATCH_START, MATCH_END = "\ue000", "\ue001"


class Store(ABC):
    """One narrow interface over the backend. All writes must run inside ``transaction()``."""

    @abstractmethod
    def transaction(self) -> AbstractContextManager[None]: ...

    @abstractmethod
    def close(self) -> None: ...

    def own_files(self) -> frozenset[Path]:
        """Files the store itself keeps on this machine (resolved): never read as articles when
        a corpus folder holds the store. A server-backed store keeps none."""
        return frozenset()

    # -- files and documents
    @abstractmethod
    def file_state(self, file: str) -> FileState | None: ...

    @abstractmethod
    def replace_file(
        self,
        file: str,
        content_hash: str,
        documents: list[Document],
        *,
        error: str | None = None,
    ) -> list[str]:
        """Record ``file`` and the documents read from it, replacing what it gave before.

        Returns the keys of documents that are new to the store. Documents whose text is
        already stored (the same key) only gain a path. A failed file keeps the documents it
        gave in an earlier build (nothing already stored is lost).
        """

    @abstractmethod
    def documents(self, keys: Collection[str] | None = None) -> list[Document]:
        """All documents (or those of ``keys`` still stored), sorted by path; ``path`` is the
        first of the paths that gave it. With keys a build reads texts a batch at a time."""

    @abstractmethod
    def document_paths(self) -> dict[str, list[str]]:
        """Document key -> every path that gave the same text (sorted)."""

    @abstractmethod
    def count_documents(self) -> int: ...

    # -- per-document analyses
    @abstractmethod
    def analysis_versions(self) -> dict[str, str]: ...

    @abstractmethod
    def save_analysis(self, doc: str, version: str, analysis: DocAnalysis, signature: bytes | None) -> None:
        """One document's analysis and signature (None: the stored signature stays)."""

    @abstractmethod
    def analyses(self) -> dict[str, DocAnalysis]: ...

    @abstractmethod
    def signatures(self) -> dict[str, bytes]: ...

    # -- corpus level
    @abstractmethod
    def save_corpus(self, analysis: CorpusAnalysis, input_hash: str) -> None: ...

    @abstractmethod
    def corpus(self) -> CorpusAnalysis | None: ...

    @abstractmethod
    def corpus_input_hash(self) -> str | None: ...

    # -- what a corpus stage keeps for the next build (e.g. alignments of document pairs)
    def stage_cache(self, name: str) -> str | None:
        """The text a corpus stage saved under ``name`` (None: none; the stage recomputes)."""
        return None

    def save_stage_cache(self, name: str, payload: str) -> None:
        """Keep ``payload`` for the next build (a backend without a cache drops it)."""
        return None

    # -- builds
    @abstractmethod
    def start_build(self) -> int: ...

    @abstractmethod
    def add_failure(self, build: int, path: str, reason: str) -> None: ...

    @abstractmethod
    def finish_build(self, build: int, summary: dict[str, object]) -> None: ...

    @abstractmethod
    def last_build(self) -> BuildRecord | None: ...

    # -- search
    @abstractmethod
    def search_documents(self, query: str, limit: int = 20) -> list[SearchHit]: ...

    def iter_documents(self) -> Iterator[Document]:
        yield from self.documents()
