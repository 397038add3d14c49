"""A specific figure within one story is one fact: links across subjects and predicates."""

from __future__ import annotations

import dataclasses

import pytest
from reconcile.reconcile_helpers import Corpus, day, qty

from byline.model import Claim, Value
from byline.reconcile import ReconcileResult, reconcile
from byline.reconcile.facts import is_specific
from byline.reconcile.people import is_person_noun

M = 1_000_000
ENTITIES = {"Ministry": "e-ministry", "Agency": "e-agency", "Valley": "e-valley", "Mayor": "e-mayor"}


def _run(c: Corpus, stories: dict[str, str] | None) -> ReconcileResult:
    analyses, keys, origins = c.inputs()
    return reconcile(analyses, keys, origins, doc_story=stories)


def _with(result: ReconcileResult, **fields: object) -> list[Claim]:
    return [c for c in result.claims if all(getattr(c.value, k) == v for k, v in fields.items())]


def _two_docs(first: tuple, second: tuple) -> Corpus:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(*first)
    c.doc("b", origin="o2").claim(*second)
    return c


def test_one_figure_under_two_subjects_in_one_story_is_one_claim() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim("Ministry", "evacuees", qty(12_400, unit="evacuees"))
    c.doc("b", origin="o1").claim("Ministry", "evacuated", qty(12_400, unit="evacuee"))
    c.doc("c", origin="o2").claim("Valley", "evacuees", qty(12_400, unit="evacuees"))
    result = _run(c, {"a": "s1", "b": "s1", "c": "s1"})
    (claim,) = _with(result, amount=12_400)
    assert claim.subject == "e-ministry"  # stated twice, against once
    assert claim.predicate == "evacuees"  # the unit noun wins the tie with "evacuated"
    assert (claim.support.documents, claim.support.origins) == (3, 2)
    assert claim.status == "corroborated"


def test_the_same_figure_in_two_stories_stays_two_claims() -> None:
    c = _two_docs(
        ("Ministry", "evacuees", qty(12_400, unit="evacuees")),
        ("Valley", "evacuees", qty(12_400, unit="evacuees")),
    )
    result = _run(c, {"a": "s1", "b": "s2"})
    assert len(_with(result, amount=12_400)) == 2
    assert len(_with(_run(c, None), amount=12_400)) == 2  # without stories: each document its own


def test_people_nouns_merge_for_a_specific_figure() -> None:
    c = _two_docs(
        ("Ministry", "residents", qty(12_400, unit="residents")),
        ("Agency", "individuals", qty(12_400, approx=True, unit="individuals")),
    )
    (claim,) = _with(_run(c, {"a": "s", "b": "s"}), amount=12_400)
    assert claim.support.documents == 2


@pytest.mark.parametrize("amount", [2, 10, 600])
def test_small_or_round_figures_in_different_people_nouns_stay_apart(amount: int) -> None:
    c = _two_docs(
        ("Ministry", "residents", qty(amount, unit="residents")),
        ("Agency", "officers", qty(amount, unit="officers")),
    )
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=amount)) == 2


def test_a_round_hundreds_figure_in_one_unit_merges_but_a_small_one_does_not() -> None:
    same = _two_docs(
        ("Ministry", "migrants", qty(600, unit="migrants")), ("Agency", "migrants", qty(600, unit="migrant"))
    )
    assert len(_with(_run(same, {"a": "s", "b": "s"}), amount=600)) == 1
    small = _two_docs(
        ("Ministry", "ministers", qty(2, unit="ministers")), ("Agency", "ministers", qty(2, unit="ministers"))
    )
    assert len(_with(_run(small, {"a": "s", "b": "s"}), amount=2)) == 2


def test_people_and_things_never_merge() -> None:
    c = _two_docs(
        ("Ministry", "residents", qty(12_400, unit="residents")),
        ("Agency", "tonnes", qty(12_400, unit="tonnes")),
    )
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=12_400)) == 2


def test_money_merges_only_in_the_same_currency() -> None:
    usd = _two_docs(
        ("Ministry", "reward", qty(5 * M, currency="USD")), ("Mayor", "bounty", qty(5 * M, currency="USD"))
    )
    (claim,) = _with(_run(usd, {"a": "s", "b": "s"}), amount=5 * M)
    assert claim.support.documents == 2
    mixed = _two_docs(
        ("Ministry", "reward", qty(5 * M, currency="USD")), ("Mayor", "bounty", qty(5 * M, currency="GBP"))
    )
    assert len(_with(_run(mixed, {"a": "s", "b": "s"}), amount=5 * M)) == 2


