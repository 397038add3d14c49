"""GraphML export: entities as nodes, weighted edges between entities that go together (for
Gephi, yEd, Cytoscape).

Two entities are linked when a relation joins them, when they take part in one event, or when
one claim involves both (its subject, an entity value, or a name inside a passage stating it).
Each edge counts each kind and sums them as ``weight``. Text is cleaned of characters XML 1.0
cannot carry (control characters such as ESC reach entity names from raw input), so the file
always parses. Cost: O(items x entities per item^2 + mentions log mentions).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import defaultdict
from itertools import combinations
from typing import Any

import networkx as nx

# Characters XML 1.0 forbids (C0 controls but tab, newline, return; surrogates; U+FFFE/U+FFFF).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
KINDS = ("relations", "events", "claims")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold."""
    return _NOT_XML.sub("", text)


class _Mentions:
    """Where each entity is named, per document, to find the names inside a passage."""

    def __init__(self, entities: list[dict[str, Any]]) -> None:
        by_doc: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
        for entity in entities:
            for m in entity["mentions"]:
                by_doc[m["doc"]].append((m["start"], m["end"], entity["id"]))
        self.by_doc = {doc: sorted(spans) for doc, spans in by_doc.items()}
        self.starts = {doc: [s[0] for s in spans] for doc, spans in self.by_doc.items()}

    def inside(self, source: dict[str, Any]) -> set[str]:
        spans = self.by_doc.get(source["doc"], [])
        i = bisect_left(self.starts.get(source["doc"], []), source["start"])
        found = set()
        while i < len(spans) and spans[i][0] < source["end"]:
            if spans[i][1] <= source["end"]:
                found.add(spans[i][2])
            i += 1
        return found


def contract_graph(contract: dict[str, Any]) -> nx.Graph:
    """The entity graph: nodes with name, type and counts; edges with per-kind counts and weight."""
    graph = nx.Graph()
    for ent in contract["entities"]:
        graph.add_node(
            ent["id"],
            label=xml_text(ent["name"]),
            type=xml_text(ent["type"]),
            mentions=len(ent["mentions"]),
            documents=len({m["doc"] for m in ent["mentions"]}),
            aliases=xml_text("; ".join(ent["aliases"])),
        )
    counts: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: dict.fromkeys(KINDS, 0))
    types: dict[tuple[str, str], set[str]] = defaultdict(set)

    def link(ids: set[str], kind: str) -> None:
        for a, b in combinations(sorted(i for i in ids if i in graph), 2):
            counts[(a, b)][kind] += 1

    for rel in contract["relations"]:
        if rel["source"] and rel["target"] and rel["source"] != rel["target"]:
            link({rel["source"], rel["target"]}, "relations")
            pair = (min(rel["source"], rel["target"]), max(rel["source"], rel["target"]))
            types[pair].add(rel["type"])
    for event in contract["events"]:
        link(set(event["entities"]), "events")
    mentions = _Mentions(contract["entities"])
    for claim in contract["claims"]:
        involved = {claim["subject"], claim["value"].get("entity")} - {None}
        for source in claim["sources"]:
            involved |= mentions.inside(source)
        link(involved, "claims")  # type: ignore[arg-type]  # None removed above
    for (a, b), kinds in sorted(counts.items()):
        graph.add_edge(
            a,
            b,
            weight=sum(kinds.values()),
            **kinds,
            relation_types=xml_text("; ".join(sorted(types.get((a, b), ())))),
        )
    return graph


def to_graphml(contract: dict[str, Any]) -> str:
    return "\n".join(nx.generate_graphml(contract_graph(contract))) + "\n"
