"""SQLite with local processes and PostgreSQL with Dask give byte-identical exports.

The 300-article ECB+ check is in bench/scale_out.py (it builds both ways anyway).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import EXAMPLES

from byline.export import render
from byline.store import open_store


def _export(location: Path | str) -> str:
    store = open_store(location, readonly=True)
    try:
        return render(store, "json")
    finally:
        store.close()


def test_seeds_export_the_same_from_sqlite_local_and_postgres_dask(seeds_db: Path, seeds_pg: str):
    sqlite_json, postgres_json = _export(seeds_db), _export(seeds_pg)
    assert '"documents": [' in sqlite_json and sqlite_json.count('"path"') >= 5
    assert postgres_json == sqlite_json


def _byline(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "byline.cli", *args], capture_output=True, text=True, timeout=900
    )


def test_examples_through_the_cli_on_both_stacks(tmp_path: Path, postgres_url: str):
    local = _byline("build", str(EXAMPLES), "--db", str(tmp_path / "ex.db"), "--workers", "2")
    assert local.returncode == 0, local.stderr
    dask = _byline("build", str(EXAMPLES), "--db", postgres_url, "--executor", "dask", "--workers", "2")
    assert dask.returncode == 0, dask.stderr
    assert "Dask dashboard: http://127.0.0.1:" in dask.stderr
    assert "new documents" in dask.stdout
    from_sqlite = _export_cli(str(tmp_path / "ex.db"))
    from_postgres = _export_cli(postgres_url)
    assert from_sqlite.count('"repairs"') >= 5
    assert from_postgres == from_sqlite
    again = _byline("build", str(EXAMPLES), "--db", postgres_url, "--executor", "dask")
    assert again.returncode == 0 and "Dask dashboard" not in again.stderr  # nothing left to analyse
    assert _export_cli(postgres_url) == from_sqlite
    info = _byline("info", "--db", postgres_url)
    assert info.returncode == 0 and "documents" in info.stdout and "interrupted" not in info.stdout
    report = _byline("report", "--db", postgres_url, "-o", str(tmp_path / "dossier.html"))
    assert report.returncode == 0, report.stderr
    assert (tmp_path / "dossier.html").stat().st_size > 10_000


def test_an_unreachable_store_is_one_line_without_the_password(tmp_path: Path):
    done = _byline("info", "--db", f"postgresql://analyst:s3cret@/news?host={tmp_path}")
    assert done.returncode == 2
    assert "cannot connect" in done.stderr and "s3cret" not in done.stderr + done.stdout
    assert "Traceback" not in done.stderr


def _export_cli(db: str) -> str:
    done = _byline("export", "--db", db, "--format", "json")
    assert done.returncode == 0, done.stderr
    return done.stdout
