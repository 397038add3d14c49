"""Quantities: money, ranges, counted nouns, hedges, number words, ages, anaphora, non-numbers."""

from __future__ import annotations

import pytest

from byline.extract.quantities import QuantityMatch, find_quantities, singularize
from byline.model import Value


def _only(text: str) -> QuantityMatch:
    found = find_quantities(text)
    assert len(found) == 1, found
    q = found[0]
    assert text[q.start : q.end] == q.text
    return q


def _q(
    amount: float | None = None,
    unit: str | None = None,
    currency: str | None = None,
    approximate: bool = False,
    low: float | None = None,
    high: float | None = None,
) -> Value:
    return Value(
        "quantity", amount=amount, low=low, high=high, unit=unit, currency=currency, approximate=approximate
    )


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("A $5m reward was offered.", "$5m", _q(5_000_000, currency="USD")),
        ("A $5 million reward was offered.", "$5 million", _q(5_000_000, currency="USD")),
        ("A US$5 million reward.", "US$5 million", _q(5_000_000, currency="USD")),
        ("It lost $5.5bn last year.", "$5.5bn", _q(5_500_000_000, currency="USD")),
        ("A £3 billion plan.", "£3 billion", _q(3_000_000_000, currency="GBP")),
        ("Fines of €20,000 apply.", "€20,000", _q(20_000, currency="EUR")),
        ("He paid 5 million dollars.", "5 million dollars", _q(5_000_000, currency="USD")),
        ("He paid five million dollars.", "five million dollars", _q(5_000_000, currency="USD")),
        ("A fee of 20 euros.", "20 euros", _q(20, currency="EUR")),
        (
            "A deal worth 3 million pounds sterling.",
            "3 million pounds sterling",
            _q(3_000_000, currency="GBP"),
        ),
        ("It raised C$12 million.", "C$12 million", _q(12_000_000, currency="CAD")),
        ("It costs about $40,000 a year.", "about $40,000", _q(40_000, currency="USD", approximate=True)),
    ],
)
def test_money(text: str, span: str, value: Value) -> None:
    q = _only(text)
    assert (q.text, q.value) == (span, value)


