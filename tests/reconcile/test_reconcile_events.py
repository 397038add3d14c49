"""Event and relation merging with support."""

from __future__ import annotations

import re

from reconcile.reconcile_helpers import Corpus

from byline.model import Event, Relation
from byline.reconcile import reconcile


def events_of(corpus: Corpus) -> list[Event]:
    return reconcile(*corpus.inputs()).events


def relations_of(corpus: Corpus) -> list[Relation]:
    return reconcile(*corpus.inputs()).relations


def test_similar_summaries_on_one_date_merge_with_support() -> None:
    c = Corpus(entities={"Army": "e1", "Prison": "e2"})
    c.doc("a", origin="o1").event("2023-09", "The army stormed the prison", ("Army", "Prison"))
    c.doc("b", origin="o1").event("2023-09", "army stormed the prison in a raid", ("Army",))
    c.doc("c", origin="o2").event("2023-09-20", "The army stormed the prison at dawn", ())
    (event,) = events_of(c)
    assert (event.support.documents, event.support.origins) == (3, 2)
    assert (event.date, event.precision) == ("2023-09-20", "day")
    assert event.entities == ["e1", "e2"]
    assert event.summary == "The army stormed the prison"  # the earliest-keyed document
    assert re.fullmatch(r"v:[0-9a-f]{12}", event.key)


def test_different_months_never_merge() -> None:
    c = Corpus(entities={})
    c.doc("a").event("2023-09", "The army stormed the prison")
    c.doc("b").event("2023-10", "The army stormed the prison")
    assert len(events_of(c)) == 2


def test_dissimilar_summaries_without_shared_participants_stay_apart() -> None:
    c = Corpus(entities={"Army": "e1", "Court": "e2"})
    c.doc("a").event("2023-09-14", "The army stormed the prison", ("Army",))
    c.doc("b").event("2023-09-14", "A court sentenced three bankers", ("Court",))
    assert len(events_of(c)) == 2


def test_shared_participants_merge_at_month_precision() -> None:
    c = Corpus(entities={"Army": "e1", "Prison": "e2"})
    c.doc("a").event("2023-09-14", "Soldiers retook control", ("Army", "Prison"))
    c.doc("b").event("2023-09", "An operation ended inmate rule", ("Prison", "Army"))
    (event,) = events_of(c)
    assert event.support.documents == 2


def test_a_shared_participant_in_the_same_year_is_not_enough() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").event("2014", "Expansion abroad began", ("Gang",))
    c.doc("b").event("2014", "Leader bought a zoo", ("Gang",))
    assert len(events_of(c)) == 2


def test_a_coarse_date_never_bridges_two_months() -> None:
    c = Corpus(entities={})
    c.doc("a").event("2023-09", "The army stormed the prison")
    c.doc("b").event("2023", "The army stormed the prison")
    c.doc("c").event("2023-10", "The army stormed the prison")
    events = events_of(c)
    assert len(events) == 2
    assert sorted(e.support.documents for e in events) == [1, 2]
    dates = sorted(e.date for e in events)
    assert dates == ["2023-09", "2023-10"]


def test_relations_merge_by_endpoints_and_type() -> None:
    c = Corpus(entities={"Boss": "e1", "El Jefe": "e1", "Gang": "e2"})
    c.doc("a", origin="o1").relation("Boss", "leader_of", "Gang")
    c.doc("b", origin="o1").relation("El Jefe", "leader_of", "Gang")
    c.doc("c", origin="o2").relation("Boss", "Leader_Of", "Gang")
    c.doc("c").relation("Boss", "member_of", "Gang")
    relations = relations_of(c)
    assert len(relations) == 2
    leader = next(r for r in relations if r.type == "leader_of")
    assert (leader.source, leader.target) == ("e1", "e2")
    assert (leader.support.documents, leader.support.origins) == (3, 2)
    assert leader.text == "Boss leader_of Gang"
    assert [r.key for r in relations] == sorted(r.key for r in relations)


def test_relations_with_unresolved_or_identical_endpoints_are_dropped() -> None:
    c = Corpus(entities={"Boss": "e1", "Jefe": "e1"})
    c.doc("a").relation("Boss", "leader_of", "Unknown gang")
    c.doc("b").relation("Boss", "alias_of", "Jefe")
    assert relations_of(c) == []


def test_a_shared_specific_figure_merges_events_of_one_year() -> None:
    c = Corpus(entities={})
    c.doc("a").event("2024", "encounters at the border reached 313,500")
    c.doc("b").event("2024", "officials counted 313500 people crossing")
    c.doc("c").event("2024", "a court ruled on 2,024 appeals")  # a year-like figure
    events = events_of(c)
    assert sorted(e.support.documents for e in events) == [1, 2]


def test_two_shared_participants_merge_events_of_one_year() -> None:
    c = Corpus(entities={"Agency": "e1", "Migrants": "e2", "Court": "e3"})
    c.doc("a").event("2024", "encounters rose", ("Agency", "Migrants"))
    c.doc("b").event("2024", "the count was published", ("Migrants", "Agency"))
    c.doc("c").event("2024", "a ruling came", ("Court", "Agency"))
    events = events_of(c)
    assert sorted(e.support.documents for e in events) == [1, 2]


def test_specific_figures() -> None:
    from byline.reconcile.events import specific_figures

    assert specific_figures("11,000 soldiers in 2023, 12 arrests, 1.5 million, 313,500") == (
        "11000",
        "313500",
    )
