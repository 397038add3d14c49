"""Provenance on real copies from the wild: byline against 5-shingle MinHash LSH, in one run.

    python3 bench/provenance_wild.py [--data ../shared/data/wild] [--db /tmp/x.db]

Builds ``<data>/corpus`` with ``byline build`` into a temporary store, exports the json contract
and scores it against ``<data>/labels.tsv``:
- same-origin pair recall: pairs of one origin group (an original and everything derived from it)
  that the export puts in one origin;
- false links: pairs of different origin groups of one family (independent reports of the same
  event, the hard negatives) that the export puts in one origin;
- per-role recall: documents (other than a group's originals) put in the origin of their group's
  original, by role;
- per-kind precision: ``derived_from`` edges of a kind, against the kind that the roles of the
  edge's two documents map to (reprint -> verbatim, spun -> spun, rewrite -> rewrite, summary ->
  summary, translation -> translation); an edge outside one origin group is wrong;
- roots: origins holding a clean copy (original or reprint) whose root is a spun copy.
Baselines beside it: 5-shingle MinHash LSH (datasketch, 128 permutations) at thresholds 0.2 and
0.5, connected components.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from itertools import combinations
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.provenance.text import shingles, words  # noqa: E402

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "shared/data/wild"
ROLE_KIND = {
    "reprint": "verbatim",
    "spun": "spun",
    "rewrite": "rewrite",
    "summary": "summary",
    "translation": "translation",
}
ROLES = ["reprint", "spun", "rewrite", "summary", "translation"]


def read_labels(data: Path) -> dict[str, dict[str, str]]:
    with (data / "labels.tsv").open(encoding="utf-8") as fh:
        return {row["file"]: row for row in csv.DictReader(fh, delimiter="\t")}


def byline_build(corpus: Path, db: Path) -> tuple[dict, float]:
    """Build and export with the CLI (as a user would); the contract and the build's seconds."""
    env = dict(os.environ)
    cmd = [sys.executable, "-m", "byline.cli"]
    t0 = time.perf_counter()
    subprocess.run([*cmd, "build", str(corpus), "--db", str(db)], check=True, env=env, capture_output=True)
    seconds = time.perf_counter() - t0
    out = subprocess.run(
        [*cmd, "export", "--db", str(db), "--format", "json"], check=True, env=env, capture_output=True
    )
    return json.loads(out.stdout), seconds


def byline_groups(contract: dict) -> tuple[dict[str, str], list[tuple[str, str, str]], dict[str, str]]:
    """file -> origin id; derived_from edges (child file, parent file, kind); origin id -> root file."""
    name = {d["id"]: Path(d["path"]).name for d in contract["documents"]}
    origin = {name[d["id"]]: d["origin"] for d in contract["documents"]}
    edges = [
        (name[d["id"]], name[e["doc"]], e["kind"]) for d in contract["documents"] for e in d["derived_from"]
    ]
    roots = {o["id"]: name[o["root"]] for o in contract["origins"]}
    return origin, edges, roots


def lsh_groups(corpus: Path, files: list[str], threshold: float) -> dict[str, str]:
    """Connected components of 5-shingle MinHash LSH candidates (the baseline)."""
    from datasketch import MinHash, MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=128)
    hashes = {}
    for f in files:
        mh = MinHash(num_perm=128, seed=1)
        for s in shingles(words((corpus / f).read_text(encoding="utf-8", errors="replace")), 5):
            mh.update(s.encode("utf-8"))
        hashes[f] = mh
        lsh.insert(f, mh)
    parent = {f: f for f in files}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for f in files:
        for other in lsh.query(hashes[f]):
            parent[find(other)] = find(f)
    return {f: find(f) for f in files}


