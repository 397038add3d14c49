"""The store: one narrow interface, SQLite or PostgreSQL behind it.

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
    "describe_store",
    "is_store_url",
    "open_store",
]


def is_store_url(location: Path | str) -> bool:
    """A server-backed store (``postgresql://...``) rather than an SQLite file."""
    return str(location).startswith(("postgres://", "postgresql://"))


def describe_store(location: Path | str) -> str:
    """The store's location as shown to users: a URL loses its password."""
    if is_store_url(location):
        from byline.store.postgres import redact

        return redact(str(location))
    return str(location)


def open_store(path: Path | str, *, readonly: bool = False) -> Store:
    """Open (or, unless ``readonly``, create) the store at ``path``: an SQLite file, or a
    ``postgresql://user:pass@host/dbname`` URL (the database must exist; byline creates its tables).
    Raises StoreError with a message meant for the user.
    """
    if is_store_url(path):
        from byline.store.postgres import PostgresStore

        return PostgresStore.open(str(path), readonly=readonly)
    return SQLiteStore.open(Path(path), readonly=readonly)
