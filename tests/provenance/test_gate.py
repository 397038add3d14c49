"""The cheap gate before sentence alignment (byline.provenance.build.worth_aligning)."""

from byline.provenance.build import worth_aligning
from byline.provenance.evidence import ClaimOverlap


def overlap(names: float = 0.0, shared: int = 0, a_in_b: float = 0.0) -> ClaimOverlap:
    return ClaimOverlap(a_in_b, a_in_b, shared, float(shared), names)


def test_a_shared_sentence_is_always_aligned() -> None:
    assert worth_aligning(overlap(), 0.0, True)


def test_faint_shingle_overlap_alone_is_not_worth_aligning() -> None:
    assert not worth_aligning(overlap(), 0.07, False)
    assert not worth_aligning(overlap(names=0.1), 0.09, False)


def test_faint_shingle_overlap_with_shared_names_is_aligned() -> None:
    assert worth_aligning(overlap(names=0.4), 0.07, False)


def test_clear_shingle_overlap_or_spun_names_suffice_alone() -> None:
    assert worth_aligning(overlap(), 0.12, False)
    assert worth_aligning(overlap(names=0.8), 0.0, False)


def test_claims_need_two_values_making_up_most_of_one_side() -> None:
    assert worth_aligning(overlap(names=0.4, shared=4, a_in_b=0.7), 0.0, False)
    assert worth_aligning(overlap(names=0.1, shared=2, a_in_b=0.7), 0.0, False)  # a short copy
    assert not worth_aligning(overlap(names=0.4, shared=1, a_in_b=0.9), 0.0, False)
    assert not worth_aligning(overlap(names=0.4, shared=4, a_in_b=0.3), 0.0, False)


def test_a_faint_overlap_with_most_names_is_aligned() -> None:
    assert worth_aligning(overlap(names=0.6), 0.04, False)  # a synonym spin
    assert not worth_aligning(overlap(names=0.6), 0.0, False)
    assert not worth_aligning(overlap(names=0.4), 0.04, False)
