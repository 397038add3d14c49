"""Finding files and the failures every reader shares: each names the file and the reason."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from byline.ingest import IngestError, format_of, iter_corpus_files, read_file

TEXT = "Ferry services to the outer islands resumed on Monday after storm repairs.\n"


def _reason(path: Path, display: str, **kwargs: int) -> str:
    with pytest.raises(IngestError) as err:
        read_file(path, display, **kwargs)
    assert err.value.path == display
    assert str(err.value) == f"{display}: {err.value.reason}"
    return err.value.reason


def test_empty_file(tmp_path: Path) -> None:
    (tmp_path / "e.txt").write_bytes(b"")
    (tmp_path / "w.txt").write_bytes(b" \n\n\t \r\n")
    assert _reason(tmp_path / "e.txt", "e.txt").startswith("empty")
    assert _reason(tmp_path / "w.txt", "w.txt").startswith("empty")


def test_binary_file(tmp_path: Path) -> None:
    (tmp_path / "b.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    assert "binary" in _reason(tmp_path / "b.txt", "b.txt")


def test_oversized_file_names_the_size_the_limit_and_the_flag(tmp_path: Path) -> None:
    (tmp_path / "big.txt").write_text(TEXT * 10, encoding="utf-8")
    size = (tmp_path / "big.txt").stat().st_size
    reason = _reason(tmp_path / "big.txt", "big.txt", max_bytes=100)
    assert f"{size:,} bytes" in reason and "100 bytes" in reason and "--max-bytes" in reason
    assert read_file(tmp_path / "big.txt", "big.txt", max_bytes=size)  # at the limit is fine


def test_undecodable_file(tmp_path: Path) -> None:
    (tmp_path / "u.txt").write_bytes(bytes(range(0x80, 0x100)) * 4)
    assert "undecodable" in _reason(tmp_path / "u.txt", "u.txt")


def test_unknown_extension(tmp_path: Path) -> None:
    (tmp_path / "report.pdf").write_text(TEXT, encoding="utf-8")
    (tmp_path / "README").write_text(TEXT, encoding="utf-8")
    reason = _reason(tmp_path / "report.pdf", "report.pdf")
    assert "unsupported extension '.pdf'" in reason and ".txt" in reason
    assert "without extension" in _reason(tmp_path / "README", "README")


def test_nonexistent_path(tmp_path: Path) -> None:
    assert _reason(tmp_path / "nope.txt", "nope.txt") == "no such file or folder"
    with pytest.raises(IngestError) as err:
        list(iter_corpus_files([tmp_path, tmp_path / "missing"]))
    assert err.value.path == str(tmp_path / "missing")
    assert err.value.reason == "no such file or folder"


def test_folder_given_as_a_file(tmp_path: Path) -> None:
    assert "folder" in _reason(tmp_path, "corpus")


def test_error_survives_pickling_for_worker_processes() -> None:
    err = pickle.loads(pickle.dumps(IngestError("a.txt", "empty")))
    assert (err.path, err.reason, str(err)) == ("a.txt", "empty", "a.txt: empty")


def test_corpus_walk_is_sorted_recursive_and_skips_hidden(tmp_path: Path) -> None:
    for rel in [
        *("b.txt", "a/z.md", "a/c.html", ".git/config", "a/.hidden.txt", "c.pdf", "a/b/d.txt"),
        *("README.md", "a/LICENSE.txt", "a/readme"),
    ]:
        path = tmp_path / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(TEXT, encoding="utf-8")
    found = [display for _, display in iter_corpus_files([tmp_path])]
    names = [str(Path(d).relative_to(tmp_path)) for d in found]
    assert names == ["a/b/d.txt", "a/c.html", "a/z.md", "b.txt", "c.pdf"]
    hidden = tmp_path / "a" / ".hidden.txt"
    readme = tmp_path / "README.md"
    assert [d for _, d in iter_corpus_files([hidden, readme])] == [str(hidden), str(readme)]


def test_display_path_keeps_the_form_given(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "a.txt").write_text(TEXT, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert list(iter_corpus_files([Path("corpus")])) == [(Path("corpus/a.txt"), "corpus/a.txt")]


def test_format_of() -> None:
    assert format_of(Path("x.WARC.GZ")) == "warc"
    assert format_of(Path("x.htm")) == "html"
    assert format_of(Path("x.ndjson")) == "jsonl"
    assert format_of(Path("x.gz")) is None
