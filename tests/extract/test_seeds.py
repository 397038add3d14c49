"""Integration on ../shared/seeds: the expectations below come from reading the five articles.

000, 001 and 003 are AI rewrites of one report, 002 a spun copy of it (run here without
repair, so spun unit nouns stay garbled), 004 an independent explainer.
"""

from __future__ import annotations

import pytest

from byline.extract.names import name_key
from byline.model import DocClaim, Entity

from .conftest import SeedRun

ALL = ("000", "001", "002", "003", "004")


def _entity(entities: list[Entity], form: str) -> Entity:
    hits = [e for e in entities if name_key(form) in {name_key(a) for a in [e.name, *e.aliases]}]
    assert len(hits) == 1, f"{form!r} is in {len(hits)} entities: {[e.name for e in hits]}"
    return hits[0]


def _docs_of(entity: Entity) -> set[str]:
    return {s.doc for s in entity.mentions}


def test_the_leader_is_one_person_under_every_form(seeds: SeedRun) -> None:
    docs, _, entities, _ = seeds
    leader = _entity(entities, "Hector Guerrero Flores")
    assert leader.type == "PERSON"
    assert leader.name in (
        "Hector Guerrero Flores",
        "Héctor Guerrero Flores",
        "Héctor Rusthenford Guerrero Flores",
    )
    for form in (
        "Guerrero Flores",
        "Guerrero",
        "Héctor Rusthenford Guerrero Flores",
        "Héctor “Niño” Guerrero",
        "“Niño” Guerrero",
        "Niño",
    ):
        assert _entity(entities, form) is leader, form
    assert _docs_of(leader) == set(ALL)
    others = [e for e in entities if e is not leader and "guerrero" in name_key(e.name)]
    assert others == []
    texts = {d.key: d.text for d in docs}
    for src in leader.mentions:
        assert any(w in texts[src.doc][src.start : src.end] for w in ("Guerrero", "Niño"))


def test_the_gang_is_one_organisation(seeds: SeedRun) -> None:
    _, _, entities, _ = seeds
    gang = _entity(entities, "Tren de Aragua")
    assert gang.type == "ORG" and gang.name == "Tren de Aragua"
    assert _docs_of(gang) == set(ALL)
    assert len(gang.mentions) >= 40


def test_the_prison_is_one_facility(seeds: SeedRun) -> None:
    _, _, entities, _ = seeds
    prison = _entity(entities, "Tocorón Prison")
    assert prison.type == "FAC"
    assert _entity(entities, "Tocorón Penitentiary") is prison
    assert _entity(entities, "Tocorón") is prison
    assert _docs_of(prison) == set(ALL)


def test_people_and_countries(seeds: SeedRun) -> None:
    _, _, entities, _ = seeds
    maduro = _entity(entities, "Nicolas Maduro")
    assert maduro.type == "PERSON" and _entity(entities, "Nicolás Maduro") is maduro
    assert _entity(entities, "Maduro") is maduro
    trump = _entity(entities, "Donald Trump")
    assert trump.type == "PERSON" and _entity(entities, "Trump") is trump
    usa = _entity(entities, "United States")
    assert usa.type == "GPE" and usa.name == "United States"
    assert _entity(entities, "U.S.") is usa and _entity(entities, "US") is usa
    assert _docs_of(usa) == set(ALL)
    assert _entity(entities, "Venezuela").type == "GPE"
    assert _entity(entities, "ELN") is _entity(entities, "National Liberation Army")


def _claims(seeds: SeedRun, key: str) -> list[DocClaim]:
    _, analyses, _, _ = seeds
    return next(a for a in analyses if a.doc == key).claims


def _find(seeds: SeedRun, key: str, figure: str, **want: object) -> DocClaim:
    docs = {d.key: d.text for d in seeds[0]}
    for c in _claims(seeds, key):
        v = c.value
        if all(getattr(v, k) == x for k, x in want.items()) and figure in docs[key][c.start : c.end]:
            return c
    raise AssertionError(f"{key}: no claim {want} over text with {figure!r}")


def _subject_entity(seeds: SeedRun, key: str, claim: DocClaim) -> str | None:
    mapping = seeds[3][key]
    return mapping[claim.subject] if claim.subject is not None else None


@pytest.mark.parametrize("key", ALL)
def test_troops_sent(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "11,000", amount=11000)
    if key != "002":  # the spun copy garbles the unit noun
        assert c.value.unit == "soldier" and c.predicate == "soldier"


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_reward(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "5", amount=5_000_000, currency="USD")
    assert c.predicate == "reward"


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_membership_belongs_to_the_gang(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "5,000", amount=5000, unit="member")
    gang = _entity(seeds[2], "Tren de Aragua")
    assert _subject_entity(seeds, key, c) == gang.key