def score(labels: dict[str, dict[str, str]], origin: dict[str, str]) -> dict:
    files = sorted(labels)
    pos = neg = pos_hit = neg_hit = 0
    false_pairs = []
    for x, y in combinations(files, 2):
        lx, ly = labels[x], labels[y]
        same = origin[x] == origin[y]
        if lx["origin_group"] == ly["origin_group"]:
            pos += 1
            pos_hit += same
        elif lx["family"] == ly["family"]:
            neg += 1
            neg_hit += same
            if same:
                false_pairs.append((x, y))
    originals: dict[str, list[str]] = defaultdict(list)
    for f in files:
        if labels[f]["role"] == "original":
            originals[labels[f]["origin_group"]].append(f)
    roles: dict[str, list[int]] = {r: [0, 0] for r in ROLES}
    for f in files:
        role = labels[f]["role"]
        if role in roles:
            roles[role][1] += 1
            roles[role][0] += any(origin[f] == origin[o] for o in originals[labels[f]["origin_group"]])
    return {
        "pairs": (pos_hit, pos),
        "false": (neg_hit, neg),
        "false_pairs": false_pairs,
        "roles": roles,
    }


def kind_precision(labels: dict[str, dict[str, str]], edges: list[tuple[str, str, str]]) -> dict:
    """Per derivation kind: (edges whose kind one of the two documents' roles maps to, edges judged).

    An edge between two documents of one group whose roles map to no kind (original and original)
    is not judged; an edge across groups counts as wrong."""
    out: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for child, parent, kind in edges:
        lc, lp = labels[child], labels[parent]
        if lc["origin_group"] != lp["origin_group"]:
            out[kind][1] += 1
            continue
        expected = {ROLE_KIND.get(lc["role"]), ROLE_KIND.get(lp["role"])} - {None}
        if lc["role"] in ("original", "reprint") and lp["role"] in ("original", "reprint"):
            expected.add("verbatim")
        if not expected:
            continue
        out[kind][1] += 1
        out[kind][0] += kind in expected
    return dict(out)


def spun_roots(labels: dict[str, dict[str, str]], origin: dict[str, str], roots: dict[str, str]) -> list[str]:
    """Roots that are spun copies in an origin that holds a clean copy (original or reprint)."""
    bad = []
    for oid, root in roots.items():
        members = [f for f, o in origin.items() if o == oid]
        clean = any(labels[f]["role"] in ("original", "reprint") for f in members)
        if clean and labels[root]["role"] == "spun":
            bad.append(root)
    return sorted(bad)


def fmt_ratio(hit: int, total: int) -> str:
    return f"{hit}/{total} = {hit / total:.3f}" if total else "0/0"


def report(name: str, result: dict) -> None:
    print(f"\n== {name}")
    print(f"same-origin pair recall       {fmt_ratio(*result['pairs'])}")
    print(f"false links (same event)      {fmt_ratio(*result['false'])}")
    for x, y in result["false_pairs"]:
        print(f"   false: {x} ~ {y}")
    print("per-role recall (documents in their original's origin):")
    for role, (hit, total) in result["roles"].items():
        print(f"   {role:12s} {fmt_ratio(hit, total)}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA)
    ap.add_argument("--db", type=Path, default=None, help="keep the store here (default: a temp file)")
    args = ap.parse_args()
    labels = read_labels(args.data)
    corpus = args.data / "corpus"
    with tempfile.TemporaryDirectory(prefix="byline-wild-") as tmp:
        db = args.db or Path(tmp) / "wild.db"
        contract, seconds = byline_build(corpus, db)
    origin, edges, roots = byline_groups(contract)
    missing = sorted(set(labels) - set(origin))
    if missing:
        raise SystemExit(f"not in the export: {missing}")
    print(f"corpus {corpus} ({len(labels)} documents), byline build {seconds:.1f}s")
    result = score(labels, origin)
    report("byline", result)
    print("per-kind precision of derived_from (kind expected from the roles):")
    for kind, (hit, total) in sorted(kind_precision(labels, edges).items()):
        print(f"   {kind:12s} {fmt_ratio(hit, total)}")
    bad = spun_roots(labels, origin, roots)
    print(f"spun roots of origins with a clean copy: {len(bad)} {bad if bad else ''}")
    languages = {Path(d["path"]).name: d.get("language") for d in contract["documents"]}
    if any(languages.values()):
        right = sum(languages[f] == labels[f]["language"] for f in labels)
        print(f"document language = label: {fmt_ratio(right, len(labels))}")
    for threshold in (0.2, 0.5):
        report(
            f"5-shingle MinHash LSH at {threshold}",
            score(labels, lsh_groups(corpus, sorted(labels), threshold)),
        )


if __name__ == "__main__":
    main()
