"""Scale-out: the same corpus built with local processes (SQLite) and on a Dask LocalCluster
(PostgreSQL), side by side in one run.

    python3 bench/scale_out.py [--sizes 150 300] [--workers 2] [--rounds 1]

Corpus: the first N distinct ECB+ articles plus 5% planted copies (header, truncation, shuffle,
as in bench/provenance_eval.py), written as text files. Each build runs in its own process
(``--child``), so its peak RSS (ru_maxrss of that process, not of its workers) is the client's.
Local: ``--workers`` worker processes into SQLite. Dask: a ``--workers``-worker LocalCluster into
PostgreSQL (a throwaway server, tests/pg_support.py). Prints per size and mode: wall time, the
per-document stage's time, client peak RSS; the Dask/local ratios; whether the two exports are
byte-identical; and the store's size per document on PostgreSQL, with a 1M-document estimate.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from provenance_eval import DEFAULT_DATA, load, plant  # noqa: E402

COPY_RATE = 0.05  # share of documents that get a planted copy (as in bench/provenance_scale.py)
COPY_KINDS = ["header", "truncation", "shuffle"]


def write_corpus(folder: Path, size: int, seed: int = 17) -> int:
    """``size`` distinct ECB+ articles plus planted copies; returns the number of files."""
    rows, seen, picked = load(DEFAULT_DATA), set(), []
    for row in rows:
        if len(row["text"].split()) >= 150 and row["text"] not in seen:
            seen.add(row["text"])
            picked.append(row)
            if len(picked) == size:
                break
    rng = random.Random(seed)
    folder.mkdir(parents=True)
    n = 0
    for i, row in enumerate(picked):
        (folder / f"a{i:05d}.txt").write_text(row["text"], encoding="utf-8")
        n += 1
        if rng.random() < COPY_RATE and len(row["sentences"]) >= 4:
            kind = rng.choice(COPY_KINDS)
            (folder / f"a{i:05d}_{kind}.txt").write_text(
                plant(kind, row["sentences"], rng, seed), encoding="utf-8"
            )
            n += 1
    return n


class StageClock:
    """A build Progress that records when each stage starts and finishes."""

    def __init__(self) -> None:
        self.started: dict[str, float] = {}
        self.seconds: dict[str, float] = {}

    def start(self, stage: str, total: int | None) -> None:
        self.started[stage] = time.perf_counter()

    def advance(self, stage: str, amount: int = 1) -> None:
        pass

    def finish(self, stage: str) -> None:
        self.seconds[stage] = time.perf_counter() - self.started[stage]


def child(corpus: Path, db: str, executor: str, workers: int) -> None:
    """One build in this process; prints its figures as JSON."""
    from byline.export import render
    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    clock = StageClock()
    t0 = time.perf_counter()
    store = open_store(db)
    try:
        summary = build(store, [corpus], BuildOptions(workers=workers, executor=executor), clock)
    finally:
        store.close()
    wall = time.perf_counter() - t0
    store = open_store(db, readonly=True)
    try:
        exported = render(store, "json")
    finally:
        store.close()
    print(
        json.dumps(
            {
                "wall": wall,
                "stages": clock.seconds,
                "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                "documents": summary.documents,
                "failures": len(summary.failures),
                "export_sha": hashlib.sha256(exported.encode()).hexdigest(),
            }
        )
    )


def run_child(corpus: Path, db: str, executor: str, workers: int) -> dict:
    cmd = [sys.executable, __file__, "--child", str(corpus), db, executor, str(workers)]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=7200)
    if done.returncode != 0:
        raise SystemExit(f"{executor} build failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def database_bytes(url: str) -> int:
    import psycopg

    with psycopg.connect(url) as conn:
        row = conn.execute("SELECT pg_database_size(current_database())").fetchone()
    return int(row[0]) if row else 0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[150, 300])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=1, help="alternating local/dask rounds per size")
    parser.add_argument("--child", nargs=4, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        corpus, db, executor, workers = args.child
        child(Path(corpus), db, executor, int(workers))
        return

    from pg_support import start_cluster

    cluster = start_cluster()
    scratch = Path(tempfile.mkdtemp(prefix="byline-scale-"))
    rows = []
    try:
        for size in args.sizes:
            corpus = scratch / f"corpus{size}"
            files = write_corpus(corpus, size)
            for r in range(args.rounds):
                local = run_child(corpus, str(scratch / f"s{size}_{r}.db"), "local", args.workers)
                url = cluster.new_database(f"scale{size}_{r}")
                dask = run_child(corpus, url, "dask", args.workers)
                per_doc_bytes = database_bytes(url) / max(1, dask["documents"])
                rows.append((size, files, r, local, dask, per_doc_bytes))
                print(
                    f"size {size} round {r}: local {local['wall']:.1f}s, dask {dask['wall']:.1f}s", flush=True
                )
    finally:
        cluster.stop()
        shutil.rmtree(scratch, ignore_errors=True)

    print()
    print(
        f"{args.workers} workers; one machine; local = processes + SQLite, dask = LocalCluster + PostgreSQL"
    )
    head = "| docs | mode | wall s | analyse s | corpus s | client peak RSS MB | identical export |"
    print(head)
    print("|---" * (head.count("|") - 1) + "|")
    for _size, files, _r, local, dask, _b in rows:
        same = "yes" if local["export_sha"] == dask["export_sha"] else "NO"
        for mode, m in (("local", local), ("dask", dask)):
            st = m["stages"]
            print(
                f"| {m['documents']} ({files} files) | {mode} | {m['wall']:.1f} | {st.get('analyse', 0):.1f} "
                f"| {st.get('corpus', 0):.1f} | {m['rss_mb']:.0f} | {same} |"
            )
    print()
    for size, _files, r, local, dask, per_doc in rows:
        wall_ratio = dask["wall"] / local["wall"]
        stage_ratio = dask["stages"].get("analyse", 0) / max(1e-9, local["stages"].get("analyse", 0))
        print(
            f"N={size} round {r}: dask/local wall {wall_ratio:.2f}x, per-document stage {stage_ratio:.2f}x; "
            f"PostgreSQL store {per_doc / 1024:.0f} KiB/document"
        )
    size, _files, _r, local, dask, per_doc = rows[-1]
    per_doc_s = dask["stages"].get("analyse", 0) * args.workers / max(1, dask["documents"])
    worker_hours = per_doc_s * 1e6 / 3600
    corpus_s = dask["stages"].get("corpus", 0)
    print(
        f"\n1M documents on paper (from N={size}): {per_doc_s:.2f} worker-seconds/document -> "
        f"{worker_hours:.0f} worker-hours (e.g. {worker_hours / 32:.1f} h on 32 workers); "
        f"store about {per_doc * 1e6 / 1e9:.0f} GB; corpus stage measured {corpus_s:.0f} s "
        f"at N={size} (runs on the client; see issue 18 for its growth)."
    )


if __name__ == "__main__":
    main()
