"""Runs the stages: ingest -> per-document analysis (repair, extract, signature) -> corpus stages.

Per-document work runs inline (one worker) or in worker processes, each loading its models once
(``Analyzer``). Everything that a stage produces is written to the store as soon as it exists, in
its own transaction, so an interrupted build resumes where it stopped. A rebuild over an unchanged
corpus only hashes files: documents are keyed by content, analyses by a version string, and the
corpus stages by the hash of their inputs.
"""

from __future__ import annotations

import hashlib
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
from pathlib import Path
from typing import Any, Protocol

from byline.corpus import RepairEvidence, analyze_corpus
from byline.ingest import IngestError, read_file
from byline.ingest.files import Walk, not_regular, open_regular
from byline.model import DocAnalysis, Document, TextView
from byline.store import Store

# Bump when a per-document stage changes its output: stored analyses are then recomputed.
ANALYSIS_VERSION = "7"
# Bump when a corpus stage (provenance, re-repair, entities, reconcile) changes its output.
CORPUS_VERSION = "9"


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
    repair: bool = True
    doc_budget: float = DEFAULT_DOC_BUDGET  # seconds per document; 0 = no budget


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


@contextmanager
def time_budget(seconds: float) -> Iterator[None]:
    """Raise AnalysisBudgetExceeded in this block after ``seconds`` (SIGALRM; only in a
    process's main thread, where worker processes and inline builds run; elsewhere a no-op).
    The alarm fires between Python steps, so a single call into C code ends before it does."""
    usable = seconds > 0 and hasattr(signal, "setitimer")
    if not usable or threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_alarm(signum: int, frame: object) -> None:
        raise AnalysisBudgetExceeded(
            f"over the analysis budget of {seconds:g} s per document (raise it with --doc-budget)"
        )

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
        self, model: str | None = None, repair: bool = True, budget: float = DEFAULT_DOC_BUDGET
    ) -> None:
        from byline.extract import load_nlp

        self.budget = budget
        self.nlp = load_nlp(model)
        self.repair_resources = None
        if repair:
            from byline.repair import load_repair_resources

            self.repair_resources = load_repair_resources()

    def analyze(
        self,
        doc: Document,
        copy_text: str | None = None,
        context_texts: Sequence[str] = (),
        other_copies: Sequence[str] = (),
    ) -> tuple[DocAnalysis, bytes]:
        with time_budget(self.budget):
            return self._analyze(doc, copy_text, context_texts, other_copies)

    def _analyze(
        self,
        doc: Document,
        copy_text: str | None,
        context_texts: Sequence[str],
        other_copies: Sequence[str],
    ) -> tuple[DocAnalysis, bytes]:
        from byline.extract import analyze_document
        from byline.provenance import document_signature

        view = TextView.identity(doc.text)
        repairs, flagged_score = [], 0.0
        if self.repair_resources is not None:
            from byline.repair import repair_document

            result = repair_document(
                doc.text,
                self.repair_resources,
                copy_text=copy_text,
                context_texts=context_texts,
                other_copies=other_copies,
            )
            repairs, flagged_score = list(result.repairs), result.spin_score
            view = TextView.from_repairs(doc.text, repairs)
        analysis = analyze_document(doc, self.nlp, view)
        analysis.repairs = repairs
        analysis.spin_score = flagged_score
        signature = document_signature(doc, view.text)
        return analysis, pickle.dumps(signature, protocol=pickle.HIGHEST_PROTOCOL)


# One analyzer per worker process, set by the pool's initializer (processes share nothing).
_worker: Analyzer | None = None


def _init_worker(model: str | None, repair: bool, budget: float = DEFAULT_DOC_BUDGET) -> None:
    global _worker
    _die_with_parent()
    _worker = Analyzer(model, repair, budget)


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


AnalysisOutcome = tuple[str, DocAnalysis | None, bytes, str | None]


def _analyze_safely(analyzer: Analyzer, doc: Document) -> AnalysisOutcome:
    """A failing stage is a failure of this document, named with the reason; the build goes on."""
    try:
        analysis, signature = analyzer.analyze(doc)
    except Exception as exc:  # noqa: BLE001 - any stage error becomes a reported failure
        return doc.key, None, b"", f"analysis failed ({type(exc).__name__}: {exc})"
    return doc.key, analysis, signature, None


