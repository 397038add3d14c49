"""FollowTheMoney export: one JSON entity a line, for Aleph and the FtM tool chain.

Articles become ``Article``, people ``Person``, organisations ``Organization``, places ``Address``,
dated events ``Event``, and relations ``Membership``, ``Directorship`` or ``UnknownLink``; every
entity carries ``proof``/``documentedBy`` links to the articles that state it.
"""

from __future__ import annotations

import json
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

SCHEMA_BY_TYPE = {
    "PERSON": "Person",
    "ORG": "Organization",
    "NORP": "Organization",
    "GPE": "Address",
    "LOC": "Address",
    "FAC": "Address",
}
LINK_SCHEMA = {"member_of": "Membership", "leader_of": "Directorship"}


def _entity(schema: str, *id_parts: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("byline", *id_parts)
    return proxy


def to_ftm(contract: dict[str, Any]) -> str:
    proxies: list[EntityProxy] = []
    articles: dict[str, EntityProxy] = {}
    for doc in contract["documents"]:
        article = _entity("Article", doc["key"])
        article.add("title", doc["title"] or doc["path"])
        article.add("fileName", doc["path"])
        article.add("sourceUrl", doc["url"])
        article.add("publishedAt", doc["published"])
        article.add("publisher", doc["site"])
        articles[doc["id"]] = article
        proxies.append(article)
    people: dict[str, EntityProxy] = {}
    for ent in contract["entities"]:
        schema = SCHEMA_BY_TYPE.get(ent["type"], "LegalEntity")
        proxy = _entity(schema, ent["type"], ent["name"])
        if schema == "Address":
            proxy.add("full", ent["name"])
        else:
            proxy.add("name", ent["name"])
            proxy.add("alias", ent["aliases"])
        for doc_id in sorted({m["doc"] for m in ent["mentions"]}):
            if schema == "Address":
                articles[doc_id].add("locationMentioned", ent["name"])
            else:
                link = _entity("Documentation", doc_id, proxy.id or "")
                link.add("document", articles[doc_id].id)
                link.add("entity", proxy.id)
                link.add("role", "mentioned")
                proxies.append(link)
        people[ent["id"]] = proxy
        proxies.append(proxy)
    for rel in contract["relations"]:
        source, target = people.get(rel["source"]), people.get(rel["target"])
        if source is None or target is None:
            continue
        schema = LINK_SCHEMA.get(rel["type"], "UnknownLink")
        if schema != "UnknownLink" and (
            source.schema.name not in ("Person", "Organization", "LegalEntity")
            or target.schema.name not in ("Organization", "LegalEntity")
        ):
            schema = "UnknownLink"
        link = _entity(schema, rel["id"], source.id or "", target.id or "", rel["type"])
        ends = {
            "Membership": ("member", "organization"),
            "Directorship": ("director", "organization"),
            "UnknownLink": ("subject", "object"),
        }[schema]
        link.add(ends[0], source.id)
        link.add(ends[1], target.id)
        link.add("role", rel["type"])
        link.add("summary", rel["text"])
        link.add("proof", [articles[s["doc"]].id for s in rel["sources"]])
        proxies.append(link)
    for event in contract["events"]:
        proxy = _entity("Event", event["id"], event["date"], event["summary"])
        proxy.add("name", event["summary"])
        proxy.add("date", event["date"])
        proxy.add("involved", [people[e].id for e in event["entities"] if e in people])
        proxy.add("proof", [articles[s["doc"]].id for s in event["sources"]])
        proxies.append(proxy)
    lines = sorted(json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False) for p in proxies)
    return "".join(line + "\n" for line in lines)
