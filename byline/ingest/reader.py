"""Files to documents: finding corpus files, checking them, and choosing the reader by extension.

Readers come from a table keyed by extension, filled from every module of ``byline.ingest``
that declares a ``Format`` (``READER = Format(...)``) (see ``formats.py``): a new format is one new file.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import stat
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

import byline.ingest as _package
from byline.ingest.errors import IngestError
from byline.ingest.files import Walk, not_regular
from byline.ingest.formats import Format, Source
from byline.ingest.limits import LIMITS, cut_marks
from byline.model import Document

DEFAULT_MAX_BYTES = 20_000_000  # larger files are refused, named (--max-bytes changes it)


@lru_cache(maxsize=1)
def readers() -> dict[str, Format]:
    """extension -> reader, from every ``Format`` declared at module level in the package."""
    table: dict[str, Format] = {}
    for module in sorted(pkgutil.iter_modules(_package.__path__), key=lambda m: m.name):
        for reader in vars(importlib.import_module(f"byline.ingest.{module.name}")).values():
            if isinstance(reader, Format):
                for ext in reader.extensions:
                    table[ext] = reader
    return table


def reader_of(path: Path) -> Format | None:
    """The reader for a file name (case-insensitive, longest extension first), or None."""
    name = path.name.lower()
    table = readers()
    for ext in sorted(table, key=len, reverse=True):
        if name.endswith(ext):
            return table[ext]
    return None


def format_of(path: Path) -> str | None:
    """The reader format for a file name (case-insensitive), or None when unsupported."""
    reader = reader_of(path)
    return reader.name if reader else None


def iter_corpus_files(paths: list[Path], walk: Walk | None = None) -> Iterator[tuple[Path, str]]:
    """(file, path for display) for every file under the given files and folders.

    See ``files.Walk`` for the rules (hidden and documentation files passed over, links and
    special files skipped and named). Every given path is checked before the first file is
    yielded, so a typo fails the run before any work. Without a ``walk`` to collect them,
    the first problem (a missing path, an unreadable folder) is raised as IngestError.
    Unknown extensions are yielded too: read_file reports them.
    """
    missing = [p for p in paths if not os.path.lexists(p)]
    if missing:
        raise IngestError(str(missing[0]), "no such file or folder")
    own = walk or Walk()
    for item in own.files(paths):
        if walk is None and own.failures:
            raise own.failures[0]
        yield item
    if walk is None and own.failures:
        raise own.failures[0]


def read_file(
    path: Path,
    display_path: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    warnings: list[str] | None = None,
) -> list[Document]:
    """The documents in one file (one for text, markdown and HTML; several for JSON, WARC).

    Raises IngestError with a one-line reason when the file yields nothing: missing,
    unreadable, not a regular file, unsupported extension, oversized, empty, binary,
    undecodable, or (for multi-record formats) no usable record. Problems with single
    records of a usable file are appended to ``warnings`` as "<path>#<n>: reason".
    """
    reader = reader_of(path)
    try:
        info = path.stat()
    except FileNotFoundError:
        raise IngestError(display_path, "no such file or folder") from None
    except OSError as err:
        raise IngestError(display_path, f"unreadable: {err.strerror or err}") from err
    if stat.S_ISDIR(info.st_mode):
        raise IngestError(display_path, "unreadable: is a folder, not a file")
    if not stat.S_ISREG(info.st_mode):
        raise not_regular(display_path, info.st_mode)
    if reader is None:
        supported = ", ".join(sorted(readers(), key=lambda e: (readers()[e].name, e)))
        kind = f"extension '{_extension(path)}'" if _extension(path) else "file without extension"
        raise IngestError(display_path, f"unsupported {kind} (byline reads {supported})")
    if info.st_size > max_bytes:
        raise IngestError(
            display_path,
            f"oversized: {info.st_size:,} bytes is over the limit of {max_bytes:,} bytes "
            "(raise it with --max-bytes)",
        )
    source = Source(path, display_path, max_bytes, warnings)
    if not reader.streams:
        data = source.data()
        if not data.strip():
            raise IngestError(display_path, f"empty: the file has no text ({len(data)} bytes)")
    documents = reader.read(source)
    cut = sum(cut_marks(doc.text) for doc in documents)
    if cut and warnings is not None:
        warnings.append(
            f"{display_path}: {cut} over-long token(s) or punctuation run(s) cut "
            f"(limits: {LIMITS.max_token_chars:,} and {LIMITS.max_punct_run} characters)"
        )
    return documents


# extension -> Document.format, for help texts and callers that list what is read
FORMATS: dict[str, str] = {ext: reader.name for ext, reader in readers().items()}


def _extension(path: Path) -> str:
    suffixes = path.suffixes
    return "".join(suffixes[-2:]) if len(suffixes) > 1 and len(suffixes[-1]) <= 3 else path.suffix
