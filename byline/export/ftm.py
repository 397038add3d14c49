"""FollowTheMoney export: one JSON entity a line, for Aleph and the FtM tool chain.

- each document is an ``Article`` (readable title, bodyText, author, language, publishedAt,
  sourceUrl, publisher, its path relative to the corpus root, the countries it names) with its
  origin group in ``notes``; a derivation is an ``UnknownLink`` from copy to parent;
- people are ``Person``, organisations ``Organization``; a place that is a country is a
  ``Territory`` with its code, other places an ``Address`` (``full``, and ``country`` when
  followthemoney's registry or a located_in relation gives it); named events are ``Event``;
  nationalities and other groups (NORP) are no organisations: they stay ``Mention``s only;
- every entity named in an article gets a ``Mention`` (the names as written there);
- relations are ``Membership``, ``Directorship`` or ``UnknownLink``; dated events ``Event``;
  claims ``Note``s on their subject; all carry their support (documents, origins) and
  ``proof`` links to the articles stating them.

Cost: O(contract size + text) and one pass of the place tables (loaded once).
"""

from __future__ import annotations

import json
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from byline.report.view import value_label
from byline.textkit.countries import place_country

SCHEMA_BY_TYPE = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Address",  # or Territory when the place is a country (see ``place_country``)
    "LOC": "Address",
    "FAC": "Address",
    "EVENT": "Event",
}  # other types (NORP, WORK_OF_ART, LAW, ...) are named in Mentions only
LINK_SCHEMA = {"member_of": "Membership", "leader_of": "Directorship"}
LINK_ENDS = {
    "Membership": ("member", "organization"),
    "Directorship": ("director", "organization"),
    "UnknownLink": ("subject", "object"),
}


def _proxy(schema: str, *id_parts: str) -> EntityProxy:
    proxy = model.make_entity(schema)
    proxy.make_id("byline", *id_parts)
    return proxy


def _support(item: dict[str, Any]) -> str:
    s = item["support"]
    return f"stated by {s['documents']} document(s) from {s['origins']} independent origin(s)"


