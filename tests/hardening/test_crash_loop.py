"""kill -9 in a loop: the build process or one of its workers, at seeded random moments.

After every kill no worker outlives its build (orphans are checked from /proc); after the
loop one uninterrupted build must give exports byte-identical to a clean build in all four
formats, one row per document and a sound SQLite file. CI runs a small sample; the full size
(40 articles, 26 kills) runs with BYLINE_FULL_SUITES=1 and prints its figures.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from tests_support import ecbplus_texts

from hardening.support import FULL, alive, byline_cmd, children, env

ARTICLES, KILLS = (40, 26) if FULL else (24, 2)  # 24: the workers run long enough to be hit
FORMATS = ("json", "ftm", "graphml", "csv")
ORPHAN_GRACE = 15.0  # seconds a worker may take to notice its build is gone


def _exports(db: Path, out: Path) -> dict[str, bytes]:
    found = {}
    for fmt in FORMATS:
        target = out / f"export.{fmt}" if fmt != "csv" else out / "export-csv.zip"  # csv: a zip of tables
        subprocess.run(
            byline_cmd("export", "--db", db, "-f", fmt, "-o", target),
            env=env(),
            check=True,
            capture_output=True,
        )
        found[fmt] = target.read_bytes()
    return found


def _build(corpus: Path, db: Path, workers: int) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        byline_cmd("build", corpus, "--db", db, "--workers", str(workers)),
        env=env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        kids = children(todo.pop())
        out += kids
        todo += kids
    return out


def test_kill_minus_nine_loop_leaves_no_orphans_and_loses_nothing(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(ecbplus_texts(ARTICLES)):
        (corpus / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    clean_db = tmp_path / "clean.db"
    started = time.monotonic()
    clean = _build(corpus, clean_db, 2)
    assert clean.wait(timeout=1800) == 0, clean.stderr.read().decode() if clean.stderr else ""
    clean_seconds = time.monotonic() - started
    (tmp_path / "clean").mkdir()
    expected = _exports(clean_db, tmp_path / "clean")

    rng = random.Random(20)
    db = tmp_path / "crash.db"
    orphans = worker_kills = main_kills = tracebacks = completed = 0
    fastest = clean_seconds  # the quickest whole build seen: kill moments are drawn below it
    rounds = attempts = 0
    while rounds < KILLS and attempts < 3 * KILLS + 5:
        attempts += 1
        kill_worker = rounds % 3 == 1
        proc = _build(corpus, db, 2)
        began = time.monotonic()
        moment = rng.uniform(0.5, max(1.0, fastest * 0.9))
        # a worker round waits for the workers however long the build takes to fork them (on a
        # busy machine that can be later than any fixed moment); a build round dies at its moment
        deadline = time.monotonic() + (1800 if kill_worker else moment)
        workers: list[int] = []
        while time.monotonic() < deadline and proc.poll() is None:
            workers = _descendants(proc.pid) or workers
            if kill_worker and workers:
                break
            time.sleep(0.1)
        if proc.poll() is not None:  # finished before its moment (a machine less busy than for the
            # clean build): start over so the next run has work, and try this round again sooner
            tracebacks += "Traceback" in proc.stderr.read().decode() if proc.stderr else 0
            completed += 1
            fastest = min(fastest, time.monotonic() - began)
            for leftover in tmp_path.glob("crash.db*"):
                leftover.unlink()
            continue
        rounds += 1
        workers = _descendants(proc.pid)
        if kill_worker and workers:
            time.sleep(rng.uniform(0.0, 0.5))  # workers forked from a loaded build analyse fast
            victim = rng.choice(workers)
            try:
                os.kill(victim, signal.SIGKILL)
                worker_kills += 1
            except ProcessLookupError:
                pass
            code = proc.wait(timeout=1800)  # the build replaces the pool and finishes
            err = proc.stderr.read().decode() if proc.stderr else ""
            tracebacks += "Traceback" in err
            assert code in (0, 1), err
        else:
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            main_kills += 1
        grace = time.monotonic() + ORPHAN_GRACE
        while any(alive(w) for w in workers) and time.monotonic() < grace:
            time.sleep(0.2)
        orphans += sum(1 for w in workers if alive(w))

    final = _build(corpus, db, 2)
    assert final.wait(timeout=1800) == 0, final.stderr.read().decode() if final.stderr else ""
    (tmp_path / "after").mkdir()
    got = _exports(db, tmp_path / "after")
    identical = sum(got[f] == expected[f] for f in FORMATS)
    conn = sqlite3.connect(db)
    docs, distinct = conn.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone()
    integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
    conn.close()
    figures = {
        "articles": ARTICLES,
        "main_kills": main_kills,
        "worker_kills": worker_kills,
        "builds_done_before_their_moment": completed,
        "orphans": orphans,
        "tracebacks": tracebacks,
        "identical_exports": f"{identical}/{len(FORMATS)}",
        "duplicates": docs - distinct,
        "integrity": integrity,
    }
    print("crash loop:", json.dumps(figures))
    assert orphans == 0 and tracebacks == 0
    assert identical == len(FORMATS), [f for f in FORMATS if got[f] != expected[f]]
    assert docs == distinct == ARTICLES and integrity == "ok"
    assert main_kills >= 1 and worker_kills >= 1
