"""Files to documents: finding corpus files, checking them, and choosing the reader."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

from byline.ingest.decode import decode_bytes
from byline.ingest.errors import IngestError
from byline.ingest.html import declared_charset, read_html
from byline.ingest.records import read_json, read_jsonl
from byline.ingest.text import read_text
from byline.ingest.warc import read_warc
from byline.model import Document

DEFAULT_MAX_BYTES = 20_000_000
_FOLDER_DOCS = ("readme", "license", "licence")

# extension -> Document.format
FORMATS: dict[str, str] = {
    ".txt": "txt",
    ".text": "txt",
    ".md": "md",
    ".markdown": "md",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".warc": "warc",
    ".warc.gz": "warc",
}


def format_of(path: Path) -> str | None:
    """The reader format for a file name (case-insensitive), or None when unsupported."""
    name = path.name.lower()
    for ext in sorted(FORMATS, key=len, reverse=True):
        if name.endswith(ext):
            return FORMATS[ext]
    return None


def iter_corpus_files(paths: list[Path]) -> Iterator[tuple[Path, str]]:
    """(file, path for display) for every file under the given files and folders.

    Folders are walked recursively in sorted name order; hidden files and folders (names
    starting with ".") inside them are skipped, and so are a folder's own documentation files
    (names starting with README, LICENSE or LICENCE, any case): a corpus folder that explains
    itself should not count its explanation as an article. Symlinked folders are not followed
    (no cycles). A file named explicitly is always yielded. Every given path is checked before
    the first file is yielded, so a typo fails the run before any work. Unknown extensions are
    yielded too: read_file reports them.
    """
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise IngestError(str(missing[0]), "no such file or folder")
    for given in paths:
        if given.is_dir():
            yield from _walk(given)
        else:
            yield given, str(given)


def _walk(folder: Path) -> Iterator[tuple[Path, str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as err:
        raise IngestError(str(folder), f"unreadable folder: {err.strerror or err}") from err
    for entry in entries:
        if entry.name.startswith(".") or entry.name.lower().startswith(_FOLDER_DOCS):
            continue
        child = folder / entry.name
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(child)
        elif entry.is_file():
            yield child, str(child)


def read_file(
    path: Path,
    display_path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warnings: list[str] | None = None,
) -> list[Document]:
    """The documents in one file (one for text, markdown and HTML; several for JSON, WARC).

    Raises IngestError with a one-line reason when the file yields nothing: missing,
    unreadable, unsupported extension, oversized, empty, binary, undecodable, or (for
    multi-record formats) no usable record. Problems with single records of a usable file
    are appended to ``warnings`` as "<path>#<n>: reason".
    """
    fmt = format_of(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise IngestError(display_path, "no such file or folder") from None
    except OSError as err:
        raise IngestError(display_path, f"unreadable: {err.strerror or err}") from err
    if path.is_dir():
        raise IngestError(display_path, "unreadable: is a folder, not a file")
    if fmt is None:
        supported = ", ".join(FORMATS)
        kind = f"extension '{_extension(path)}'" if _extension(path) else "file without extension"
        raise IngestError(display_path, f"unsupported {kind} (byline reads {supported})")
    if size > max_bytes:
        raise IngestError(
            display_path,
            f"oversized: {size:,} bytes is over the limit of {max_bytes:,} bytes (raise it with --max-bytes)",
        )
    if fmt == "warc":
        return read_warc(path, display_path, warnings)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(display_path, f"unreadable: {err.strerror or err}") from err
    if not data.strip():
        raise IngestError(display_path, f"empty: the file has no text ({len(data)} bytes)")
    declared = declared_charset(data) if fmt == "html" else None
    text = decode_bytes(data, display_path, declared)
    if fmt == "html":
        return [read_html(text, display_path)]
    if fmt == "json":
        return read_json(text, display_path, warnings)
    if fmt == "jsonl":
        return read_jsonl(text, display_path, warnings)
    return [read_text(text, display_path, fmt)]


def _extension(path: Path) -> str:
    suffixes = path.suffixes
    return "".join(suffixes[-2:]) if len(suffixes) > 1 and len(suffixes[-1]) <= 3 else path.suffix
