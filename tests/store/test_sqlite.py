import sqlite3

import pytest

from byline.model import CorpusAnalysis, DocAnalysis, Document, Entity, Repair, Source
from byline.store import MATCH_END, MATCH_START, StoreError, open_store
from byline.store.sqlite import SCHEMA_VERSION


def doc(key: str, path: str, text: str = "Some article text.") -> Document:
    return Document(key=key, path=path, text=text, title="T " + key)


def test_new_store_has_current_schema(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.close()
    conn = sqlite3.connect(tmp_path / "s.db")
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_same_text_from_two_files_is_stored_once(tmp_path):
    store = open_store(tmp_path / "s.db")
    assert store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")]) == ["k1"]
    assert store.replace_file("/c/b.txt", "h2", [doc("k1", "b.txt")]) == []
    assert [d.key for d in store.documents()] == ["k1"]
    assert store.document_paths() == {"k1": ["a.txt", "b.txt"]}
    assert store.documents()[0].path == "a.txt"


def test_changed_file_replaces_its_documents_and_drops_orphans(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.replace_file("/c/a.jsonl", "h1", [doc("k1", "a.jsonl#1"), doc("k2", "a.jsonl#2")])
    store.save_analysis("k2", "1", DocAnalysis("k2"), b"sig")
    store.replace_file("/c/a.jsonl", "h2", [doc("k1", "a.jsonl#1"), doc("k3", "a.jsonl#2")])
    assert sorted(d.key for d in store.documents()) == ["k1", "k3"]
    assert "k2" not in store.analyses()
    assert store.search_documents("article")  # the index follows


def test_failed_file_keeps_what_it_gave_before(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    store.replace_file("/c/a.txt", "h2", [], error="binary file")
    assert [d.key for d in store.documents()] == ["k1"]
    state = store.file_state("/c/a.txt")
    assert state is not None and state.status == "failed" and state.error == "binary file"


def test_transaction_rolls_back_on_error(tmp_path):
    store = open_store(tmp_path / "s.db")
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
            raise RuntimeError("killed midway")
    assert store.documents() == []
    assert store.file_state("/c/a.txt") is None


def test_analysis_and_corpus_round_trip(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    analysis = DocAnalysis("k1", repairs=[Repair(0, 4, "Smoe", "Some", 0.9, "thesaurus", ("Same",))])
    store.save_analysis("k1", "1", analysis, b"\x00sig")
    corpus = CorpusAnalysis(entities=[Entity("e:x", "ORG", "X", ["Xx"], [Source("k1", 0, 4)])])
    store.save_corpus(corpus, "input")
    store.close()
    again = open_store(tmp_path / "s.db", readonly=True)
    assert again.analyses()["k1"] == analysis
    assert again.signatures() == {"k1": b"\x00sig"}
    assert again.corpus() == corpus
    assert again.corpus_input_hash() == "input"


def test_build_records_and_failures(tmp_path):
    store = open_store(tmp_path / "s.db")
    build = store.start_build()
    store.add_failure(build, "bad.bin", "binary file")
    store.finish_build(build, {"documents": 0})
    last = store.last_build()
    assert last is not None and last.failures == [("bad.bin", "binary file")]
    assert last.summary == {"documents": 0} and last.finished


def test_search_finds_words_and_survives_odd_queries(tmp_path):
    store = open_store(tmp_path / "s.db")
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt", "The [sic] harbour strike ended.")])
    hits = store.search_documents("harbour")
    assert [h.doc for h in hits] == ["k1"]
    assert f"[sic] {MATCH_START}harbour{MATCH_END} strike" in hits[0].snippet
    assert store.search_documents('"); DROP TABLE documents; --') == []
    assert store.search_documents("") == []


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
