"""Runs the stages: ingest -> per-document analysis (repair, extract, signature) -> corpus stages.

Per-document work runs inline (one worker) or in worker processes, each loading its models once
(``Analyzer``). Everything that a stage produces is written to the store as soon as it exists, in
its own transaction, so an interrupted build resumes where it stopped. A rebuild over an unchanged
corpus only hashes files: documents are keyed by content, analyses by a version string, and the
corpus stages by the hash of their inputs.
"""

from __future__ import annotations

import dataclasses
import gc
import hashlib
import itertools
import multiprocessing
import os
import pickle
import signal
import stat
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from multiprocessing.context import BaseContext
from pathlib import Path
from typing import Any, Protocol

from byline.corpus import RepairEvidence, StageClock, analyze_corpus
from byline.ingest import IngestError, read_file
from byline.ingest.files import Walk, not_regular, open_regular
from byline.model import CorpusAnalysis, DocAnalysis, Document, Repair, TextView
from byline.stages import StagePlan
from byline.store import Store

# Bump when a per-document stage changes its output: stored analyses are then recomputed.
ANALYSIS_VERSION = "17"
# Bump when a corpus stage (provenance, re-repair, entities, reconcile) changes its output.
CORPUS_VERSION = "17"


class Progress(Protocol):
    def start(self, stage: str, total: int | None) -> None: ...
    def advance(self, stage: str, amount: int = 1) -> None: ...
    def finish(self, stage: str) -> None: ...


class _Silent:
    def start(self, stage: str, total: int | None) -> None:
        pass

    def advance(self, stage: str, amount: int = 1) -> None:
        pass

    def finish(self, stage: str) -> None:
        pass


class ExecutorError(RuntimeError):
    """The executor cannot run (e.g. a Dask scheduler that cannot be reached). Said to the user."""


# Seconds one document's per-document stages may take before it is stored with a named failure
# instead of holding up the build (a 10k-word article takes ~10 s on one core; cut tokens and
# linear patterns keep hostile texts far below this, the budget is the backstop).
DEFAULT_DOC_BUDGET = 300.0
# Seconds between a worker's checks that the build process that started it is still alive.
WORKER_WATCH_INTERVAL = 1.0


@dataclass
class BuildOptions:
    workers: int = 1
    max_bytes: int = 20_000_000
    model: str | None = None  # spaCy model package or path
    repair: bool = True  # False: the "repair" stage skipped (the same as skip={"repair"})
    skip: frozenset[str] = frozenset()  # names of stages not to run (byline.stages)
    doc_budget: float = DEFAULT_DOC_BUDGET  # seconds per document; 0 = no budget
    executor: str = "local"  # "local" (worker processes) or "dask" (a distributed cluster)
    scheduler: str | None = None  # a Dask scheduler address; None starts a LocalCluster
    notify: Callable[[str], None] | None = None  # where to say things like the dashboard link

    def plan(self) -> StagePlan:
        """The stages this build runs (StageError for an unknown stage name)."""
        return StagePlan.skipping(set(self.skip) | (set() if self.repair else {"repair"}))

    def analysis_version(self) -> str:
        """The identity of a document's stored analysis: ANALYSIS_VERSION, and for a build
        with stages skipped or another model, which (so neither reuses the other's)."""
        tag = self.plan().analysis_tag(self.model)
        return f"{ANALYSIS_VERSION}/{tag}" if tag else ANALYSIS_VERSION


def describe_build_limits(options: BuildOptions | None = None) -> list[tuple[str, str]]:
    """(name, value) rows for ``byline info``: what a build refuses or stops."""
    options = options or BuildOptions()
    budget = f"{options.doc_budget:g} s (then the document is stored with a named failure)"
    return [
        ("files read", "regular files only; links in folders are not followed (named in warnings)"),
        ("largest file read", f"{options.max_bytes:,} bytes by default (--max-bytes)"),
        ("analysis budget per document", budget if options.doc_budget > 0 else "none"),
    ]


class AnalysisBudgetExceeded(Exception):
    """A document's per-document stages ran past the budget; the build goes on without it."""


def _over_budget(budget: float) -> str:
    return f"over the analysis budget of {budget:g} s per document (raise it with --doc-budget)"


