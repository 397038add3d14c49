"""Story labels: distinctive words named by the entities that hold them."""

from __future__ import annotations

from byline.provenance.stories import entity_label, name_words


def test_words_become_the_full_names_of_their_entities() -> None:
    names = [("Ana Pérez Ruiz", [], 7), ("Port of Valdora", [], 3)]
    assert entity_label(["perez", "valdora", "harbour"], names) == "Ana Pérez Ruiz, Port of Valdora, Harbour"


def test_each_entity_is_named_once_and_the_next_word_fills_its_place() -> None:
    names = [("Ana Pérez Ruiz", [], 7), ("Valdora", [], 2)]
    assert entity_label(["ruiz", "perez", "valdora", "tide"], names) == "Ana Pérez Ruiz, Valdora, Tide"


def test_a_word_in_several_names_goes_to_the_most_mentioned_entity() -> None:
    names = [("Ruiz Holdings", [], 2), ("Ana Pérez Ruiz", [], 9)]
    assert entity_label(["ruiz"], names) == "Ana Pérez Ruiz"


def test_aliases_name_their_entity() -> None:
    names = [("Coastal Shipping Authority", ["CSA", "the Authority"], 4)]
    assert entity_label(["csa", "levy"], names) == "Coastal Shipping Authority, Levy"


def test_name_words_fold_accents_and_possessives() -> None:
    assert name_words("Cúcuta's Mayor") == ["cucuta", "mayor"]
    assert name_words("MS-13") == ["ms-13"]


def test_a_name_inside_a_chosen_name_is_not_repeated() -> None:
    names = [("Tara Reid", [], 9), ("Reid", [], 12), ("Jack Ketsoyan", [], 3)]
    # "reid" first names the separate entity "Reid"; "tara" then names "Tara Reid", which takes its place
    assert entity_label(["reid", "tara", "ketsoyan", "clinic"], names) == "Tara Reid, Jack Ketsoyan, Clinic"
    assert entity_label(["tara", "reid", "clinic"], names) == "Tara Reid, Clinic"
