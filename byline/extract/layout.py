"""The furniture of an article: headings, datelines and credit lines.

Names in a Title Case heading are unreliable (the small model reads "The Hidden Price" as an
organisation), and names in a dateline or credit line ("CITY, Country —", "By A. Writer",
"first published by the X") say where or by whom a story was filed, not what it is about.
All functions are pure and O(n) in the text's length.
"""

from __future__ import annotations

import re

from byline.extract.names import NAME_PARTICLES

# Words a Title Case heading may leave in lower case.
MINOR_WORDS = (
    frozenset(
        "a an the and or nor but of in on at to for from by with as vs via into onto over under "
        "up off out per is are was be its it's".split()
    )
    | NAME_PARTICLES
)
MAX_HEADING_WORDS = 12  # a longer capitalised line without final punctuation is not a heading
_LINE = re.compile(r"[^\n]+")
_BULLET = re.compile(r"^\s*[-•*]\s")
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
_MARKUP = re.compile(r"^\s*(?:#{1,6}\s+|[-•*]\s+|[*_]{1,3})")  # markdown heading, bullet, bold
_DATELINE = re.compile(
    r"^[ \t]*((?:[A-ZÀ-Þ][\w'’.\-]*[ \t]?){1,4}(?:,[ \t]*(?:[A-ZÀ-Þ][\w'’.\-]*[ \t]?){1,4})?)"
    r"[ \t]*(?:\([^)\n]{1,40}\)[ \t]*)?[—–]|^[ \t]*((?:[A-ZÀ-Þ]{2,}[ \t]?){1,4}),[ \t]",
    re.MULTILINE,
)
_CREDIT = re.compile(
    r"^[ \t]*(?:by|source|credit|photo|reporting by|written by|edited by)\b[^\n]{0,80}$"
    r"|^[^\n]{0,120}\b(?:first published|republished|reprinted|originally published)\b[^\n]*$",
    re.MULTILINE | re.IGNORECASE,
)


def is_heading(line: str) -> bool:
    """A short line without final punctuation whose words are all capitalised (minor words
    aside): 'Origins and Leadership', 'The Hidden Price'. A sentence in Title Case is rare."""
    body = _MARKUP.sub("", line).strip().strip("*_ ")
    if not body or body[-1] in ".;,:" or any(c.isdigit() for c in body):  # dates, times, scores
        return False
    words = _WORD.findall(body)
    bullet = bool(_BULLET.match(line))  # '- Ana Ruiz' in a list is a name, not a heading
    if not (3 if bullet else 2) <= len(words) <= MAX_HEADING_WORDS:
        return False
    major = [w for w in words if w.casefold() not in MINOR_WORDS]
    return bool(major) and all(w[:1].isupper() for w in major) and words[0][:1].isupper()


def heading_spans(text: str) -> list[tuple[int, int]]:
    """The [start, end) spans of the heading lines of a text."""
    return [(m.start(), m.end()) for m in _LINE.finditer(text) if is_heading(m.group())]


def furniture_spans(text: str) -> list[tuple[int, int]]:
    """Datelines ('PODGORICA, Montenegro —', 'LIMA (Reuters) —') and credit lines ('By X',
    'Source: X', '... first published by the X ...'): where or by whom, not about whom."""
    spans: list[tuple[int, int]] = []
    for m in _DATELINE.finditer(text):
        group = 1 if m.group(1) else 2
        spans.append((m.start(group), m.end()))
    spans.extend((m.start(), m.end()) for m in _CREDIT.finditer(text))
    return sorted(spans)


def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


_WEEKDAY = r"(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day"
_CAPTION_DATE = re.compile(  # the wire-photo caption formula: "..., Monday, Jan. 4, 2021, in Town"
    rf",\s+{_WEEKDAY},\s+[A-Z][a-z]{{2,8}}\.?\s+\d{{1,2}},\s+\d{{4}},\s+(?:in|at|near)\s+[A-Z]"
)
_PHOTO_CREDIT = re.compile(
    r"\((?:[A-Z][\w.&]*\s+){0,3}(?:Photo|Picture|Image|Photograph|Pic|Credit)s?\b[^)\n]{0,80}\)"
    r"|^[^\n]{0,200}(?:\bHANDOUT\b|\bVIA\s+[A-Z]{3,}|\bGetty\s+Images\b|\bAP\s+Photo\b|\bFILE\s+PHOTO\b)"
    r"[^\n]*$",
    re.MULTILINE,
)
_SENTENCE_END = re.compile(r"[.!?](?=\s|$)|\n")


def caption_spans(text: str) -> list[tuple[int, int]]:
    """Photo captions and credits: the wire caption formula's sentence ("X react ..., Monday,
    Jan. 4, 2021, in Town.") and credit fragments ("(AP Photo/...)", "(Picture: Agency)",
    "... / HANDOUT VIA AGENCY / MAY 2"). Their figures date a photo, not the story."""
    spans: list[tuple[int, int]] = [(m.start(), m.end()) for m in _PHOTO_CREDIT.finditer(text)]
    for m in _CAPTION_DATE.finditer(text):
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()) + 1, 0)
        stop = _SENTENCE_END.search(text, m.end())
        spans.append((start, stop.end() if stop else len(text)))
    return sorted(spans)