@contextmanager
def time_budget(seconds: float, budget: float | None = None) -> Iterator[None]:
    """Raise AnalysisBudgetExceeded in this block after ``seconds`` (SIGALRM; only in a
    process's main thread, where worker processes and inline builds run; elsewhere a no-op),
    naming the per-document ``budget`` (default ``seconds``) it comes from.
    The alarm fires between Python steps, so a single call into C code ends before it does."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise AnalysisBudgetExceeded(_over_budget(seconds if budget is None else budget))

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@dataclass
class BuildSummary:
    files: int = 0
    unchanged: int = 0
    new_documents: int = 0
    analysed: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (path, same text as path)
    documents: int = 0
    entities: int = 0
    claims: int = 0
    events: int = 0
    relations: int = 0
    origins: int = 0
    stories: int = 0
    conflicts: int = 0
    corpus_rebuilt: bool = False
    # seconds per stage: per-document stages summed over workers (CPU time of the pool), corpus
    # stages and the store wall time in the main process; not stored, printed by --timings
    timings: dict[str, float] = field(default_factory=dict)

    def add_timings(self, timings: dict[str, float], prefix: str = "") -> None:
        for stage, seconds in timings.items():
            self.timings[prefix + stage] = self.timings.get(prefix + stage, 0.0) + seconds

    @contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.add_timings({stage: time.perf_counter() - start})

    def as_dict(self) -> dict[str, object]:
        return {
            "files": self.files,
            "unchanged": self.unchanged,
            "new_documents": self.new_documents,
            "analysed": self.analysed,
            "failures": len(self.failures),
            "duplicates": len(self.duplicates),
            "documents": self.documents,
            "entities": self.entities,
            "claims": self.claims,
            "events": self.events,
            "relations": self.relations,
            "origins": self.origins,
            "stories": self.stories,
            "conflicts": self.conflicts,
        }


class Analyzer:
    """Per-document stages with their models, loaded once per process.

    repair (non-words, tortured phrases) -> the repaired view -> extraction on the view, offsets
    mapped back to the original -> the provenance signature of the view.
    """

    def __init__(
        self,
        model: str | None = None,
        repair: bool = True,
        budget: float = DEFAULT_DOC_BUDGET,
        plan: StagePlan | None = None,
    ) -> None:
        from byline.extract import load_nlp
        from byline.extract.nlp import load_tables

        self.budget = budget  # seconds of analysis per document (time_budget); 0 = none
        self.plan = plan or StagePlan.skipping(() if repair else ("repair",))
        self.stages = self.plan.document_stages()  # in order; analyze_parsed runs the extraction ones
        self.stage = {s.name: s for s in self.stages}
        self.nlp = load_nlp(model)
        load_tables()
        self.repair_resources = None
        if "repair" in self.stage:
            from byline.repair import load_repair_resources

            self.repair_resources = load_repair_resources()

    def analyze_batch(self, tasks: Sequence[Task]) -> list[AnalysisOutcome]:
        """Repair each document, parse the views that changed together (``nlp.pipe`` batches
        them, about a fifth faster than one by one), then extract and sign each. A document
        whose stage fails is a failure of that document alone, named with the reason."""
        outcomes: list[AnalysisOutcome] = []
        repaired: list[_Repaired] = []
        for task in tasks:
            outcome = AnalysisOutcome(task.doc.key, None)
            outcomes.append(outcome)
            try:
                with time_budget(self.budget):
                    repaired.append(self._repair(task, outcome))
            except Exception as exc:  # noqa: BLE001 - any stage error becomes a reported failure
                outcome.error = _failure(exc)
        self._parse_and_extract(repaired)
        return outcomes

    def analyze(
        self,
        doc: Document,
        copy_text: str | None = None,
        context_texts: Sequence[str] = (),
        other_copies: Sequence[str] = (),
    ) -> tuple[DocAnalysis, bytes]:
        """One document's analysis and signature, with the corpus's evidence when given."""
        evidence = None
        if copy_text or context_texts or other_copies:
            evidence = RepairEvidence(copy_text, list(context_texts), list(other_copies))
        (outcome,) = self.analyze_batch([Task(doc, evidence)])
        if outcome.analysis is None:
            raise RuntimeError(outcome.error or "analysis failed")
        return outcome.analysis, outcome.signature

    def _repair(self, task: Task, outcome: AnalysisOutcome) -> _Repaired:
        """The repaired view, its repairs, flagged spots and spin score."""
        clock = StageClock(outcome.timings)
        repaired = _Repaired(task, outcome, TextView.identity(task.doc.text), [], [], 0.0)
        if self.repair_resources is not None:
            self.stage["repair"].run(repaired, self.repair_resources)
            clock.lap("repair")
        return repaired

    def _parse_and_extract(self, repaired: list[_Repaired]) -> None:
        """Parse the views in one ``nlp.pipe`` (skipped where a re-repair kept the repairs: the
        view is the same), then extract and sign each, each document within its budget."""
        from byline.extract import parse_texts

        to_parse = [one for one in repaired if not one.keeps_extraction]
        clock = StageClock(None)
        try:
            with time_budget(self.budget * len(to_parse)):
                texts = [o.view.text for o in to_parse]
                parsed = dict(zip(map(id, to_parse), parse_texts(self.nlp, texts), strict=True))
        except Exception:  # noqa: BLE001 - one text broke the batch (or its budget): each alone below
            parsed = {}
        share = clock.elapsed() / max(1, len(to_parse))  # the batch's parse time, per document
        for one in repaired:
            spent = sum(one.outcome.timings.values())  # its repair so far
            try:
                if spent > self.budget > 0:
                    raise AnalysisBudgetExceeded(_over_budget(self.budget))
                with time_budget(self.budget - spent if self.budget > 0 else 0, self.budget):
                    self._extract(one, parsed.get(id(one)), share)
            except Exception as exc:  # noqa: BLE001 - any stage error becomes a reported failure
                one.outcome.error = _failure(exc)

    def _extract(self, one: _Repaired, sdoc: Any, share: float) -> None:
        """One document's extraction (parsing it alone when the batch did not) and signature."""
        from byline.extract import analyze_parsed, parse_texts
        from byline.provenance.language import detect_language

        timings = one.outcome.timings
        clock = StageClock(timings)
        previous = one.task.previous  # a re-repair keeps the document's own spin score and
        # signature: the corpus stages choose evidence and links by them, so the next build
        # chooses as this one did (a re-repair's would move the choice at every later build)
        spin = previous.spin_score if previous is not None else one.score
        if one.keeps_extraction and previous is not None:
            analysis = dataclasses.replace(previous, spin_score=spin, flagged=one.flagged)
        else:
            if sdoc is None:
                (sdoc,) = parse_texts(self.nlp, [one.view.text])
                clock.lap("parse")
            else:
                timings["parse"] = timings.get("parse", 0.0) + share
            analysis = analyze_parsed(one.task.doc, sdoc, one.view, self.stages)
            analysis.repairs, analysis.flagged = one.repairs, one.flagged
            analysis.spin_score = spin
            analysis.language = detect_language(one.task.doc.text)
            clock.lap("extraction")
        analysis.evidence = one.task.evidence.digest() if one.task.evidence else None
        if "signatures" in self.stage and previous is None:
            one.outcome.signature = self.stage["signatures"].run(one.task.doc, one.view, analysis.language)
            clock.lap("signatures")
        one.outcome.analysis = analysis


