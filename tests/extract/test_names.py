"""Name normalisers: folding, titles, nicknames, acronyms, countries, with many real phrasings."""

from __future__ import annotations

import pytest

from byline.extract.names import (
    clean_surface,
    country_of,
    initials,
    is_acronym,
    name_key,
    parse_nickname,
    split_title,
)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Nicolás Maduro", "Nicolas Maduro"),
        ("JOSÉ MARTÍ", "José Martí"),
        ("The U.S.", "US"),
        ("the Acme Group", "Acme Group"),
        ("Ana Flores’s", "Ana Flores"),
        ("Ana Flores's", "ana flores"),
        ("Luis Torres'", "Luis Torres"),
        ("São Paulo", "Sao Paulo"),
        ("Zürich", "zurich"),
        ("“Red” Fox", "Red Fox"),
        ("  Anna   Lee ", "anna lee"),
    ],
)
def test_fold_equates_variants(a: str, b: str) -> None:
    assert name_key(a) == name_key(b)


@pytest.mark.parametrize(
    ("a", "b"),
    [("Maria Flores", "Mario Flores"), ("MS-13", "MS-18"), ("Acme Group", "Acme")],
)
def test_fold_keeps_different_names_apart(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)


def test_clean_surface_keeps_case_and_accents() -> None:
    assert clean_surface("the Tocoa Prison’s") == "Tocoa Prison"
    assert clean_surface("“Chapo” Guzmán") == "Chapo Guzmán"


@pytest.mark.parametrize(
    ("text", "title", "name"),
    [
        ("President Ana Flores", "President", "Ana Flores"),
        ("former President Ana Flores", "former President", "Ana Flores"),
        ("Gen. Omar Diaz", "Gen.", "Omar Diaz"),
        ("Dr Ruth Kim", "Dr", "Ruth Kim"),
        ("Prime Minister Ravi Rao", "Prime Minister", "Ravi Rao"),
        ("Ana Flores", "", "Ana Flores"),
        ("President", "", "President"),
    ],
)
def test_split_title(text: str, title: str, name: str) -> None:
    assert split_title(text) == (title, name)


@pytest.mark.parametrize(
    ("text", "given", "nick", "surname"),
    [
        ("Joaquín “El Chapo” Guzmán", "Joaquín", "El Chapo", "Guzmán"),
        ('Ana "Tiny" Flores', "Ana", "Tiny", "Flores"),
        ("“Kid” Ortega", "", "Kid", "Ortega"),
        ("‘Boss’ Ruiz Soto", "", "Boss", "Ruiz Soto"),
        ("Omar “Scar” (The Knife) Diaz", "Omar", "Scar", "Diaz"),
    ],
)
def test_parse_nickname(text: str, given: str, nick: str, surname: str) -> None:
    found = parse_nickname(text)
    assert found is not None
    assert (found.given, found.nick, found.surname) == (given, nick, surname)
    assert found.nick_form == f"{nick} {surname}"


@pytest.mark.parametrize(
    "text", ["Ana Flores", "“Tiny”", "the “new” plan", "Ana “Tiny”", "'Big Film' Director Ana Ruiz"]
)
def test_parse_nickname_rejects_other_quotes(text: str) -> None:
    assert parse_nickname(text) is None


@pytest.mark.parametrize(
    ("long", "acr"),
    [
        ("Immigration and Customs Enforcement", "ICE"),
        ("Federal Bureau of Investigation", "FBI"),
        ("the Department of Homeland Security", "DHS"),
        ("North Atlantic Treaty Organization", "NATO"),
        ("Revolutionary Armed Forces of Colombia", "RAFC"),
    ],
)
def test_initials(long: str, acr: str) -> None:
    assert initials(long) == acr


@pytest.mark.parametrize(
    ("text", "yes"),
    [("ELN", True), ("U.N.", True), ("FARC", True), ("MS-13", False), ("Ab", False), ("I", False)],
)
def test_is_acronym(text: str, yes: bool) -> None:
    assert is_acronym(text) is yes


@pytest.mark.parametrize(
    ("text", "label", "code", "name"),
    [
        ("U.S.", "GPE", "US", "United States"),
        ("US", "GPE", "US", "United States"),
        ("USA", "GPE", "US", "United States"),
        ("the United States", "GPE", "US", "United States"),
        ("United States of America", "GPE", "US", "United States"),
        ("America", "GPE", "US", "United States"),
        ("Venezuela", "GPE", "VE", "Venezuela"),
        ("Russia", "GPE", "RU", "Russia"),
        ("the Russian Federation", "GPE", "RU", "Russia"),
        ("UK", "GPE", "GB", "United Kingdom"),
        ("Britain", "GPE", None, None),
        ("Bolivia", "GPE", "BO", "Bolivia"),
        ("Côte d'Ivoire", "GPE", "CI", None),
        ("Latin America", "LOC", None, None),
        ("South America", "LOC", None, None),
        ("IS", "ORG", None, None),
        ("us", "GPE", None, None),
        ("Texas", "GPE", None, None),
    ],
)
def test_country_of(text: str, label: str, code: str | None, name: str | None) -> None:
    found = country_of(text, label)
    if code is None:
        assert found is None
    else:
        assert found is not None and found.code == code
        if name is not None:
            assert found.name == name
