"""Shared fixtures: the spaCy model is loaded once per test session (it takes seconds)."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.language import Language

from byline.extract import analyze_document, analyze_documents, load_nlp, resolve_entities
from byline.model import DocAnalysis, Document, Entity


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp()


@pytest.fixture(scope="session")
def analyze(nlp: Language):  # type: ignore[no-untyped-def]
    """analyze("text", key="d1") -> (Document, DocAnalysis)."""

    def run(text: str, key: str = "d1", published: str | None = None) -> tuple[Document, DocAnalysis]:
        doc = Document(key=key, path=f"{key}.txt", text=text, published=published)
        return doc, analyze_document(doc, nlp)

    return run


SeedRun = tuple[list[Document], list[DocAnalysis], list[Entity], dict[str, list[str | None]]]


@pytest.fixture(scope="session")
def seeds(nlp: Language, seeds_dir: Path) -> SeedRun:
    """The five seed articles analysed and resolved once (the root conftest finds them)."""
    files = sorted(seeds_dir.glob("*.txt"))
    assert len(files) == 5, f"expected 5 seed articles in {seeds_dir}, found {len(files)}"
    docs = [Document(key=f.name[:3], path=str(f), text=f.read_text(encoding="utf-8")) for f in files]
    analyses = analyze_documents([(d, None) for d in docs], nlp)
    entities, mapping = resolve_entities(docs, analyses)
    return docs, analyses, entities, mapping