@dataclass
class _Repaired:
    """A document after repair, waiting for its parse."""

    task: Task
    outcome: AnalysisOutcome
    view: TextView
    repairs: list[Repair]
    flagged: list[Repair]
    score: float

    @property
    def keeps_extraction(self) -> bool:
        """A re-repair that gave the same repairs: the view, so the extraction, is the same."""
        return self.task.previous is not None and self.task.previous.repairs == self.repairs


def repair_view(repaired: _Repaired, resources: Any) -> None:
    """The repair stage: a document's repairs (with the corpus's evidence when its task has
    some), flagged spots and spin score, and the repaired view the later stages read."""
    from byline.repair import repair_document

    text = repaired.task.doc.text
    ev = repaired.task.evidence or RepairEvidence(None, [])
    result = repair_document(
        text, resources, copy_text=ev.copy, context_texts=ev.context, other_copies=ev.others
    )
    repaired.repairs, repaired.flagged = list(result.repairs), list(result.flagged)
    repaired.score = result.spin_score
    repaired.view = TextView.from_repairs(text, repaired.repairs)


def sign_view(doc: Document, view: TextView, language: str | None) -> bytes:
    """The signatures stage: the view's provenance sketch, pickled for the store."""
    from byline.provenance import document_signature

    return pickle.dumps(document_signature(doc, view.text, language), protocol=pickle.HIGHEST_PROTOCOL)


