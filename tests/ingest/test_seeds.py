"""The shared seed articles all go in, with short, non-empty titles."""

from __future__ import annotations

from pathlib import Path

from byline.ingest import iter_corpus_files, read_file


def test_every_seed_is_read(seeds_dir: Path) -> None:
    docs = [doc for path, display in iter_corpus_files([seeds_dir]) for doc in read_file(path, display)]
    assert len(docs) == 5
    assert len({d.key for d in docs}) == 5
    for doc in docs:
        assert doc.title, doc.path
        assert len(doc.title) <= 100 and "\n" not in doc.title, doc.title
        assert doc.words > 300, doc.path
        assert doc.format == "txt"
        assert doc.text == doc.text.strip()
    # a spun copy keeps its dateline first; every other seed opens with prose
    assert sum(1 for d in docs if d.title and d.title.endswith("…")) >= 3
