"""The store: one narrow interface, SQLite behind it today, PostgreSQL tomorrow.

Everything the pipeline keeps goes through ``Store``: documents (deduplicated by the hash of their
normalised text), the files they came from (content hashes, for incremental builds), per-document
analyses and signatures (JSON and bytes, keyed by document), the corpus-level result, and build
records with their failures. Every write happens inside ``transaction()``, so a killed build
leaves a consistent store and the next build finishes the work without doubling anything.
"""

from __future__ import annotations

from pathlib import Path

from byline.store.base import MATCH_END, MATCH_START, BuildRecord, FileState, SearchHit, Store, StoreError
from byline.store.sqlite import SQLiteStore

__all__ = [
    "MATCH_END",
    "MATCH_START",
    "BuildRecord",
    "FileState",
    "SearchHit",
    "Store",
    "StoreError",
    "SQLiteStore",
    "open_store",
]


def open_store(path: Path | str, *, readonly: bool = False) -> Store:
    """Open (or, unless ``readonly``, create) the store at ``path``.

    A ``postgresql://`` URL is reserved for the PostgreSQL backend (not shipped yet).
    Raises StoreError with a message meant for the user.
    """
    text = str(path)
    if text.startswith(("postgres://", "postgresql://")):
        raise StoreError(f"{text}: the PostgreSQL backend is not available in this version")
    return SQLiteStore.open(Path(path), readonly=readonly)