def _failure(exc: Exception) -> str:
    return f"analysis failed ({type(exc).__name__}: {exc})"


@dataclass(frozen=True)
class Task:
    """One document to analyse; for a corpus-stage re-repair, the evidence provenance found and
    the analysis it has (repairs that come out the same keep its extraction: no parse)."""

    doc: Document
    evidence: RepairEvidence | None = None
    previous: DocAnalysis | None = None


@dataclass
class AnalysisOutcome:
    key: str
    analysis: DocAnalysis | None  # None: failed (see error)
    signature: bytes = b""
    error: str | None = None
    timings: dict[str, float] = field(default_factory=dict)


# Documents per task: nlp.pipe parses a batch faster than one text at a time, and a task's
# results still stream back soon enough for progress and bounded memory.
BATCH_DOCUMENTS = 8
# Documents whose texts the per-document stage reads from the store in one query: few queries,
# and a few hundred kilobytes of text held beyond the batches in flight.
TASK_READ_DOCS = 64
# The Analyzer of a worker process: inherited from the build process, which loads it before
# the pool forks (its pages shared copy-on-write), or loaded by the initializer otherwise.
_worker: Analyzer | None = None


def _init_worker(model: str | None, plan: StagePlan, budget: float) -> None:
    global _worker
    _die_with_parent()
    if _worker is None:
        _worker = Analyzer(model, budget=budget, plan=plan)


def _die_with_parent() -> None:
    """A worker ends when the build process that started it is gone, even by kill -9 (which
    runs no clean-up): the kernel is asked to kill it (Linux PR_SET_PDEATHSIG), and a thread
    checks the parent every WORKER_WATCH_INTERVAL where prctl is missing or came too late."""
    parent = os.getppid()
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)

    def watch() -> None:
        while True:
            time.sleep(WORKER_WATCH_INTERVAL)
            if os.getppid() != parent:
                os._exit(1)

    threading.Thread(target=watch, name="byline-parent-watch", daemon=True).start()


def _analyze_in_worker(tasks: list[Task]) -> list[AnalysisOutcome]:
    assert _worker is not None, "worker not initialised"
    return _worker.analyze_batch(tasks)


def batched(items: Iterable[Task], size: int) -> Iterator[list[Task]]:
    """Lists of ``size`` items (the last shorter), read from ``items`` one batch at a time."""
    it = iter(items)
    while batch := list(itertools.islice(it, size)):
        yield batch


_WORKER_DIED = "analysis failed (its worker process died; the next build analyses it again)"