RANGE = _q(low=10_000_000, high=15_000_000, currency="USD")


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("profits between $10m and $15m a year", "between $10m and $15m"),
        ("annual profits of $10-15 million", "$10-15 million"),
        ("annual profits of $10m-$15m", "$10m-$15m"),
        ("annual profits of $10m–$15m", "$10m–$15m"),
        ("annual profits of $10 million to $15 million", "$10 million to $15 million"),
        ("a profit of between $10 million to $15 million", "between $10 million to $15 million"),
        ("income between $10 million and $15 million", "between $10 million and $15 million"),
        ("income of 10 to 15 million dollars", "10 to 15 million dollars"),
    ],
)
def test_money_ranges(text: str, span: str) -> None:
    q = _only(text)
    assert (q.text, q.value) == (span, RANGE)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The gang has 5,000 members.", "5,000 members", _q(5000, "member")),
        (
            "The gang has roughly 5,000 members.",
            "roughly 5,000 members",
            _q(5000, "member", approximate=True),
        ),
        (
            "It has around 600 Venezuelan migrants in the US.",
            "around 600 Venezuelan migrants",
            _q(600, "migrant", approximate=True),
        ),
        ("with 100 identified as members", "100 identified as members", _q(100, "member")),
        ("with 100 considered active members", "100 considered active members", _q(100, "member")),
        ("Maduro deployed 11,000 soldiers to the prison.", "11,000 soldiers", _q(11_000, "soldier")),
        ("It sent 2,000 police officers.", "2,000 police officers", _q(2000, "officer")),
        (
            "a presence in at least eight additional countries",
            "at least eight additional countries",
            _q(8, "country", approximate=True),
        ),
        ("nodes in eight other countries", "eight other countries", _q(8, "country")),
        ("a dozen states joined", "a dozen states", _q(12, "state")),
        (
            "over 7.7 million Venezuelans fled",
            "over 7.7 million Venezuelans",
            _q(7_700_000, "venezuelan", approximate=True),
        ),
        ("one of the country's 23 states", "23 states", _q(23, "state")),
        ("313,500 Venezuelan migrants at the border", "313,500 Venezuelan migrants", _q(313_500, "migrant")),
        ("numbers reaching 313,500 in 2024", "313,500", _q(313_500)),
        ("a population of approximately 770,000", "approximately 770,000", _q(770_000, approximate=True)),
        ("half a million people fled", "half a million people", _q(500_000, "people")),
        ("5m people fled", "5m people", _q(5_000_000, "people")),
        ("twenty-five soldiers died", "twenty-five soldiers", _q(25, "soldier")),
        (
            "two hundred and fifty thousand people",
            "two hundred and fifty thousand people",
            _q(250_000, "people"),
        ),
        ("some 40 children were freed", "some 40 children", _q(40, "child", approximate=True)),
        ("more than 300 families", "more than 300 families", _q(300, "family", approximate=True)),
        ("up to 12 boxes were seized", "up to 12 boxes", _q(12, "box", approximate=True)),
        (
            "an estimated 1.2 million cases",
            "an estimated 1.2 million cases",
            _q(1_200_000, "case", approximate=True),
        ),
        ("about 10 km away", "about 10 km", _q(10, "kilometre", approximate=True)),
        ("at least four FLDS women testified", "at least four FLDS women", _q(4, "woman", approximate=True)),
        (
            "as many as 30 to 40 volunteer firefighters",
            "as many as 30 to 40 volunteer firefighters",
            _q(low=30, high=40, unit="firefighter", approximate=True),
        ),
        ("a total of 26 Somali crew onboard", "26 Somali crew", _q(26, "crew")),
        (
            "between 10 and 15 million people",
            "between 10 and 15 million people",
            _q(low=10_000_000, high=15_000_000, unit="people"),
        ),
        ("from 500 to 2 million people", "2 million people", _q(2_000_000, "people")),
    ],
)
def test_counted_nouns(text: str, span: str, value: Value) -> None:
    found = find_quantities(text)
    assert (found[-1].text, found[-1].value) == (span, value)


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("nearly 2% of immigrants", "nearly 2%", _q(2, "percent", approximate=True)),
        ("less than 2% of all", "less than 2%", _q(2, "percent", approximate=True)),
        ("a 5 percent rise", "5 percent", _q(5, "percent")),
        ("a 2.5 per cent rise", "2.5 per cent", _q(2.5, "percent")),
        ("up 3.5 percentage points", "3.5 percentage points", _q(3.5, "percentage point")),
        ("a 5-10% fall", "5-10%", _q(low=5, high=10, unit="percent")),
    ],
)
def test_percentages(text: str, span: str, value: Value) -> None:
    q = _only(text)
    assert (q.text, q.value) == (span, value)


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Hector Flores, 41, has spent years in prison.", "41"),
        ("A 41-year-old man was arrested.", "41-year-old"),
        ("The suspect, aged 41, was held.", "aged 41"),
        ("He is 41 years old.", "41 years old"),
        ("John Smith (41) was held.", "41"),
    ],
)
def test_ages(text: str, span: str) -> None:
    q = _only(text)
    assert (q.text, q.value) == (span, _q(41, "age"))


def test_anaphora_half_that_figure() -> None:
    text = "The group has 5,000 members. Others put it at roughly half that figure."
    first, second = find_quantities(text)
    assert second.text == "roughly half that figure"
    assert second.value == _q(2500, "member", approximate=True)
    assert second.refers_to == 0


def test_anaphora_prefers_the_unit_named_in_its_sentence() -> None:
    text = (
        "It has 5,000 members and profits of $10m to $15m a year. "
        "Others put its membership at half that figure."
    )
    found = find_quantities(text)
    assert [q.text for q in found] == ["5,000 members", "$10m to $15m", "half that figure"]
    assert (found[2].value, found[2].refers_to) == (_q(2500, "member", approximate=True), 0)


