"""The CLI verbs end to end: build, export, info, exit codes, incremental builds."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

from typer.testing import CliRunner

from byline.cli import app

runner = CliRunner()


def run(*args: str):
    return runner.invoke(app, [str(a) for a in args])


def test_seeds_build_and_export_lists_five_documents(seeds_db: Path, tmp_path: Path):
    out = tmp_path / "seeds.json"
    result = run("export", "--db", seeds_db, "--format", "json", "-o", out)
    assert result.exit_code == 0, result.output
    contract = json.loads(out.read_text())
    assert contract["schema"] == "byline/1"
    docs = contract["documents"]
    assert len(docs) == 5
    for doc in docs:
        assert doc["title"] and len(doc["title"].split()) <= 25
        assert doc["words"] > 300
        assert doc["id"].startswith("d")


def test_export_twice_is_byte_identical(seeds_db: Path, tmp_path: Path):
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    assert run("export", "--db", seeds_db, "-o", a).exit_code == 0
    assert run("export", "--db", seeds_db, "-o", b).exit_code == 0
    assert a.read_bytes() == b.read_bytes()


def test_other_formats_export(seeds_db: Path, tmp_path: Path):
    for fmt, check in [
        ("ftm", lambda t: all(json.loads(line)["schema"] for line in t.splitlines())),
        ("graphml", lambda t: "<graphml" in t and "<node" in t),
    ]:
        out = tmp_path / f"x.{fmt}"
        result = run("export", "--db", seeds_db, "--format", fmt, "-o", out)
        assert result.exit_code == 0, result.output
        assert check(out.read_text()), fmt
    folder = tmp_path / "tables"
    result = run("export", "--db", seeds_db, "--format", "csv", "-o", folder)
    assert result.exit_code == 0, result.output
    claims = (folder / "claims.csv").read_text(encoding="utf-8-sig")
    assert claims.startswith("id,status,subject_id,subject,predicate")
    assert {p.name for p in folder.iterdir()} >= {"documents.csv", "entities.csv", "events.csv"}


def test_bad_inputs_are_named_and_the_rest_goes_in(seeds_dir: Path, tmp_path: Path):
    corpus = tmp_path / "corpus"
    shutil.copytree(seeds_dir, corpus)
    (corpus / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + os.urandom(2000))
    (corpus / "empty.txt").write_bytes(b"")
    with (corpus / "huge.txt").open("wb") as fh:
        fh.write(b"word " * 6_000_000)  # 30 MB
    db = tmp_path / "s.db"
    result = run("build", corpus, "--db", db)
    assert result.exit_code == 1, result.output
    text = result.output
    for name in ("image.txt", "empty.txt", "huge.txt"):
        assert name in text
    assert "too large" in text and "empty" in text and "binary" in text
    info = run("info", "--db", db)
    assert info.exit_code == 0
    assert "3 failed in the last build" in info.output
    exported = json.loads(run("export", "--db", db).stdout)
    assert len(exported["documents"]) == 5


def test_rebuild_of_unchanged_corpus_does_no_work(seeds_dir: Path, tmp_path: Path):
    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    db = tmp_path / "s.db"
    store = open_store(db)
    first = build(store, [seeds_dir], BuildOptions())
    second = build(store, [seeds_dir], BuildOptions())
    store.close()
    assert first.analysed == 5 and first.corpus_rebuilt
    assert second.unchanged == 5 and second.analysed == 0 and second.new_documents == 0
    assert not second.corpus_rebuilt


def test_duplicates_are_stored_once_and_reported(seeds_dir: Path, tmp_path: Path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    source = sorted(seeds_dir.iterdir())[0]
    shutil.copy(source, corpus / "a.txt")
    shutil.copy(source, corpus / "b.txt")
    result = run("build", corpus, "--db", tmp_path / "d.db")
    assert result.exit_code == 0, result.output
    assert "b.txt has the same text as" in result.output
    exported = json.loads(run("export", "--db", tmp_path / "d.db").stdout)
    assert len(exported["documents"]) == 1
    assert exported["documents"][0]["duplicates"][0].endswith("b.txt")


def test_user_mistakes_get_one_line_and_exit_2(tmp_path: Path):
    missing = run("export", "--db", tmp_path / "nope.db")
    assert missing.exit_code == 2 and "no such store" in missing.output
    assert "Traceback" not in missing.output
    (tmp_path / "notes.txt").write_text("not a store")
    wrong = run("info", "--db", tmp_path / "notes.txt")
    assert wrong.exit_code == 2 and "not a byline store" in wrong.output
    usage = run("export", "--db", tmp_path / "nope.db", "--format", "pdf")
    assert usage.exit_code == 2


def test_missing_corpus_path_fails_but_others_go_in(seeds_dir: Path, tmp_path: Path):
    result = run(
        "build", tmp_path / "no-such-folder", sorted(seeds_dir.iterdir())[0], "--db", tmp_path / "m.db"
    )
    assert result.exit_code == 1
    assert "no-such-folder" in result.output
    exported = json.loads(run("export", "--db", tmp_path / "m.db").stdout)
    assert len(exported["documents"]) == 1


def test_a_store_kept_in_the_corpus_folder_is_not_read_as_an_article(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Port workers in Valdora struck on 3 May 2024, the union said.\n")
    db = corpus / "store.db"
    assert run("build", corpus, "--db", db).exit_code == 0
    again = run("build", corpus, "--db", db)
    assert again.exit_code == 0, again.output
    assert "failed" not in again.output and "unsupported" not in again.output


def test_a_reader_crash_on_one_file_is_that_files_failure(tmp_path: Path, monkeypatch):
    import byline.pipeline
    from byline.ingest import read_file

    def flaky(path: Path, display: str, **kwargs):  # a reader bug that only one file triggers
        if path.name == "bad.txt":
            raise KeyError("surprise")
        return read_file(path, display, **kwargs)

    monkeypatch.setattr(byline.pipeline, "read_file", flaky)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "bad.txt").write_text("Anything at all.\n")
    (corpus / "good.txt").write_text("Port workers in Valdora struck on 3 May 2024, the union said.\n")
    result = run("build", corpus, "--db", tmp_path / "s.db")
    assert result.exit_code == 1
    assert "bad.txt: could not be read (KeyError" in result.output
    exported = json.loads(run("export", "--db", tmp_path / "s.db").stdout)
    assert [Path(d["path"]).name for d in exported["documents"]] == ["good.txt"]


def test_a_file_name_that_is_not_utf8_is_stored_and_shown(tmp_path: Path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    name = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name on a UTF-8 file system
    (corpus / name).write_text("Port workers in Valdora struck on 3 May 2024, the union said.\n")
    db = tmp_path / "s.db"
    result = run("build", corpus, "--db", db)
    assert result.exit_code == 0, result.output
    exported = json.loads(run("export", "--db", db).stdout)
    assert [Path(d["path"]).name for d in exported["documents"]] == ["caf\\xe9.txt"]


def test_version_completion_and_help_texts():
    from byline import __version__

    version = run("--version")
    assert version.exit_code == 0 and version.output.strip() == f"byline {__version__}"
    assert "--install-completion" in run("--help").output
    build_help = " ".join(run("build", "--help").output.replace("│", " ").split())
    assert "0 (the default) means auto" in build_help and "in bytes" in build_help
    export_help = " ".join(run("export", "--help").output.replace("│", " ").split())
    assert "FollowTheMoney" in export_help and "zip" in export_help
