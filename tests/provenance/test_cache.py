"""Alignments kept between builds: a second provenance run reuses them and finds the same."""

from __future__ import annotations

import json

from conftest import SEEDS

from byline.model import Document
from byline.provenance import build_provenance, document_signature
from byline.provenance.cache import ALIGNMENT_VERSION, AlignmentCache


def _documents() -> list[Document]:
    files = sorted(SEEDS.glob("*.txt"))
    assert len(files) == 5
    return [Document(key=f.name[:3], path=str(f), text=f.read_text(encoding="utf-8")) for f in files]


def test_cached_alignments_give_the_same_provenance_without_aligning_again():
    docs = _documents()
    sigs = {d.key: document_signature(d) for d in docs}
    first_cache = AlignmentCache()
    first = build_provenance(docs, sigs, first_cache)
    assert first_cache.hits == 0 and first_cache.used, "the seeds' copies are aligned and kept"
    saved = first_cache.dumps()

    second_cache = AlignmentCache.loads(saved)
    second = build_provenance(docs, sigs, second_cache)
    assert second_cache.hits == len(first_cache.used), "every pair aligned before is reused"
    assert second == first
    assert second_cache.dumps() == saved


def test_a_grown_corpus_aligns_only_its_new_pairs():
    docs = _documents()
    sigs = {d.key: document_signature(d) for d in docs}
    small = AlignmentCache()
    build_provenance(docs[:3], {d.key: sigs[d.key] for d in docs[:3]}, small)
    grown = AlignmentCache.loads(small.dumps())
    result = build_provenance(docs, sigs, grown)
    assert grown.hits == len(small.used) > 0
    assert len(grown.used) > len(small.used), "the new documents' pairs are aligned and kept"
    assert result == build_provenance(docs, sigs)


def test_a_cache_of_another_version_or_unreadable_is_ignored():
    docs = _documents()
    cache = AlignmentCache()
    build_provenance(docs, {d.key: document_signature(d) for d in docs}, cache)
    data = json.loads(cache.dumps())
    data["version"] = ALIGNMENT_VERSION + 1
    assert AlignmentCache.loads(json.dumps(data)).pairs == {}
    assert AlignmentCache.loads("{not json").pairs == {}
    assert AlignmentCache.loads(None).pairs == {}