class LocalExecutor:
    """Runs analysis tasks in batches, inline (one worker) or in a pool of worker processes
    kept for the whole build (the per-document stage and the corpus stage's re-repairs).

    The build's Analyzer is loaded once, before the pool forks: workers inherit the models and
    the repair resources (pages shared copy-on-write, frozen out of the cyclic GC) instead of
    loading their own copy."""

    def __init__(self, options: BuildOptions, analyzers: Callable[[], Analyzer]) -> None:
        self.options = options
        self.analyzers = analyzers
        self.pool: ProcessPoolExecutor | None = None

    def map(self, tasks: Iterable[Task]) -> Iterator[AnalysisOutcome]:
        """Outcomes as batches complete; at most 4 batches per worker in flight, the tasks read
        from ``tasks`` as batches go out. A pool whose worker died (killed, out of memory) fails
        the batches it held, named, and is replaced."""
        workers = max(1, self.options.workers)
        pending = iter(tasks)
        head = list(itertools.islice(pending, workers * BATCH_DOCUMENTS))  # enough to size batches
        if not head:  # nothing to analyse: no models to load
            return
        size = max(
            1, min(BATCH_DOCUMENTS, -(-len(head) // workers))
        )  # a few documents: every worker gets some
        batches = batched(itertools.chain(head, pending), size)
        first = list(itertools.islice(batches, 2))
        queue = itertools.chain(first, batches)
        if workers == 1 or len(first) < 2:
            local = self.analyzers()
            for batch in queue:
                yield from local.analyze_batch(batch)
            return
        while True:
            pool = self._pool()
            in_flight: dict[Future[list[AnalysisOutcome]], list[Task]] = {}
            for batch in itertools.islice(queue, self.options.workers * 4):
                in_flight[pool.submit(_analyze_in_worker, batch)] = batch
            broken = False
            while in_flight and not broken:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    batch = in_flight.pop(future)
                    try:
                        outcomes = future.result()
                    except BrokenProcessPool:
                        broken = True
                        outcomes = [AnalysisOutcome(t.doc.key, None, error=_WORKER_DIED) for t in batch]
                    yield from outcomes
                    if not broken:
                        for batch in itertools.islice(queue, 1):
                            in_flight[pool.submit(_analyze_in_worker, batch)] = batch
            if not broken:
                return
            for batch in in_flight.values():  # lost with the pool: named, analysed by the next build
                yield from (AnalysisOutcome(t.doc.key, None, error=_WORKER_DIED) for t in batch)
            if self.pool is not None:
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None  # a fresh pool for the rest

    def _pool(self) -> ProcessPoolExecutor:
        global _worker
        if self.pool is None:
            _worker = self.analyzers()  # inherited by the forked workers
            gc.freeze()  # keep the collector from touching (and so copying) the shared pages
            context: BaseContext
            try:
                context = multiprocessing.get_context("fork")
            except ValueError:  # no fork here: each worker loads its own
                context, _worker = multiprocessing.get_context(), None
            self.pool = ProcessPoolExecutor(
                max_workers=self.options.workers,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.options.model, self.options.plan(), self.options.doc_budget),
            )
        return self.pool

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None
            gc.unfreeze()


class Executor(Protocol):
    """Where the per-document stages run: ``map`` yields outcomes as they complete; ``close``
    ends what it started. LocalExecutor (inline or worker processes) and DaskExecutor."""

    def map(self, tasks: Iterable[Task]) -> Iterator[AnalysisOutcome]: ...
    def close(self) -> None: ...


def make_executor(options: BuildOptions, analyzer: Callable[[], Analyzer]) -> Executor:
    if options.executor == "dask":
        from byline.dask_executor import DaskExecutor

        return DaskExecutor(options)
    return LocalExecutor(options, analyzer)


def map_documents(
    tasks: Iterable[Task], options: BuildOptions, analyzer: Callable[[], Analyzer]
) -> Iterator[AnalysisOutcome]:
    """Analyse documents inline, in worker processes or on Dask, yielding results as they complete."""
    executor = make_executor(options, analyzer)
    try:
        yield from executor.map(tasks)
    finally:
        executor.close()


def file_hash(path: Path, display: str | None = None) -> str:
    """SHA-256 of a regular file (IngestError for anything else: hashing a device never ends)."""
    digest = hashlib.sha256()
    with open_regular(path, display or str(path)) as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def ingest_files(
    store: Store,
    inputs: list[Path],
    options: BuildOptions,
    build: int,
    summary: BuildSummary,
    progress: Progress,
) -> None:
    """Read every input file into the store; failures are recorded and the rest goes on."""
    walk = Walk()  # a missing path or an unreadable folder must not hide the others
    files = list(walk.files(inputs))
    for problem in walk.failures:
        _fail(store, build, summary, _storable(problem.path), problem.reason)
    summary.warnings.extend(f"{_storable(path)}: {reason}" for path, reason in walk.skipped)
    own = store.own_files()
    files = [(path, _storable(display)) for path, display in files if _resolve(path) not in own]
    progress.start("ingest", len(files))
    for path, display in files:
        summary.files += 1
        progress.advance("ingest")
        try:
            info = path.stat()
        except OSError as err:
            _fail(store, build, summary, display, f"cannot read ({err.strerror})")
            continue
        if not stat.S_ISREG(info.st_mode):  # a pipe or device would never end (or never start)
            _fail(store, build, summary, display, not_regular(display, info.st_mode).reason)
            continue
        if info.st_size > options.max_bytes:
            _fail(store, build, summary, display, _too_large(info.st_size, options.max_bytes))
            continue
        try:
            digest = file_hash(path, display)
        except IngestError as err:
            _fail(store, build, summary, display, err.reason)
            continue
        except OSError as err:
            _fail(store, build, summary, display, f"cannot read ({err.strerror})")
            continue
        resolved = _storable(str(_resolve(path)))
        state = store.file_state(resolved)
        if state is not None and state.content_hash == digest and state.status == "ok":
            summary.unchanged += 1
            continue
        warnings: list[str] = []
        try:
            docs = read_file(path, display, max_bytes=options.max_bytes, warnings=warnings)
        except IngestError as err:
            store.replace_file(resolved, digest, [], error=err.reason)
            _fail(store, build, summary, display, err.reason)
            continue
        except Exception as err:  # noqa: BLE001 - a reader bug on one file must not stop the corpus
            reason = f"could not be read ({type(err).__name__}: {err})"
            store.replace_file(resolved, digest, [], error=reason)
            _fail(store, build, summary, display, reason)
            continue
        summary.warnings.extend(warnings)
        summary.new_documents += len(store.replace_file(resolved, digest, docs))
    progress.finish("ingest")


def _resolve(path: Path) -> Path:
    """The real path; a link loop (RuntimeError in Python 3.11) keeps the absolute path, and
    reading it then fails with the system's reason."""
    try:
        return path.resolve()
    except (OSError, RuntimeError):
        return path.absolute()


def _too_large(size: int, limit: int) -> str:
    return f"too large ({size / 1e6:.1f} MB > {limit / 1e6:.1f} MB; raise the limit with --max-bytes)"


def _storable(path: str) -> str:
    """A path as text the store can keep: undecodable bytes of a file name (kept by Python as
    surrogate escapes) are written as \\xNN, so every name is stored, shown and matched alike."""
    return path.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _fail(store: Store, build: int, summary: BuildSummary, path: str, reason: str) -> None:
    summary.failures.append((path, reason))
    store.add_failure(build, path, reason)


class _Analyzers:
    """The build's own Analyzer, loaded on first use and shared by the per-document stage (one
    worker) and the corpus stage's re-repairs, so the models load once per build."""

    def __init__(self, options: BuildOptions) -> None:
        self.options = options
        self.analyzer: Analyzer | None = None

    def __call__(self) -> Analyzer:
        if self.analyzer is None:
            self.analyzer = Analyzer(
                self.options.model, budget=self.options.doc_budget, plan=self.options.plan()
            )
        return self.analyzer


def read_tasks(store: Store, keys: Sequence[str]) -> Iterator[Task]:
    """Tasks for ``keys``, their texts read from the store TASK_READ_DOCS at a time as the
    executor asks for them: the build holds the texts of the documents in flight, not the
    corpus's. A document gone meanwhile (its file changed) is skipped."""
    for start in range(0, len(keys), TASK_READ_DOCS):
        chunk = keys[start : start + TASK_READ_DOCS]
        found = {doc.key: doc for doc in store.documents(chunk)}
        yield from (Task(found[key]) for key in chunk if key in found)


def analyse_documents(
    store: Store,
    options: BuildOptions,
    build: int,
    summary: BuildSummary,
    progress: Progress,
    executor: Executor | None = None,
) -> None:
    """Run the per-document stages on every document without a current analysis."""
    versions = store.analysis_versions()
    version = options.analysis_version()
    paths = {  # key -> its first path; no texts: they are read a batch at a time (read_tasks)
        key: doc_paths[0] for key, doc_paths in store.document_paths().items() if versions.get(key) != version
    }
    if not paths:
        return
    progress.start("analyse", len(paths))
    tasks = read_tasks(store, sorted(paths, key=paths.__getitem__))  # in path order, as before
    outcomes = executor.map(tasks) if executor else map_documents(tasks, options, _Analyzers(options))
    for outcome in outcomes:
        progress.advance("analyse")
        summary.add_timings(outcome.timings)
        if outcome.analysis is None:
            _fail(store, build, summary, paths[outcome.key], outcome.error or "analysis failed")
            continue
        with summary.timed("store"):
            store.save_analysis(outcome.key, version, outcome.analysis, outcome.signature)
        summary.analysed += 1
    progress.finish("analyse")


def rerepair_documents(
    store: Store,
    options: BuildOptions,
    summary: BuildSummary,
    executor: Executor,
) -> Callable[[list[tuple[Document, RepairEvidence, DocAnalysis]]], dict[str, DocAnalysis]]:
    """The corpus stage's re-repair: documents with the evidence provenance found, analysed in
    the worker pool like the per-document stage; only those whose repairs change are parsed
    again. Each is stored with its evidence's digest, so later builds skip it while the evidence
    stays the same. A document that fails keeps its analysis, with a warning naming it."""

    def run(items: list[tuple[Document, RepairEvidence, DocAnalysis]]) -> dict[str, DocAnalysis]:
        tasks = [Task(doc, evidence, previous) for doc, evidence, previous in items]
        paths = {doc.key: doc.path for doc, _, _ in items}
        changed: dict[str, DocAnalysis] = {}
        version = options.analysis_version()
        for outcome in executor.map(tasks):
            summary.add_timings(outcome.timings, prefix="re-")
            if outcome.error is not None:
                summary.warnings.append(
                    f"{paths[outcome.key]}: repair with its copies failed, kept as it was ({outcome.error})"
                )
            elif outcome.analysis is not None:
                with summary.timed("store"):  # its own signature stays (see Analyzer._extract)
                    store.save_analysis(outcome.key, version, outcome.analysis, None)
                changed[outcome.key] = outcome.analysis
        return changed

    return run


def corpus_input_hash(store: Store, plan: StagePlan | None = None) -> str:
    """What the corpus stages read: every document's analysis identity, CORPUS_VERSION and
    the corpus stages skipped (none for a full build)."""
    versions = store.analysis_versions()
    skipped = plan.corpus_tag() if plan else ""
    digest = hashlib.sha256(f"corpus {CORPUS_VERSION}\n".encode())
    if skipped:
        digest.update(f"skip {skipped}\n".encode())
    for key in sorted(versions):
        digest.update(f"{key}:{versions[key]}\n".encode())
    return digest.hexdigest()


def build(
    store: Store,
    inputs: list[Path],
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """The whole job: ingest, analyse, corpus stages; returns what happened. StageError for
    an unknown stage in ``options.skip``, ModelNotFound for a model that is not installed."""
    options = options or BuildOptions()
    progress = progress or _Silent()
    from byline.extract.nlp import check_model

    plan = options.plan()  # an unknown stage name fails here, before anything is read
    check_model(options.model)  # and a model that is not installed
    summary = BuildSummary()
    summary.warnings.extend(
        f"stage {name} skipped: it needs {', '.join(needs)}" for name, needs in plan.also_skipped().items()
    )
    executor = make_executor(options, _Analyzers(options))
    build_id = store.start_build()
    try:
        with summary.timed("ingest"):
            ingest_files(store, inputs, options, build_id, summary, progress)
        analyse_documents(store, options, build_id, summary, progress, executor)
        input_hash = corpus_input_hash(store, plan)
        corpus: CorpusAnalysis | None = None  # loaded from the store only when not rebuilt here
        if store.corpus_input_hash() != input_hash:  # saved with the corpus, in one transaction
            progress.start("corpus", None)
            rerepair = rerepair_documents(store, options, summary, executor)
            corpus_analysis = analyze_corpus(store, rerepair, timings=summary.timings, plan=plan)
            with summary.timed("store"):
                store.save_corpus(corpus_analysis, input_hash)
            summary.corpus_rebuilt, corpus = True, corpus_analysis
            progress.finish("corpus")
    finally:
        executor.close()
    if corpus is None:
        corpus = store.corpus()
    paths = store.document_paths()
    for _key, doc_paths in sorted(paths.items()):
        for other in doc_paths[1:]:
            summary.duplicates.append((other, doc_paths[0]))
    summary.documents = store.count_documents()
    if corpus is not None:
        summary.entities = len(corpus.entities)
        summary.claims = len(corpus.claims)
        summary.events = len(corpus.events)
        summary.relations = len(corpus.relations)
        summary.origins = len(corpus.origins)
        summary.stories = len(corpus.stories)
        summary.conflicts = sum(1 for c in corpus.claims if c.conflicts)
    store.finish_build(build_id, summary.as_dict())
    return summary


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 1)))
