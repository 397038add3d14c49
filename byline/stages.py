"""The stages of a build, named and in order: the one place that lists them.

Per-document stages run on each document in the worker pool (``Analyzer``); corpus stages run
once over what they stored (``analyze_corpus``). Both iterate these lists, so a stage is added,
reordered or described here. A user disables stages by name (``byline build --skip-stage NAME``,
``BuildOptions(skip=...)``); a disabled stage also disables every stage that needs its output
(said in the build's warnings), and changes the analysis identity, so a build with a stage
disabled neither reuses nor overwrites as current the analyses of a full build.

A stage's function is named as ``module:function`` and imported on first use: listing the
stages (``byline build --help``) loads no model.
"""

from __future__ import annotations

import hashlib
import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["document", "corpus"]


class StageError(ValueError):
    """A stage selection that cannot run (an unknown name); the message lists the known ones."""


@dataclass(frozen=True)
class Stage:
    """A named stage: ``needs`` are the stages whose output it reads; ``function`` is
    ``module:function`` (called with the stage's working object, see the phase's caller)."""

    name: str
    kind: Kind
    function: str
    help: str
    needs: tuple[str, ...] = ()
    # its output is stored with each document's analysis (so skipping it changes their identity)
    per_document_output: bool = True

    @property
    def run(self) -> Callable[..., Any]:
        module, name = self.function.split(":")
        return getattr(importlib.import_module(module), name)  # type: ignore[no-any-return]


# Per-document stages, in the order they run. "repair" makes the view the others read (the
# spaCy parse of that view sits between repair and extraction: it is not a stage of its own,
# the model that parses is chosen with --model); "signatures" sketches the view for provenance.
DOCUMENT_STAGES: tuple[Stage, ...] = (
    Stage("repair", "document", "byline.pipeline:repair_view", "detect and repair spun text"),
    Stage("entities", "document", "byline.extract:extract_entities", "names of people, groups, places"),
    Stage(
        "claims",
        "document",
        "byline.extract:extract_claims",
        "numeric claims (who said how many of what)",
        needs=("entities",),
    ),
    Stage("events", "document", "byline.extract:extract_events", "dated events", needs=("entities",)),
    Stage(
        "relations",
        "document",
        "byline.extract:extract_relations",
        "relations between entities",
        needs=("entities",),
    ),
    Stage(
        "signatures",
        "document",
        "byline.pipeline:sign_view",
        "compact sketches of the text that provenance compares",
    ),
)

# Corpus stages, in the order they run, over the stored per-document results.
CORPUS_STAGES: tuple[Stage, ...] = (
    Stage(
        "provenance",
        "corpus",
        "byline.corpus:run_provenance",
        "which document derives from which; origin groups; stories",
        needs=("signatures",),
        per_document_output=False,
    ),
    Stage(
        "re-repair",
        "corpus",
        "byline.corpus:run_rerepair",
        "repair spun documents again with their near-copies",
        needs=("repair", "provenance"),
        per_document_output=True,  # re-repaired analyses are stored per document
    ),
    Stage(
        "entity-resolution",
        "corpus",
        "byline.corpus:run_entity_resolution",
        "one entity for the mentions of the same name across documents",
        needs=("entities",),
        per_document_output=False,
    ),
    Stage(
        "stories",
        "corpus",
        "byline.corpus:run_story_labels",
        "label each story by the names of its entities",
        needs=("provenance", "entity-resolution"),
        per_document_output=False,
    ),
    Stage(
        "reconcile",
        "corpus",
        "byline.corpus:run_reconcile",
        "merge claims, events and relations (events also link the claims of one fact); "
        "count sources; flag conflicts",
        needs=("entity-resolution",),
        per_document_output=False,
    ),
)

STAGES: tuple[Stage, ...] = DOCUMENT_STAGES + CORPUS_STAGES
STAGE_NAMES: tuple[str, ...] = tuple(s.name for s in STAGES)
_BY_NAME = {s.name: s for s in STAGES}


def stage(name: str) -> Stage:
    try:
        return _BY_NAME[name]
    except KeyError:
        raise StageError(f"unknown stage {name!r}; the stages are: {', '.join(STAGE_NAMES)}") from None


def dependents(names: Iterable[str]) -> set[str]:
    """Every stage that needs one of ``names``, directly or through another (the list is in
    order, so one pass suffices: a stage only needs stages before it)."""
    out: set[str] = set()
    gone = set(names)
    for s in STAGES:
        if s.name not in gone and any(n in gone for n in s.needs):
            gone.add(s.name)
            out.add(s.name)
    return out


@dataclass(frozen=True)
class StagePlan:
    """Which stages a build runs: every stage but the skipped ones (asked for, and those that
    need them). Small and picklable: it goes to every worker (local pool or Dask)."""

    skipped: frozenset[str] = frozenset()
    asked: frozenset[str] = field(default=frozenset(), compare=False)  # what the user named

    @classmethod
    def skipping(cls, names: Iterable[str] = ()) -> StagePlan:
        """The plan without ``names`` and their dependents; StageError for an unknown name."""
        asked = frozenset(stage(n).name for n in names)
        return cls(frozenset(asked | dependents(asked)), asked)

    def enabled(self, name: str) -> bool:
        return stage(name).name not in self.skipped

    def document_stages(self) -> list[Stage]:
        return [s for s in DOCUMENT_STAGES if s.name not in self.skipped]

    def corpus_stages(self) -> list[Stage]:
        return [s for s in CORPUS_STAGES if s.name not in self.skipped]

    def also_skipped(self) -> dict[str, list[str]]:
        """Stages skipped because they need a skipped one: name -> the skipped stages it needs."""
        return {
            s.name: [n for n in s.needs if n in self.skipped]
            for s in STAGES
            if s.name in self.skipped and s.name not in self.asked
        }

    def analysis_tag(self, model: str | None = None) -> str:
        """What, besides ANALYSIS_VERSION, makes a document's stored analysis what it is: the
        skipped stages whose output is stored per document and the spaCy model given. Empty
        for a full build with the default model (so a default build's identity is unchanged)."""
        parts = sorted(n for n in self.skipped if _BY_NAME[n].per_document_output)
        tag = f"skip={','.join(parts)}" if parts else ""
        if model:
            tag += ("+" if tag else "") + "model=" + hashlib.sha256(model.encode()).hexdigest()[:12]
        return tag

    def corpus_tag(self) -> str:
        """The skipped corpus stages, for the corpus stage's input hash (empty for a full build)."""
        return ",".join(s.name for s in CORPUS_STAGES if s.name in self.skipped)


def describe_stages() -> str:
    """The stages by kind, in order, with what each needs (for ``byline build --help``)."""

    def names(stages: tuple[Stage, ...]) -> str:
        return ", ".join(s.name + (f" (needs {', '.join(s.needs)})" if s.needs else "") for s in stages)

    return f"Per-document stages, in order: {names(DOCUMENT_STAGES)}. Corpus stages: {names(CORPUS_STAGES)}."
