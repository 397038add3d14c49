"""Tables built once per machine: byline's disk cache, and the gazetteer kept in it."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from byline import diskcache
from byline.extract import places


def test_built_once_then_read_back(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_CACHE", str(tmp_path))
    calls: list[int] = []

    def build() -> frozenset[str]:
        calls.append(1)
        return frozenset({"a", "b"})

    assert diskcache.cached("table", "k1", build, kind=frozenset) == {"a", "b"}
    assert diskcache.cached("table", "k1", build, kind=frozenset) == {"a", "b"}
    assert len(calls) == 1  # the second came from the file
    assert gc.isenabled()
    assert diskcache.cached("table", "k2", build) == {"a", "b"}  # another key: built again
    assert len(calls) == 2
    assert [p.name for p in tmp_path.glob("table-*.pkl")] == ["table-k2.pkl"]  # the stale one went


def test_a_broken_or_foreign_file_is_rebuilt(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_CACHE", str(tmp_path))
    (tmp_path / "table-k.pkl").write_bytes(b"truncated")
    assert diskcache.cached("table", "k", lambda: frozenset({"x"}), kind=frozenset) == {"x"}
    assert diskcache.cached("table", "k", lambda: frozenset({"y"}), kind=frozenset) == {"x"}  # now valid
    diskcache.cached("other", "k", lambda: ["a list"])
    assert diskcache.cached("other", "k", lambda: frozenset({"z"}), kind=frozenset) == {"z"}  # wrong type


def test_an_unwritable_cache_only_costs_time(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a file, not a folder"
    blocker.write_text("")
    monkeypatch.setenv("BYLINE_CACHE", str(blocker / "cache"))
    assert diskcache.cached("table", "k", lambda: frozenset({"x"})) == {"x"}


def test_key_follows_parts_and_source_text(tmp_path: Path) -> None:
    src = tmp_path / "m.py"
    src.write_text("A = 1\n")
    one = diskcache.key_of(["1.0"], [src])
    assert diskcache.key_of(["1.0"], [src]) == one
    assert diskcache.key_of(["1.1"], [src]) != one
    src.write_text("A = 2\n")
    assert diskcache.key_of(["1.0"], [src]) != one


def test_the_gazetteer_is_the_same_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_CACHE", str(tmp_path))
    built = places._build_gazetteer()
    assert places._gazetteer.__wrapped__() == built  # built and written
    assert len(list(tmp_path.glob("gazetteer-*.pkl"))) == 1
    assert places._gazetteer.__wrapped__() == built  # read back
    assert len(built) > 10_000  # cities, states and countries
