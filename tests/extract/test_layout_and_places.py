"""Headings, datelines, places NER mistypes, agencies cut at 'and', outlets that only report."""

from __future__ import annotations

import pytest

from byline.extract.layout import furniture_spans, heading_spans, is_heading


@pytest.mark.parametrize(
    ("line", "heading"),
    [
        ("The Silent Harbour: A Port Under Pressure", True),
        ("- Inside the Ruiz de Vega Empire", True),
        ("## Money and Power", True),
        ("A Quiet Victory?", True),
        ("The mayor said the port would reopen.", False),
        ("- Estimated staff: about 400.", False),
        ("Harbour", False),
    ],
)
def test_heading_lines(line: str, heading: bool) -> None:
    assert is_heading(line) is heading


def test_heading_and_dateline_spans() -> None:
    text = "Port Under Pressure\n\nLIMA, Peru — The port closed.\nBy Ana Torres\n"
    headings = [text[s:e] for s, e in heading_spans(text)]
    assert "Port Under Pressure" in headings and not any("LIMA" in h for h in headings)
    found = [text[s:e] for s, e in furniture_spans(text)]
    assert "LIMA, Peru —" in found and "By Ana Torres" in found


def _mentions(analyze, text: str, published: str | None = None):  # type: ignore[no-untyped-def]
    return analyze(text, published=published)[1]


def test_names_only_in_title_case_headings_are_dropped(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Cartel money moved through the port for a decade, officials say.\n\n"
        "The Silver Compass: How Greed Built an Empire\n\n"
        "The Brava Norte cartel moved cocaine through Callao for a decade.\n\n"
        "Brava Norte Grows Into the Hills\n\nBy 2020 Brava Norte had cells in Chile."
    )
    a = _mentions(analyze, text)
    assert not any("Grows" in m.text for m in a.mentions), [m.text for m in a.mentions]
    assert sum(m.text == "Brava Norte" for m in a.mentions) >= 2


def test_a_lone_title_case_headline_keeps_its_names(analyze) -> None:  # type: ignore[no-untyped-def]
    text = "Omar Diaz Wins Lima Marathon\n\nThe runner finished in record time on Sunday."
    a = _mentions(analyze, text)
    assert any("Omar Diaz" in m.text for m in a.mentions)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Police raided 30 homes in Bar and Split on Monday.", "Bar"),
        ("MERCEDES, Argentina — Farmers blocked the road at dawn.", "MERCEDES"),
        ("The fire began near the village of Kalamitsi on Friday.", "Kalamitsi"),
        ("The smugglers set up shop in busy cities like Bogotá, the report said.", "Bogotá"),
        ("Mali’s junta expelled the envoy on Monday.", "Mali"),  # NER says PERSON
    ],
)
def test_places_by_gazetteer_and_locative_context(analyze, text: str, name: str) -> None:  # type: ignore[no-untyped-def]
    a = _mentions(analyze, text)
    labels = {m.label for m in a.mentions if m.text == name}
    assert labels == {"GPE"}, [(m.text, m.label) for m in a.mentions]


def test_a_person_whose_surname_is_a_country_stays_a_person(analyze) -> None:  # type: ignore[no-untyped-def]
    a = _mentions(analyze, "Michael Jordan scored 40 points. Jordan then left the court.")
    assert {m.label for m in a.mentions if "Jordan" in m.text} == {"PERSON"}


def test_an_organisation_in_a_locative_phrase_stays_an_organisation(analyze) -> None:  # type: ignore[no-untyped-def]
    a = _mentions(analyze, "Engineers at the Brava Norte company in Lima went on strike.")
    assert any(m.text == "Brava Norte" and m.label == "ORG" for m in a.mentions)


@pytest.mark.parametrize(
    "text",
    [
        "Agents of Customs and Border Protection seized the drugs.",
        "The port reopened.\nCustoms and Border Protection agents seized the drugs on Monday.",
    ],
)
def test_agency_name_cut_at_and_is_joined(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    a = _mentions(analyze, text)
    assert any(m.text == "Customs and Border Protection" and m.label == "ORG" for m in a.mentions), [
        (m.text, m.label) for m in a.mentions
    ]


def _subject_of(a, amount: float) -> str | None:  # type: ignore[no-untyped-def]
    c = next(c for c in a.claims if c.value.amount == amount)
    return a.mentions[c.subject].text if c.subject is not None else None


def test_outlet_that_reports_is_not_the_subject(analyze, nlp) -> None:  # type: ignore[no-untyped-def]
    from byline.extract import analyze_document
    from byline.model import Document

    text = (
        "The Brava Norte cartel, a criminal group, controls the northern hills. "
        "Officials believe it has about 4,000 fighters, the Valley Herald reported. "
        '"We are stronger than ever," a commander told the Valley Herald on Sunday.'
    )
    doc = Document(key="o", path="o.txt", text=text, site="Valley Herald")
    a = analyze_document(doc, nlp)
    assert _subject_of(a, 4000) == "Brava Norte"
    doc = Document(key="o2", path="o2.txt", text=text.replace("Valley Herald", "Coast Times"))
    a = analyze_document(doc, nlp)  # no site given: 'told the X' still marks X as the outlet
    assert _subject_of(a, 4000) == "Brava Norte"


@pytest.mark.parametrize(
    "text",
    [
        "About 2,000 members of the Brava Norte cartel surrendered, according to the Valley Herald.",
        "The Brava Norte cartel's 2,000 members surrendered, the Valley Herald said.",
    ],
)
def test_count_belongs_to_its_owner_not_the_speaker(analyze, text: str) -> None:  # type: ignore[no-untyped-def]
    a = _mentions(analyze, text)
    assert _subject_of(a, 2000) == "Brava Norte"


def test_dominant_organisation_is_the_one_the_story_is_about(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "LIMA, Peru — The Brava Norte cartel, a trafficking network, has expanded south.\n\n"
        "The group was founded in 2004. The National Police Unit (NPU) said the NPU had "
        "arrested 40 suspects and the NPU would continue. Analysts think it now has 900 members."
    )
    a = _mentions(analyze, text)
    assert _subject_of(a, 900) == "Brava Norte"
