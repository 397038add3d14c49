"""Builds started at once on one store: on a new store (table creation races) and on an
existing one (every stage writing at the same time). Every build must end cleanly (exit 0,
no traceback), the store must hold each article once, pass integrity_check, and export the
same bytes as one build alone. CI runs two rounds of two builds; BYLINE_FULL_SUITES=1 runs
five rounds of three.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
from pathlib import Path

from tests_support import ecbplus_texts

from hardening.support import FULL, byline_cmd, env

ROUNDS, AT_ONCE, ARTICLES = (5, 3, 6) if FULL else (1, 2, 3)


def _export(db: Path) -> str:
    done = subprocess.run(
        byline_cmd("export", "--db", db), env=env(), capture_output=True, text=True, check=True
    )
    return done.stdout


def test_builds_started_at_once_agree_with_one_build_alone(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i, text in enumerate(ecbplus_texts(ARTICLES)):
        (corpus / f"a{i}.txt").write_text(text, encoding="utf-8")
    alone = tmp_path / "alone.db"
    subprocess.run(
        byline_cmd("build", corpus, "--db", alone, "--workers", "1"),
        env=env(),
        check=True,
        capture_output=True,
    )
    expected = _export(alone)

    failures, tracebacks = [], 0
    for round_ in range(ROUNDS):
        db = tmp_path / f"together{round_}.db"
        for fresh in (True, False):  # a new store, then the same store again with a changed file
            if not fresh:
                (corpus / "a0.txt").touch()
            procs = [
                subprocess.Popen(
                    byline_cmd("build", corpus, "--db", db, "--workers", "1"),
                    env=env(),
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    text=True,
                )
                for _ in range(AT_ONCE)
            ]
            for proc in procs:
                _, err = proc.communicate(timeout=900)
                tracebacks += "Traceback" in err
                if proc.returncode != 0:
                    failures.append((round_, fresh, proc.returncode, err[-500:]))
        conn = sqlite3.connect(db)
        docs, distinct = conn.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone()
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        conn.close()
        assert docs == distinct == ARTICLES and integrity == "ok"
        assert _export(db) == expected
    print(
        "concurrent builds:",
        json.dumps(
            {"rounds": ROUNDS, "at_once": AT_ONCE, "failed_builds": len(failures), "tracebacks": tracebacks}
        ),
    )
    assert not failures and tracebacks == 0, failures[:3]
