"""Tokens of a document and the rules that keep names, foreign words and figures untouched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from byline.repair.resources import RepairResources

WORD_RE = re.compile(r"[^\W\d_]+")
_QUOTES = "\"“”«»‘’'"
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*[\"“‘(]*\s*$")


@dataclass(frozen=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str) -> list[Token]:
    """Letter runs (hyphens and apostrophes split words: "left-wing" -> "left", "wing")."""
    return [Token(m.start(), m.end(), m.group()) for m in WORD_RE.finditer(text)]


def sentence_initial(text: str, start: int) -> bool:
    """True when the token at ``start`` opens a sentence or a line (capitals say nothing there)."""
    before = text[max(0, start - 6) : start]
    return start == 0 or not before.strip() or bool(_SENTENCE_END.search(before))


def in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


def quoted_spans(text: str, max_words: int = 4) -> list[tuple[int, int]]:
    """Short quoted stretches (“pranes”, 'sicarios'): foreign words and jargon live there."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[\"“«‘]([^\"”»’“\n]{1,60})[\"”»’]", text):
        if len(m.group(1).split()) <= max_words:
            out.append((m.start(), m.end()))
    for m in re.finditer(r"(?<![A-Za-z])[_*]([^_*\n]{1,60})[_*]", text):  # markdown italics
        out.append((m.start(), m.end()))
    return out


def is_nonword(word: str, res: RepairResources) -> bool:
    """Unknown to wordfreq (zipf below 1: typo-level frequency counts as unknown)."""
    return res.freq(word.lower()) == 0.0


def protected_reason(tok: Token, text: str, res: RepairResources) -> str | None:
    """Why a non-word token must be left alone, or None when it may be repaired.

    Capitalised tokens mid-sentence are not protected here (spinners mangle capitalised words
    too); they only get a stricter threshold when scored.
    """
    w = tok.text
    if not w.isascii():
        return "accented"
    if len(w) < 4:
        return "short"
    if w.isupper() or sum(c.isupper() for c in w[1:]) > 0:
        return "acronym or mixed case"
    low = w.lower()
    if low in res.foreign:
        return "foreign word"
    nxt = text[tok.end : tok.end + 1]
    prev = text[tok.start - 1 : tok.start] if tok.start else ""
    if nxt.isdigit() or prev.isdigit():
        return "glued to a figure"
    return None
