"""SQLite only: the file, its pragmas, other programs' files (the contract is in test_store.py)."""

import sqlite3

import pytest

from byline.store import StoreError, open_store
from byline.store.sqlite import SCHEMA_VERSION


def test_new_store_has_current_schema(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.close()
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_user_mistakes_give_store_errors(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(tmp_path / "missing.db", readonly=True)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(StoreError, match="not a byline store"):
        open_store(tmp_path / "notes.txt")
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="another program"):
        open_store(other)
    with pytest.raises(StoreError, match="is a folder"):
        open_store(tmp_path)


def test_newer_schema_is_refused(tmp_path):
    open_store(tmp_path / "s.db").close()
    conn = sqlite3.connect(tmp_path / "s.db")
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.commit()
    conn.close()
    with pytest.raises(StoreError, match="newer byline"):
        open_store(tmp_path / "s.db")
