"""JSON and JSON Lines: one article per object.

A ``.json`` file holds one object, a list of objects, or an object with one list of objects
under any key (``{"articles": [...]}``); a ``.jsonl`` file holds one object a line. Keys are
matched case-insensitively; the first non-empty one in each list wins:

- text: ``text``, ``content``, ``body``, ``article``, ``maintext`` (a string, or a list of
  paragraph strings; HTML markup in it is reduced to its visible text)
- title: ``title``, ``headline``
- url: ``url``, ``link``
- published: ``published``, ``date``, ``date_published``, ``pubdate``, ``published_at``
  (ISO strings, "March 17, 2025", "March 2025", epoch seconds or milliseconds)
- site: ``site``, ``source``, ``domain``, ``sitename`` (a string, or an object with ``name``)
- author: ``author``, ``byline``, ``authors`` (a string, an object with ``name``, or a list
  of either, joined with ", ")

A record without text (or that is not an object, or not valid JSON) is skipped with a warning
"<path>#<n>: reason"; n is the line number in JSON Lines and the 1-based position in a list.
The file fails only when no record is usable. When a ``.json`` list cannot be parsed as a
whole (a record nested too deep, a number too long, a syntax error), it is cut into its
top-level elements by a linear scan and each is parsed on its own, so one bad record loses
only itself. Integers longer than MAX_INT_DIGITS become placeholders that no field accepts
(Python refuses to convert over 4,300 digits).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from typing import Any

from byline.ingest.dates import parse_date
from byline.ingest.decode import decode_bytes
from byline.ingest.errors import IngestError
from byline.ingest.formats import Format, Source
from byline.ingest.html import visible_body_text
from byline.ingest.meta import make_document
from byline.model import Document

TEXT_KEYS = ("text", "content", "body", "article", "maintext")
TITLE_KEYS = ("title", "headline")
URL_KEYS = ("url", "link")
DATE_KEYS = ("published", "date", "date_published", "pubdate", "published_at")
SITE_KEYS = ("site", "source", "domain", "sitename")
AUTHOR_KEYS = ("author", "byline", "authors")

_HTML_TAG = re.compile(r"</?(?:p|div|br|span|a|h[1-6]|li|ul|em|strong|b|i)\b[^>]*>", re.I)


# Integers with more digits than this are no value any field wants (int() refuses over 4,300).
MAX_INT_DIGITS = 100


class HugeNumber:
    """An integer too long to be a value: neither text, nor a date, nor a name."""

    def __init__(self, digits: str) -> None:
        self.digits = len(digits)


def _int_or_digits(digits: str) -> int | HugeNumber:
    return int(digits) if len(digits) <= MAX_INT_DIGITS else HugeNumber(digits)


def loads(text: str) -> Any:
    """json.loads that never raises but ValueError (JSONDecodeError is one): deep nesting and
    huge numbers become ValueErrors with a reason."""
    try:
        return json.loads(text, parse_int=_int_or_digits)
    except RecursionError:
        raise ValueError("nested too deeply") from None


def _reason(err: ValueError) -> str:
    if isinstance(err, json.JSONDecodeError):
        return f"not valid JSON: {err.msg} at line {err.lineno} column {err.colno}"
    return f"not valid JSON: {err}"


def read_json(text: str, path: str, warnings: list[str] | None) -> list[Document]:
    """Documents from a .json file (one object, a list, or an object wrapping one list)."""
    try:
        data = loads(text)
    except ValueError as err:
        if text.lstrip().startswith("["):
            return _collect(_elements(text, path), path, "json", warnings)
        raise IngestError(path, _reason(err)) from err
    if isinstance(data, dict) and _first(data, TEXT_KEYS) is None:
        lists = [v for v in data.values() if isinstance(v, list) and v and isinstance(v[0], dict)]
        if len(lists) == 1:
            data = lists[0]
    if isinstance(data, dict):
        return [record_document(data, path, "json")]
    if not isinstance(data, list):
        raise IngestError(path, f"JSON holds a {type(data).__name__}, expected objects")
    numbered = ((i, item) for i, item in enumerate(data, start=1))
    return _collect(numbered, path, "json", warnings)


def read_jsonl(text: str, path: str, warnings: list[str] | None) -> list[Document]:
    """Documents from a .jsonl file; bad lines are skipped with a warning."""

    def records() -> Iterable[tuple[int, Any]]:
        for number, line in enumerate(text.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                yield number, loads(line)
            except json.JSONDecodeError as err:
                yield number, IngestError(f"{path}#{number}", f"not valid JSON: {err.msg}")
            except ValueError as err:
                yield number, IngestError(f"{path}#{number}", f"not valid JSON: {err}")

    return _collect(records(), path, "jsonl", warnings)


def _elements(text: str, path: str) -> Iterable[tuple[int, Any]]:
    """(position, record or IngestError) for each top-level element of a JSON array, found by
    a linear scan of brackets and strings (no recursion, so depth costs nothing). O(len)."""
    depth = 0
    in_string = escaped = False
    start = text.index("[") + 1
    number = 0
    for i in range(start, len(text)):
        c = text[i]
        if in_string:
            if escaped:
                escaped = False
            elif c == "\\":
                escaped = True
            elif c == '"':
                in_string = False
            continue
        if c == '"':
            in_string = True
        elif c in "[{":
            depth += 1
        elif c in "]}" and depth > 0:
            depth -= 1
        elif (c == "," and depth == 0) or (c == "]" and depth == 0):
            chunk = text[start:i]
            start = i + 1
            if chunk.strip():
                number += 1
                yield number, _element(chunk, f"{path}#{number}")
            if c == "]":
                return
    if text[start:].strip():
        number += 1
        yield number, IngestError(f"{path}#{number}", "not valid JSON: the list is cut short")


def _element(chunk: str, path: str) -> Any:
    try:
        return loads(chunk)
    except ValueError as err:
        return IngestError(path, _reason(err))


def _collect(
    records: Iterable[tuple[int, Any]], path: str, fmt: str, warnings: list[str] | None
) -> list[Document]:
    documents: list[Document] = []
    problems: list[str] = []
    seen = 0
    for number, record in records:
        seen += 1
        try:
            if isinstance(record, IngestError):
                raise record
            documents.append(record_document(record, f"{path}#{number}", fmt))
        except IngestError as err:
            problems.append(str(err))
    if warnings is not None:
        warnings.extend(problems)
    if not documents:
        if not seen:
            raise IngestError(path, "empty: no records")
        first = problems[0].split(": ", 1)[-1] if problems else "no text"
        raise IngestError(path, f"no usable record among {seen} (first problem: {first})")
    return documents


def record_document(record: Any, path: str, fmt: str) -> Document:
    """One document from one JSON object; IngestError when it is not usable."""
    if not isinstance(record, dict):
        raise IngestError(path, f"record is a {type(record).__name__}, expected an object")
    text = _text_value(_first(record, TEXT_KEYS))
    if not text:
        raise IngestError(path, f"no text (expected one of the keys {', '.join(TEXT_KEYS)})")
    if len(_HTML_TAG.findall(text[:5000])) >= 2:
        text = visible_body_text(text)
    return make_document(
        text,
        path,
        fmt,
        title=_name(_first(record, TITLE_KEYS)),
        site=_name(_first(record, SITE_KEYS)),
        url=_name(_first(record, URL_KEYS)),
        published=parse_date(_first(record, DATE_KEYS)),
        author=_name(_first(record, AUTHOR_KEYS)),
    )


def _first(record: dict[str, Any], keys: tuple[str, ...]) -> Any:
    lowered = {k.lower(): v for k, v in record.items() if isinstance(k, str)}
    for key in keys:
        value = lowered.get(key)
        if value not in (None, "", [], {}):
            return value
    return None


def _text_value(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "\n\n".join(value)
    return None


def _name(value: Any) -> str | None:
    """A display string from a string, an object with a name, or a list of those."""
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        return _name(value.get("name") or value.get("title"))
    if isinstance(value, list):
        names = [n for n in (_name(v) for v in value) if n]
        return ", ".join(names) or None
    return None


def _read_json_file(source: Source) -> list[Document]:
    return read_json(decode_bytes(source.data(), source.display_path), source.display_path, source.warnings)


def _read_jsonl_file(source: Source) -> list[Document]:
    return read_jsonl(decode_bytes(source.data(), source.display_path), source.display_path, source.warnings)


READER = Format("json", (".json",), _read_json_file)
LINES_READER = Format("jsonl", (".jsonl", ".ndjson"), _read_jsonl_file)
