"""CSV export: the claims table, one row a claim, with support and citations."""

from __future__ import annotations

import csv
import io
from typing import Any

COLUMNS = [
    "id",
    "status",
    "subject",
    "predicate",
    "value",
    "unit",
    "currency",
    "approximate",
    "documents",
    "origins",
    "conflicts",
    "text",
    "sources",
]


def _value(value: dict[str, Any], names: dict[str, str]) -> str:
    if value["type"] == "quantity":
        if value["amount"] is not None:
            return str(value["amount"])
        return f"{value['low']}-{value['high']}"
    if value["type"] == "date":
        return str(value["date"])
    if value["type"] == "entity":
        return names.get(value["entity"] or "", "")
    return str(value.get("text") or "")


def to_csv(contract: dict[str, Any]) -> str:
    names = {e["id"]: e["name"] for e in contract["entities"]}
    paths = {d["id"]: d["path"] for d in contract["documents"]}
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    for claim in contract["claims"]:
        value = claim["value"]
        writer.writerow(
            [
                claim["id"],
                claim.get("status", ""),
                names.get(claim["subject"] or "", ""),
                claim["predicate"],
                _value(value, names),
                value.get("unit") or "",
                value.get("currency") or "",
                value.get("approximate", ""),
                claim["support"]["documents"],
                claim["support"]["origins"],
                " ".join(claim["conflicts"]),
                claim["text"],
                "; ".join(f"{paths[s['doc']]}:{s['start']}-{s['end']}" for s in claim["sources"]),
            ]
        )
    return buffer.getvalue()
