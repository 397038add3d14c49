"""Date expressions: absolute forms, relative ones against a publication date, and non-dates."""

from __future__ import annotations

import pytest

from byline.extract.dates import DateMatch, find_date_spans, find_dates, normalize_date

PUB = "2024-03-20"  # a Wednesday


def _one(text: str, published: str | None = PUB) -> tuple[str, str, str, bool, bool, str | None]:
    found = find_dates(text, published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start : d.end] == d.text
    return d.text, d.date, d.precision, d.relative, d.anchored, d.qualifier


@pytest.mark.parametrize(
    ("text", "span", "iso", "precision", "qualifier"),
    [
        ("Troops stormed the prison in September 2023.", "September 2023", "2023-09", "month", None),
        ("It happened in Sept. 2023, officials said.", "Sept. 2023", "2023-09", "month", None),
        ("The raid of 14 September 2023 failed.", "14 September 2023", "2023-09-14", "day", None),
        ("On September 14, 2023 the army moved.", "September 14, 2023", "2023-09-14", "day", None),
        ("He was born on the 3rd of May 1990.", "the 3rd of May 1990", "1990-05-03", "day", None),
        ("Filed on Thursday, 14 September 2023.", "Thursday, 14 September 2023", "2023-09-14", "day", None),
        ("Published 2023-09-14 by the agency.", "2023-09-14", "2023-09-14", "day", None),
        ("Report 2023-09 (draft).", "2023-09", "2023-09", "month", None),
        ("Signed 14/09/2023 in the capital.", "14/09/2023", "2023-09-14", "day", None),
        ("Signed 09/14/2023 in the capital.", "09/14/2023", "2023-09-14", "day", None),
        ("Signed 14.09.2023 in the capital.", "14.09.2023", "2023-09-14", "day", None),
        ("Signed 03/04/2023 in the capital.", "03/04/2023", "2023", "year", None),
        ("The crisis began in 2014 and deepened.", "2014", "2014", "year", None),
        ("As of 2023, most had left.", "2023", "2023", "year", None),
        ("A study (2019) found the opposite.", "2019", "2019", "year", None),
        ("Prices doubled in early 2024.", "early 2024", "2024", "year", "early"),
        ("Prices doubled in mid-2023.", "mid-2023", "2023", "year", "mid"),
        ("By the end of 2022 it was over.", "the end of 2022", "2022", "year", "late"),
        ("Growth slowed in late September 2023.", "late September 2023", "2023-09", "month", "late"),
        ("It was hot in the summer of 2023.", "the summer of 2023", "2023", "year", "summer"),
        ("Talks resume in spring 2025.", "spring 2025", "2025", "year", "spring"),
        ("Turnout fell in the 2016 election.", "2016", "2016", "year", None),
        ("2023 was the hottest year on record.", "2023", "2023", "year", None),
        ("Arrests rose in punctual 2024, police said.", "2024", "2024", "year", None),
    ],
)
def test_absolute(text: str, span: str, iso: str, precision: str, qualifier: str | None) -> None:
    assert _one(text, None) == (span, iso, precision, False, True, qualifier)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("He escaped in 2012 and was caught in 2013.", ["2012", "2013"]),
        ("Murders fell between 2015 and 2023, analysts said.", ["2015", "2023"]),
        ("Since 2012 and 2013, nothing changed.", ["2012", "2013"]),
        ("In 2023 and 2024, arrests rose.", ["2023", "2024"]),
        ("The 2009-10 season was cancelled.", ["2009", "2010"]),
        ("From 2012–2013 he was abroad.", ["2012", "2013"]),
    ],
)
def test_several_years(text: str, years: list[str]) -> None:
    assert [d.date for d in find_dates(text)] == years


