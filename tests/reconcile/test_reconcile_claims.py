"""Claim merging, support counting, conflicts, denial and status, on hand-built analyses."""

from __future__ import annotations

import re

import pytest
from reconcile.reconcile_helpers import Corpus, day, named, qty

from byline.model import Claim, Source
from byline.reconcile import reconcile

M = 1_000_000


def claims_of(corpus: Corpus) -> list[Claim]:
    return reconcile(*corpus.inputs()).claims


def only(claims: list[Claim], predicate: str) -> Claim:
    found = [c for c in claims if c.predicate == predicate]
    assert len(found) == 1, [(c.predicate, c.value) for c in claims]
    return found[0]


def test_four_retellings_and_one_independent_source() -> None:
    c = Corpus(entities={"Gang": "e1"})
    for i in range(4):
        c.doc(f"copy{i}", origin="o1").claim("Gang", "members", qty(5000, approx=True, unit="members"))
    c.doc("explainer", origin="o2").claim("Gang", "membership", qty(5000, unit="member"))
    claims = claims_of(c)
    assert len(claims) == 1
    claim = claims[0]
    assert (claim.support.documents, claim.support.origins) == (5, 2)
    assert claim.status == "corroborated"
    assert claim.subject == "e1"
    assert claim.predicate == "members"  # the most stated phrasing
    assert claim.value.approximate  # the most stated value
    assert [s.doc for s in claim.sources] == ["copy0", "copy1", "copy2", "copy3", "explainer"]


def test_retellings_of_one_report_count_one_origin() -> None:
    c = Corpus(entities={"Gang": "e1"})
    for i in range(4):
        c.doc(f"copy{i}", origin="o1").claim(
            "Gang", "annual profits", qty(low=10 * M, high=15 * M, currency="USD")
        )
    (claim,) = claims_of(c)
    assert (claim.support.documents, claim.support.origins) == (4, 1)
    assert claim.status == "single-origin"


def test_a_document_without_origin_is_its_own_origin() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "members", qty(5000))
    c.doc("b", origin="o1").claim("Gang", "members", qty(5000))
    c.doc("c").claim("Gang", "members", qty(5000))
    (claim,) = claims_of(c)
    assert (claim.support.documents, claim.support.origins) == (3, 2)


def test_one_document_stating_twice_counts_once() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "members", qty(5000)).claim("Gang", "members", qty(5000, approx=True))
    (claim,) = claims_of(c)
    assert claim.support.documents == 1
    assert len(claim.sources) == 2


def test_repeated_passage_is_one_source() -> None:
    c = Corpus(entities={"Gang": "e1"})
    doc = c.doc("a")
    doc.claim("Gang", "members", qty(5000), text="s", start=10)
    doc.claim("Gang", "membership", qty(5000), text="s", start=10)
    (claim,) = claims_of(c)
    assert claim.sources == [Source("a", 10, 11)]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (qty(5000, unit="members"), qty(5000, approx=True, unit="member")),
        (qty(5000), qty(5000.0, unit="members")),  # a bare number joins the only unit stated
        (qty(low=10 * M, high=15 * M, currency="USD"), qty(low=10e6, high=15e6, currency="USD")),
        (qty(low=10 * M, high=15 * M, currency="USD"), qty(low=10 * M, high=15 * M, approx=True)),
        (qty(11000, unit="soldiers"), qty(11_000, unit="Soldier")),
        (qty(770_000, approx=True), qty(770_000)),
        (day("2023-09"), day("2023-09-14")),
        (day("2012"), day("2012")),
    ],
)
def test_same_value_merges(first: object, second: object) -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "figure of interest", first)  # type: ignore[arg-type]
    c.doc("b", origin="o2").claim("Gang", "figure of interest", second)  # type: ignore[arg-type]
    (claim,) = claims_of(c)
    assert claim.support.documents == 2
    assert claim.status == "corroborated"


def test_one_articles_two_counts_are_two_things_not_a_disagreement() -> None:
    c = Corpus(entities={"Court": "e1"})
    c.doc("a").claim("Court", "jurors", qty(2), text="Two jurors spoke to reporters.").claim(
        "Court", "jurors", qty(9), text="Nine jurors had voted for death."
    )
    c.doc("b").claim("Court", "jurors", qty(2))
    claims = claims_of(c)
    assert sorted(x.value.amount for x in claims) == [2, 9]
    assert all(x.conflicts == [] for x in claims)


