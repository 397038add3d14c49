"""Several copies of one report, the original absent: the copies vote on each other's swaps."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from byline.cli import app

REPORT = (
    "The city council of Valdora approved the new harbour budget on Monday after a long debate, "
    "the mayor's office said. The plan gives the port authority 40 million euros to dredge the "
    "main channel, repair the north pier and build a network of cameras along the waterfront. "
    "Dock workers had asked for the money since a storm damaged the pier in 2022. Officials "
    "said the information about the contract would be published next week, and that work "
    "should begin in the spring. The opposition said the interview with the port chief left "
    "many questions open about the warehouse leases."
)


def _spin(text: str, swaps: dict[str, str]) -> str:
    for old, new in swaps.items():
        assert old in text
        text = text.replace(old, new)
    return text


def _repairs_of(tmp_path: Path, corpus: Path, name: str) -> dict[str, str]:
    """Build and export the corpus; the repairs of document ``name`` (text -> replacement)."""
    db, out = tmp_path / "v.db", tmp_path / "v.json"
    runner = CliRunner()
    assert runner.invoke(app, ["build", str(corpus), "--db", str(db)]).exit_code == 0
    assert runner.invoke(app, ["export", "--db", str(db), "-o", str(out)]).exit_code == 0
    docs = {Path(d["path"]).name: d for d in json.loads(out.read_text())["documents"]}
    return {r["text"]: r["replacement"] for r in docs[name]["repairs"]}


def test_a_third_copy_keeps_the_cleaner_copys_own_swap_out(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    heavy = {
        "city council": "city committee",
        "network": "netjob",
        "information": "inshapeation",
        "interview": "interobserve",
        "warehouse": "warelodge",
    }
    (corpus / "a_heavily_spun.txt").write_text(_spin(REPORT, heavy) + "\n")
    (corpus / "b_lightly_spun.txt").write_text(_spin(REPORT, {"the new harbour": "the fresh harbour"}) + "\n")
    (corpus / "c_lightly_spun.txt").write_text(_spin(REPORT, {"long debate": "lengthy debate"}) + "\n")
    repairs = _repairs_of(tmp_path, corpus, "a_heavily_spun.txt")
    # the cleaner copy b undoes a's swaps, non-words and "committee" alike ...
    assert repairs["committee"] == "council" and repairs["netjob"] == "network"
    # ... but not with its own swap: copy c still says "new" there, and outvotes it
    assert "new" not in repairs


def test_copies_all_spun_repair_each_other_by_majority(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # no copy is cleaner than a: each has its own non-words, a the fewest, and its own real-word swap
    a = {
        "city council": "city committee",
        "network": "netjob",
        "information": "inshapeation",
        "interview": "interobserve",
    }
    b = {
        "new harbour": "fresh harbour",
        "network": "netjob",
        "information": "inshapeation",
        "interview": "interobserve",
        "warehouse": "warelodge",
    }
    c = {
        "long debate": "lengthy debate",
        "network": "netjob",
        "information": "inshapeation",
        "interview": "interobserve",
        "warehouse": "warelodge",
        "dredge": "dwelldge",
    }
    for name, swaps in (("a.txt", a), ("b.txt", b), ("c.txt", c)):
        (corpus / name).write_text(_spin(REPORT, swaps) + "\n")
    repairs = _repairs_of(tmp_path, corpus, "a.txt")
    assert repairs.get("committee") == "council"  # b and c both say "council"
    assert "new" not in repairs and "long" not in repairs  # each outvoted where it stands alone


def test_two_lightly_spun_copies_align_with_each_other(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    # each copy shows one non-word and one whole-word swap: too little to score as spun on its
    # own, but linked as near-copies, each is aligned with the other
    a = {"the new harbour": "the fresh harbour", "network": "netjob"}
    b = {"long debate": "lengthy debate", "information": "inshapeation"}
    for name, swaps in (("a.txt", a), ("b.txt", b)):
        (corpus / name).write_text(_spin(REPORT, swaps) + "\n")
    assert _repairs_of(tmp_path, corpus, "a.txt") == {"fresh": "new", "netjob": "network"}
