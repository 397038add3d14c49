"""Mentions (NER + rules) and corpus resolution on small texts written for the tests."""

from __future__ import annotations

from byline.extract import analyze_document, resolve_entities
from byline.extract.names import name_key
from byline.model import DocAnalysis, Document, Mention, TextView


def _mentions(analyze, text: str) -> list[Mention]:  # type: ignore[no-untyped-def]
    return analyze(text)[1].mentions


def test_nickname_in_quotes_is_an_alias_of_the_person(analyze) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(analyze, "Police say Joaquín “El Chapo” Guzmán ran the operation from his cell.")
    person = next(m for m in ms if m.source == "nickname" and m.alias_of is None)
    assert person.text == "Joaquín “El Chapo” Guzmán" and person.label == "PERSON"
    nick = next(m for m in ms if m.alias_of is not None)
    assert nick.text == "El Chapo" and ms[nick.alias_of] == person


def test_acronym_in_parentheses_and_with_or(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Officers of the Federal Bureau of Investigation (FBI) met rebels from the "
        "Revolutionary Armed Forces of Colombia guerrilla group, or FARC, on Monday."
    )
    ms = _mentions(analyze, text)
    acr = {m.text: ms[m.alias_of].text for m in ms if m.source == "acronym" and m.alias_of is not None}
    assert acr["FBI"] == "Federal Bureau of Investigation"
    assert acr["FARC"].endswith("Armed Forces of Colombia")


def test_numbered_group_name_is_an_organisation(analyze) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(analyze, "The killing was blamed on the XB-18 gang and its rivals.")
    assert any(m.text == "XB-18" and m.label == "ORG" for m in ms)


def test_title_is_kept_out_of_the_name(analyze) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(analyze, "President Ana Flores said on Monday that Governor Omar Diaz would resign.")
    persons = {m.text for m in ms if m.label == "PERSON"}
    assert "Ana Flores" in persons and "Omar Diaz" in persons
    assert not any(m.text.startswith(("President", "Governor")) for m in ms)


def test_context_noun_decides_the_label(analyze) -> None:  # type: ignore[no-untyped-def]
    text = (
        "Los Rastrojos Verdes, a Colombian gang, grew fast. Later Los Rastrojos Verdes "
        "moved north, and the Los Rastrojos Verdes gang recruited widely."
    )
    ms = [m for m in _mentions(analyze, text) if "Rastrojos" in m.text]
    assert ms and {m.label for m in ms} == {"ORG"}


def test_numbers_and_dates_are_not_entities(analyze) -> None:  # type: ignore[no-untyped-def]
    ms = _mentions(analyze, "On 3 May 2021, 300 people paid $40 each, 20% more than in 2020.")
    assert all(m.label not in ("DATE", "CARDINAL", "MONEY", "PERCENT") for m in ms)


def _corpus(nlp, texts: list[str]):  # type: ignore[no-untyped-def]
    docs = [Document(key=f"k{i}", path=f"{i}.txt", text=t) for i, t in enumerate(texts)]
    analyses = [analyze_document(d, nlp) for d in docs]
    return docs, analyses, *resolve_entities(docs, analyses)


def _entity_of(entities, text: str):  # type: ignore[no-untyped-def]
    hits = [e for e in entities if e.name == text or text in e.aliases]
    assert len(hits) == 1, f"{text!r} in {[(e.name, e.aliases) for e in hits]}"
    return hits[0]


def test_resolution_joins_variants_across_documents(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "President Ramón Ortega Salas met the press in the U.S. on Monday.",
        "Ramon Ortega Salas, the leader, travelled to the United States. Ortega Salas spoke.",
        "Later Ortega said that America would help. Ramón “Tito” Ortega smiled.",
        "Tito Ortega left the US on Friday.",
    ]
    docs, analyses, entities, mapping = _corpus(nlp, texts)
    person = _entity_of(entities, "Ortega Salas")
    assert person.type == "PERSON"
    assert person.name == "Ramón Ortega Salas" or person.name == "Ramon Ortega Salas"
    for form in ("Ortega", "Tito Ortega", "Ramón “Tito” Ortega"):
        assert form == person.name or form in person.aliases, form
    usa = _entity_of(entities, "U.S.")
    assert usa.name == "United States" and usa.type == "GPE"
    assert {"US", "America"} <= set(usa.aliases) | {usa.name}
    # every mention of the entity slices back to a form of the name
    by_key = {d.key: d for d in docs}
    forms = {name_key(f) for f in [person.name, *person.aliases]}
    for src in person.mentions:
        assert name_key(by_key[src.doc].text[src.start : src.end]) in forms
    assert set(mapping) == {d.key for d in docs}


def test_ambiguous_surname_stays_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = ["Maria Lopez Vega met Carlos Lopez Vega in Lima.", "Lopez Vega refused to comment."]
    _, _, entities, _ = _corpus(nlp, texts)
    full = [e for e in entities if e.type == "PERSON" and e.name in ("Maria Lopez Vega", "Carlos Lopez Vega")]
    assert len(full) == 2
    for e in full:
        assert "Lopez Vega" not in e.aliases


def test_acronym_links_to_long_form_across_documents(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "The Department of Homeland Security issued a warning on Monday.",
        "A DHS spokesman declined to comment.",
    ]
    _, _, entities, _ = _corpus(nlp, texts)
    dhs = _entity_of(entities, "DHS")
    assert dhs.name == "Department of Homeland Security"


def test_type_vote_and_stable_keys(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "The Brava Norte gang controls the port.",
        "Brava Norte grew quickly.",
        "Police said Brava Norte members were arrested.",
    ]
    docs, analyses, entities, mapping = _corpus(nlp, texts)
    gang = _entity_of(entities, "Brava Norte")
    assert gang.type == "ORG"
    again, mapping2 = resolve_entities(list(reversed(docs)), list(reversed(analyses)))
    assert [e.key for e in again] == [e.key for e in entities]
    assert mapping2 == mapping


def test_offsets_point_into_the_original_text(nlp) -> None:  # type: ignore[no-untyped-def]
    original = "The Prseident Ana Flores visited Peru, where Ana Flores met 300 farmers in 2021."
    view = TextView.from_repairs(original, [_repair(original, "Prseident", "President")])
    doc = Document(key="v", path="v.txt", text=original)
    analysis: DocAnalysis = analyze_document(doc, nlp, view)
    for m in analysis.mentions:
        assert original[m.start : m.end] == m.text or "Prseident" in original[m.start : m.end]
    peru = next(m for m in analysis.mentions if m.text == "Peru")
    assert original[peru.start : peru.end] == "Peru"
    for c in analysis.claims:
        assert "300" in original[c.start : c.end] or c.value.type == "date"


def _repair(text: str, wrong: str, right: str):  # type: ignore[no-untyped-def]
    from byline.model import Repair

    i = text.index(wrong)
    return Repair(i, i + len(wrong), wrong, right, 0.99, "test")


def test_canonical_name_ignores_a_headline_word_and_given_names_stay_apart(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = [
        "Rangers Fire Jim Morrison After Loss",
        "Jim Morrison was fired on Monday in Dallas.",
        "Morrison said he was surprised, and Jim Morrison thanked the fans.",
        "Jim said the team would rebuild.",
    ]
    _, _, entities, _ = _corpus(nlp, texts)
    coach = _entity_of(entities, "Morrison")
    assert coach.name == "Jim Morrison"
    assert "Jim" not in coach.aliases
