"""Tokens of a document and the rules that keep names, foreign words and figures untouched."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from byline.repair.resources import RepairResources

WORD_RE = re.compile(r"[^\W\d_]+")
_QUOTES = "\"“”«»‘’'"
_SENTENCE_END = re.compile(r"[.!?:;\n]\s*[\"“‘(]*\s*$")


class Token(NamedTuple):
    """A word of the text and where it stands (a tuple: documents and their copies are
    tokenised at every repair, and a tuple is made several times faster than a frozen
    dataclass)."""

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


def quoted_spans(text: str, max_words: int = 1) -> list[tuple[int, int]]:
    """Single quoted or italic words: foreign words and jargon live there (longer quotes are
    ordinary speech, which spinners mangle like the rest)."""
    out: list[tuple[int, int]] = []
    for m in re.finditer(r"[\"“«‘]([^\"”»’“\n]{1,60})[\"”»’]", text):
        if len(m.group(1).split()) <= max_words:
            out.append((m.start(), m.end()))
    for m in re.finditer(r"(?<![A-Za-z])[_*]([^_*\n]{1,60})[_*]", text):  # markdown italics
        out.append((m.start(), m.end()))
    return out


def joined(text: str, a: Token, b: Token) -> bool:
    """Tokens ``a`` and ``b`` (in that order) are in one clause: only spaces or a hyphen between."""
    return text[a.end : b.start].strip(" ") in ("", "-")


def match_case(source: str, word: str) -> str:
    """``word`` in the case of ``source`` (upper case, capitalised or as it is)."""
    if source.isupper() and len(source) > 1:
        return word.upper()
    if source[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


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


# The spaced-out path alternative starts only at a chunk's first character and takes chunks
# whole (possessive), so it is linear: unanchored, "\S+" re-scanned a long token from each
# of its characters (a 40k-character token took 21 s).
_URL_MARK = re.compile(
    r"https?\s*:|www\s*\.|\w\.\s?(?:com|net|org|gov|edu|html?|php|aspx)\b|(?<!\S)(?:\S++\s+/\s+){2}",
    re.IGNORECASE,
)
_URL_SEPARATORS = frozenset("/.-_:?=&#~+")
_PREFIXES = (
    "re",
    "co",
    "un",
    "in",
    "non",
    "pre",
    "out",
    "over",
    "under",
    "super",
    "mis",
    "dis",
    "sub",
    "inter",
    "multi",
    "self",
    "anti",
    "counter",
    "semi",
    "post",
    "mid",
    "cyber",
    "mega",
    "micro",
)
_SUFFIXES = (
    "s",
    "es",
    "ed",
    "ing",
    "er",
    "ers",
    "ly",
    "ness",
    "ability",
    "able",
    "ize",
    "izes",
    "ism",
    "ist",
    "ists",
    "less",
    "ful",
    "ish",
    "ship",
    "dom",
    "ment",
    "ments",
    "y",
)


def url_spans(text: str) -> list[tuple[int, int]]:
    """Web addresses and slash-separated paths, also when a converter spaced them out
    ("http: / / news. example. com / 2013 / may"): runs of chunks joined by address punctuation
    that hold a scheme, a "www.", a known domain ending or two slashes. Only the run is
    protected: the words of a sentence that cites "Example.com" are still prose."""
    out: list[tuple[int, int]] = []
    run: list[re.Match[str]] = []
    for m in [*re.finditer(r"\S+", text), None]:
        if m is not None and run and _url_linked(run[-1].group(), m.group(), text[run[-1].end() : m.start()]):
            run.append(m)
            continue
        if run:
            start, end = run[0].start(), run[-1].end()
            if _URL_MARK.search(text, start, end):
                out.append((start, end))
        run = [m] if m is not None else []
    return out


def _url_linked(left: str, right: str, gap: str) -> bool:
    """Whether two whitespace-separated chunks continue one address: a lone separator between
    them, or a separator at the seam followed by a lower-case letter or a digit (not a new
    sentence), all on one line."""
    if "\n" in gap:
        return False
    if left in _URL_SEPARATORS or right in _URL_SEPARATORS:
        return True
    return left[-1] in _URL_SEPARATORS and (right[0].islower() or right[0].isdigit())


def productive_form(word: str, res: RepairResources) -> bool:
    """A known word behind a productive prefix ("codirected", "reinked"): likely coined."""
    return productive_base(word, res) is not None


def productive_base(word: str, res: RepairResources) -> str | None:
    """The known word behind a productive prefix ("reinked" -> "inked"), or None."""
    w = word.lower()
    for p in _PREFIXES:
        if w.startswith(p) and len(w) - len(p) >= 4 and res.freq(w[len(p) :]) >= 2.5:
            return w[len(p) :]
    return None


def _derived(w: str, res: RepairResources) -> bool:
    for suf in _SUFFIXES:
        stem = w[: -len(suf)]
        if w.endswith(suf) and len(stem) >= 4 and res.freq(stem) >= 3.0:
            if not (stem.endswith("e") and suf[0] in "aeiouy"):  # "shineed" breaks spelling rules
                return True
    return False


def suspicion(word: str, res: RepairResources) -> str | None:
    """Why a non-word may be a name, a typo or a compound rather than a spin (strict mode)."""
    w = word.lower()
    if word[:1].isupper():
        return "capitalised"
    for i in range(4, len(w) - 3):
        if res.freq(w[:i]) >= 3.5 and res.freq(w[i:]) >= 3.5:
            return "compound"
    if _derived(w, res):
        return "derived"
    for i in range(len(w) - 1):
        swapped = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
        if res.freq(swapped) >= 3.0:
            return "typo"
    return None
