"""Small shared pieces of reconciliation: support counting, stable keys, union-find (the
toolkit's, re-exported for the reconcilers)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping

from byline.model import Source, Support
from byline.textkit import UnionFind

__all__ = ["UnionFind", "count_support", "sorted_sources", "stable_key", "unique_keys"]


def count_support(docs: Iterable[str], doc_origin: Mapping[str, str]) -> Support:
    """Distinct documents, and distinct origin groups among them.

    A document missing from ``doc_origin`` is its own origin (it copies nothing we know of).
    """
    distinct = set(docs)
    origins = {doc_origin.get(doc, "doc:" + doc) for doc in distinct}
    return Support(documents=len(distinct), origins=len(origins))


def sorted_sources(sources: Iterable[Source]) -> list[Source]:
    """Deduplicated, sorted by (doc, start, end): the order every export needs."""
    return sorted(set(sources), key=lambda s: (s.doc, s.start, s.end))


def stable_key(prefix: str, *parts: str) -> str:
    """A short content hash: the same content gives the same key in every run and process."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:12]
    return f"{prefix}:{digest}"


def unique_keys(keys: list[str]) -> list[str]:
    """Suffix repeated keys ("-2", "-3", ...) in the given (deterministic) order."""
    seen: dict[str, int] = {}
    out: list[str] = []
    for key in keys:
        n = seen.get(key, 0) + 1
        seen[key] = n
        out.append(key if n == 1 else f"{key}-{n}")
    return out