def test_two_values_in_one_sentence_never_conflict() -> None:
    c = Corpus(entities={"Nichols": "e1"})
    sentence = "Nichols got 7 life terms and 4 terms without parole."
    c.doc("a").claim("Nichols", "terms", qty(7), text=sentence, start=0).claim(
        "Nichols", "terms", qty(4), text=sentence, start=0
    )
    c.doc("b").claim("Nichols", "terms", qty(7))
    assert all(x.conflicts == [] for x in claims_of(c))


def test_durations_do_not_conflict_but_counts_from_two_articles_do() -> None:
    c = Corpus(entities={"Nichols": "e1"})
    c.doc("a").claim("Nichols", "years", qty(485, unit="year")).claim("Nichols", "victims", qty(4))
    c.doc("b").claim("Nichols", "years", qty(3, unit="year")).claim("Nichols", "victims", qty(5))
    conflicted = {x.value.amount for x in claims_of(c) if x.conflicts}
    assert conflicted == {4, 5}


def test_merged_date_keeps_the_finer_one() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "raid", day("2023"))
    c.doc("b").claim("Gang", "raid", day("2023-09"))
    c.doc("c").claim("Gang", "raid", day("2023-09-14"))
    (claim,) = claims_of(c)
    assert (claim.value.date, claim.value.precision) == ("2023-09-14", "day")
    assert claim.support.documents == 3


def test_a_coarse_date_fitting_two_finer_dates_stays_apart() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "raid", day("2023"))
    c.doc("b").claim("Gang", "raid", day("2023-09-14"))
    c.doc("c").claim("Gang", "raid", day("2023-10-02"))
    claims = {c.value.date: c for c in claims_of(c)}
    assert set(claims) == {"2023", "2023-09-14", "2023-10-02"}
    assert claims["2023"].conflicts == []
    assert claims["2023-09-14"].conflicts == [claims["2023-10-02"].key]


def test_membership_against_roughly_half_that_figure() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "members", qty(5000, approx=True))
    c.doc("b", origin="o1").claim("Gang", "members", qty(5000)).claim(
        "Gang",
        "membership",
        qty(2500, approx=True),
        contrasted=True,  # "half that figure"
    )
    claims = claims_of(c)
    assert len(claims) == 2
    big = next(x for x in claims if x.value.amount == 5000)
    small = next(x for x in claims if x.value.amount == 2500)
    assert big.conflicts == [small.key] and small.conflicts == [big.key]
    assert big.status == small.status == "contested"
    assert (big.support.documents, small.support.documents) == (2, 1)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (qty(5000), qty(2500, approx=True)),
        (qty(5000, approx=True), qty(7000)),
        (qty(20 * M, currency="USD"), qty(low=10 * M, high=15 * M, currency="USD")),
        (day("2012"), day("2013")),
        (day("2023-09"), day("2023-10-01")),
        (named("Caracas"), named("Maracay")),
    ],
)
def test_incompatible_values_of_one_subject_conflict(first: object, second: object) -> None:
    c = Corpus(entities={"Gang": "e1", "Caracas": "e2", "Maracay": "e3"})
    c.doc("a").claim("Gang", "escape", first)  # type: ignore[arg-type]
    c.doc("b").claim("Gang", "escaped", second)  # type: ignore[arg-type]
    a, b = claims_of(c)
    assert a.conflicts == [b.key] and b.conflicts == [a.key]


@pytest.mark.parametrize(
    ("first", "second"),
    [
        (qty(5 * M, currency="USD"), qty(5 * M, currency="GBP")),  # never converted
        (qty(5 * M, currency="USD"), qty(50 * M, currency="GBP")),
        (qty(12 * M, currency="USD"), qty(low=10 * M, high=15 * M, currency="USD")),  # inside
        (qty(5000, approx=True), qty(4400)),  # within the approximation
        (qty(5000, unit="member"), qty(11000, unit="soldier")),
        (named("Caracas"), named("Somewhere unresolved")),
    ],
)
def test_compatible_or_incomparable_values_stay_apart_without_conflict(first: object, second: object) -> None:
    c = Corpus(entities={"Gang": "e1", "Caracas": "e2"})
    c.doc("a").claim("Gang", "escape", first)  # type: ignore[arg-type]
    c.doc("b").claim("Gang", "escape", second)  # type: ignore[arg-type]
    claims = claims_of(c)
    assert len(claims) == 2
    assert all(x.conflicts == [] for x in claims)
    assert all(x.status == "single-origin" for x in claims)


