"""Plain-text and Markdown articles.

The body is kept as the file says (only normalised), so offsets match what the user reads.
Two things are taken from the top of the file:

- a metadata header: leading ``Key: value`` lines, optionally fenced by ``---`` lines as in
  Markdown front matter. Recognised keys (case-insensitive): ``Title``/``Headline``,
  ``Date``/``Published``, ``Source``/``Site``, ``URL``/``Link``, ``Author``/``By``/``Byline``.
  An unfenced header ends at the first line that is not such a line; inside a fence any key
  is allowed and unknown ones are ignored. The header is metadata, not article text, so it is
  removed from the text (otherwise its date and URL would be read as claims and entities).
- the title: the header's Title, else a headline-like first line or a "# Heading", which
  stays in the text (see ``meta.headline_of``); else the opening of the first sentence.
"""

from __future__ import annotations

import re

from byline.ingest.dates import parse_date
from byline.ingest.decode import decode_bytes
from byline.ingest.formats import Format, Source
from byline.ingest.meta import make_document
from byline.model import Document

_HEADER_KEYS = {
    "title": "title",
    "headline": "title",
    "date": "published",
    "published": "published",
    "source": "site",
    "site": "site",
    "url": "url",
    "link": "url",
    "author": "author",
    "by": "author",
    "byline": "author",
}
_HEADER_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z _-]{0,30}?)\s*:\s*(\S.{0,300})$")
_FENCE = re.compile(r"^-{3,}\s*$")


def split_header(text: str) -> tuple[dict[str, str], str]:
    """(metadata fields, body) for a text that may open with a metadata header."""
    lines = text.split("\n")
    start = 0
    while start < len(lines) and not lines[start].strip():
        start += 1
    fenced = start < len(lines) and bool(_FENCE.match(lines[start]))
    fields: dict[str, str] = {}
    i = start + 1 if fenced else start
    while i < len(lines):
        line = lines[i]
        if fenced and _FENCE.match(line):
            return fields, "\n".join(lines[i + 1 :])
        m = _HEADER_LINE.match(line)
        key = _HEADER_KEYS.get(m.group(1).strip().lower()) if m else None
        if m is None or (key is None and not fenced):
            if fenced and not line.strip():
                i += 1
                continue
            break
        if key and key not in fields:
            fields[key] = m.group(2).strip().strip("\"'")
        i += 1
    if fenced or not fields:
        return {}, text  # an unclosed fence or no header: the text is all body
    return fields, "\n".join(lines[i:])


def read_text(text: str, path: str, fmt: str) -> Document:
    """One document from the decoded text of a .txt or .md file."""
    fields, body = split_header(text)
    return make_document(
        body,
        path,
        fmt,
        title=fields.get("title"),
        site=fields.get("site"),
        url=fields.get("url"),
        published=parse_date(fields["published"]) if "published" in fields else None,
        author=fields.get("author"),
    )


def _read_txt(source: Source) -> list[Document]:
    return [read_text(decode_bytes(source.data(), source.display_path), source.display_path, "txt")]


def _read_md(source: Source) -> list[Document]:
    return [read_text(decode_bytes(source.data(), source.display_path), source.display_path, "md")]


READER = Format("txt", (".txt", ".text"), _read_txt)
MARKDOWN_READER = Format("md", (".md", ".markdown"), _read_md)
