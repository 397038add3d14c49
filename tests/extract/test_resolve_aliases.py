"""Names a text declares one entity, names cut short, agencies with or without their country
(hand-made mentions over texts written for these tests)."""

from __future__ import annotations

from byline.extract import resolve_entities
from byline.model import DocAnalysis, Document, Entity, Mention


def _resolve(texts: dict[str, tuple[str, list[tuple[str, str]]]]) -> list[Entity]:
    docs, analyses = [], []
    for key, (text, names) in texts.items():
        mentions = []
        for name, label in names:
            at = text.find(name)
            assert at >= 0, name
            mentions.append(Mention(at, at + len(name), name, label))
        docs.append(Document(key, f"{key}.txt", text))
        analyses.append(DocAnalysis(doc=key, mentions=mentions))
    entities, _ = resolve_entities(docs, analyses)
    return entities


def _holding(entities: list[Entity], form: str) -> list[Entity]:
    return [e for e in entities if form in [e.name, *e.aliases]]


def test_a_declared_translation_and_a_reordered_name_are_one_entity() -> None:
    entities = _resolve(
        {
            "a": (
                'The group "Banda del Norte," which translates to "Gang of the North," grew fast.',
                [("Banda del Norte", "ORG")],
            ),
            "b": ("Police say the North Gang recruits in schools.", [("North Gang", "ORG")]),
        }
    )
    (gang,) = _holding(entities, "Banda del Norte")
    assert {"North Gang", "Gang of the North"} <= {gang.name, *gang.aliases}


def test_known_as_and_english_parenthesis_declare_aliases() -> None:
    entities = _resolve(
        {
            "a": (
                "Los Halcones, known as the Falcons Network, runs the port.",
                [("Los Halcones", "ORG"), ("Falcons Network", "ORG")],
            ),
            "b": (
                "Grupo Azul (English: Blue Group) denied it.",
                [("Grupo Azul", "ORG"), ("Blue Group", "ORG")],
            ),
        }
    )
    assert len(_holding(entities, "Los Halcones")) == 1
    assert _holding(entities, "Los Halcones") == _holding(entities, "Falcons Network")
    assert _holding(entities, "Grupo Azul") == _holding(entities, "Blue Group")


def test_agencies_with_or_without_their_country_and_cut_short() -> None:
    entities = _resolve(
        {
            "a": ("The U.S. Department of Energy said so.", [("U.S. Department of Energy", "ORG")]),
            "b": ("The Energy Department agreed.", [("Energy Department", "ORG")]),
            "c": (
                "The Office of Budget said the Office of Budget Review had no comment.",
                [("Office of Budget Review", "ORG"), ("Office of Budget", "ORG")],
            ),
            "d": ("The Office of Budget Review replied.", [("Office of Budget Review", "ORG")]),
        }
    )
    (energy,) = _holding(entities, "Energy Department")
    assert "U.S. Department of Energy" in [energy.name, *energy.aliases]
    (office,) = _holding(entities, "Office of Budget")
    assert office.name == "Office of Budget Review"


def test_different_names_stay_apart() -> None:
    entities = _resolve(
        {
            "a": (
                "The Red Brigade and the Blue Brigade met.",
                [("Red Brigade", "ORG"), ("Blue Brigade", "ORG")],
            ),
        }
    )
    assert _holding(entities, "Red Brigade") != _holding(entities, "Blue Brigade")
