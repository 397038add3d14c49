"""Limits on what one document's text may hold, applied at ingest before anything reads it.

Repair, spaCy's tokenizer and the provenance fingerprint all do work that grows faster than
linearly with the length of one unbroken token (a 100 KB base64 image in a Markdown article,
a 1.5 MB "word") or one run of punctuation (``'>' * 20000`` costs spaCy 43 s). No article
needs either, so both are cut where a document is made: a run longer than its limit keeps
its first ``limit - 1`` characters and ends with "…" (so cutting twice changes nothing), and
the file gets a warning naming the count. ``byline info`` lists these limits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

CUT_MARK = "…"


@dataclass(frozen=True)
class TextLimits:
    """What one document may hold; each limit is far above what prose needs."""

    # longest unbroken token kept: URLs run to ~2,000 characters; base64 blobs go far beyond
    max_token_chars: int = 2_000
    # longest run of punctuation kept: rules ("-----") and ellipses are far shorter
    max_punct_run: int = 64


LIMITS = TextLimits()


# Runs are matched only from their first character (the lookbehinds), so each character is
# looked at a bounded number of times: linear, also on a megabyte without a space.
_TOKEN = r"(?<!\S)\S{%d,}"
_PUNCT = r"(?<![^\w\s])[^\w\s]{%d,}"
_ANY_TOKEN = re.compile(r"(?<!\S)\S+")
_ANY_PUNCT = re.compile(r"(?<![^\w\s])[^\w\s]+")


def cut_long_runs(text: str, limits: TextLimits = LIMITS) -> tuple[str, int]:
    """(text with over-long tokens and punctuation runs cut, number of runs cut). O(len)."""
    token_run = re.compile(_TOKEN % (limits.max_token_chars + 1))
    punct_run = re.compile(_PUNCT % (limits.max_punct_run + 1))
    cuts = 0

    def cut(keep: int):  # type: ignore[no-untyped-def]
        def one(m: re.Match[str]) -> str:
            nonlocal cuts
            cuts += 1
            return m.group()[: keep - 1] + CUT_MARK

        return one

    text = punct_run.sub(cut(limits.max_punct_run), text)
    text = token_run.sub(cut(limits.max_token_chars), text)
    return text, cuts


def cut_marks(text: str, limits: TextLimits = LIMITS) -> int:
    """How many runs ``cut_long_runs`` cut in ``text`` (each ends at its limit with the mark).
    O(len)."""
    tokens = sum(
        1
        for m in _ANY_TOKEN.finditer(text)
        if len(m.group()) == limits.max_token_chars and m.group().endswith(CUT_MARK)
    )
    puncts = sum(
        1
        for m in _ANY_PUNCT.finditer(text)
        if len(m.group()) == limits.max_punct_run and m.group().endswith(CUT_MARK)
    )
    return tokens + puncts


def describe_limits(limits: TextLimits = LIMITS) -> list[tuple[str, str]]:
    """(name, value) rows for ``byline info``."""
    return [
        ("longest token kept", f"{limits.max_token_chars:,} characters (longer ones are cut)"),
        ("longest punctuation run kept", f"{limits.max_punct_run:,} characters (longer ones are cut)"),
    ]