@pytest.mark.parametrize("key", ["000", "001", "002", "003"])
def test_profits(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "15", low=10_000_000, high=15_000_000, currency="USD")
    assert c.predicate in ("profit", "income")


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_migrants_with_links_and_members_among_them(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "600", amount=600)
    assert c.value.unit == "migrant"
    _find(seeds, key, "100", amount=100)


@pytest.mark.parametrize("key", ["000", "001", "002"])
def test_venezuelans_in_the_us(seeds: SeedRun, key: str) -> None:
    _find(seeds, key, "770,000", amount=770_000)


@pytest.mark.parametrize("key", ["000", "002"])
def test_border_encounters(seeds: SeedRun, key: str) -> None:
    _find(seeds, key, "313,500", amount=313_500)


@pytest.mark.parametrize("key", ["001", "002"])
def test_age(seeds: SeedRun, key: str) -> None:
    c = _find(seeds, key, "41", amount=41)
    assert c.predicate == "age"
    assert _subject_entity(seeds, key, c) == _entity(seeds[2], "Guerrero Flores").key


@pytest.mark.parametrize("key", ALL)
def test_raid_in_september_2023(seeds: SeedRun, key: str) -> None:
    docs = {d.key: d.text for d in seeds[0]}
    analysis = next(a for a in seeds[1] if a.doc == key)
    raid = [e for e in analysis.events if e.date == "2023-09" and e.precision == "month"]
    assert raid, f"{key}: no September 2023 event"
    assert "11,000" in docs[key][raid[0].start : raid[0].end]
    assert docs[key][raid[0].date_start : raid[0].date_end] == "September 2023"
    prison = _entity(seeds[2], "Tocorón Prison").key
    assert prison in {seeds[3][key][i] for i in raid[0].participants}


@pytest.mark.parametrize("key", ["001", "002"])
def test_escape_2012_and_rearrest_2013(seeds: SeedRun, key: str) -> None:
    leader = _entity(seeds[2], "Guerrero Flores").key
    dated = {
        (c.predicate, c.value.date, _subject_entity(seeds, key, c))
        for c in _claims(seeds, key)
        if c.value.type == "date"
    }
    assert ("escape", "2012", leader) in dated
    assert any(d == "2013" and who == leader for _, d, who in dated)
    analysis = next(a for a in seeds[1] if a.doc == key)
    assert {"2012", "2013"} <= {e.date for e in analysis.events}


def test_relations_found_in_the_seeds(seeds: SeedRun) -> None:
    _, analyses, entities, mapping = seeds
    leader = _entity(entities, "Guerrero Flores").key
    gang = _entity(entities, "Tren de Aragua").key
    found = {
        (mapping[a.doc][r.source], r.type, mapping[a.doc][r.target]) for a in analyses for r in a.relations
    }
    assert (leader, "leader_of", gang) in found
    assert (_entity(entities, "Tocorón Prison").key, "located_in", _entity(entities, "Aragua").key) in found
    assert (gang, "compared_to", _entity(entities, "MS-13").key) in found
    assert (gang, "operates_in", _entity(entities, "Colombia").key) in found
    assert (gang, "sanctioned_by", _entity(entities, "US Treasury").key) in found
    assert any(t == "offered_reward_for" and o == leader for _, t, o in found)


def test_the_gang_and_its_english_names_are_one_entity(seeds: SeedRun) -> None:
    _, _, entities, _ = seeds
    gang = _entity(entities, "Tren de Aragua")
    for form in ("Train of Aragua", "Aragua Train"):  # declared ("which translates to") and reordered
        assert _entity(entities, form) is gang, form
    assert gang.name == "Tren de Aragua"


def test_the_us_agencies_are_entities_under_their_full_names(seeds: SeedRun) -> None:
    _, _, entities, _ = seeds
    homeland = _entity(entities, "Department of Homeland Security")
    assert homeland.name == "Department of Homeland Security" and homeland.type == "ORG"
    assert _entity(entities, "Department of Homeland") is homeland  # the NER cut it short once
    state = _entity(entities, "U.S. State Department")
    assert state.type == "ORG" and "State Department" in state.name
    ice = _entity(entities, "Immigration and Customs Enforcement")
    assert _entity(entities, "ICE") is ice
    assert _entity(entities, "Customs and Border Protection").type == "ORG"
