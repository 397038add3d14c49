"""Figures conflict only when they measure the same thing and cannot both hold (hand-built)."""

from __future__ import annotations

from reconcile.reconcile_helpers import Corpus, qty

from byline.model import Claim
from byline.reconcile import reconcile


def claims_of(corpus: Corpus) -> list[Claim]:
    return reconcile(*corpus.inputs()).claims


def test_a_deported_subset_does_not_contest_the_membership() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "member", qty(5000, approx=True, unit="members"))
    c.doc("b", origin="o2").claim("Gang", "member deported", qty(238, unit="members"))
    claims = claims_of(c)
    assert len(claims) == 2 and not any(x.conflicts for x in claims)


def test_the_same_membership_at_half_the_figure_is_contested() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "member", qty(5000, approx=True, unit="members"))
    c.doc("b", origin="o2").claim("Gang", "member", qty(2500, approx=True), contrasted=True)
    claims = claims_of(c)
    assert all(len(x.conflicts) == 1 for x in claims) and len(claims) == 2


def test_more_than_200_does_not_contest_238() -> None:
    c = Corpus(entities={"Gang": "e1"})
    c.doc("a", origin="o1").claim("Gang", "member", qty(200, low=200, approx=True, unit="members"))
    c.doc("b", origin="o2").claim("Gang", "member", qty(238, unit="members"))
    assert not any(x.conflicts for x in claims_of(c))


def test_at_least_53_is_one_figure_with_53() -> None:
    c = Corpus(entities={"Island": "e1"})
    c.doc("a", origin="o1").claim("Island", "death toll", qty(53, low=53, approx=True))
    c.doc("b", origin="o2").claim("Island", "death toll", qty(53))
    (claim,) = claims_of(c)
    assert claim.support.documents == 2


def test_a_toll_on_two_days_is_not_contested() -> None:
    c = Corpus(entities={"Island": "e1"})
    c.doc("a", origin="o1").claim("Island", "death toll monday", qty(40))
    c.doc("b", origin="o2").claim("Island", "death toll tuesday", qty(65))
    assert not any(x.conflicts for x in claims_of(c))
