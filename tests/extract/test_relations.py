"""Relation patterns on small sentences written for the tests (verb classes, relational nouns)."""

from __future__ import annotations

import pytest


def _relations(analyze, text: str) -> set[tuple[str, str, str]]:  # type: ignore[no-untyped-def]
    _, a = analyze(text)
    return {(a.mentions[r.source].text, r.type, a.mentions[r.target].text) for r in a.relations}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The Brava Norte gang is led by Omar Diaz.", ("Omar Diaz", "leader_of", "Brava Norte")),
        (
            "Omar Diaz, the leader of Brava Norte, was seen in Lima.",
            ("Omar Diaz", "leader_of", "Brava Norte"),
        ),
        ("Brava Norte's boss, Omar Diaz, escaped.", ("Omar Diaz", "leader_of", "Brava Norte")),
        ("Omar Diaz heads the Brava Norte cartel.", ("Omar Diaz", "leader_of", "Brava Norte")),
        (
            "The Brava Norte cartel grew under the leadership of Omar Diaz.",
            ("Omar Diaz", "leader_of", "Brava Norte"),
        ),
    ],
)
def test_leader_of(analyze, text: str, expected: tuple[str, str, str]) -> None:  # type: ignore[no-untyped-def]
    assert expected in _relations(analyze, text)


def test_member_of(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Luis Pena, a member of the Brava Norte cartel, was arrested.")
    assert any(s == "Luis Pena" and t == "member_of" for s, t, _ in rel)


def test_located_in(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Inmates took over the Tocoa Prison in Honduras last year.")
    assert ("Tocoa Prison", "located_in", "Honduras") in rel


def test_operates_in_from_verbs_and_presence(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "The Brava Norte cartel has expanded into Peru, Chile and Bolivia.")
    assert {("Brava Norte", "operates_in", c) for c in ("Peru", "Chile", "Bolivia")} <= rel
    rel = _relations(analyze, "The Brava Norte cartel has established a presence in Argentina.")
    assert ("Brava Norte", "operates_in", "Argentina") in rel


def test_allied_with(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "The Brava Norte cartel works with the Sol Rojo militia in the south.")
    assert any(s == "Brava Norte" and t == "allied_with" and "Sol Rojo" in o for s, t, o in rel)


@pytest.mark.parametrize("modal", ["could", "might", "may"])
def test_a_possibility_is_no_relation(analyze, modal: str) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, f"The Brava Norte cartel {modal} work with the Sol Rojo militia in the south.")
    assert not any(t == "allied_with" for _, t, _ in rel)  # test_allied_with: the same, stated as fact


def test_sanctioned_by(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "The European Union sanctioned the Brava Norte cartel in May.")
    assert any(s == "Brava Norte" and t == "sanctioned_by" and "European Union" in o for s, t, o in rel)


def test_offered_reward_for(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "The Justice Department offered a reward for the capture of Omar Diaz.")
    assert any(
        t == "offered_reward_for" and o == "Omar Diaz" and "Justice Department" in s for s, t, o in rel
    )


def test_arrested_in(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Omar Diaz was arrested in Madrid on Tuesday.")
    assert ("Omar Diaz", "arrested_in", "Madrid") in rel


def test_escaped_from(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Omar Diaz escaped from the Tocoa Prison in 2019.")
    assert any(s == "Omar Diaz" and t == "escaped_from" and "Tocoa" in o for s, t, o in rel)


def test_compared_to(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Brava Norte is often compared to the XB-18 gang.")
    assert ("Brava Norte", "compared_to", "XB-18") in rel


def test_designated_as_is_a_text_claim(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("Washington designated the Brava Norte cartel as a terrorist organisation.")
    c = next(c for c in a.claims if c.predicate == "designated_as")
    assert c.value.type == "text" and c.value.text == "terrorist organisation"
    assert c.subject is not None and a.mentions[c.subject].text == "Brava Norte"


def test_lists_of_names_alone_give_no_relation(analyze) -> None:  # type: ignore[no-untyped-def]
    assert _relations(analyze, "Omar Diaz, Brava Norte, Peru, Chile and Lima.") == set()


def test_taking_office_and_naming_a_group_is_not_leadership(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(
        analyze,
        "Soon after taking office in March, Ramirez also directed Brava Norte "
        "a criminal organisation, putting the group alongside the cartels.",
    )
    assert not any(t == "leader_of" for _, t, _ in rel)


def test_running_a_business_in_a_place_is_not_leading_the_place(analyze) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, "Omar Diaz, who runs a small hotel in Lima, spoke to reporters.")
    assert not any(t == "leader_of" for _, t, _ in rel)


@pytest.mark.parametrize(
    "text",
    [
        "Luis Pena broke out of the Tocoa Prison in 2019.",
        "Omar Diaz fled the Tocoa Prison in a laundry van.",
        "Troops stormed the Tocoa Prison in May. Its boss, Omar Diaz, escaped in 2012 by bribing a guard.",
        "The escape of Omar Diaz from the Tocoa Prison shocked Peru.",
    ],
)
def test_escaped_from_the_place_of_detention(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    rel = _relations(analyze, text)
    assert any(t == "escaped_from" and "Tocoa" in o for _, t, o in rel), rel
