"""Fixtures of the export tests."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="module")
def seeds_texts(seeds_db: Path, seeds_contract: dict) -> dict[str, str]:
    from byline.export import contract_texts
    from byline.store import open_store

    store = open_store(seeds_db, readonly=True)
    try:
        return contract_texts(store, seeds_contract)
    finally:
        store.close()