def test_money_ranges_merge_across_subjects() -> None:
    c = _two_docs(
        ("Ministry", "budget", qty(low=10 * M, high=15 * M, currency="EUR")),
        ("Agency", "spending", qty(low=10 * M, high=15 * M, currency="EUR")),
    )
    assert len(_with(_run(c, {"a": "s", "b": "s"}), low=10 * M)) == 1


def test_a_bare_figure_joins_the_only_measured_kind_when_specific() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim("Agency", "number", qty(313_250))
    c.doc("b", origin="o1").claim("Agency", "arrivals", qty(313_250, unit="arrivals"))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=313_250)) == 1
    c.doc("c", origin="o1").claim("Agency", "tonnes", qty(313_250, unit="tonnes"))
    # two measured kinds: the bare figure could be either, so it joins neither
    assert len(_with(_run(c, {"a": "s", "b": "s", "c": "s"}), amount=313_250)) == 3


def test_conflicts_stay_strict_after_a_merge() -> None:
    c = Corpus(entities=dict(ENTITIES))
    # "staff employed": an identity beyond the bare noun, so two values of it may conflict
    c.doc("a", origin="o1").claim("Ministry", "staff employed", qty(4_200, unit="staff"))
    c.doc("b", origin="o1").claim("Ministry", "staff employed", qty(4_200, unit="staff"))
    c.doc("c", origin="o1").claim("Agency", "staff employed", qty(4_200, unit="staff"))
    c.doc("d", origin="o2").claim("Ministry", "staff employed", qty(900, unit="staff"))
    c.doc("e", origin="o3").claim("Agency", "budget staff", qty(1_000, unit="staff"))
    result = _run(c, dict.fromkeys("abcde", "s"))
    (merged,) = _with(result, amount=4_200)
    (low,) = _with(result, amount=900)
    (other,) = _with(result, amount=1_000)
    assert merged.support.documents == 3
    assert merged.conflicts == [low.key] and low.conflicts == [merged.key]
    assert other.conflicts == []  # another subject's other predicate is no contradiction


def test_a_bare_noun_count_is_no_identity_for_a_conflict() -> None:
    """ "19 seasons" and "four seasons" of one man in one story: two things, unless the text
    sets one against the other."""
    c = _two_docs(
        ("Ministry", "staff", qty(4_200, unit="staff")), ("Ministry", "staff", qty(900, unit="staff"))
    )
    assert not any(x.conflicts for x in _run(c, {"a": "s", "b": "s"}).claims)


def test_denials_are_never_linked() -> None:
    c = _two_docs(
        ("Ministry", "evacuees", qty(12_400, unit="evacuees")),
        ("Valley", "evacuees", qty(12_400, unit="evacuees")),
    )
    c.docs[1].claims[0] = dataclasses.replace(c.docs[1].claims[0], negated=True)
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=12_400)) == 2


def test_an_event_links_its_figure_across_stories() -> None:
    c = Corpus(entities=dict(ENTITIES))
    a = c.doc("a", origin="o1")
    a.claim("Ministry", "evacuees", qty(12_400, unit="evacuees"), text="12,400 evacuated", start=0)
    a.event("2021-07", "the ministry evacuated 12,400 people", ("Ministry",), start=0)
    b = c.doc("b", origin="o2")
    b.claim("Valley", "evacuees", qty(12_400, unit="evacuees"), text="12,400 left the valley", start=50)
    b.event("2021-07-14", "12,400 people left the valley", ("Valley",), start=50)
    result = _run(c, {"a": "s1", "b": "s2"})
    assert len(result.events) == 1
    (claim,) = _with(result, amount=12_400)
    assert (claim.support.documents, claim.support.origins) == (2, 2)
    # the same figure in a third story, outside the event's sentences, stays apart
    c.doc("c", origin="o3").claim("Mayor", "evacuees", qty(12_400, unit="evacuees"), start=0)
    stories = {"a": "s1", "b": "s2", "c": "s3"}
    assert sorted(x.support.documents for x in _with(_run(c, stories), amount=12_400)) == [1, 2]


