"""The byline/1 contract is declared once (byline/export/schema.py): the JSON export, the web API
and docs/contract.md's field tables all follow it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

from byline.export.contract_doc import BEGIN, END, field_tables, with_tables
from byline.export.schema import Contract, normalise

DOC = REPO / "docs" / "contract.md"

# Run inside a copy of the package whose schema.py declares one more document field.
PROBE_SCRIPT = r"""
import json, sys
from pathlib import Path
from fastapi.testclient import TestClient
from byline.export import render
from byline.export.contract_doc import field_tables
from byline.serve import create_app
from byline.store import open_store

db = Path(sys.argv[1])
store = open_store(db, readonly=True)
try:
    exported = json.loads(render(store, "json"))
finally:
    store.close()
with TestClient(create_app(db)) as client:
    listed = client.get("/api/documents").json()
    one = client.get("/api/documents/d1").json()
    openapi = client.get("/openapi.json").json()
print(json.dumps({
    "export": [d.get("probe_field") for d in exported["documents"]],
    "api": [d.get("probe_field") for d in listed],
    "api_one": one.get("probe_field"),
    "openapi": "probe_field" in json.dumps(openapi),
    "doc": "| `probe_field` |" in field_tables(),
}))
"""


def test_contract_doc_tables_are_current() -> None:
    text = DOC.read_text(encoding="utf-8")
    assert BEGIN in text and END in text, "docs/contract.md lost its generated-table markers"
    assert with_tables(text) == text, (
        "docs/contract.md is stale: run `python -m byline.export.contract_doc docs/contract.md`"
    )


def test_field_tables_name_every_declared_document_field() -> None:
    tables = field_tables()
    for name in Contract.model_json_schema(by_alias=True)["$defs"]["Document"]["properties"]:
        assert f"| `{name}` |" in tables


def test_undeclared_fields_are_refused() -> None:
    with pytest.raises(ValueError):
        normalise({"schema": "byline/1", "documents": [{"id": "d1", "path": "a.txt", "surprise": 1}]})


def test_declared_defaults_are_written_in_declaration_order() -> None:
    out = normalise({"schema": "byline/1", "documents": [{"id": "d1", "path": "a.txt"}]})
    doc = out["documents"][0]
    assert list(doc) == list(Contract.model_fields["documents"].annotation.__args__[0].model_fields)
    assert doc["language"] is None and doc["flagged"] == [] and out["claims"] == []


def test_a_field_added_to_the_model_reaches_export_api_and_doc(seeds_db: Path, tmp_path: Path) -> None:
    package = tmp_path / "byline"
    shutil.copytree(REPO / "byline", package, ignore=shutil.ignore_patterns("__pycache__"))
    schema = package / "export" / "schema.py"
    source = schema.read_text(encoding="utf-8")
    anchor = '    key: str = Field("", description="Content hash'
    assert source.count(anchor) == 1
    schema.write_text(
        source.replace(
            anchor, '    probe_field: str = Field("probed", description="A throwaway.")\n' + anchor
        ),
        encoding="utf-8",
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path)}
    result = subprocess.run(
        [sys.executable, "-c", PROBE_SCRIPT, str(seeds_db)],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["export"] and set(seen["export"]) == {"probed"}
    assert seen["api"] and set(seen["api"]) == {"probed"}
    assert seen["api_one"] == "probed"
    assert seen["openapi"] and seen["doc"]
    # and the package in the repository does not have it
    assert "probe_field" not in field_tables()


def test_export_carries_author_language_and_readable_citations(seeds_contract: dict) -> None:
    docs = seeds_contract["documents"]
    assert all("author" in d and "language" in d for d in docs)
    assert all(not d["relative_path"].startswith("/") for d in docs)
    assert all(d["relative_path"] in d["citation"] for d in docs)
    # a spun seed's title: its repairs reach the title (a repaired non-word is gone from it)
    changed = [d for d in docs if d["readable_title"] != d["title"]]
    assert changed, "no spun title was repaired"
    for doc in changed:
        spun = {r["text"] for r in doc["repairs"]}
        assert any(word in doc["title"] for word in spun)
        assert doc["readable_title"] in doc["citation"]


def test_flagged_repairs_are_stored_and_exported_with_their_candidates(seeds_contract: dict) -> None:
    flagged = [f for d in seeds_contract["documents"] for f in d["flagged"]]
    assert flagged, "the seeds' low-confidence repairs are not stored"
    assert any(f["candidates"] for f in flagged)
    for doc in seeds_contract["documents"]:
        for f in doc["flagged"]:
            assert f["confidence"] < 1 and f["replacement"] not in f["candidates"]
