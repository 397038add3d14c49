"""The build does each piece of work once: batched analysis, re-repairs skipped when their
evidence is unchanged, re-parses skipped when the repairs are, and the same output every way."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from byline.export import render
from byline.pipeline import Analyzer, BuildOptions, LocalExecutor, build
from byline.store import open_store

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