def test_different_subjects_never_merge_nor_conflict() -> None:
    c = Corpus(entities={"Gang": "e1", "Other gang": "e2"})
    c.doc("a").claim("Gang", "members", qty(5000))
    c.doc("b").claim("Other gang", "members", qty(5000))
    c.doc("c").claim("Other gang", "members", qty(100))
    claims = claims_of(c)
    assert sorted((x.subject, x.value.amount) for x in claims) == [("e1", 5000), ("e2", 100), ("e2", 5000)]
    assert {x.subject for x in claims if x.conflicts} == {"e2"}


def test_unresolved_subjects_merge_but_never_conflict() -> None:
    c = Corpus(entities={})
    c.doc("a").claim(None, "members", qty(5000))
    c.doc("b").claim(None, "members", qty(5000))
    c.doc("c").claim(None, "members", qty(100))
    c.doc("d").claim("Unresolved name", "members", qty(100))
    claims = claims_of(c)
    assert sorted((x.value.amount, x.support.documents) for x in claims) == [(100, 2), (5000, 2)]
    assert all(x.subject is None and not x.conflicts for x in claims)


def test_a_different_predicate_is_not_the_same_figure() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "members", qty(5000))
    c.doc("b").claim("Gang", "identified members", qty(100))
    c.doc("c").claim("Gang", "annual revenue", qty(3 * M, currency="USD"))
    c.doc("d").claim("Gang", "annual profit", qty(1 * M, currency="USD"))
    c.doc("e").claim("Gang", "quarterly profit", qty(0.2 * M, currency="USD"))
    claims = claims_of(c)
    assert len(claims) == 5
    assert all(not x.conflicts for x in claims)


def test_unperioded_figure_joins_the_stated_period() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "annual profits", qty(low=10 * M, high=15 * M, currency="USD"))
    c.doc("b").claim("Gang", "annual income", qty(low=10 * M, high=15 * M, currency="USD"))
    c.doc("c").claim("Gang", "profits", qty(40 * M, currency="USD"))
    claims = claims_of(c)
    rng = next(x for x in claims if x.value.low is not None)
    point = next(x for x in claims if x.value.amount == 40 * M)
    assert rng.support.documents == 2
    assert rng.conflicts == [point.key]


def test_denial_contradicts_the_positive_claim() -> None:
    c = Corpus(entities={"Boss": "e1"})
    c.doc("a").claim("Boss", "escape", day("2012"))
    c.doc("b").claim("Boss", "escape", day("2012"), negated=True)
    c.doc("c").claim("Boss", "escape", day("2014"), negated=True)  # consistent with 2012
    claims = claims_of(c)
    positive = next(x for x in claims if x.predicate == "escape")
    denial = next(x for x in claims if x.predicate == "not escape" and x.value.date == "2012")
    other = next(x for x in claims if x.predicate == "not escape" and x.value.date == "2014")
    assert positive.conflicts == [denial.key]
    assert denial.conflicts == [positive.key]
    assert other.conflicts == [] and other.status == "single-origin"
    assert positive.status == denial.status == "contested"


def test_denial_of_an_entity_value() -> None:
    c = Corpus(entities={"Boss": "e1", "Caracas": "e2"})
    c.doc("a").claim("Boss", "arrested in", named("Caracas"))
    c.doc("b").claim("Boss", "arrested in", named("Caracas"), negated=True)
    a, b = claims_of(c)
    assert a.conflicts == [b.key]


def test_entity_values_compare_by_resolved_key() -> None:
    c = Corpus(entities={"Gang": "e1", "Niño": "e9", "El Niño": "e9", "Someone": "e8"})
    c.doc("a").claim("Gang", "leader", named("Niño"))
    c.doc("b").claim("Gang", "leader", named("El Niño"))
    c.doc("c").claim("Gang", "leader", named("Someone"))
    claims = claims_of(c)
    by_entity = {x.value_entity: x for x in claims}
    assert by_entity["e9"].support.documents == 2
    assert by_entity["e9"].value.entity is None and by_entity["e9"].value.type == "entity"
    assert by_entity["e9"].conflicts == [by_entity["e8"].key]


