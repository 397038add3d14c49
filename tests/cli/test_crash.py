"""A build killed with SIGKILL midway, then run again: one row per document, nothing lost."""

from __future__ import annotations

import json
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from tests_support import ecbplus_texts


def _count(db: Path, table: str) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            return int(conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0])
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_sigkill_midway_then_rerun(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    texts = ecbplus_texts(40)
    for i, text in enumerate(texts):
        (corpus / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    db = tmp_path / "crash.db"
    cmd = [sys.executable, "-m", "byline.cli", "build", str(corpus), "--db", str(db), "--workers", "1"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 300
    try:
        while _count(db, "analyses") < 3:
            assert proc.poll() is None, "the build ended before it could be killed"
            assert time.monotonic() < deadline, "the build made no progress"
            time.sleep(0.1)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    analysed_before = _count(db, "analyses")
    assert 3 <= analysed_before < len(texts)

    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    assert rerun.returncode == 0, rerun.stderr
    conn = sqlite3.connect(db)
    documents = conn.execute("SELECT count(*), count(DISTINCT key) FROM documents").fetchone()
    analyses = conn.execute("SELECT count(*), count(DISTINCT doc) FROM analyses").fetchone()
    records = conn.execute("SELECT count(*) FROM records").fetchone()[0]
    fts = conn.execute("SELECT count(*) FROM documents_fts").fetchone()[0]
    conn.close()
    assert documents == (len(texts), len(texts))
    assert analyses == (len(texts), len(texts))
    assert records == len(texts) and fts == len(texts)
    exported = subprocess.run(
        [sys.executable, "-m", "byline.cli", "export", "--db", str(db)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert len(json.loads(exported.stdout)["documents"]) == len(texts)
