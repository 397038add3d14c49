"""Citations people can read: repaired titles, relative paths, the citation line."""

from __future__ import annotations

from byline.export.cite import citation, corpus_root, readable_title, relative_path
from byline.model import Repair


def _repair(text: str, start: int, spun: str, fixed: str) -> Repair:
    assert text[start : start + len(spun)] == spun
    return Repair(start, start + len(spun), spun, fixed, 0.9, "thesaurus")


def test_a_title_found_in_the_text_takes_the_repairs_inside_its_span() -> None:
    text = "Harbour  Mastr quits after storm\nThe Mastr of the port said the storm was over."
    title = "Harbour Mastr quits after storm"
    repairs = [_repair(text, 9, "Mastr", "Master"), _repair(text, 37, "Mastr", "Chief")]
    assert readable_title(title, text, repairs) == "Harbour Master quits after storm"


def test_a_cut_title_keeps_its_ellipsis() -> None:
    text = "Officials in the valley confirmd the dam would open on Monday morning after the rains."
    repairs = [_repair(text, 24, "confirmd", "confirmed")]
    assert readable_title("Officials in the valley confirmd the dam…", text, repairs) == (
        "Officials in the valley confirmed the dam…"
    )


def test_a_metadata_title_takes_the_same_substitutions_when_they_are_unambiguous() -> None:
    text = "The grate council met. The grate hall was full. A bad idear, said one."
    repairs = [
        _repair(text, 4, "grate", "great"),
        _repair(text, 27, "grate", "great"),
        _repair(text, 54, "idear", "idea"),
    ]
    assert readable_title("A grate council, a bad idear", text, repairs) == "A great council, a bad idea"
    # the same spun word repaired two ways: left as it stands
    mixed = [repairs[0], Repair(27, 32, "grate", "fine", 0.9, "thesaurus")]
    assert readable_title("A grate council", text, mixed) == "A grate council"
    # part of a longer word is not touched
    assert readable_title("Ingrates of the council", text, repairs) == "Ingrates of the council"


def test_paths_relative_to_the_corpus_root() -> None:
    paths = ["/home/u/corpus/a/1.txt", "/home/u/corpus/b/2.jsonl#3", "/home/u/corpus/c.txt"]
    root = corpus_root(paths)
    assert root == "/home/u/corpus"
    assert [relative_path(p, root) for p in paths] == ["a/1.txt", "b/2.jsonl#3", "c.txt"]
    assert corpus_root(["x/1.txt", "/abs/2.txt"]) == ""
    assert relative_path("/abs/2.txt", "") == "abs/2.txt"
    assert corpus_root([]) == ""


def test_citation_leaves_out_what_is_unknown() -> None:
    assert citation("A title", "news.example", "2025-03-17", "a/1.txt") == (
        "A title (news.example, 2025-03-17) — a/1.txt"
    )
    assert citation("A title", None, None, "1.txt") == "A title — 1.txt"
    assert citation(None, None, None, "1.txt") == "1.txt"
