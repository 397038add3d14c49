"""Lookup tables built once per machine: a pickle under ``$BYLINE_CACHE`` (default
``~/.cache/byline``), keyed by what the table is built from, so that a build's start-up loads
them in milliseconds instead of building them again (the place gazetteer: about a second).

A key changes with the data's package version and with the source of the code that builds the
table (its modules' text), so a stale table is never read; older tables of the same name are
removed when a new one is written. A cache that cannot be read or written (read-only home, a
truncated file) only costs the build: the table is built in memory.
"""

from __future__ import annotations

import gc
import hashlib
import os
import pickle
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir() -> Path:
    root = os.environ.get("BYLINE_CACHE")
    return Path(root) if root else Path.home() / ".cache" / "byline"


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic GC off while many small objects are unpickled: they hold no cycles, and the
    collections their allocations trigger can take half of the load."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def key_of(parts: Iterable[str], sources: Iterable[Path] = ()) -> str:
    """A short hash of ``parts`` (versions, options) and of the text of ``sources`` (the
    modules that build the table)."""
    h = hashlib.sha1()
    for part in parts:
        h.update(part.encode("utf-8", "replace") + b"\0")
    for path in sources:
        h.update(path.read_bytes() + b"\0")
    return h.hexdigest()[:16]


def cached(name: str, key: str, build: Callable[[], T], kind: type | None = None) -> T:
    """``build()``'s result, from ``<cache dir>/<name>-<key>.pkl`` when there (and of ``kind``
    when given), else built and written there for the next process."""
    path = cache_dir() / f"{name}-{key}.pkl"
    try:
        with path.open("rb") as fh, collector_paused():
            value = pickle.load(fh)
        if kind is None or isinstance(value, kind):
            return value  # type: ignore[no-any-return]
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError):
        pass  # absent, stale or truncated: built below
    value = build()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)
        for stale in path.parent.glob(f"{name}-*.pkl"):  # tables of older data or code
            if stale != path:
                stale.unlink(missing_ok=True)
    except OSError:
        pass  # read-only home: works, just slower next time
    return value