def test_a_predicate_with_several_values_raises_no_conflict() -> None:
    c = Corpus(entities={"Gang": "e1", "Colombia": "e2", "Ecuador": "e3", "Chile": "e4"})
    c.doc("a").claim("Gang", "operates in", named("Colombia")).claim("Gang", "operates in", named("Ecuador"))
    c.doc("b").claim("Gang", "operates in", named("Chile"))
    claims = claims_of(c)
    assert len(claims) == 3
    assert all(not x.conflicts for x in claims)


def test_text_values_merge_when_equal_and_never_conflict() -> None:
    from byline.model import Value

    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "nickname", Value(type="text", text="The Train"))
    c.doc("b").claim("Gang", "nickname", Value(type="text", text="the train."))
    c.doc("c").claim("Gang", "nickname", Value(type="text", text="Something else"))
    claims = claims_of(c)
    assert sorted(x.support.documents for x in claims) == [1, 2]
    assert all(not x.conflicts for x in claims)


def test_text_comes_from_the_earliest_keyed_document() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("b").claim("Gang", "members", qty(5000), text="Later document says 5,000.")
    c.doc("a").claim("Gang", "members", qty(5000), text="Earlier document says 5,000.")
    (claim,) = claims_of(c)
    assert claim.text == "Earlier document says 5,000."


def test_ties_prefer_the_exact_value() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "members", qty(5000, approx=True))
    c.doc("b").claim("Gang", "members", qty(5000))
    (claim,) = claims_of(c)
    assert claim.value.approximate is False


def test_keys_are_stable_short_hashes_and_lists_sorted() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "members", qty(5000)).claim("Gang", "reward", qty(5 * M, currency="USD"))
    c.doc("b").claim("Gang", "escape", day("2012"))
    claims = claims_of(c)
    keys = [x.key for x in claims]
    assert keys == sorted(keys) and len(set(keys)) == 3
    assert all(re.fullmatch(r"c:[0-9a-f]{12}", k) for k in keys)
    assert keys == [x.key for x in claims_of(c)]


def test_a_bad_mention_index_names_the_document() -> None:
    from byline.model import DocAnalysis, DocClaim

    bad = DocAnalysis(doc="doc-7", claims=[DocClaim(3, "members", qty(1), 0, 1, "x")])
    with pytest.raises(ValueError, match="doc-7"):
        reconcile([bad], {"doc-7": []}, {})


def test_conflicts_point_at_the_right_claims_across_classes() -> None:
    c = Corpus(entities={"Gang": "e1", "Boss": "e2"})
    c.doc("a").claim("Boss", "escape", day("2012"))
    c.doc("a2").claim("Boss", "escape", day("2013"))
    c.doc("b").claim("Gang", "members", qty(5000)).claim(
        "Gang", "members", qty(2500, approx=True), contrasted=True
    )
    c.doc("c").claim("Gang", "reward", qty(5 * M, currency="USD"))
    claims = claims_of(c)
    by_key = {x.key: x for x in claims}
    for claim in claims:
        for other in claim.conflicts:
            assert by_key[other].subject == claim.subject
            assert by_key[other].predicate == claim.predicate
            assert claim.key in by_key[other].conflicts
    assert sum(1 for x in claims if x.conflicts) == 4


def test_one_document_giving_two_dates_means_a_repeated_happening() -> None:
    c = Corpus(entities={"Boss": "e1"})
    c.doc("a").claim("Boss", "escaped", day("2012")).claim("Boss", "escaped", day("2017"))
    c.doc("b").claim("Boss", "escape", day("2013"))
    claims = claims_of(c)
    assert len(claims) == 3
    assert all(not x.conflicts for x in claims)


def test_one_document_setting_one_figure_against_another_is_a_conflict() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a").claim("Gang", "members", qty(5000)).claim(
        "Gang",
        "membership",
        qty(2500, approx=True),
        contrasted=True,  # "half that figure"
    )
    a, b = claims_of(c)
    assert a.conflicts == [b.key] and b.conflicts == [a.key]
