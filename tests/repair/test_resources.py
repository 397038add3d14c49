"""The repair resources' on-disk cache."""

from __future__ import annotations

import gc
from pathlib import Path

import pytest

from byline.repair import RepairResources, resources


def test_a_rebuilt_cache_replaces_the_stale_ones(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BYLINE_CACHE", str(tmp_path))
    small = RepairResources(syn={}, strong={}, zipf={"word": 5.0}, bigram={})
    monkeypatch.setattr(resources, "build_resources", lambda: small)
    stale = tmp_path / "repair-0000000000000000.pkl"
    stale.write_bytes(b"an older version's cache")
    keep = tmp_path / "notes.txt"
    keep.write_text("not ours")
    got = resources.load_repair_resources()
    assert got.zipf == {"word": 5.0}
    assert not stale.exists() and keep.exists()
    assert len(list(tmp_path.glob("repair-*.pkl"))) == 1
    assert resources.load_repair_resources().zipf == {"word": 5.0}  # read back from the cache
    assert gc.isenabled(), "the collector, paused while the cache is read, runs again"
