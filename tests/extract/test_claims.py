"""Claim predicates merge across wordings; dated events get a readable summary."""

from __future__ import annotations

import pytest


def _claims(analyze, text: str):  # type: ignore[no-untyped-def]
    _, a = analyze(text)
    return a, [c for c in a.claims if c.value.type == "quantity"]


@pytest.mark.parametrize(
    "text",
    [
        "The Brava Norte cartel has about 3,000 members.",
        "Brava Norte, a cartel, counts roughly 3,000 members across the region.",
        "Experts say the Brava Norte cartel boasts around 3,000 members.",
        "With some 3,000 members, the Brava Norte cartel is the largest in Peru.",
    ],
)
def test_member_counts_share_one_predicate(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    a, claims = _claims(analyze, text)
    c = next(c for c in claims if c.value.amount == 3000)
    assert c.predicate == "member"
    assert c.subject is not None and "Brava Norte" in a.mentions[c.subject].text


@pytest.mark.parametrize(
    "text",
    [
        "The Justice Department offered a $2 million reward for information on Omar Diaz.",
        "The Justice Department offered a reward of $2m for information on Omar Diaz.",
        "A $2 million reward was posted by the Justice Department for Omar Diaz.",
    ],
)
def test_money_predicate_is_the_noun_it_belongs_to(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    _, claims = _claims(analyze, text)
    c = next(c for c in claims if c.value.currency == "USD")
    assert c.predicate == "reward" and c.value.amount == 2_000_000


@pytest.mark.parametrize(
    ("text", "predicate"),
    [
        ("The Brava Norte cartel makes annual profits of $20m-$30m.", "profit"),
        ("Brava Norte generates annual profits of between $20 million and $30 million.", "profit"),
        ("Brava Norte has an annual income estimated at $20 million to $30 million.", "income"),
    ],
)
def test_money_ranges(analyze, text: str, predicate: str) -> None:  # type: ignore[no-untyped-def]
    _, claims = _claims(analyze, text)
    c = next(c for c in claims if c.value.currency == "USD")
    assert c.predicate == predicate
    assert (c.value.low, c.value.high) == (20_000_000, 30_000_000)


@pytest.mark.parametrize(
    "text",
    [
        "General Omar Diaz sent 4,000 soldiers to the border.",
        "Omar Diaz deployed 4,000 soldiers to retake the prison.",
        "Omar Diaz dispatched some 4,000 soldiers on Monday.",
    ],
)
def test_counted_noun_is_the_predicate(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    a, claims = _claims(analyze, text)
    c = next(c for c in claims if c.value.amount == 4000)
    assert c.predicate == "soldier"
    assert c.subject is not None and a.mentions[c.subject].text == "Omar Diaz"
    assert "4,000" in text[c.start : c.end]


def test_age_claim(analyze) -> None:  # type: ignore[no-untyped-def]
    a, claims = _claims(analyze, "Omar Diaz, 52, was arrested in Madrid.")
    c = next(c for c in claims if c.predicate == "age")
    assert c.value.amount == 52 and a.mentions[c.subject].text == "Omar Diaz"


def test_gang_and_it_resolve_to_the_dominant_organisation(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "The Brava Norte cartel started in a jail. Police fear Brava Norte. Today the cartel has 900 members."
    )
    a, claims = _claims(analyze, text)
    c = next(c for c in claims if c.value.amount == 900)
    assert c.subject is not None and a.mentions[c.subject].text == "Brava Norte"


def test_dated_events_and_claims(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "Omar Diaz escaped in 2015 by bribing a guard and was rearrested in 2016 in Lima."
    _, a = analyze(text)
    dated = {(c.predicate, c.value.date) for c in a.claims if c.value.type == "date"}
    assert ("escape", "2015") in dated
    assert any(d == "2016" for _, d in dated)
    ev = {e.date: e for e in a.events}
    assert "escaped" in ev["2015"].summary and "Omar Diaz" in ev["2015"].summary
    assert "rearrested" in ev["2016"].summary
    names = {a.mentions[i].text for i in ev["2016"].participants}
    assert {"Omar Diaz", "Lima"} <= names
    assert text[ev["2015"].date_start : ev["2015"].date_end] == "2015"


def test_pronoun_subject_is_replaced_by_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("Omar Diaz ran the cartel. In March 2019 he fled to Spain.")
    ev = next(e for e in a.events if e.date == "2019-03")
    assert ev.summary.startswith("Omar Diaz fled") and ev.precision == "month"


def test_a_relative_clause_event_is_told_by_its_antecedent(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The cartel grew out of the banking collapse in Peru that started in 2009.")
    ev = next(e for e in a.events if e.date == "2009")
    assert ev.summary.startswith("the banking collapse") and "started" in ev.summary
    assert not ev.summary.startswith("that")


def test_a_figure_relative_to_another_is_marked_contrasted(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The Brava Norte gang has 5,000 members. Others put it at roughly half that figure.")
    by_amount = {c.value.amount: c for c in a.claims if c.value.type == "quantity"}
    assert by_amount[2500].contrasted and not by_amount[5000].contrasted


def test_a_copula_keeps_its_complement_and_page_dates_are_no_events(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Published Nov. 30, 2009\n"
        "Between 1991 and 1998, Omar Diaz was in and out of prison on parole violations.\n"
        "Updated at 10:00 on 3 May 2024. The council published the report on 2 May 2024."
    )
    _, a = analyze(text)
    summaries = {e.date: e.summary for e in a.events}
    assert summaries["1991"] == "Omar Diaz was in and out of prison"
    assert "2009-11-30" not in summaries and "2024-05-03" not in summaries
    assert summaries["2024-05-02"] == "The council published the report"


def test_an_event_too_short_to_read_gets_its_clause(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "She was convicted of hurting three guards, including one in a prison riot in 2005."
    _, a = analyze(text)
    (ev,) = [e for e in a.events if e.date == "2005"]
    assert len(ev.summary.split()) >= 4 and "riot" in ev.summary and not ev.summary.endswith(" in")


def test_a_relative_object_is_told_by_its_antecedent(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The judge regretted the mercy that he did not show on March 11, 2005.")
    (ev,) = [e for e in a.events if e.date == "2005-03-11"]
    assert ev.summary.endswith("did not show the mercy")


def test_a_clause_after_a_preposition_inherits_the_subject(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("Omar Diaz was serving a life sentence after being convicted in June 1998 of assault.")
    (ev,) = [e for e in a.events if e.date == "1998-06"]
    assert ev.summary.startswith("Omar Diaz") and "convicted" in ev.summary
