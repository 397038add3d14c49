"""CSV tables and the GraphML graph: what spreadsheets and graph tools take as they are."""

from __future__ import annotations

import csv
import io
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from byline.export.csv import csv_tables, safe_cell, write_tables, zip_tables
from byline.export.graphml import to_graphml
from byline.export.schema import normalise

TABLES = {"documents.csv", "entities.csv", "claims.csv", "events.csv", "relations.csv", "repairs.csv"}


def _rows(text: str) -> list[dict[str, str]]:
    assert text.startswith("\ufeff"), "no byte-order mark: Excel would garble accents"
    return list(csv.DictReader(io.StringIO(text[1:])))


def hostile_contract() -> dict:
    """A small contract whose strings carry formulas and control characters, as raw input can."""
    text = '=HYPERLINK("http://x") said Ana \x1bRuiz of the \x0bHarbor\x0c Group, about 2,000-3,000.'
    return normalise(
        {
            "schema": "byline/1",
            "documents": [
                {
                    "id": "d1",
                    "path": "/home/someone/corpus/-cmd|' -C calc'!A0.txt",
                    "relative_path": "-cmd|' -C calc'!A0.txt",
                    "title": "@SUM(1+1)*cmd",
                    "readable_title": "@SUM(1+1)*cmd",
                    "citation": "=1+1",
                    "key": "k1",
                    "words": 12,
                }
            ],
            "entities": [
                {
                    "id": "e1",
                    "type": "PERSON",
                    "name": "Ana \x1bRuiz",
                    "aliases": ["+Ana"],
                    "mentions": [{"doc": "d1", "start": 29, "end": 38}],
                },
                {
                    "id": "e2",
                    "type": "ORG",
                    "name": "\x0bHarbor\x0c Group",
                    "aliases": [],
                    "mentions": [{"doc": "d1", "start": 46, "end": 59}],
                },
            ],
            "claims": [
                {
                    "id": "c1",
                    "subject": "e2",
                    "predicate": "member",
                    "text": "-2+3 members \x1b",
                    "value": {"type": "quantity", "low": 2000, "high": 3000, "unit": "member"},
                    "sources": [{"doc": "d1", "start": 0, "end": len(text)}],
                    "support": {"documents": 1, "origins": 1},
                    "conflicts": [],
                }
            ],
            "events": [],
            "relations": [],
        }
    )


def test_formula_cells_are_neutralised_and_numbers_kept() -> None:
    for bad in ("=1+1", "+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1"):
        assert safe_cell(bad) == "'" + bad
    assert safe_cell(-5) == -5 and safe_cell(2.5) == 2.5 and safe_cell("a=b") == "a=b"
    tables = csv_tables(hostile_contract())
    assert set(tables) == TABLES
    for name, text in tables.items():
        for row in _rows(text):
            for cell in row.values():
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    claim = _rows(tables["claims.csv"])[0]
    assert (claim["low"], claim["high"], claim["amount"]) == ("2000", "3000", "")
    assert claim["text"] == "'-2+3 members \x1b"
    doc = _rows(tables["documents.csv"])[0]
    assert doc["path"] == "'-cmd|' -C calc'!A0.txt" and doc["title"] == "'@SUM(1+1)*cmd"


def test_graphml_is_valid_xml_whatever_the_names_hold() -> None:
    text = to_graphml(hostile_contract())
    ET.fromstring(text.encode("utf-8"))  # raises on a control character
    graph = nx.read_graphml(io.BytesIO(text.encode("utf-8")))
    assert graph.nodes["e1"]["label"] == "Ana Ruiz"
    assert graph.edges["e1", "e2"]["claims"] == 1 and graph.edges["e1", "e2"]["weight"] == 1


@pytest.fixture(scope="module")
def seeds_graph(seeds_contract: dict) -> nx.Graph:
    text = to_graphml(seeds_contract)
    return nx.read_graphml(io.BytesIO(text.encode("utf-8")))


def test_seeds_graph_loads_with_weighted_edges_from_every_kind(
    seeds_graph: nx.Graph, seeds_contract: dict
) -> None:
    assert seeds_graph.number_of_nodes() == len(seeds_contract["entities"])
    edges = list(seeds_graph.edges(data=True))
    assert edges and all(d["weight"] == d["relations"] + d["events"] + d["claims"] for _, _, d in edges)
    for kind in ("relations", "events", "claims"):
        assert any(d[kind] > 0 for _, _, d in edges), kind
    linked = {n for n in seeds_graph if seeds_graph.degree(n) > 0}
    assert len(linked) > len(seeds_contract["entities"]) / 2, "most entities should be connected"


def test_seeds_tables_with_relative_paths_in_a_folder_and_a_zip(seeds_contract: dict, tmp_path: Path) -> None:
    tables = csv_tables(seeds_contract)
    docs = _rows(tables["documents.csv"])
    assert [d["id"] for d in docs] == [d["id"] for d in seeds_contract["documents"]]
    assert all(not d["path"].startswith("/") for d in docs)
    for claim in _rows(tables["claims.csv"]):
        assert all(not s.strip().startswith("/") for s in claim["sources"].split(";"))
    assert len(_rows(tables["claims.csv"])) == len(seeds_contract["claims"])
    repairs = _rows(tables["repairs.csv"])
    assert {r["applied"] for r in repairs} == {"True", "False"}
    write_tables(tables, tmp_path / "out")
    assert {p.name for p in (tmp_path / "out").iterdir()} == TABLES
    write_tables(tables, tmp_path / "out.zip")
    with zipfile.ZipFile(tmp_path / "out.zip") as archive:
        assert set(archive.namelist()) == TABLES
        assert archive.read("claims.csv").decode("utf-8") == tables["claims.csv"]
    assert zip_tables(tables) == (tmp_path / "out.zip").read_bytes(), "the zip is deterministic"