class _FtM:
    def __init__(self, contract: dict[str, Any], texts: dict[str, str]) -> None:
        self.contract = contract
        self.texts = texts
        self.proxies: list[EntityProxy] = []
        self.articles: dict[str, EntityProxy] = {}
        self.entities: dict[str, EntityProxy] = {}  # contract entity id -> proxy
        self.countries: dict[str, str] = {}  # contract entity id -> country code (territories)
        self.docs = {d["id"]: d for d in contract["documents"]}
        self.names = {e["id"]: e["name"] for e in contract["entities"]}
        self.origins = {o["id"]: o for o in contract["origins"]}

    def build(self) -> list[EntityProxy]:
        for doc in self.contract["documents"]:
            self._article(doc)
        self._derivations()
        located = self._located_in()
        for entity in self.contract["entities"]:
            self._entity(entity, located.get(entity["id"]))
        for rel in self.contract["relations"]:
            self._relation(rel)
        for event in self.contract["events"]:
            self._event(event)
        for claim in self.contract["claims"]:
            self._claim(claim)
        return self.proxies

    def _proof(self, sources: list[dict[str, Any]]) -> list[str]:
        return sorted({self.articles[s["doc"]].id or "" for s in sources if s["doc"] in self.articles})

    def _article(self, doc: dict[str, Any]) -> None:
        article = _proxy("Article", doc["key"])
        article.add("title", doc.get("readable_title") or doc["title"] or doc["relative_path"])
        if doc.get("readable_title") and doc["title"] and doc["readable_title"] != doc["title"]:
            article.add("alias", doc["title"])  # the title as published (spun)
        article.add("fileName", doc["relative_path"])
        article.add("sourceUrl", doc["url"])
        article.add("publishedAt", doc["published"])
        article.add("publisher", doc["site"])
        article.add("author", doc.get("author"))
        article.add("language", doc.get("language"))
        article.add("bodyText", self.texts.get(doc["id"]))
        origin = self.origins.get(doc["origin"] or "")
        if origin is not None:
            root = self.docs.get(origin["root"] or "")
            note = f"byline origin {origin['id']}: {len(origin['documents'])} document(s) from one original"
            if root is not None:
                note += f", most likely {root['citation']}"
            article.add("notes", note)
        self.articles[doc["id"]] = article
        self.proxies.append(article)

    def _derivations(self) -> None:
        for doc in self.contract["documents"]:
            for parent in doc["derived_from"]:
                if parent["doc"] not in self.articles:
                    continue
                link = _proxy("UnknownLink", "derived", doc["key"], self.docs[parent["doc"]]["key"])
                link.add("subject", self.articles[doc["id"]].id)
                link.add("object", self.articles[parent["doc"]].id)
                link.add("role", f"{parent['kind']} of")
                link.add("description", f"derivation score {parent['score']}")
                self.proxies.append(link)

    def _located_in(self) -> dict[str, str]:
        """Entity id -> the entity id of the country a located_in relation puts it in."""
        types = {e["id"]: e for e in self.contract["entities"]}
        out: dict[str, str] = {}
        for rel in self.contract["relations"]:
            target = types.get(rel["target"] or "")
            if rel["type"] == "located_in" and rel["source"] and target is not None:
                code, is_country = place_country(target["name"], target["type"])
                if code and is_country:
                    out.setdefault(rel["source"], code)
        return out

    def _entity(self, ent: dict[str, Any], located: str | None) -> None:
        schema = SCHEMA_BY_TYPE.get(ent["type"])
        code: str | None = None
        if schema == "Address":
            code, is_country = place_country(ent["name"], ent["type"])
            schema = "Territory" if is_country else schema
            code = code or located
        proxy = None
        if schema is not None:
            proxy = _proxy(schema, ent["type"], ent["name"])
            if schema == "Address":
                proxy.add("full", ent["name"])
            else:
                proxy.add("name", ent["name"])
                proxy.add("alias", ent["aliases"])
            proxy.add("country", code)
            if schema == "Territory":
                self.countries[ent["id"]] = code or ""
            proxy.add("proof", self._proof(ent["mentions"]))
            self.entities[ent["id"]] = proxy
            self.proxies.append(proxy)
        self._mentions(ent, proxy, code if schema == "Territory" else None)

    def _mentions(self, ent: dict[str, Any], proxy: EntityProxy | None, country: str | None) -> None:
        """One Mention an article: the names as written there; resolved to the entity when it
        is a legal entity (FtM's range for ``resolved``)."""
        by_doc: dict[str, set[str]] = {}
        for m in ent["mentions"]:
            text = self.texts.get(m["doc"], "")
            surface = " ".join(text[m["start"] : m["end"]].split()) or ent["name"]
            by_doc.setdefault(m["doc"], set()).add(surface)
        for doc_id, names in sorted(by_doc.items()):
            article = self.articles.get(doc_id)
            if article is None:
                continue
            mention = _proxy("Mention", self.docs[doc_id]["key"], ent["type"], ent["name"])
            mention.add("document", article.id)
            mention.add("name", sorted(names | {ent["name"]}))
            if proxy is not None:
                mention.add("detectedSchema", proxy.schema.name)
                if proxy.schema.is_a("LegalEntity"):
                    mention.add("resolved", proxy.id)
            mention.add("contextCountry", country)
            self.proxies.append(mention)
            if proxy is None:
                continue
            if proxy.schema.is_a("Person"):
                article.add("peopleMentioned", ent["name"])
            elif proxy.schema.is_a("Organization"):
                article.add("companiesMentioned", ent["name"])
            elif proxy.schema.name in ("Address", "Territory"):
                article.add("locationMentioned", ent["name"])
                article.add("country", country)

    def _relation(self, rel: dict[str, Any]) -> None:
        source, target = self.entities.get(rel["source"] or ""), self.entities.get(rel["target"] or "")
        if source is None or target is None:
            return
        schema = LINK_SCHEMA.get(rel["type"], "UnknownLink")
        if schema != "UnknownLink" and (
            not source.schema.is_a("LegalEntity") or not target.schema.is_a("Organization")
        ):
            schema = "UnknownLink"
        link = _proxy(schema, rel["id"], source.id or "", target.id or "", rel["type"])
        ends = LINK_ENDS[schema]
        link.add(ends[0], source.id)
        link.add(ends[1], target.id)
        link.add("role", rel["type"])
        link.add("summary", rel["text"])
        link.add("description", _support(rel))
        link.add("proof", self._proof(rel["sources"]))
        self.proxies.append(link)

    def _event(self, event: dict[str, Any]) -> None:
        proxy = _proxy("Event", event["id"], event["date"], event["summary"])
        proxy.add("name", event["summary"])
        proxy.add("date", event["date"])
        for entity_id in event["entities"]:
            entity = self.entities.get(entity_id)
            if entity is None:
                continue
            if entity.schema.is_a("LegalEntity"):
                proxy.add("involved", entity.id)
            elif entity_id in self.countries:
                proxy.add("country", self.countries[entity_id])
            elif entity.schema.name == "Address":
                proxy.add("addressEntity", entity.id)
        proxy.add("description", _support(event))
        proxy.add("proof", self._proof(event["sources"]))
        self.proxies.append(proxy)

    def _claim(self, claim: dict[str, Any]) -> None:
        names = self.names
        subject = names.get(claim["subject"] or "", "")
        note = _proxy(
            "Note", "claim", subject, claim["predicate"], json.dumps(claim["value"], sort_keys=True)
        )
        label = value_label(claim["value"], names)
        note.add("name", " ".join(p for p in (subject, claim["predicate"] + ":", label) if p))
        note.add("description", claim["text"])
        conflicts = f"; contradicts {', '.join(claim['conflicts'])}" if claim["conflicts"] else ""
        note.add("summary", f"{claim['status']}: {_support(claim)}{conflicts}")
        entity = self.entities.get(claim["subject"] or "")
        if entity is not None:
            note.add("entity", entity.id)
        note.add("proof", self._proof(claim["sources"]))
        self.proxies.append(note)


def to_ftm(contract: dict[str, Any], texts: dict[str, str] | None = None) -> str:
    """The contract as FtM entities, one JSON object a line, sorted (byte-identical runs);
    ``texts`` (document id -> original text) fills bodyText and the mentions' names."""
    proxies = _FtM(contract, texts or {}).build()
    lines = sorted(json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False) for p in proxies)
    return "".join(line + "\n" for line in lines)
