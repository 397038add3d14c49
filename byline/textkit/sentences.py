"""Splitting text into sentences without an NLP model: one splitter, two grains.

- the default (provenance, claims): a sentence ends at . ! ? (optionally followed by a closing
  quote) before a capital or a digit, or at a line end; or, fused where scraping lost a paragraph
  break, between a lowercase word's full stop and a capitalised word ("the river.The mayor": two
  lowercase letters before, so "U.S.The" stays whole). Spans hold no surrounding white space.
- ``every_stop`` (repair): a piece ends at every run of . ! ? and at every line break, its
  punctuation included; abbreviations split too, which repair's alignment of short pieces wants
  and which costs one regex pass.

Cost: one regex pass, linear in the text.
"""

from __future__ import annotations

import re

SENTENCE_END_RE = re.compile(
    r"(?<=[.!?])[\"”’')\]]?\s+(?=[\"“‘(\[]?[A-Z0-9])|\n+|(?<=[a-z]{2}[.!?])(?=[A-Z][a-z])"
)
STOP_PIECE_RE = re.compile(r"[^.!?\n]+(?:[.!?]+|\n|$)")


def sentence_spans(text: str, *, every_stop: bool = False) -> list[tuple[int, int]]:
    """(start, end) of each sentence of ``text``, in order (see the module for the two grains)."""
    if every_stop:
        return [m.span() for m in STOP_PIECE_RE.finditer(text)]
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in SENTENCE_END_RE.finditer(text):
        if text[pos : m.start()].strip():
            spans.append((pos, m.start()))
        pos = m.end()
    if text[pos:].strip():
        spans.append((pos, len(text)))
    return spans


def stop_spans(text: str) -> list[tuple[int, int]]:
    """``sentence_spans(text, every_stop=True)``: the grain repair aligns on."""
    return sentence_spans(text, every_stop=True)


def sentences(text: str) -> list[str]:
    """The sentences of ``text`` (default grain), stripped."""
    return [text[s:e].strip() for s, e in sentence_spans(text)]
