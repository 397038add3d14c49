"""The build does each piece of work once: batched analysis, re-repairs skipped when their
evidence is unchanged, re-parses skipped when the repairs are, and the same output every way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from byline.export import render
from byline.model import Document
from byline.pipeline import (
    BATCH_DOCUMENTS,
    TASK_READ_DOCS,
    AnalysisOutcome,
    Analyzer,
    BuildOptions,
    BuildSummary,
    LocalExecutor,
    Task,
    _Silent,
    analyse_documents,
    build,
    read_tasks,
)
from byline.store import open_store
from byline.store.sqlite import SQLiteStore

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

UNRELATED = (
    "The city council of a small river town voted on Tuesday to rebuild its old stone bridge. "
    "The works will cost 4.2 million euros and last two years, the mayor said after the vote.\n"
)


def _build(db: Path, inputs: list[Path], workers: int = 1):
    store = open_store(db)
    try:
        summary = build(store, inputs, BuildOptions(workers=workers))
        return summary, render(store, "json")
    finally:
        store.close()


def test_a_grown_corpus_re_repairs_nothing_whose_evidence_is_unchanged(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus, ignore=shutil.ignore_patterns("README.md"))
    first, _ = _build(tmp_path / "a.db", [corpus])
    assert {"re-repair", "re-parse"} <= set(first.timings), "the spun example is re-repaired with its copies"
    for i in range(2):
        (corpus / f"07_unrelated_{i}.txt").write_text(f"Item {i}. {UNRELATED}", encoding="utf-8")
        summary, exported = _build(tmp_path / "a.db", [corpus])
        assert summary.analysed == 1 and summary.corpus_rebuilt
        # a re-repair keeps the document's own spin score and signature, which choose the
        # evidence: an unrelated document changes no one's, so nothing is re-repaired again
        assert "re-repair" not in summary.timings, "the same evidence: the stored re-repair stands"
        _, fresh = _build(tmp_path / f"fresh{i}.db", [corpus])
        assert exported == fresh, "an incremental build gives what a fresh build of the same files gives"


def test_one_worker_and_two_give_the_same_export(tmp_path: Path, seeds_dir: Path):
    corpus = [EXAMPLES, seeds_dir]
    one, json_one = _build(tmp_path / "one.db", corpus, workers=1)
    two, json_two = _build(tmp_path / "two.db", corpus, workers=2)
    assert one.analysed == two.analysed > 8  # more than one batch of documents
    assert json_one == json_two
    documents = json.loads(json_two)["documents"]
    assert any(d["repairs"] for d in documents)


def test_a_document_that_breaks_its_batch_fails_alone(tmp_path: Path, monkeypatch):
    import byline.extract

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"{i}.txt").write_text(f"Story {i}. " + UNRELATED, encoding="utf-8")
    (corpus / "bad.txt").write_text(
        "This one holds the word KABOOM and breaks the parser.\n", encoding="utf-8"
    )
    real = byline.extract.parse_texts

    def parse_texts(nlp, texts, *args, **kwargs):
        texts = list(texts)
        if any("KABOOM" in t for t in texts):
            raise RuntimeError("the parser broke")
        return real(nlp, texts, *args, **kwargs)

    monkeypatch.setattr(byline.extract, "parse_texts", parse_texts)
    summary, exported = _build(tmp_path / "b.db", [corpus])
    assert [path for path, _ in summary.failures] == [str(corpus / "bad.txt")]
    assert "the parser broke" in summary.failures[0][1]
    assert summary.analysed == 5
    assert len(json.loads(exported)["documents"]) == 6  # all stored at ingest, one unanalysed


def test_the_models_load_extractions_tables_once_before_workers_fork():
    from byline.extract.places import _gazetteer

    _gazetteer.cache_clear()
    Analyzer(repair=False)
    assert _gazetteer.cache_info().currsize == 1, "built with the models: forked workers share it"


def test_nothing_to_analyse_loads_no_models():
    def no_models() -> Analyzer:
        raise AssertionError("models loaded for no document")

    for workers in (1, 2):
        assert list(LocalExecutor(BuildOptions(workers=workers), no_models).map([])) == []


def test_nothing_to_analyse_in_an_empty_iterator_loads_no_models():
    def no_models() -> Analyzer:
        raise AssertionError("models loaded for no document")

    for workers in (1, 2):
        assert list(LocalExecutor(BuildOptions(workers=workers), no_models).map(iter([]))) == []


class _BatchEcho:
    """Stands in for the Analyzer where only the batching is looked at: each outcome names the
    documents of its batch (it travels back from a worker process, where a record would not)."""

    def analyze_batch(self, tasks: list[Task]) -> list[AnalysisOutcome]:
        batch = ",".join(t.doc.key for t in tasks)
        return [AnalysisOutcome(t.doc.key, None, error=batch) for t in tasks]


def _documents(n: int, pulled: list[int]):
    for i in range(n):
        pulled.append(i)
        yield Task(Document(key=f"k{i:03d}", path=f"{i:03d}.txt", text="x"))


def test_the_local_executor_reads_its_tasks_as_batches_go_out():
    """An iterator of tasks gives the batches a list gave (8 documents, fewer when every worker
    would not get some), and is read a batch at a time: a corpus's texts are never all held."""
    for workers, n, sizes in [(2, 3, [2, 1]), (2, 20, [8, 8, 4]), (2, 200, [8] * 25), (1, 5, [5])]:
        pulled: list[int] = []
        executor = LocalExecutor(BuildOptions(workers=workers), _BatchEcho)
        try:
            outcomes = executor.map(_documents(n, pulled))
            first = next(outcomes)
            held = len(pulled)  # tasks read when the first result is back
            every = [first, *outcomes]
        finally:
            executor.close()
        assert sorted(o.key for o in every) == [f"k{i:03d}" for i in range(n)]
        batches = {o.error for o in every if o.error}
        assert sorted((len(b.split(",")) for b in batches), reverse=True) == sizes
        assert held <= workers * 4 * BATCH_DOCUMENTS + BATCH_DOCUMENTS  # the batches in flight
        assert n < 100 or held < n


