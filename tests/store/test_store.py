"""The store's contract, on every backend: SQLite (a file) and PostgreSQL (a throwaway server)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.model import CorpusAnalysis, DocAnalysis, Document, Entity, Repair, Source
from byline.store import MATCH_END, MATCH_START, open_store


def doc(key: str, path: str, text: str = "Some article text.") -> Document:
    return Document(key=key, path=path, text=text, title="T " + key)


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Path | str:
    """Where a new store goes: an SQLite file, or an empty PostgreSQL database."""
    if request.param == "sqlite":
        return tmp_path / "s.db"
    return str(request.getfixturevalue("postgres_url"))


def test_documents_of_some_keys_come_sorted_by_path_without_the_missing(location):
    """What a build reads a batch at a time: only the keys asked for, in path order, and a key
    no longer stored is left out (its file changed meanwhile)."""
    store = open_store(location)
    for key, path in [("k1", "c.txt"), ("k2", "a.txt"), ("k3", "b.txt")]:
        store.replace_file(f"/c/{path}", "h" + key, [doc(key, path, f"Text {key}.")])
    assert [(d.key, d.path, d.text) for d in store.documents(["k1", "k2", "gone"])] == [
        ("k2", "a.txt", "Text k2."),
        ("k1", "c.txt", "Text k1."),
    ]
    assert store.documents([]) == []
    assert store.documents(["k3"]) == [d for d in store.documents() if d.key == "k3"]


def test_same_text_from_two_files_is_stored_once(location):
    store = open_store(location)
    assert store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")]) == ["k1"]
    assert store.replace_file("/c/b.txt", "h2", [doc("k1", "b.txt")]) == []
    assert [d.key for d in store.documents()] == ["k1"]
    assert store.document_paths() == {"k1": ["a.txt", "b.txt"]}
    assert store.documents()[0].path == "a.txt"
    assert store.count_documents() == 1
    store.close()


def test_paths_sort_by_code_point_whatever_the_locale(location):
    store = open_store(location)
    store.replace_file(
        "/c/x", "h", [doc("k1", "b.txt"), doc("k2", "B.txt"), doc("k3", "_a.txt"), doc("k4", "é.txt")]
    )
    assert [d.path for d in store.documents()] == ["B.txt", "_a.txt", "b.txt", "é.txt"]
    store.close()


def test_changed_file_replaces_its_documents_and_drops_orphans(location):
    store = open_store(location)
    store.replace_file("/c/a.jsonl", "h1", [doc("k1", "a.jsonl#1"), doc("k2", "a.jsonl#2")])
    store.save_analysis("k2", "1", DocAnalysis("k2"), b"sig")
    store.replace_file("/c/a.jsonl", "h2", [doc("k1", "a.jsonl#1"), doc("k3", "a.jsonl#2", "Other words.")])
    assert sorted(d.key for d in store.documents()) == ["k1", "k3"]
    assert "k2" not in store.analyses()
    assert [h.doc for h in store.search_documents("article")] == ["k1"]  # the index follows
    store.close()


def test_analysis_of_a_vanished_document_is_not_saved(location):
    store = open_store(location)
    store.save_analysis("gone", "1", DocAnalysis("gone"), b"sig")
    assert store.analyses() == {} and store.analysis_versions() == {}
    store.close()


def test_saving_an_analysis_twice_keeps_one_row(location):
    store = open_store(location)
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    store.save_analysis("k1", "1", DocAnalysis("k1"), b"one")
    store.save_analysis("k1", "2", DocAnalysis("k1", spin_score=0.5), b"two")
    assert store.analysis_versions() == {"k1": "2"}
    assert store.signatures() == {"k1": b"two"}
    assert store.analyses()["k1"].spin_score == 0.5
    store.close()


def test_an_analysis_saved_without_a_signature_keeps_the_stored_one(location):
    store = open_store(location)
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    store.save_analysis("k1", "1", DocAnalysis("k1"), b"own")
    store.save_analysis("k1", "2", DocAnalysis("k1", evidence="e"), None)  # a re-repair
    store.save_analysis("gone", "2", DocAnalysis("gone"), None)
    assert store.analysis_versions() == {"k1": "2"}
    assert store.signatures() == {"k1": b"own"}
    assert store.analyses()["k1"].evidence == "e"
    store.close()


def test_failed_file_keeps_what_it_gave_before(location):
    store = open_store(location)
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    store.replace_file("/c/a.txt", "h2", [], error="binary file")
    assert [d.key for d in store.documents()] == ["k1"]
    state = store.file_state("/c/a.txt")
    assert state is not None and state.status == "failed" and state.error == "binary file"
    assert state.content_hash == "h2"
    store.close()


def test_transaction_rolls_back_on_error(location):
    store = open_store(location)
    with pytest.raises(RuntimeError):
        with store.transaction():
            store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
            raise RuntimeError("killed midway")
    assert store.documents() == []
    assert store.file_state("/c/a.txt") is None
    assert store.search_documents("article") == []
    store.close()


def test_analysis_and_corpus_round_trip(location):
    store = open_store(location)
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    analysis = DocAnalysis("k1", repairs=[Repair(0, 4, "Smoe", "Some", 0.9, "thesaurus", ("Same",))])
    store.save_analysis("k1", "1", analysis, b"\x00sig")
    corpus = CorpusAnalysis(entities=[Entity("e:x", "ORG", "X", ["Xx"], [Source("k1", 0, 4)])])
    store.save_corpus(corpus, "input")
    store.save_corpus(corpus, "input")  # again: replaced, not doubled
    store.close()
    again = open_store(location, readonly=True)
    assert again.analyses()["k1"] == analysis
    assert again.signatures() == {"k1": b"\x00sig"}
    assert again.corpus() == corpus
    assert again.corpus_input_hash() == "input"
    again.close()


def test_a_stage_cache_round_trips_beside_the_corpus(location):
    store = open_store(location)
    assert store.stage_cache("alignments") is None
    store.save_stage_cache("alignments", '{"pairs": [1]}')
    store.save_stage_cache("alignments", '{"pairs": [2]}')  # replaced
    store.save_corpus(CorpusAnalysis(), "input")  # a corpus saved later leaves it alone
    store.close()
    again = open_store(location, readonly=True)
    assert again.stage_cache("alignments") == '{"pairs": [2]}'
    assert again.stage_cache("other") is None
    assert again.corpus() == CorpusAnalysis() and again.corpus_input_hash() == "input"
    again.close()


def test_build_records_and_failures(location):
    store = open_store(location)
    assert store.last_build() is None
    build = store.start_build()
    store.add_failure(build, "bad.bin", "binary file")
    store.finish_build(build, {"documents": 0})
    second = store.start_build()
    assert second > build
    last = store.last_build()
    assert last is not None and last.id == second and last.finished is None
    store.finish_build(second, {"documents": 1})
    last = store.last_build()
    assert last is not None and last.failures == [] and last.summary == {"documents": 1} and last.finished
    store.close()


def test_search_finds_words_and_survives_odd_queries(location):
    store = open_store(location)
    store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt", "The [sic] harbour strike ended.")])
    store.replace_file("/c/b.txt", "h2", [doc("k2", "b.txt", "A dock strike began at dawn.")])
    hits = store.search_documents("harbour")
    assert [h.doc for h in hits] == ["k1"]
    assert hits[0].path == "a.txt" and hits[0].title == "T k1"
    assert f"[sic] {MATCH_START}harbour{MATCH_END} strike" in hits[0].snippet
    assert sorted(h.doc for h in store.search_documents("strike")) == ["k1", "k2"]
    assert len(store.search_documents("strike", limit=1)) == 1
    assert store.search_documents('"); DROP TABLE documents; --') == []
    assert store.search_documents("") == []
    assert store.search_documents("  ?! ") == []
    assert store.count_documents() == 2
    store.close()


def test_readonly_store_refuses_writes(location):
    open_store(location).close()
    store = open_store(location, readonly=True)
    with pytest.raises(Exception):  # noqa: B017 - each backend raises its own driver's error
        store.replace_file("/c/a.txt", "h1", [doc("k1", "a.txt")])
    store.close()
    store = open_store(location, readonly=True)
    assert store.documents() == []
    store.close()


def test_nul_characters_from_an_input_file_are_stored_alike_on_every_backend(location, tmp_path):
    """PostgreSQL's text type refuses NUL: ingest turns it into U+FFFD, so both backends store
    the same text, and a search query holding one is answered, not an error."""
    from byline.ingest import read_file

    source = tmp_path / "nul.jsonl"
    record = {"text": "The council met on Monday.\u0000 It voted twice.", "title": "Vote\u0000 day"}
    source.write_text(json.dumps(record) + "\n", encoding="utf-8")
    docs = read_file(source, "nul.jsonl")
    assert "\x00" not in docs[0].text and "\ufffd" in docs[0].text
    assert docs[0].title == "Vote\ufffd day"
    store = open_store(location)
    store.replace_file(str(source), "h", docs)
    assert store.documents()[0].text == docs[0].text
    assert [h.doc for h in store.search_documents("council\x00")] == [docs[0].key]
    store.close()
