"""The demo corpus (examples/) built end to end: the spun copy is repaired from its original."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import EXAMPLES
from typer.testing import CliRunner

from byline.cli import app


def test_the_spun_example_derives_from_and_is_repaired_from_its_original(tmp_path: Path) -> None:
    db, out = tmp_path / "ex.db", tmp_path / "ex.json"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(EXAMPLES), "--db", str(db), "--workers", "1"]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    contract = json.loads(out.read_text())
    by_file = {Path(d["path"]).name: d for d in contract["documents"]}
    spun, original = by_file["04_spun_daily_news_hub.txt"], by_file["01_original_adriatic_courier.txt"]
    # its likeliest parent first: the original it copies, not the rewrite it merely agrees with
    assert spun["derived_from"][0] == {**spun["derived_from"][0], "doc": original["id"], "kind": "spun"}
    repairs = {r["text"]: r for r in spun["repairs"]}
    # a non-word and two real-word swaps, all undone from the aligned original
    assert repairs["netjob"]["replacement"] == "network"
    assert repairs["decennium"]["replacement"] == "decade"
    assert repairs["solitary"]["replacement"] == "single"
    assert {r["method"] for r in spun["repairs"]} == {"alignment"}
    assert len(spun["repairs"]) >= 20
    # the other documents are clean and stay untouched
    assert all(not d["repairs"] for d in contract["documents"] if d["id"] != spun["id"])
    # stories are named by their entities' full names, acronyms spelled out
    labels = " | ".join(s["label"] for s in contract["stories"])
    assert "Lucia Venturelli" in labels and "Joint Adriatic Task Force" in labels