def _analyze_in_worker(doc: Document) -> AnalysisOutcome:
    assert _worker is not None, "worker not initialised"
    return _analyze_safely(_worker, doc)


def map_documents(
    docs: list[Document], options: BuildOptions, analyzer: Callable[[], Analyzer]
) -> Iterator[AnalysisOutcome]:
    """Analyse documents inline or in worker processes, yielding results as they complete."""
    if options.workers <= 1 or len(docs) < 2:
        local = analyzer()
        for doc in docs:
            yield _analyze_safely(local, doc)
        return
    workers = min(options.workers, len(docs))
    queue = iter(docs)
    while True:  # a pool whose worker died (killed, out of memory) is replaced; the rest goes on
        in_flight: dict[Future[Any], Document] = {}
        with ProcessPoolExecutor(
            max_workers=workers,
            initializer=_init_worker,
            initargs=(options.model, options.repair, options.doc_budget),
        ) as pool:
            for doc in _take(queue, workers * 4):
                in_flight[pool.submit(_analyze_in_worker, doc)] = doc
            if not in_flight:
                return
            broken = False
            while in_flight and not broken:
                done, _ = wait(in_flight, return_when=FIRST_COMPLETED)
                for future in done:
                    doc = in_flight.pop(future)
                    try:
                        yield future.result()
                    except BrokenProcessPool:
                        broken = True
                        yield doc.key, None, b"", _WORKER_DIED
                        continue
                    if not broken:
                        for doc in _take(queue, 1):
                            in_flight[pool.submit(_analyze_in_worker, doc)] = doc
            for doc in in_flight.values():  # lost with the pool: named, analysed by the next build
                yield doc.key, None, b"", _WORKER_DIED
            if not broken:
                return


_WORKER_DIED = "analysis failed (its worker process died; the next build analyses it again)"


def _take(items: Iterator[Document], n: int) -> Iterable[Document]:
    for _ in range(n):
        try:
            yield next(items)
        except StopIteration:
            return


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


def analyse_documents(
    store: Store, options: BuildOptions, build: int, summary: BuildSummary, progress: Progress
) -> None:
    """Run the per-document stages on every document without a current analysis."""
    versions = store.analysis_versions()
    todo = [d for d in store.documents() if versions.get(d.key) != ANALYSIS_VERSION]
    if not todo:
        return
    progress.start("analyse", len(todo))
    paths = {d.key: d.path for d in todo}
    for key, analysis, signature, error in map_documents(
        todo, options, lambda: Analyzer(options.model, options.repair, options.doc_budget)
    ):
        progress.advance("analyse")
        if analysis is None:
            _fail(store, build, summary, paths[key], error or "analysis failed")
            continue
        store.save_analysis(key, ANALYSIS_VERSION, analysis, signature)
        summary.analysed += 1
    progress.finish("analyse")


def corpus_input_hash(store: Store) -> str:
    versions = store.analysis_versions()
    digest = hashlib.sha256(f"corpus {CORPUS_VERSION}\n".encode())
    for key in sorted(versions):
        digest.update(f"{key}:{versions[key]}\n".encode())
    return digest.hexdigest()


def build(
    store: Store,
    inputs: list[Path],
    options: BuildOptions | None = None,
    progress: Progress | None = None,
) -> BuildSummary:
    """The whole job: ingest, analyse, corpus stages; returns what happened."""
    options = options or BuildOptions()
    progress = progress or _Silent()
    summary = BuildSummary()
    build_id = store.start_build()
    ingest_files(store, inputs, options, build_id, summary, progress)
    analyse_documents(store, options, build_id, summary, progress)
    input_hash = corpus_input_hash(store)
    if store.corpus() is None or store.corpus_input_hash() != input_hash:
        progress.start("corpus", None)
        analyzer: list[Analyzer] = []

        def reanalyze(doc: Document, evidence: RepairEvidence) -> DocAnalysis:
            """Repair again with evidence found by provenance (copies, related texts); store it."""
            if not analyzer:
                analyzer.append(Analyzer(options.model, options.repair, options.doc_budget))
            analysis, signature = analyzer[0].analyze(doc, evidence.copy, evidence.context, evidence.others)
            store.save_analysis(doc.key, ANALYSIS_VERSION, analysis, signature)
            return analysis

        store.save_corpus(analyze_corpus(store, reanalyze if options.repair else None), input_hash)
        summary.corpus_rebuilt = True
        progress.finish("corpus")
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
