"""Model loading: the fallback model loads once, with the components extraction needs."""

from __future__ import annotations

import pytest

from byline.extract.nlp import NEEDED, NEWLINE_SENTENCES, ModelNotFound, load_nlp


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
