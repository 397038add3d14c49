"""Exports: json (the byline/1 contract), ftm (FollowTheMoney entities), graphml, csv.

Every format is derived from the contract, so all of them agree on ids and content.
"""

from __future__ import annotations

from byline.export.contract import build_contract, contract_texts, dumps
from byline.store import Store

FORMATS = ("json", "ftm", "graphml", "csv")


def render(store: Store, fmt: str) -> str:
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
        from byline.export.csv import to_csv

        return to_csv(contract)
    raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")


__all__ = ["FORMATS", "build_contract", "contract_texts", "dumps", "render"]