@pytest.mark.parametrize(
    ("phrase", "amount"),
    [
        ("about a third of that", 200.0),
        ("twice that number", 1200.0),
        ("double that", 1200.0),
        ("three quarters of the total", 450.0),
    ],
)
def test_anaphora_fractions(phrase: str, amount: float) -> None:
    text = f"Officials counted 600 arrests. Critics say the real count is {phrase}."
    found = find_quantities(text)
    assert len(found) == 2
    assert found[1].text.lower().endswith(phrase.split()[-1])
    assert found[1].value == _q(amount, "arrest", approximate=True)
    assert found[1].refers_to == 0


def test_anaphora_applies_to_ranges_and_money() -> None:
    found = find_quantities("It earns $10m-$15m. Rivals earn double that.")
    assert found[1].value == _q(low=20_000_000, high=30_000_000, currency="USD", approximate=True)


def test_no_anaphora_without_an_antecedent_or_on_plain_fractions() -> None:
    assert find_quantities("Officials say half that figure is wrong.") == []
    found = find_quantities("It has 600 members. Half the members left.")
    assert [q.text for q in found] == ["600 members"]


@pytest.mark.parametrize(
    "text",
    [
        "The crisis began in 2014.",
        "He escaped in 2012 and returned in 2013.",
        "Murders fell between 2015 and 2023.",
        "In September 2023 the troops moved.",
        "It happened on 14 September.",
        "The vote is on the 14th.",
        "He lives at 10 Downing Street.",
        "The bus left at 5pm.",
        "The bus left at 5 p.m. sharp.",
        "The meeting is at 10:30.",
        "A palace from the 18th Century.",
        "The MS-13 gang and COVID-19 cases.",
        "Call 555-123-4567 for details.",
        "Call +44 20 7946 0958 now.",
        "Send it to Houston, TX 77001.",
        "1. The first point\n2. The second point",
        "See Article 5 and Route 66.",
        "It is 5m tall.",
        "He had five.",
        "There were 12 of them.",
        "The code is 48213.",
        "Beginning in the mid-2010s, it grew.",
        "It began in the early nineteen seventies.",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == []


def test_amount_that_looks_like_a_year_is_an_amount() -> None:
    found = find_quantities("It paid $2014 to 2,014 people.")
    assert [(q.text, q.value) for q in found] == [
        ("$2014", _q(2014, currency="USD")),
        ("2,014 people", _q(2014, "people")),
    ]


def test_from_to_is_two_quantities() -> None:
    found = find_quantities("It rose from 5,000 to 7,000 members.")
    assert [(q.text, q.value.amount) for q in found] == [("5,000", 5000), ("7,000 members", 7000)]


def test_lemmatize_callback_is_used() -> None:
    found = find_quantities("It has 600 migrants.", lemmatize=lambda w: w.upper()[:-1])
    assert found[0].value.unit == "migrant"


def test_rules_decide_when_the_lemmatizer_leaves_a_plural_alone() -> None:
    found = find_quantities("It has 600 migrants and 7 people.", lemmatize=lambda w: w.lower())
    assert [q.value.unit for q in found] == ["migrant", "people"]


def test_offsets_point_into_the_text() -> None:
    text = "In 2023, some 5,000 members earned $10-15 million; 41-year-old leader; nearly 2%."
    found = find_quantities(text)
    assert [q.text for q in found] == [
        "some 5,000 members",
        "$10-15 million",
        "41-year-old",
        "nearly 2%",
    ]
    assert all(text[q.start : q.end] == q.text for q in found)


@pytest.mark.parametrize(
    ("plural", "singular"),
    [
        ("countries", "country"),
        ("migrants", "migrant"),
        ("boxes", "box"),
        ("churches", "church"),
        ("people", "people"),
        ("children", "child"),
        ("heroes", "hero"),
        ("lives", "life"),
        ("status", "status"),
        ("glass", "glass"),
        ("series", "series"),
        ("species", "species"),
    ],
)
def test_singularize(plural: str, singular: str) -> None:
    assert singularize(plural) == singular
