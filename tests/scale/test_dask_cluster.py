"""The LocalCluster byline starts: its workers' environment."""

from __future__ import annotations

import os

import dask

from byline.dask_executor import (
    BATCH_DOCS,
    IN_FLIGHT_PER_WORKER,
    PRE_SPAWN_ENVIRON,
    QUIET_WORKERS,
    DaskExecutor,
    dask_client,
)
from byline.model import Document
from byline.pipeline import BuildOptions, Task


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


def _config(names: list[str]) -> dict[str, object]:
    return {name: dask.config.get(name) for name in names}


def _periodic_callbacks(dask_worker) -> dict[str, float]:
    return {name: pc.callback_time for name, pc in dask_worker.periodic_callbacks.items()}


def test_local_cluster_workers_run_without_the_periodic_wake_ups_byline_does_not_need():
    """byline's own cluster: no sampling profiler, coarse monitor clocks; the scheduler (in
    this process) without work stealing; the user's own config is left as it was."""
    names = list(QUIET_WORKERS)
    before = _config(names)
    with dask_client(1, None) as client:
        seen = client.run(_config, names)
        scheduler = client.run_on_scheduler(lambda dask_scheduler: "stealing" in dask_scheduler.extensions)
        clocks = client.run(_periodic_callbacks)
    assert seen and all(config == QUIET_WORKERS for config in seen.values())
    assert scheduler is False
    for callbacks in clocks.values():  # milliseconds between wake-ups of the worker's event loop
        assert "profile" not in callbacks, "no stack sampling every 10 ms"
        assert callbacks["tick"] == callbacks["memory_monitor"] == 1000
        assert callbacks["monitor"] == 5000
    assert _config(names) == before != QUIET_WORKERS


def test_the_dask_executor_reads_its_tasks_as_batches_go_out():
    """Tasks are read from an iterator a batch at a time: the client holds the texts of the
    batches in flight, not the corpus's."""
    pulled: list[int] = []

    def tasks(n: int):
        for i in range(n):
            pulled.append(i)
            text = f"Report {i}. The town council met on Monday and approved a new budget of {i} euros.\n"
            yield Task(Document(key=f"k{i:03d}", path=f"{i:03d}.txt", text=text))

    executor = DaskExecutor(BuildOptions(workers=1, executor="dask"))
    try:
        assert list(executor.map(iter([]))) == [] and executor.client is None, "no cluster for nothing"
        outcomes = executor.map(tasks(80))
        first = next(outcomes)
        held = len(pulled)
        every = [first, *outcomes]
    finally:
        executor.close()
    assert sorted(o.key for o in every) == [f"k{i:03d}" for i in range(80)]
    assert all(o.analysis is not None for o in every)
    assert held <= (IN_FLIGHT_PER_WORKER + 1) * BATCH_DOCS < 80
