"""Predicate equivalence: inflections, synonyms, periods, spelling; and what must stay apart."""

from __future__ import annotations

import pytest

from byline.reconcile import predicates_equivalent
from byline.reconcile.grouping import predicate_classes
from byline.reconcile.predicates import PredicateKey, predicate_key, stem

EQUIVALENT = [
    ("members", "member"),
    ("Members", "members"),
    ("membership", "members"),
    ("number of members", "members"),
    ("estimated membership", "member count"),
    ("annual profits", "annual income"),
    ("annual profits", "profits"),
    ("annual profit", "annual earnings"),
    ("yearly income", "annual profit"),
    ("profits per year", "annual profit"),
    ("deployed soldiers", "soldiers deployed"),
    ("troops deployed", "soldiers deployed"),
    ("escaped", "escape"),
    ("escaping", "escape"),
    ("founded", "established"),
    ("deaths", "fatalities"),
    ("wages", "salary"),
    ("organisation size", "organization"),
    ("total population", "population"),
]

DIFFERENT = [
    ("annual profit", "quarterly profit"),
    ("members", "arrested members"),
    ("members", "identified members"),
    ("revenue", "profit"),
    ("members", "soldiers"),
    ("escape", "arrest"),
    ("deaths", "injuries"),
    ("population", "migrants"),
    ("reward", "fine"),
]


@pytest.mark.parametrize(("a", "b"), EQUIVALENT)
def test_equivalent(a: str, b: str) -> None:
    assert predicates_equivalent(a, b)
    assert predicates_equivalent(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different(a: str, b: str) -> None:
    assert not predicates_equivalent(a, b)
    assert not predicates_equivalent(b, a)


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("profits", "profit"),
        ("escaped", "escap"),
        ("escape", "escap"),
        ("killed", "kill"),
        ("stopped", "stop"),
        ("casualties", "casualty"),
        ("taxes", "tax"),
        ("status", "status"),
        ("crisis", "crisis"),
        ("2023", "2023"),
    ],
)
def test_stem(word: str, expected: str) -> None:
    assert stem(word) == expected


def test_period_is_kept_apart_from_words() -> None:
    assert predicate_key("annual profits") == PredicateKey(("profit",), "year")
    assert predicate_key("profits") == PredicateKey(("profit",), "")


def test_only_function_words_still_give_a_key() -> None:
    assert predicate_key("is").words == ("is",)
    assert predicate_key("annual").words == ("year",)


def test_unperioded_predicate_joins_the_single_period() -> None:
    keys = [predicate_key(p) for p in ("annual profit", "profit", "yearly income")]
    labels = predicate_classes(keys, fuzzy=True)
    assert len(set(labels)) == 1


def test_unperioded_predicate_stays_apart_when_periods_differ() -> None:
    keys = [predicate_key(p) for p in ("annual profit", "profit", "quarterly profit")]
    labels = predicate_classes(keys, fuzzy=True)
    assert len(set(labels)) == 3


def test_spelling_variants_only_when_fuzzy() -> None:
    keys = [predicate_key("organisation"), predicate_key("organization")]
    assert len(set(predicate_classes(keys, fuzzy=True))) == 1
    assert len(set(predicate_classes(keys, fuzzy=False))) == 2
