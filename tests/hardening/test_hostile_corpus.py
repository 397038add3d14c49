"""A corpus of generated hostile files mixed with real articles, built through the CLI.

Asserts: exit code 1, no traceback, no hang (a wall-clock guard), every bad file or record
named on a "failed:" or "warning:" line, every good article and record stored, nothing that
should be skipped read. CI builds a sample (every class at least once); BYLINE_FULL_SUITES=1
builds at least 1,000 hostile files with 40 real articles and prints the figures.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import time
from collections import Counter
from pathlib import Path

from rich.text import Text
from tests_support import ecbplus_texts

from byline.cli import shown
from byline.pipeline import _storable
from hardening.hostile import MAX_BYTES, generate
from hardening.support import FULL, byline_cmd, env

HOSTILE, REAL, WORKERS = (1000, 40, 2) if FULL else (40, 4, 1)
HANG_GUARD = 3600 if FULL else 900  # seconds; a build past this is a hang


def _display(root: Path, name: str) -> str:
    """The path as the CLI prints it: stored form, control characters escaped, markup inert."""
    raw = os.fsdecode(os.fsencode(root) + b"/" + os.fsencode(name))
    return Text.from_markup(shown(_storable(raw))).plain


def test_hostile_corpus_names_every_bad_file_and_keeps_every_good_record(tmp_path: Path) -> None:
    root = tmp_path / "corpus"
    root.mkdir()
    cases = generate(root, HOSTILE, ecbplus_texts(REAL))
    db = tmp_path / "hostile.db"
    started = time.monotonic()
    done = subprocess.run(
        byline_cmd("build", root, "--db", db, "--workers", str(WORKERS), "--max-bytes", str(MAX_BYTES)),
        env=env(),
        capture_output=True,
        text=True,
        errors="replace",
        timeout=HANG_GUARD,
    )
    seconds = time.monotonic() - started
    failed = [line[len("failed: ") :] for line in done.stderr.splitlines() if line.startswith("failed: ")]
    warned = [line[len("warning: ") :] for line in done.stderr.splitlines() if line.startswith("warning: ")]
    conn = sqlite3.connect(db)
    stored = {row[0] for row in conn.execute("SELECT path FROM records")}
    conn.close()

    unnamed, lost, wrongly_read = [], [], []
    for case in cases:
        shown_path = _display(root, case.name)
        if case.expect == "failed" and not any(line.startswith(shown_path + ": ") for line in failed):
            unnamed.append(case)
        elif case.expect == "skipped":
            if not any(line.startswith(shown_path + ": skipped") for line in warned):
                unnamed.append(case)
            if any(p.startswith(_storable(str(root / case.name))) for p in stored):
                wrongly_read.append(case)
        elif case.expect == "stored":
            base = _storable(os.fsdecode(os.fsencode(root) + b"/" + os.fsencode(case.name)))
            lost += [(case, s) for s in case.good if base + s not in stored]
            unnamed += [case for s in case.bad if not any(w.startswith(f"{shown_path}{s}: ") for w in warned)]
    kinds = Counter(case.kind for case in cases)
    records = sum(len(c.good) + len(c.bad) for c in cases if c.expect == "stored")
    figures = {
        "files": len(cases),
        "hostile_files": HOSTILE,
        "real_articles": REAL,
        "classes": len(kinds),
        "records_in_multi_record_files": records,
        "exit_code": done.returncode,
        "tracebacks": int("Traceback" in done.stderr or "Traceback" in done.stdout),
        "hangs": 0,
        "unnamed_failures": len(unnamed),
        "good_records_lost": len(lost),
        "links_or_pipes_read": len(wrongly_read),
        "failed_lines": len(failed),
        "warning_lines": len(warned),
        "seconds": round(seconds, 1),
    }
    print("hostile corpus:", json.dumps(figures))
    assert "Traceback" not in done.stderr and "Traceback" not in done.stdout, done.stderr[-3000:]
    assert done.returncode == 1, done.stderr[-3000:]
    assert not unnamed, [(c.name, c.kind) for c in unnamed[:10]]
    assert not lost, [(c.name, s) for c, s in lost[:10]]
    assert not wrongly_read
    assert len(kinds) >= 17
