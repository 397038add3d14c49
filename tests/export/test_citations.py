"""Wherever a document is named (report, web app, exports) it is named by its repaired title,
with its site and date when known and its path relative to the corpus root."""

from __future__ import annotations

import csv
import html
import io
from pathlib import Path

from fastapi.testclient import TestClient

from byline.export.csv import csv_tables
from byline.report.view import build_view
from byline.serve import create_app


def _spun(contract: dict) -> dict:
    changed = [d for d in contract["documents"] if d["readable_title"] != d["title"]]
    assert changed, "no seed has a spun title"
    return changed[0]


def test_report_names_documents_by_repaired_title_and_relative_path(
    seeds_contract: dict, seeds_texts: dict[str, str]
) -> None:
    view = build_view(seeds_contract, seeds_texts)
    spun = _spun(seeds_contract)
    doc = next(d for d in view["docs"] if d["id"] == spun["id"])
    assert doc["title"] == spun["readable_title"] and doc["publishedTitle"] == spun["title"]
    assert all(not d["path"].startswith("/") for d in view["docs"])


def test_web_app_names_documents_by_repaired_title(seeds_db: Path, seeds_contract: dict) -> None:
    spun = _spun(seeds_contract)
    with TestClient(create_app(seeds_db)) as client:
        page = client.get(f"/documents/{spun['id']}").text
        api = client.get(f"/api/documents/{spun['id']}").json()
    assert f'<h2 class="doc-title">{html.escape(spun["readable_title"])}</h2>' in page
    assert spun["relative_path"] in page
    assert api["readable_title"] == spun["readable_title"] and api["citation"] == spun["citation"]


def test_exports_name_documents_by_repaired_title(seeds_contract: dict) -> None:
    spun = _spun(seeds_contract)
    text = csv_tables(seeds_contract)["documents.csv"]
    row = next(r for r in csv.DictReader(io.StringIO(text[1:])) if r["id"] == spun["id"])
    assert row["title"] == spun["readable_title"] and row["original_title"] == spun["title"]
    assert row["citation"] == spun["citation"] and spun["readable_title"] in row["citation"]