class _CountingStore(SQLiteStore):
    """A real SQLite store that notes how many documents each ``documents`` call asked for."""

    asked: list[int | None]

    def documents(self, keys=None):
        self.asked.append(None if keys is None else len(keys))
        return super().documents(keys)


def test_read_tasks_reads_texts_a_batch_at_a_time_in_the_order_given(tmp_path: Path):
    store = _CountingStore.open(tmp_path / "c.db")
    store.asked = []
    docs = [Document(key=f"k{i:03d}", path=f"{i:03d}.txt", text=f"Text {i}.") for i in range(150)]
    store.replace_file("/c/all.jsonl", "h", docs)
    keys = [d.key for d in reversed(docs)] + ["gone"]
    tasks = read_tasks(store, keys)
    assert next(tasks).doc == docs[-1] and store.asked == [TASK_READ_DOCS]
    assert [t.doc.key for t in tasks] == keys[1:-1], "in the order given; a key not stored is skipped"
    assert store.asked == [TASK_READ_DOCS, TASK_READ_DOCS, 150 + 1 - 2 * TASK_READ_DOCS]
    store.close()


def test_the_per_document_stage_asks_the_store_for_texts_in_batches(tmp_path: Path):
    """analyse_documents gives the executor every document without a current analysis once, in
    path order, and never reads the whole corpus's texts at once."""
    store = _CountingStore.open(tmp_path / "c.db")
    store.asked = []
    docs = [Document(key=f"k{i:03d}", path=f"{199 - i:03d}.txt", text=f"Text {i}.") for i in range(200)]
    store.replace_file("/c/all.jsonl", "h", docs)
    given: list[str] = []

    class Spy(LocalExecutor):
        def map(self, tasks):
            for outcome in super().map(tasks):
                given.append(outcome.key)
                yield outcome

    options = BuildOptions(workers=1)
    summary = BuildSummary()
    analyse_documents(store, options, store.start_build(), summary, _Silent(), Spy(options, _BatchEcho))
    assert given == [d.key for d in sorted(docs, key=lambda d: d.path)]
    assert len(summary.failures) == 200  # the stand-in analyses nothing: each named
    assert store.asked and None not in store.asked and max(store.asked) <= TASK_READ_DOCS
    store.close()
