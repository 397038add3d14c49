"""The one sentence splitter, at its two grains."""

from __future__ import annotations

from byline.textkit import sentence_spans, sentences, stop_spans


def test_default_grain_splits_before_capitals_and_at_line_ends() -> None:
    text = 'The dam held. "It will last," she said. Then rain\nfell on 3 towns.'
    assert sentences(text) == ["The dam held.", '"It will last," she said.', "Then rain", "fell on 3 towns."]


def test_default_grain_keeps_decimals_and_lowercase_continuations() -> None:
    assert sentences("It cost 3.5 million. it was late") == ["It cost 3.5 million. it was late"]


def test_default_grain_splits_a_fused_paragraph_break() -> None:
    assert sentences("they crossed the river.The mayor spoke") == [
        "they crossed the river.",
        "The mayor spoke",
    ]
    assert sentences("troops of the U.S.The end") == ["troops of the U.S.The end"]


def test_default_spans_hold_no_surrounding_space_and_skip_blank_lines() -> None:
    text = "One here.  Two there.\n\n\nThree"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["One here.", "Two there.", "Three"]


def test_every_stop_grain_splits_at_each_stop_and_keeps_punctuation() -> None:
    text = "The U.S. Navy came!! Then\nrain"
    pieces = [text[s:e] for s, e in stop_spans(text)]
    assert pieces == ["The U.", "S.", " Navy came!!", " Then\n", "rain"]
    assert sentence_spans(text, every_stop=True) == stop_spans(text)