@pytest.mark.parametrize(
    "text",
    [
        "It paid $2014 in fees.",
        "It counted 2,014 votes.",
        "The group had 2014 members.",
        "They met at 2014 Main Street.",
        "Beginning in the mid-2010s, the economy collapsed.",
        "Popular in the 1990s and the '80s.",
        "A palace from the 18th Century.",
        "The vote is on the 14th.",
        "Attacks rose in recent months.",
        "In recent years the group grew.",
        "Reached at 555-2014 today.",
        "It grew to 2014 members.",
        "Version 2.2014 shipped.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text) == []


@pytest.mark.parametrize(
    ("text", "published", "span", "iso", "precision", "qualifier"),
    [
        ("The US sanctioned the gang last summer.", "2025-03-17", "last summer", "2024", "year", "summer"),
        ("It was sanctioned last summer.", "2024-09-10", "last summer", "2024", "year", "summer"),
        ("It was sanctioned last summer.", "2024-07-10", "last summer", "2023", "year", "summer"),
        ("Snow fell last winter.", "2024-03-01", "last winter", "2024", "year", "winter"),
        ("Snow fell last winter.", "2024-01-05", "last winter", "2023", "year", "winter"),
        ("Talks resume next winter.", "2024-03-01", "next winter", "2025", "year", "winter"),
        ("Sales rose this past summer.", "2024-10-01", "this past summer", "2024", "year", "summer"),
        ("Sales rose this year.", PUB, "this year", "2024", "year", None),
        ("Sales rose last year.", PUB, "last year", "2023", "year", None),
        ("Sales fell late last year.", PUB, "late last year", "2023", "year", "late"),
        ("Sales fall early next year.", PUB, "early next year", "2025", "year", "early"),
        ("Sales rose earlier this year.", PUB, "earlier this year", "2024", "year", None),
        ("The vote is next month.", PUB, "next month", "2024-04", "month", None),
        ("The vote was last month.", "2024-01-10", "last month", "2023-12", "month", None),
        ("Shortly after taking office in January, he signed it.", PUB, "January", "2024-01", "month", None),
        ("He was arrested in March.", PUB, "March", "2024-03", "month", None),
        ("He was arrested in November.", PUB, "November", "2023-11", "month", None),
        ("He was arrested in early March.", PUB, "early March", "2024-03", "month", "early"),
        ("He was arrested last March.", "2024-06-01", "last March", "2024-03", "month", None),
        ("Elections are due next May.", PUB, "next May", "2024-05", "month", None),
        ("He was arrested on Saturday.", PUB, "Saturday", "2024-03-16", "day", None),
        ("He was arrested on Wednesday.", PUB, "Wednesday", "2024-03-13", "day", None),
        ("Saturday's attack killed two.", PUB, "Saturday", "2024-03-16", "day", None),
        ("The trial opens next Monday.", PUB, "next Monday", "2024-03-25", "day", None),
        ("He was arrested yesterday.", PUB, "yesterday", "2024-03-19", "day", None),
        ("He was arrested yesterday.", "2024-03-01", "yesterday", "2024-02-29", "day", None),
        ("Police said today that", PUB, "today", "2024-03-20", "day", None),
        ("He fled two weeks ago.", PUB, "two weeks ago", "2024-03-06", "day", None),
        ("He fled 3 days ago.", PUB, "3 days ago", "2024-03-17", "day", None),
        ("He fled six months ago.", PUB, "six months ago", "2023-09", "month", None),
        ("He fled a year ago.", PUB, "a year ago", "2023", "year", None),
        ("The law passed last week.", "2024-03-03", "last week", "2024-02", "month", None),
        ("It happened on 14 March.", PUB, "14 March", "2024-03-14", "day", None),
        ("It happened on March 28.", PUB, "March 28", "2023-03-28", "day", None),
    ],
)
def test_relative(
    text: str, published: str, span: str, iso: str, precision: str, qualifier: str | None
) -> None:
    assert _one(text, published) == (span, iso, precision, True, True, qualifier)


@pytest.mark.parametrize(
    "text",
    [
        "It was sanctioned last summer.",
        "He was arrested in March.",
        "He left yesterday.",
        "The vote is next month.",
        "He was arrested on Saturday.",
        "Sales fell late last year.",
    ],
)
def test_relative_without_publication_date_is_skipped(text: str) -> None:
    assert find_dates(text, None) == []
    assert find_date_spans(text) != []  # the expression is still known to be a date


@pytest.mark.parametrize(
    ("text", "published", "iso", "precision", "anchored"),
    [
        ("He left yesterday.", "2024-05", "2024-05-14", "day", False),
        ("He was arrested in March.", "2024", "2024-03", "month", False),
        ("Sales rose last year.", "2024", "2023", "year", True),
        ("The vote is next month.", "2024-05", "2024-06", "month", True),
    ],
)
def test_coarse_publication_date(text: str, published: str, iso: str, precision: str, anchored: bool) -> None:
    (d,) = find_dates(text, published)
    assert (d.date, d.precision, d.relative, d.anchored) == (iso, precision, True, anchored)


def test_mixed_document_keeps_text_order_and_offsets() -> None:
    text = "In September 2023 troops moved; last summer the US acted; in 2014 it began."
    found = find_dates(text, "2025-03-17")
    assert [(d.text, d.date) for d in found] == [
        ("September 2023", "2023-09"),
        ("last summer", "2024"),
        ("2014", "2014"),
    ]
    assert all(text[d.start : d.end] == d.text for d in found)


def test_longest_overlap_wins() -> None:
    found = find_dates("on Saturday, 14 September 2023", PUB)
    assert [(d.text, d.date, d.relative) for d in found] == [
        ("Saturday, 14 September 2023", "2023-09-14", False)
    ]


def test_month_precision_does_not_invent_a_day() -> None:
    (d,) = find_dates("in March 2024", "2024-07-27")
    assert (d.date, d.precision) == ("2024-03", "month")


@pytest.mark.parametrize(
    ("expression", "published", "expected"),
    [
        ("2014", None, DateMatch(0, 4, "2014", "2014", "year", False, True)),
        ("last summer", "2025-03-17", DateMatch(0, 11, "last summer", "2024", "year", True, True, "summer")),
        ("in early 2024", None, DateMatch(3, 13, "early 2024", "2024", "year", False, True, "early")),
        ("on Saturday", PUB, DateMatch(3, 11, "Saturday", "2024-03-16", "day", True, True)),
        ("in recent months", PUB, None),
        ("the 18th Century", None, None),
        ("last summer", None, None),
    ],
)
def test_normalize_date(expression: str, published: str | None, expected: DateMatch | None) -> None:
    assert normalize_date(expression, published) == expected


def test_unparsable_publication_date_counts_as_missing() -> None:
    assert find_dates("yesterday", "not a date") == []
