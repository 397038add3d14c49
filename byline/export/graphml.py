"""GraphML export: entities as nodes, relations as edges (for Gephi, yEd, Cytoscape)."""

from __future__ import annotations

from typing import Any

import networkx as nx


def contract_graph(contract: dict[str, Any]) -> nx.MultiDiGraph:
    """Entities that take part in a relation or share an event, and the links between them."""
    graph = nx.MultiDiGraph()
    for ent in contract["entities"]:
        graph.add_node(
            ent["id"],
            label=ent["name"],
            type=ent["type"],
            mentions=len(ent["mentions"]),
            aliases="; ".join(ent["aliases"]),
        )
    for rel in contract["relations"]:
        if rel["source"] and rel["target"]:
            graph.add_edge(
                rel["source"],
                rel["target"],
                key=rel["id"],
                type=rel["type"],
                text=rel["text"],
                documents=rel["support"]["documents"],
                origins=rel["support"]["origins"],
            )
    return graph


def to_graphml(contract: dict[str, Any]) -> str:
    return "\n".join(nx.generate_graphml(contract_graph(contract))) + "\n"
