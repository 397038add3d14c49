"""A figure's identity comes from the sentence: what is counted, the event, the time; captions
and credits give no figures. Sentences written for these tests."""

from __future__ import annotations

from byline.model import Value
from byline.reconcile import values_conflict, values_same


def _quantities(analyze, text: str):  # type: ignore[no-untyped-def]
    _, a = analyze(text)
    return a, [c for c in a.claims if c.value.type == "quantity"]


def test_a_deported_subset_is_not_the_membership(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(
        analyze,
        "The Costa Verde gang has about 5,000 members. Last week 238 members were deported to Chile.",
    )
    total = next(c for c in claims if c.value.amount == 5000)
    subset = next(c for c in claims if c.value.amount == 238)
    assert total.predicate == "member"
    assert subset.predicate != total.predicate and "deported" in subset.predicate


def test_a_toll_on_two_days_is_two_figures(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(
        analyze, "On Monday the death toll rose to 40. On Tuesday the death toll rose to 65."
    )
    by_amount = {c.value.amount: c.predicate for c in claims}
    assert by_amount[40].startswith("death toll") and by_amount[65].startswith("death toll")
    assert by_amount[40] != by_amount[65]  # the day is part of what the figure measures


def test_a_small_figure_the_parse_measures_is_kept(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "The death toll rose to at least 53 as rescuers searched the ruins.")
    (toll,) = [c for c in claims if c.value.amount == 53]
    assert toll.predicate == "death toll"
    assert toll.value.low == 53 and toll.value.high is None  # "at least": a lower bound


def test_more_than_200_and_238_can_both_hold() -> None:
    more_than = Value("quantity", amount=200, low=200, unit="member", approximate=True)
    exact = Value("quantity", amount=238, unit="member")
    assert not values_conflict(more_than, exact)
    nearly = Value("quantity", amount=10, high=10, unit="hour", approximate=True)
    over = Value("quantity", amount=10, low=10, unit="hour", approximate=True)
    assert values_conflict(nearly, over) and not values_same(nearly, over)
    at_least = Value("quantity", amount=53, low=53, approximate=True)
    assert values_same(at_least, Value("quantity", amount=53))


def test_more_than_is_read_as_a_bound(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(
        analyze, "Police say more than 200 members of the Costa Verde gang live in the city."
    )
    c = next(c for c in claims if c.value.amount == 200)
    assert (c.value.low, c.value.high) == (200, None)


def test_a_caption_line_gives_no_figure(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Two firefighters walk past 12 burned cars, Tuesday, Feb. 7, 2023, in Millbrook, Ohio. "
        "(AP Photo/Jane Roe)\n"
        "Firefighters said 30 homes were destroyed in the blaze."
    )
    _, a = analyze(text)
    amounts = {c.value.amount for c in a.claims if c.value.type == "quantity"}
    assert 12 not in amounts and 30 in amounts
    assert not [c for c in a.claims if c.value.type == "date" and c.value.date == "2023-02-07"]


def test_a_credit_line_gives_no_figure(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officers stand guard outside the court. JANE ROE / HANDOUT VIA WIRE AGENCY / 16 officers\n"
        "The court said 40 officers were on duty."
    )
    _, a = analyze(text)
    amounts = {c.value.amount for c in a.claims if c.value.type == "quantity"}
    assert 16 not in amounts and 40 in amounts


def test_a_quoted_figure_is_not_the_speakers(analyze) -> None:  # type: ignore[no-untyped-def]
    a, claims = _quantities(
        analyze, '"We have lost 40 homes in one night," the mayor, Ana Ruiz, said on Friday.'
    )
    c = next(c for c in claims if c.value.amount == 40)
    assert c.predicate == "home"
    assert c.subject is None or a.mentions[c.subject].text != "Ana Ruiz"


def test_an_age_with_no_one_to_belong_to_is_no_figure(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The suspect, aged 48, was detained at the border.")
    assert not [c for c in a.claims if c.predicate == "age"]


def test_a_position_is_known_by_what_it_places(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("His parents sat in the second row. Lunch was served in a cafe on the 8th floor.")
    positions = {c.value.amount: c for c in a.claims if (c.value.unit or "").endswith("number")}
    assert positions[2].predicate == "row sit parent" and positions[2].value.unit == "row number"
    assert positions[8].predicate == "floor cafe" and positions[8].subject is None


def test_a_unit_long_adjective_is_one_approximate_unit_known_by_its_noun(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "The miners ended their year-long strike on Friday.")
    (strike,) = claims
    assert (strike.value.amount, strike.value.unit, strike.value.approximate) == (1, "year", True)
    assert strike.predicate == "year strike"


def test_a_duration_written_onto_a_noun_names_it(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Voters returned after a three-week campaign.")
    (campaign,) = claims
    assert campaign.value.amount == 3 and campaign.predicate == "week campaign"


def test_a_clock_time_is_the_time_of_its_clause_event(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze(
        "The council posted the results at about 9:15 p.m. on Monday. "
        "Officials said the vote would not close until 10 p.m."
    )
    times = [c for c in a.claims if c.value.type == "date"]
    (posted,) = times  # "until 10 p.m." bounds a wait: no time of any event
    assert posted.value.date == "T21:15" and posted.value.approximate
    assert posted.predicate == "post result" and posted.subject is None


def test_a_morning_time_without_minutes(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The ferry left the harbour at 7 a.m. with forty passengers.")
    (left,) = [c for c in a.claims if c.value.type == "date"]
    assert left.value.date == "T07:00" and not left.value.approximate


def test_a_figure_a_speaker_tells_is_not_the_speakers(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Governor Paula Reyes said that 38 people died in the flooding.")
    (toll,) = claims
    assert toll.subject is None  # the governor reports the toll; it is no figure about her


def test_a_pronoun_possessor_of_a_count_is_not_guessed_from_the_nearest_name(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Mourners buried his wife Nadia, his brother Omar and his three sons.")
    (sons,) = claims
    assert sons.subject is None


def test_a_place_is_known_by_who_sits_there_whatever_the_clause(analyze) -> None:  # type: ignore[no-untyped-def]
    texts = (
        "Then came the mayor's cousins, Ann Lee and Bo Lee, who sat in the fourth pew.",
        "Then came the mayor's cousins, Ann Lee and Bo Lee, sitting in the fourth pew.",
        "His cousins sat in the fifth pew of the church.",
    )
    predicates = set()
    for text in texts:
        _, claims = _quantities(analyze, text)
        (pew,) = claims
        predicates.add(pew.predicate)
    assert predicates == {"pew sit cousin"}  # one place told three ways: 4th and 5th can conflict


def test_a_magnitude_word_as_subject_takes_its_verb(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Hundreds were evacuated as the river rose. Dozens of homes flooded.")
    (evacuated,) = [c for c in claims if c.value.low == 100]
    assert evacuated.predicate == "evacuated" and evacuated.value.approximate


def test_a_phrasal_verb_keeps_its_particle(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Thousands have passed away since the outbreak began.")
    (deaths,) = claims
    assert deaths.predicate == "passed away"


def test_a_sentence_after_a_headline_line_keeps_its_figures(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(
        analyze, "Long night at city hall\n\nAfter 40 minutes of debate, the council voted."
    )
    assert [c.value.amount for c in claims] == [40]


def test_a_four_digit_level_a_count_passes_is_no_year(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "The number of cases has surpassed 1500 this week.")
    (cases,) = claims
    assert cases.value.amount == 1500 and cases.value.low == 1500


def test_a_light_verb_names_no_event_for_a_crowd(analyze) -> None:  # type: ignore[no-untyped-def]
    _, claims = _quantities(analyze, "Tens of thousands of farmers took to the roads on Monday.")
    (crowd,) = claims
    assert "took" not in crowd.predicate  # a bare count of farmers: no identity to conflict on


def test_a_place_keeps_the_kind_of_its_noun(analyze) -> None:  # type: ignore[no-untyped-def]
    _, a = analyze("The 14th-floor press gallery was crowded. The 14th-floor gallery overlooks the square.")
    predicates = {c.predicate for c in a.claims if c.value.amount == 14}
    assert predicates == {"floor press gallery", "floor gallery"}


def test_a_clause_with_its_own_subject_set_off_by_a_comma_is_absolute(nlp) -> None:  # type: ignore[no-untyped-def]
    from spacy.tokens import Doc

    from byline.extract.claims import _absolute

    # a parse as the model gave it on a real sentence of this shape: the clause hangs on the noun
    words = ["faced", "the", "11", "players", ",", "his", "voice", "gone"]
    heads = [0, 3, 3, 0, 3, 6, 7, 3]
    deps = ["ROOT", "det", "nummod", "dobj", "punct", "poss", "nsubj", "relcl"]
    tags = ["VBD", "DT", "CD", "NNS", ",", "PRP$", "NN", "VBN"]
    doc = Doc(nlp.vocab, words=words, heads=heads, deps=deps, tags=tags)
    assert _absolute(doc[3], doc[7])
    # "the 11 players the club signed": an object relative clause describes the players
    words = ["the", "11", "players", "the", "club", "signed"]
    doc = Doc(
        nlp.vocab,
        words=words,
        heads=[2, 2, 2, 4, 5, 2],
        deps=["det", "nummod", "ROOT", "det", "nsubj", "relcl"],
        tags=["DT", "CD", "NNS", "DT", "NN", "VBD"],
    )
    assert not _absolute(doc[2], doc[5])
