"""Per-document stages on a Dask ``distributed`` cluster (``byline build --executor dask``).

The client (the ``byline build`` process) keeps the store; workers only analyse. Each worker
loads the spaCy model and the repair resources once, when a worker plugin is registered (and on
any worker that joins later), never per task. Documents go out in small batches, a bounded
number at a time, and results come back as they finish: the client holds at most
``workers x IN_FLIGHT_PER_WORKER x BATCH_DOCS`` documents in flight, whatever the corpus size,
and each result is written to the store at once, so a killed build resumes where it stopped.

Without a scheduler address a ``LocalCluster`` of worker processes starts on this machine.
"""

from __future__ import annotations

import gc
import itertools
import logging
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager
from typing import TYPE_CHECKING, Any

import dask
from distributed import Client, LocalCluster, WorkerPlugin, as_completed, get_worker

from byline.pipeline import ExecutorError, batched

if TYPE_CHECKING:
    from byline.pipeline import AnalysisOutcome, Analyzer, BuildOptions, Task
    from byline.stages import StagePlan

# Tuning constants
BATCH_DOCS = 8  # documents a task: amortises Dask's per-task cost (scheduling, pickling) over a batch
IN_FLIGHT_PER_WORKER = 2  # batches queued per worker: one running, one ready; bounds the client's memory
CONNECT_TIMEOUT = "30s"  # how long to wait for a remote scheduler before saying it cannot be reached


def plugin_name(model: str | None, plan: StagePlan, budget: float) -> str:
    """One plugin per configuration: the model, the stages skipped and the budget."""
    skipped = ",".join(sorted(plan.skipped)) or "all-stages"
    return f"byline-analyzer:{model or 'default'}:{skipped}:{budget:g}"


class AnalyzerPlugin(WorkerPlugin):
    """Loads the per-document models once per worker process, when registered or when the
    worker joins; tasks find them in ``worker.plugins``."""

    idempotent = True  # a second build with the same options on the same cluster reuses it

    def __init__(self, model: str | None, plan: StagePlan, budget: float) -> None:
        self.model = model
        self.plan = plan
        self.budget = budget
        self.name = plugin_name(model, plan, budget)  # other options, another plugin: never stale models
        self.analyzer: Analyzer | None = None

    def setup(self, worker: Any) -> None:
        from byline.pipeline import Analyzer

        self.analyzer = Analyzer(self.model, budget=self.budget, plan=self.plan)
        # the models and repair resources are millions of long-lived objects: out of the cyclic
        # collector's way, as in the local pool, or every full collection walks them all
        gc.freeze()

    def teardown(self, worker: Any) -> None:
        self.analyzer = None


def _analyze_batch(tasks: list[Task], plugin_key: str) -> list[AnalysisOutcome]:
    """A Dask task: analyse a batch with this worker's loaded models (one ``nlp.pipe``)."""
    plugin = get_worker().plugins[plugin_key]
    assert isinstance(plugin, AnalyzerPlugin) and plugin.analyzer is not None, "worker plugin not set up"
    return plugin.analyzer.analyze_batch(tasks)


PRE_SPAWN_ENVIRON = "distributed.nanny.pre-spawn-environ"

# Dask settings for byline's own LocalCluster only (a cluster you start keeps your config).
# Each periodic callback wakes the worker's event loop thread, which then takes the GIL from
# the task thread; on a busy 2-core machine every such wake-up also takes a core from the
# other worker. byline's tasks run seconds each, so coarser clocks lose nothing. Measured
# (64 ECB+ articles on 1 worker): threads other than the task's used ~0.6-0.75 s of CPU for
# ~7 s of analysis with Dask's defaults, ~0.05 s with these.
QUIET_WORKERS = {
    "distributed.worker.profile.enabled": False,  # the sampling profiler: a stack walk every 10 ms
    "distributed.admin.tick.interval": "1s",  # event-loop liveness check, default every 20 ms
    "distributed.worker.memory.monitor-interval": "1s",  # RSS checks (pause/terminate), default 100 ms
    "distributed.admin.system-monitor.interval": "5s",  # dashboard CPU/memory/network, default 500 ms
    "distributed.scheduler.work-stealing": False,  # bounded in-flight batches: nothing to steal
}


def _without_malloc_trim() -> dict[str, Any]:
    """Dask's worker environment without its ``MALLOC_TRIM_THRESHOLD_``: setting it at all turns
    off glibc's dynamic mmap threshold, so the parser's many large short-lived arrays are
    mapped and unmapped each time (measured: the per-document stage about 15% slower than in
    local worker processes, 300 ECB+ articles, 2 workers). byline's workers free memory in
    batches; trimming buys nothing here."""
    environ = dict(dask.config.get(PRE_SPAWN_ENVIRON, default={}) or {})
    environ.pop("MALLOC_TRIM_THRESHOLD_", None)
    return environ


@contextmanager
def dask_client(
    workers: int, scheduler: str | None, notify: Callable[[str], None] | None = None
) -> Iterator[Client]:
    """A client on ``scheduler`` (``tcp://HOST:PORT``) or on a new LocalCluster of ``workers``
    single-threaded processes (spaCy holds the GIL); the dashboard link goes to ``notify``."""
    cluster = None
    if scheduler:
        try:
            client = Client(scheduler, timeout=CONNECT_TIMEOUT)
        except (OSError, TimeoutError) as err:
            raise ExecutorError(f"cannot reach the Dask scheduler at {scheduler} ({err})") from None
    else:
        with dask.config.set({PRE_SPAWN_ENVIRON: _without_malloc_trim(), **QUIET_WORKERS}):
            cluster = LocalCluster(
                n_workers=max(1, workers),
                threads_per_worker=1,
                processes=True,
                dashboard_address="127.0.0.1:0",  # a free port: several builds may run side by side
                silence_logs=logging.ERROR,
            )
        client = Client(cluster)
    try:
        if notify is not None:
            notify(f"Dask dashboard: {client.dashboard_link}")
        yield client
    finally:
        client.close()
        if cluster is not None:
            cluster.close()


class DaskExecutor:
    """The build's executor on a Dask cluster: the same ``map``/``close`` as the local one, one
    client (and, without a scheduler, one LocalCluster) for the whole build, started on first
    use, so the per-document stage and the corpus stage's re-repairs share the loaded workers."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self._client: ExitStack | None = None
        self.client: Client | None = None
        self.plugin = AnalyzerPlugin(options.model, options.plan(), options.doc_budget)

    def _connect(self) -> Client:
        if self.client is None:
            stack = ExitStack()
            self.client = stack.enter_context(
                dask_client(self.options.workers, self.options.scheduler, self.options.notify)
            )
            self._client = stack
            self.client.register_plugin(self.plugin)
        return self.client

    def map(self, tasks: Iterable[Task]) -> Iterator[AnalysisOutcome]:
        """Outcomes as batches finish (any order). O(documents) work on the workers;
        O(workers x batch) documents held by the client, ``tasks`` read as batches go out."""
        batches = batched(tasks, BATCH_DOCS)
        first = next(batches, None)
        if first is None:  # nothing to analyse: no cluster to start
            return
        batches = itertools.chain([first], batches)
        client = self._connect()
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))
        running = as_completed()
        for batch in itertools.islice(batches, n_workers * IN_FLIGHT_PER_WORKER):
            running.add(client.submit(_analyze_batch, batch, self.plugin.name, pure=False))
        for future in running:
            outcomes = future.result()
            future.release()
            for batch in itertools.islice(batches, 1):
                running.add(client.submit(_analyze_batch, batch, self.plugin.name, pure=False))
            yield from outcomes

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = self.client = None
