"""What a reader is: a named format, its file extensions, and a function from a file to documents.

A reader module declares one ``READER = Format(...)`` at module level; ``reader.py`` finds
every module of this package that declares one, so one new file adds a format.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from byline.ingest.files import read_regular
from byline.model import Document


@dataclass
class Source:
    """One corpus file as a reader sees it; bytes are read on demand, at most ``max_bytes``."""

    path: Path
    display_path: str
    max_bytes: int
    warnings: list[str] | None = None
    _data: bytes | None = field(default=None, repr=False)

    def data(self) -> bytes:
        if self._data is None:
            self._data = read_regular(self.path, self.display_path, self.max_bytes)
        return self._data


@dataclass(frozen=True)
class Format:
    """A reader: ``name`` is ``Document.format``; ``extensions`` are lower-case, with the dot."""

    name: str
    extensions: tuple[str, ...]
    read: Callable[[Source], list[Document]]
    # a reader that streams the file itself (WARC) gets no "empty file" check on its bytes
    streams: bool = False
