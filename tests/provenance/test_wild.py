"""Integration: `byline build` + export on the labelled wild set (real copies from the web, read
from ../shared at run time), scored as bench/provenance_wild.py scores it (issue 15 floors)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from conftest import REPO, SHARED

WILD = SHARED / "data" / "wild"


def bench_module():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("provenance_wild", REPO / "bench" / "provenance_wild.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["provenance_wild"] = module
    spec.loader.exec_module(module)
    return module


def test_wild_set_recall_false_links_and_roots(tmp_path: Path) -> None:
    assert (WILD / "labels.tsv").is_file(), f"the wild set is missing at {WILD}"
    bench = bench_module()
    labels = bench.read_labels(WILD)
    contract, _ = bench.byline_build(WILD / "corpus", tmp_path / "wild.db")
    origin, edges, roots = bench.byline_groups(contract)
    assert set(origin) == set(labels)
    result = bench.score(labels, origin)
    hit, positives = result["pairs"]
    false, negatives = result["false"]
    assert hit / positives >= 0.90, result
    assert false / negatives <= 0.02, result["false_pairs"]
    assert bench.spun_roots(labels, origin, roots) == []
    languages = {Path(d["path"]).name: d["language"] for d in contract["documents"]}
    assert {f for f, lang in languages.items() if lang != "en"} == {
        f for f, row in labels.items() if row["language"] not in ("en", "pcm")
    }
