"""The LocalCluster byline starts: its workers' environment."""

from __future__ import annotations

import os

import dask

from byline.dask_executor import PRE_SPAWN_ENVIRON, dask_client


def _environ(names: tuple[str, ...]) -> dict[str, str | None]:
    return {name: os.environ.get(name) for name in names}


def test_local_cluster_workers_keep_glibcs_dynamic_malloc_thresholds():
    """Dask's MALLOC_TRIM_THRESHOLD_ (which turns glibc's dynamic mmap threshold off and slows
    the parser) is not given to byline's workers; its thread limits still are."""
    said: list[str] = []
    with dask_client(1, None, said.append) as client:
        seen = client.run(_environ, ("MALLOC_TRIM_THRESHOLD_", "OMP_NUM_THREADS"))
    wanted = {"MALLOC_TRIM_THRESHOLD_": None, "OMP_NUM_THREADS": "1"}
    assert seen and all(env == wanted for env in seen.values())
    assert said and said[0].startswith("Dask dashboard: ")
    assert "MALLOC_TRIM_THRESHOLD_" in dask.config.get(PRE_SPAWN_ENVIRON)  # the user's config untouched
