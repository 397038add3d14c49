"""Metadata shared by every reader: titles guessed from text, sites from URLs, the Document."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from byline.ingest.decode import document_key, normalise_text, storable
from byline.ingest.errors import IngestError
from byline.ingest.limits import cut_long_runs
from byline.model import Document

MAX_HEADLINE_WORDS = 20  # a longer first line is prose, not a headline
FALLBACK_TITLE_WORDS = 12  # words of the text a title is made of when there is no headline
# Share of visible characters that must be letters or digits (prose is ~80%; symbol soup less).
MIN_WORDY_SHARE = 0.3

_LIST_ITEM = re.compile(r"^\s*(?:[-*+•]\s|\d{1,3}[.)]\s)")
_ATX_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*\s*$")
_SETEXT_UNDERLINE = re.compile(r"^\s*(=+|-+)\s*$")
_URLISH = re.compile(r"\bhttps?\s*:\s*/\s*/|\bwww\s*\.\s*\w", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-Z0-9])")


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline, else None.

    A headline is a markdown heading ("# ..." or underlined with === / ---), or a short first
    line (2 to 20 words) that does not end like a sentence or a label (. , ; :), is not a list
    item nor the heading of a list (a table of contents), and has text after it.
    """
    lines = [line.strip() for line in text.split("\n")]
    nonblank = [i for i, line in enumerate(lines) if line]
    if not nonblank:
        return None
    first = lines[nonblank[0]]
    atx = _ATX_HEADING.match(first)
    if atx:
        return atx.group(1).strip() or None
    if len(nonblank) < 2:
        return None
    second = lines[nonblank[1]]
    if nonblank[1] == nonblank[0] + 1 and _SETEXT_UNDERLINE.match(second):
        return first
    words = first.split()
    if not 2 <= len(words) <= MAX_HEADLINE_WORDS:
        return None
    if first[-1] in ".,;:" or _LIST_ITEM.match(first) or _LIST_ITEM.match(second):
        return None
    if not (first[0].isupper() or first[0].isdigit() or first[0] in "\"'“‘"):
        return None
    if is_dateline(first):
        return None
    return first


def is_dateline(line: str) -> bool:
    """A byline or dateline such as "Desk Name, City" or "By A Writer": credits, not a headline.

    Short (at most five words), every word capitalised, and either a comma between two
    capitalised parts or an opening "By".
    """
    words = line.split()
    if len(words) > 5 or not all(w[0].isupper() or not w[0].isalpha() for w in words):
        return False
    return words[0].lower() == "by" or ("," in line and not line.rstrip().endswith(","))


def fallback_title(text: str) -> str | None:
    """The opening of the first prose line's first sentence, cut to a dozen words.

    For articles without a headline, so that lists and reports still show something
    recognisable; list items and short label lines are passed over.
    """
    lines = [line.strip() for line in text.split("\n") if line.strip()]
    prose = [ln for ln in lines if _is_prose(ln)]
    line = (prose or lines or [""])[0]
    line = _ATX_HEADING.sub(r"\1", line)
    sentence = _SENTENCE_END.split(line, maxsplit=1)[0].strip()
    words = sentence.split()
    if not words:
        return None
    if len(words) <= FALLBACK_TITLE_WORDS:
        return sentence.rstrip(".")
    return " ".join(words[:FALLBACK_TITLE_WORDS]).rstrip(",;:") + "…"


def _is_prose(line: str) -> bool:
    """A line of running text: six words or more, mostly words, not a list item or a URL."""
    words = line.split()
    if len(words) < 6 or _LIST_ITEM.match(line) or _URLISH.search(line):
        return False
    wordy = sum(1 for w in words if sum(c.isalpha() for c in w) >= 2)
    return wordy >= 0.6 * len(words)


def site_of_url(url: str | None) -> str | None:
    """The host name of a URL without "www.", e.g. "example.org"; None when there is no host."""
    if not url:
        return None
    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


_WORD = re.compile(r"[^\W_]{2}")


def readable(text: str) -> bool:
    """At least one word (two letters or digits in a row), and letters or digits make at
    least MIN_WORDY_SHARE of the visible characters: zero-width and bidi marks, symbol soup
    and mis-decoded bytes are not articles."""
    if not _WORD.search(text):
        return False
    visible = sum(1 for c in text if not c.isspace())
    wordy = sum(1 for c in text if c.isalnum())
    return wordy >= MIN_WORDY_SHARE * visible


def clean_field(value: object) -> str | None:
    """A metadata string with whitespace collapsed, or None when empty or not a string."""
    if not isinstance(value, str):
        return None
    value = " ".join(storable(value).split())
    return value or None


def make_document(
    text: str,
    path: str,
    fmt: str,
    *,
    title: str | None = None,
    site: str | None = None,
    url: str | None = None,
    published: str | None = None,
    author: str | None = None,
) -> Document:
    """Normalise the text, cut over-long runs (``limits``), fill missing title and site, key
    it; text without a readable word is an IngestError."""
    text = normalise_text(cut_long_runs(text)[0])
    if not text:
        raise IngestError(path, "empty: no text after extraction")
    if not readable(text):
        raise IngestError(path, "no readable text: only invisible, control, symbol or punctuation characters")
    url = clean_field(url)
    title = clean_field(title) or headline_of(text) or fallback_title(text)
    return Document(
        key=document_key(text),
        path=path,
        text=text,
        title=title,
        site=clean_field(site) or site_of_url(url),
        url=url,
        published=published,
        author=clean_field(author),
        format=fmt,
    )
