"""Helpers for the export tests: the seeds' exports rendered from the session's seeds store."""

from __future__ import annotations

from pathlib import Path


def render_seeds(seeds_db: Path, fmt: str) -> str:
    from byline.export import render
    from byline.store import open_store

    store = open_store(seeds_db, readonly=True)
    try:
        return render(store, fmt)
    finally:
        store.close()