def test_dates_merge_across_verbs_for_one_subject_in_a_story() -> None:
    c = Corpus(entities=dict(ENTITIES))
    for key, verb in (("a", "evacuated"), ("b", "moved"), ("c", "made"), ("d", "moved")):
        c.doc(key, origin="o1").claim("Mayor", verb, day("2021-07"))
    c.doc("e", origin="o1").claim("Agency", "moved", day("2021-07"))  # another subject
    result = _run(c, dict.fromkeys("abcde", "s"))
    mayor = [x for x in _with(result, date="2021-07") if x.subject == "e-mayor"]
    assert len(mayor) == 1 and mayor[0].predicate == "moved" and mayor[0].support.documents == 4
    assert len(_with(result, date="2021-07")) == 2


def test_bare_years_do_not_merge_across_verbs_in_a_story() -> None:
    c = _two_docs(("Mayor", "elected", day("2019")), ("Mayor", "married", day("2019")))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), date="2019")) == 2


def test_light_verbs_lose_ties() -> None:
    c = _two_docs(("Mayor", "make", day("2021-07")), ("Mayor", "send", day("2021-07")))
    (claim,) = _with(_run(c, {"a": "s", "b": "s"}), date="2021-07")
    assert claim.predicate == "send"


@pytest.mark.parametrize(
    ("amount", "specific"),
    [
        (2, False),
        (10, False),
        (99, False),
        (100, False),
        (600, False),
        (150, True),
        (1000, True),
        (12_400, True),
        (7.8, True),
        (0.5, False),
    ],
)
def test_specific_amounts(amount: float, specific: bool) -> None:
    assert is_specific(amount) is specific


@pytest.mark.parametrize(
    ("noun", "person"),
    [
        ("residents", True),
        ("individual", True),
        ("people", True),
        ("Norwegians", True),
        ("police officers", True),
        ("women", True),
        ("tonnes", False),
        ("population", False),
        ("vehicles", False),
        ("", False),
    ],
)
def test_people_nouns(noun: str, person: bool) -> None:
    assert is_person_noun(noun) is person


# ---- context links: one measure, one value, agreeing context (issue 16) -----------------------


def test_a_toll_told_as_deaths_and_as_a_toll_is_one_fact_whatever_place_is_its_subject() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "people died", qty(38, unit="people"))
    c.doc("b", origin="o1").claim("Valley", "death toll", qty(38, low=38))
    c.doc("c", origin="o2").claim("Mayor", "people killed", qty(38, unit="people"))
    (claim,) = _with(_run(c, {"a": "s", "b": "s", "c": "s"}), amount=38)
    assert (claim.support.documents, claim.support.origins) == (3, 2)


def test_deaths_and_injuries_of_one_value_stay_apart() -> None:
    c = _two_docs(
        (None, "people killed", qty(38, unit="people")), (None, "people injured", qty(38, unit="people"))
    )
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=38)) == 2


def test_a_duration_with_and_without_its_event_is_one_fact_but_two_events_stay_apart() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "hours after storm", qty(12, low=12, unit="hours"))
    c.doc("b", origin="o2").claim(None, "hours", qty(12, low=12, unit="hours"))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=12)) == 1
    c.doc("c", origin="o3").claim(None, "hours of talks", qty(12, low=12, unit="hours"))
    # two events with this duration: the bare one could be either, so nothing links
    assert len(_with(_run(c, {"a": "s", "b": "s", "c": "s"}), amount=12)) == 3


def test_bare_durations_never_link_on_their_own() -> None:
    c = _two_docs(("Mayor", "hours", qty(6, unit="hours")), ("Agency", "hours", qty(6, unit="hours")))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=6)) == 2


def test_fahrenheit_and_celsius_of_one_temperature_are_one_fact_shown_in_celsius() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "fahrenheit", qty(104, unit="degree fahrenheit"))
    c.doc("b", origin="o2").claim("Mayor", "celsius", qty(40, unit="degree celsius"))
    result = _run(c, {"a": "s", "b": "s"})
    (claim,) = [x for x in result.claims if x.value.type == "quantity"]
    assert claim.value.unit == "degree celsius" and claim.support.documents == 2


