"""Model loading: the fallback model loads once, with the components extraction needs."""

from __future__ import annotations

import pytest

from byline.extract.nlp import (
    NEEDED,
    NEWLINE_SENTENCES,
    ModelNotFound,
    load_nlp,
    parse_texts,
    split_for_parse,
)

PARAGRAPHS = [
    "Port workers in Valdora struck on Monday, the union leader Ana Ruiz said.",
    "The Coastal Shipping Authority in Lima said 300 ships were delayed.",
    "Mayor Tomas Berg met the strikers at the city hall in Valdora on Tuesday.",
]


def test_default_model_has_the_needed_components(nlp) -> None:  # type: ignore[no-untyped-def]
    assert set(NEEDED) <= set(nlp.pipe_names)
    assert NEWLINE_SENTENCES in nlp.pipe_names
    assert load_nlp() is nlp  # loaded once per process


def test_a_line_break_ends_a_sentence(nlp) -> None:  # type: ignore[no-untyped-def]
    doc = nlp("NEWS DESK, Lima\nIn May the mayor resigned.")
    assert [s.text.strip() for s in doc.sents] == ["NEWS DESK, Lima", "In May the mayor resigned."]


def test_unknown_model_says_what_was_tried() -> None:
    with pytest.raises(ModelNotFound, match="no_such_model_pkg"):
        load_nlp("no_such_model_pkg")


def test_long_texts_are_cut_at_paragraphs_and_joined_back() -> None:
    text = "\n\n".join(PARAGRAPHS * 4)
    pieces = split_for_parse(text, 200)
    assert "".join(pieces) == text
    assert len(pieces) > 1 and all(len(p) <= 200 for p in pieces)
    assert all(p.endswith("\n\n") for p in pieces[:-1])
    one_line = " ".join(PARAGRAPHS * 4)  # no line breaks: cut after a sentence
    assert all(p.endswith(". ") for p in split_for_parse(one_line, 200)[:-1])
    assert "".join(split_for_parse("x" * 450, 200)) == "x" * 450  # no break at all: hard cuts


def test_a_text_parsed_in_pieces_reads_like_one_parse(nlp) -> None:  # type: ignore[no-untyped-def]
    texts = ["\n\n".join(PARAGRAPHS * 3), "Short one about Quito."]
    whole = list(parse_texts(nlp, texts))
    pieces = list(parse_texts(nlp, texts, limit=160))
    assert [d.text for d in pieces] == texts
    for a, b in zip(whole, pieces, strict=True):
        ents = [[(e.start_char, e.text, e.label_) for e in d.ents] for d in (a, b)]
        assert ents[0] == ents[1] and ents[0]
        assert [s.start_char for s in a.sents] == [s.start_char for s in b.sents]


def test_a_document_longer_than_spacy_accepts_is_analysed(nlp, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import byline.extract.nlp as nlp_module
    from byline.extract import analyze_document
    from byline.model import Document

    text = "\n\n".join(PARAGRAPHS * 3)
    monkeypatch.setattr(nlp, "max_length", 400)  # as if the text were over spaCy's 1,000,000
    monkeypatch.setattr(nlp_module, "MAX_PARSE_CHARS", 300)
    analysis = analyze_document(Document(key="d", path="long.txt", text=text), nlp)
    assert {m.text for m in analysis.mentions} >= {"Valdora", "Ana Ruiz", "Tomas Berg"}
