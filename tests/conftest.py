"""Shared fixtures: where the shared data lives, and one build of the seeds per test session."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = Path(os.environ.get("BYLINE_SHARED", REPO.parent / "shared"))
SEEDS = SHARED / "seeds"
ECBPLUS = SHARED / "data" / "ecbplus" / "ecbplus_docs.jsonl"
EXAMPLES = REPO / "examples"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    assert SEEDS.is_dir(), f"the shared seeds are missing at {SEEDS}"
    return SEEDS


@pytest.fixture(scope="session")
def seeds_db(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Path:
    """The seeds built once (all stages), for tests that only read the store."""
    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    db = tmp_path_factory.mktemp("seeds") / "seeds.db"
    store = open_store(db)
    try:
        summary = build(store, [seeds_dir], BuildOptions(workers=1))
    finally:
        store.close()
    assert not summary.failures
    return db


@pytest.fixture(scope="session")
def seeds_contract(seeds_db: Path) -> dict:
    from byline.export import build_contract
    from byline.store import open_store

    store = open_store(seeds_db, readonly=True)
    try:
        return json.loads(json.dumps(build_contract(store)))
    finally:
        store.close()


def seed_id(contract: dict, prefix: str) -> str:
    """The contract id of the seed whose file name starts with ``prefix`` (e.g. "002")."""
    for doc in contract["documents"]:
        if Path(doc["path"]).name.startswith(prefix):
            return doc["id"]
    raise KeyError(prefix)


@pytest.fixture(scope="module")
def browser():
    """Debian's Chromium through playwright, one per test module (report and web app tests)."""
    from playwright.sync_api import sync_playwright
    from report.dossier_support import launch

    with sync_playwright() as p:
        b = launch(p)
        yield b
        b.close()


@pytest.fixture(scope="session")
def postgres_cluster():
    """A throwaway PostgreSQL server for the session (see tests/pg_support.py)."""
    from pg_support import start_cluster

    cluster = start_cluster()
    yield cluster
    cluster.stop()


@pytest.fixture
def postgres_url(postgres_cluster) -> str:
    """A fresh, empty database on the session's server."""
    return postgres_cluster.new_database()


@pytest.fixture(scope="session")
def seeds_pg(postgres_cluster, seeds_dir: Path) -> str:
    """The seeds built into PostgreSQL on a 2-worker Dask LocalCluster (equivalence, serve),
    reached by its scheduler's address as a remote cluster would be (--scheduler)."""
    from distributed import LocalCluster

    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    url = postgres_cluster.new_database("seeds")
    said: list[str] = []
    with LocalCluster(n_workers=2, threads_per_worker=1, dashboard_address="127.0.0.1:0") as cluster:
        options = BuildOptions(workers=2, executor="dask", scheduler=cluster.scheduler_address)
        options.notify = said.append
        store = open_store(url)
        try:
            summary = build(store, [seeds_dir], options)
        finally:
            store.close()
    assert said and said[0].startswith("Dask dashboard: http://127.0.0.1:")
    assert not summary.failures
    assert summary.analysed == summary.documents > 0
    return str(url)
