"""Exports: json (the byline/1 contract), ftm (FollowTheMoney entities), graphml, csv.

Every format is derived from the contract, so all of them agree on ids and content. json, ftm
and graphml are one text each; csv is one table a kind, written to a folder or a zip.
"""

from __future__ import annotations

from pathlib import Path

from byline.export.contract import build_contract, contract_texts, dumps
from byline.store import Store

FORMATS = ("json", "ftm", "graphml", "csv")


def render(store: Store, fmt: str) -> str:
    """One text format (json, ftm, graphml); csv is several tables: see ``render_csv``."""
    contract = build_contract(store)
    if fmt == "json":
        return dumps(contract)
    if fmt == "ftm":
        from byline.export.ftm import to_ftm

        return to_ftm(contract, contract_texts(store, contract))
    if fmt == "graphml":
        from byline.export.graphml import to_graphml

        return to_graphml(contract)
    if fmt == "csv":
        raise ValueError("csv is one table a kind: use render_csv (a dict of file name -> text)")
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


def render_csv(store: Store) -> dict[str, str]:
    """The csv tables: file name -> CSV text."""
    from byline.export.csv import csv_tables

    return csv_tables(build_contract(store))


def write_csv(tables: dict[str, str], output: Path) -> None:
    """A folder of tables, or one zip when ``output`` ends in .zip (OSError when not writable)."""
    from byline.export.csv import write_tables

    write_tables(tables, output)


def csv_zip(tables: dict[str, str]) -> bytes:
    from byline.export.csv import zip_tables

    return zip_tables(tables)


__all__ = [
    "FORMATS",
    "build_contract",
    "contract_texts",
    "csv_zip",
    "dumps",
    "render",
    "render_csv",
    "write_csv",
]
