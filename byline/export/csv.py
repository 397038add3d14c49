"""CSV export: one table a kind (documents, entities, claims, events, relations, repairs), for
spreadsheets, written to a folder or a zip.

Spreadsheet-safe by construction: UTF-8 with a byte-order mark (Excel otherwise reads accents as
Latin-1), paths relative to the corpus root, ranges as separate low/high columns, and any text
cell that a spreadsheet would run as a formula (starting =, +, -, @, tab or carriage return)
prefixed with an apostrophe, which spreadsheets show as text. Numbers stay numbers.
Cost: O(contract size).
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from byline.export.cite import corpus_root, relative_path

BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")  # with full-width forms
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # a fixed timestamp: the same contract gives the same zip bytes

Cell = str | int | float | bool | None


def safe_cell(value: Cell) -> Cell:
    """A cell a spreadsheet shows as it is: text that would start a formula gets a leading
    apostrophe; numbers, booleans and empty cells pass unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def _table(columns: list[str], rows: list[list[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in row])
    return BOM + buffer.getvalue()


class _Tables:
    def __init__(self, contract: dict[str, Any]) -> None:
        self.contract = contract
        self.names = {e["id"]: e["name"] for e in contract["entities"]}
        docs = contract["documents"]
        self.root = corpus_root(p for d in docs for p in [d["path"], *d["duplicates"]])
        self.paths = {d["id"]: d["relative_path"] or relative_path(d["path"], self.root) for d in docs}

    def sources(self, sources: list[dict[str, Any]]) -> str:
        return "; ".join(f"{self.paths[s['doc']]}:{s['start']}-{s['end']}" for s in sources)

    def documents(self) -> str:
        columns = [
            "id", "path", "title", "original_title", "site", "url", "published", "author", "language",
            "words", "origin", "derived_from", "repairs", "flagged", "duplicates", "citation",
        ]  # fmt: skip
        rows: list[list[Cell]] = []
        for d in self.contract["documents"]:
            derived = "; ".join(f"{p['doc']} {p['kind']} {p['score']}" for p in d["derived_from"])
            rows.append(
                [
                    d["id"], self.paths[d["id"]], d["readable_title"], d["title"], d["site"], d["url"],
                    d["published"], d["author"], d["language"], d["words"], d["origin"], derived,
                    len(d["repairs"]), len(d["flagged"]),
                    "; ".join(relative_path(p, self.root) for p in d["duplicates"]), d["citation"],
                ]
            )  # fmt: skip
        return _table(columns, rows)

    def entities(self) -> str:
        columns = ["id", "type", "name", "aliases", "mentions", "documents"]
        rows: list[list[Cell]] = [
            [
                e["id"], e["type"], e["name"], "; ".join(e["aliases"]), len(e["mentions"]),
                len({m["doc"] for m in e["mentions"]}),
            ]
            for e in self.contract["entities"]
        ]  # fmt: skip
        return _table(columns, rows)

    def claims(self) -> str:
        columns = [
            "id", "status", "subject_id", "subject", "predicate", "value_type", "amount", "low", "high",
            "unit", "currency", "approximate", "date", "precision", "value", "documents", "origins",
            "conflicts", "text", "sources",
        ]  # fmt: skip
        rows: list[list[Cell]] = []
        for c in self.contract["claims"]:
            v = c["value"]
            other = self.names.get(v.get("entity") or "", "") if v["type"] == "entity" else v.get("text")
            rows.append(
                [
                    c["id"], c["status"], c["subject"], self.names.get(c["subject"] or ""), c["predicate"],
                    v["type"], v.get("amount"), v.get("low"), v.get("high"), v.get("unit"),
                    v.get("currency"), v.get("approximate"), v.get("date"), v.get("precision"), other,
                    c["support"]["documents"], c["support"]["origins"], " ".join(c["conflicts"]),
                    c["text"], self.sources(c["sources"]),
                ]
            )  # fmt: skip
        return _table(columns, rows)

    def events(self) -> str:
        columns = [
            "id", "date", "precision", "summary", "entity_ids", "entities", "documents", "origins",
            "sources",
        ]  # fmt: skip
        rows: list[list[Cell]] = [
            [
                v["id"], v["date"], v["precision"], v["summary"], " ".join(v["entities"]),
                "; ".join(self.names.get(e, "") for e in v["entities"]), v["support"]["documents"],
                v["support"]["origins"], self.sources(v["sources"]),
            ]
            for v in self.contract["events"]
        ]  # fmt: skip
        return _table(columns, rows)

    def relations(self) -> str:
        columns = [
            "id", "source_id", "source", "type", "target_id", "target", "text", "documents", "origins",
            "sources",
        ]  # fmt: skip
        rows: list[list[Cell]] = [
            [
                r["id"], r["source"], self.names.get(r["source"] or ""), r["type"], r["target"],
                self.names.get(r["target"] or ""), r["text"], r["support"]["documents"],
                r["support"]["origins"], self.sources(r["sources"]),
            ]
            for r in self.contract["relations"]
        ]  # fmt: skip
        return _table(columns, rows)

    def repairs(self) -> str:
        """Applied and flagged repairs, one a row; flagged ones with their candidates."""
        columns = [
            "document", "path", "start", "end", "text", "replacement", "confidence", "method", "applied",
            "candidates",
        ]  # fmt: skip
        rows: list[list[Cell]] = []
        for d in self.contract["documents"]:
            spots = [(r, True) for r in d["repairs"]] + [(r, False) for r in d["flagged"]]
            for r, applied in sorted(spots, key=lambda x: (x[0]["start"], x[0]["end"], not x[1])):
                rows.append(
                    [
                        d["id"], self.paths[d["id"]], r["start"], r["end"], r["text"], r["replacement"],
                        r["confidence"], r["method"], applied, "; ".join(r.get("candidates", [])),
                    ]
                )  # fmt: skip
        return _table(columns, rows)


TABLES: dict[str, Callable[[_Tables], str]] = {
    "documents.csv": _Tables.documents,
    "entities.csv": _Tables.entities,
    "claims.csv": _Tables.claims,
    "events.csv": _Tables.events,
    "relations.csv": _Tables.relations,
    "repairs.csv": _Tables.repairs,
}


def csv_tables(contract: dict[str, Any]) -> dict[str, str]:
    """File name -> CSV text (with its byte-order mark), one a kind."""
    tables = _Tables(contract)
    return {name: make(tables) for name, make in TABLES.items()}


def zip_tables(tables: dict[str, str]) -> bytes:
    """The tables as one zip, byte-identical for the same tables."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(tables):
            info = zipfile.ZipInfo(name, date_time=ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, tables[name].encode("utf-8"))
    return buffer.getvalue()


def write_tables(tables: dict[str, str], output: Path) -> None:
    """``output`` ending in .zip gets one zip; any other path is a folder (made if needed) with
    one file a table. Raises OSError when it cannot be written."""
    if output.suffix.lower() == ".zip":
        output.write_bytes(zip_tables(tables))
        return
    output.mkdir(parents=True, exist_ok=True)
    for name, text in tables.items():
        (output / name).write_bytes(text.encode("utf-8"))
