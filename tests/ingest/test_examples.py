"""The demo corpus reads cleanly and is what examples/README.md says it is."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

from byline.ingest import iter_corpus_files, read_file
from byline.model import Document

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def docs() -> dict[str, Document]:
    warnings: list[str] = []
    found = {
        Path(doc.path).name: doc
        for path, display in iter_corpus_files([EXAMPLES])
        for doc in read_file(path, display, warnings=warnings)
    }
    assert warnings == []
    return found


def _words(text: str) -> list[str]:
    return text.split()


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d[\d,.]*\d|\d", text)


def test_seven_articles_in_mixed_formats(docs: dict[str, Document]) -> None:
    assert len(docs) == 7
    assert sorted({d.format for d in docs.values()}) == ["html", "jsonl", "md", "txt"]
    for doc in docs.values():
        assert 150 <= doc.words <= 350, (doc.path, doc.words)
        assert doc.title and doc.site
    readme = (EXAMPLES / "README.md").read_text(encoding="utf-8")
    for name in {n.split("#")[0] for n in docs}:
        assert f"`{name}`" in readme, name


def test_dates_as_documented(docs: dict[str, Document]) -> None:
    published = {name: doc.published for name, doc in docs.items()}
    assert published == {
        "01_original_adriatic_courier.txt": "2025-06-12",
        "02_reprint_balkan_wire.html": "2025-06-13",
        "03_rewrite_crime_digest.txt": "2025-06-14",
        "04_spun_daily_news_hub.txt": None,
        "05_independent_tirana_observer.md": "2025-06-20",
        "06_crete_wildfire.jsonl#1": "2025-07-21",
        "06_crete_wildfire.jsonl#2": "2025-07-22",
    }


def test_reprint_is_verbatim_below_its_own_headline(docs: dict[str, Document]) -> None:
    original = _words(docs["01_original_adriatic_courier.txt"].text.split("\n", 1)[1])
    reprint = docs["02_reprint_balkan_wire.html"]
    assert " ".join(original) in " ".join(_words(reprint.text))
    assert reprint.title != docs["01_original_adriatic_courier.txt"].title
    assert "All rights reserved" not in reprint.text and "cookies" not in reprint.text


def test_spun_copy_changes_about_an_eighth_of_the_words_but_no_number(
    docs: dict[str, Document],
) -> None:
    original = docs["01_original_adriatic_courier.txt"].text
    spun = docs["04_spun_daily_news_hub.txt"].text
    a, b = _words(original), _words(spun)
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    changed = sum(max(i2 - i1, j2 - j1) for op, i1, i2, j1, j2 in matcher.get_opcodes() if op != "equal")
    assert 0.10 <= changed / len(a) <= 0.15
    assert _numbers(spun) == _numbers(original)
    for name in ('Marin "Sokol" Dabrović', 'Goran "Zub" Perović', "Lucia Venturelli", "(JATF)"):
        assert spun.count(name) == original.count(name) > 0
    for non_word in ("netjob", "warelodge", "inshapeation", "speedvessels", "interobserve", "cofunction"):
        assert non_word in spun


def test_rewrite_keeps_the_figures_in_new_words(docs: dict[str, Document]) -> None:
    original = docs["01_original_adriatic_courier.txt"].text
    rewrite = docs["03_rewrite_crime_digest.txt"].text
    assert set(_numbers(original)) <= set(_numbers(rewrite))
    shared = difflib.SequenceMatcher(a=_words(original), b=_words(rewrite), autojunk=False).ratio()
    assert shared < 0.5


def test_independent_report_contradicts_the_membership(docs: dict[str, Document]) -> None:
    independent = docs["05_independent_tirana_observer.md"].text
    assert "roughly 1,500 members" in independent and "3,000" not in independent
    assert "about 3,000 members" in docs["01_original_adriatic_courier.txt"].text


def test_the_unrelated_story_shares_no_figure(docs: dict[str, Document]) -> None:
    fire = set(_numbers(docs["06_crete_wildfire.jsonl#1"].text + docs["06_crete_wildfire.jsonl#2"].text))
    kestrel = set().union(*(_numbers(d.text) for n, d in docs.items() if not n.startswith("06")))
    assert fire and kestrel and not fire & kestrel