def test_one_article_naming_two_owners_of_a_figure_keeps_them_apart() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim("Ministry", "jobs cut", qty(40, unit="jobs")).claim(
        "Agency", "jobs cut", qty(40, unit="jobs")
    )
    c.doc("b", origin="o2").claim(None, "jobs cut", qty(40, unit="jobs"))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=40)) >= 2


def test_a_context_link_never_crosses_stories() -> None:
    c = _two_docs((None, "people died", qty(38, unit="people")), ("Valley", "death toll", qty(38)))
    assert len(_with(_run(c, {"a": "s1", "b": "s2"}), amount=38)) == 2


def test_a_storey_and_a_story_are_one_unit() -> None:
    c = _two_docs((None, "storey", qty(9, unit="storeys")), (None, "story", qty(9, unit="stories")))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=9)) == 1


def test_a_decimal_bare_figure_joins_the_only_measured_kind() -> None:
    c = _two_docs((None, "magnitude", qty(6.4, unit="magnitude")), ("Valley", "tremor", qty(6.4)))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=6.4)) == 1


def test_a_clock_time_to_the_minute_is_one_fact_in_a_story_a_round_hour_needs_its_verb() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "post result", day_time("T21:15"))
    c.doc("b", origin="o2").claim(None, "publish", day_time("T21:15"))
    c.doc("c", origin="o1").claim(None, "open", day_time("T20:00"))
    c.doc("d", origin="o2").claim(None, "close", day_time("T20:00"))
    result = _run(c, {k: "s" for k in "abcd"})
    by_time = {}
    for claim in result.claims:
        by_time.setdefault(claim.value.date, []).append(claim)
    assert len(by_time["T21:15"]) == 1 and by_time["T21:15"][0].support.documents == 2
    assert len(by_time["T20:00"]) == 2


def day_time(clock: str) -> Value:
    return Value(type="date", date=clock)


def test_durations_in_weeks_and_days_are_one_measure() -> None:
    c = _two_docs((None, "week talks", qty(3, unit="weeks")), (None, "day talks", qty(21, unit="days")))
    result = _run(c, {"a": "s", "b": "s"})
    assert len([x for x in result.claims if x.value.type == "quantity"]) == 1


def test_a_translated_toll_joins_the_english_one_by_its_verb() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "people died", qty(38, unit="people"))
    c.doc("b", origin="o1").claim(
        "Valley",
        "persona",
        qty(38, unit="persona"),
        text="Al menos 38 personas murieron en las inundaciones.",
    )
    (claim,) = _with(_run(c, {"a": "s", "b": "s"}), amount=38)
    assert claim.support.documents == 2


def test_an_order_of_magnitude_of_casualties_is_one_fact_in_a_story_of_things_not() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "killed", qty(low=1000, high=999_999, approx=True))
    c.doc("b", origin="o2").claim(
        None, "people killed", qty(low=1000, high=999_999, approx=True, unit="people")
    )
    c.doc("c", origin="o1").claim(None, "homes damaged", qty(low=100, high=999, approx=True, unit="homes"))
    c.doc("d", origin="o2").claim(None, "homes", qty(low=100, high=999, approx=True, unit="homes"))
    result = _run(c, {k: "s" for k in "abcd"})
    assert len(_with(result, low=1000)) == 1
    assert len(_with(result, low=100)) == 2


def test_lives_claimed_are_deaths_in_english_and_in_translation() -> None:
    c = Corpus(entities=dict(ENTITIES))
    c.doc("a", origin="o1").claim(None, "people killed landslide", qty(27, unit="people"))
    c.doc("b", origin="o1").claim(None, "life claimed landslide", qty(27, unit="life"))
    c.doc("c", origin="o1").claim(
        "Valley", "vida", qty(27, unit="vida"), text="Un deslave cobró 27 vidas en el valle."
    )
    (claim,) = _with(_run(c, {k: "s" for k in "abc"}), amount=27)
    assert claim.support.documents == 3


def test_lives_saved_are_no_deaths() -> None:
    c = _two_docs((None, "people killed", qty(27, unit="people")), (None, "life saved", qty(27, unit="life")))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=27)) == 2


def test_a_bare_figure_counts_the_one_noun_its_predicate_names() -> None:
    c = _two_docs((None, "building", qty(45, approx=True)), ("Valley", "building", qty(45, unit="buildings")))
    assert len(_with(_run(c, {"a": "s", "b": "s"}), amount=45)) == 1
