"""The seeds: 000, 001 and 003 retell the report that 002 is a spun copy of; 004 is independent."""

import pytest
from conftest import SEEDS

from byline.model import Document
from byline.provenance import build_provenance, document_signature
from byline.provenance.text import is_known_word


def seed_documents() -> list[Document]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5, f"expected 5 seeds in {SEEDS}"
    return [Document(key=f.name[:3], path=str(f), text=f.read_text(encoding="utf-8")) for f in files]


def crude_repair(text: str) -> str:
    """A stand-in for the repaired view: unknown lowercase words dropped (what repair hides)."""
    import re

    return re.sub(r"\b[a-z]{4,}\b", lambda m: m.group() if is_known_word(m.group()) else "", text)


@pytest.mark.parametrize("view", ["raw", "repaired"])
def test_seed_origins(view: str) -> None:
    docs = seed_documents()
    sigs = {d.key: document_signature(d, crude_repair(d.text) if view == "repaired" else None) for d in docs}
    result = build_provenance(docs, sigs)
    groups = sorted(o.documents for o in result.origins)
    assert groups == [["000", "001", "002", "003"], ["004"]]
    family = next(o for o in result.origins if "000" in o.documents)
    assert family.root == "002"  # the copy of the report itself; 000 names its outlet as source
    parents = {(d.doc, d.parent) for d in result.derivations}
    assert ("000", "002") in parents
    assert {s for st in result.stories for s in st.documents} == {d.key for d in docs}
