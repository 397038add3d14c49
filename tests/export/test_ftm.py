"""FollowTheMoney export: valid under followthemoney's own model, and keeping what byline knows."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest
from export.export_support import render_seeds
from followthemoney import model

from byline.export.ftm import place_country, to_ftm


@pytest.fixture(scope="module")
def entities(seeds_db: Path) -> list[dict]:
    return [json.loads(line) for line in render_seeds(seeds_db, "ftm").splitlines()]


def invalid_entities(entities: list[dict]) -> list[str]:
    """Why each entity fails: followthemoney's schema validation, a value its cleaning changes
    or drops (a round trip through its proxy), or a reference outside the property's range."""
    by_id = {e["id"]: e for e in entities}
    problems = []
    for entity in entities:
        schema = model.get(entity["schema"])
        try:
            schema.validate(entity)
        except Exception as exc:  # noqa: BLE001 - followthemoney's InvalidData
            problems.append(f"{entity['schema']}: {getattr(exc, 'errors', exc)}")
            continue
        proxy = model.get_proxy(entity, cleaned=False)
        if proxy.to_dict()["properties"] != entity["properties"]:
            problems.append(f"{entity['schema']} changes in a round trip")
        for name, values in entity["properties"].items():
            prop = schema.get(name)
            if prop.type.name != "entity":
                continue
            for value in values:
                target = by_id.get(value)
                if target is None or not model.get(target["schema"]).is_a(prop.range):
                    problems.append(f"{entity['schema']}.{name} -> {target and target['schema']}")
    return problems


def test_every_entity_is_valid_under_followthemoney(entities: list[dict]) -> None:
    assert len(entities) > 100
    assert invalid_entities(entities) == []
    assert len({e["id"] for e in entities}) == len(entities), "two entities share an id"


def test_articles_carry_body_text_and_readable_metadata(
    entities: list[dict], seeds_contract: dict, seeds_texts: dict[str, str]
) -> None:
    articles = [e for e in entities if e["schema"] == "Article"]
    assert len(articles) == len(seeds_contract["documents"])
    bodies = {a["properties"]["bodyText"][0] for a in articles}
    assert bodies == set(seeds_texts.values())
    titles = {t for a in articles for t in a["properties"]["title"]}
    assert titles == {d["readable_title"] for d in seeds_contract["documents"]}
    for article in articles:
        for name in article["properties"]["fileName"]:
            assert not name.startswith("/") and "/work/" not in name


def test_places_countries_groups_and_mentions(entities: list[dict], seeds_contract: dict) -> None:
    counts = Counter(e["schema"] for e in entities)
    assert counts["Mention"] > 0 and counts["Documentation"] == 0
    territories = [e for e in entities if e["schema"] == "Territory"]
    assert territories and all(e["properties"].get("country") for e in territories)
    norp = {e["name"] for e in seeds_contract["entities"] if e["type"] == "NORP"}
    assert norp, "the seeds name nationalities"
    organisations = {n for e in entities if e["schema"] == "Organization" for n in e["properties"]["name"]}
    assert not norp & organisations
    mentioned = {n for e in entities if e["schema"] == "Mention" for n in e["properties"]["name"]}
    assert norp <= mentioned, "groups are kept as mentions"
    notes = [e for e in entities if e["schema"] == "Note"]
    assert len(notes) == len(seeds_contract["claims"])
    assert all("document(s)" in n["properties"]["summary"][0] for n in notes)


def test_place_country_tells_countries_from_places_in_them() -> None:
    assert place_country("Norway", "GPE") == ("no", True)
    assert place_country("Texas", "GPE") == ("us", False)
    assert place_country("Atlantis Ridge", "LOC") == (None, False)


def test_a_small_contract_round_trips_with_an_unknown_language_and_no_texts() -> None:
    contract = {
        "documents": [
            {
                "id": "d1",
                "key": "k1",
                "path": "/tmp/x/a.txt",
                "relative_path": "a.txt",
                "title": "A",
                "readable_title": "A",
                "citation": "A — a.txt",
                "site": None,
                "url": "javascript:alert(1)",
                "published": None,
                "author": None,
                "language": None,
                "origin": None,
                "derived_from": [],
            }
        ],
        "origins": [],
        "entities": [
            {"id": "e1", "type": "NORP", "name": "Northlanders", "aliases": [], "mentions": []},
        ],
        "relations": [],
        "events": [],
        "claims": [],
    }
    lines = [json.loads(x) for x in to_ftm(contract).splitlines()]
    assert [e["schema"] for e in lines] == ["Article"]
    assert invalid_entities(lines) == []
