"""JSON and JSON Lines: key aliases, bad records skipped with warnings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from byline.ingest import IngestError, read_file

TEXT_A = "Customs officers at Kelmport seized 40 tonnes of counterfeit fertiliser on Monday."
TEXT_B = "The shipping agent named in the seizure, Orla Brennick, denied any wrongdoing."
TEXT_C = "Harbour police said a second container had been opened and found empty."


def _write(tmp_path: Path, name: str, content: str) -> Path:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return path


def test_jsonl_aliases_and_a_broken_line(tmp_path: Path) -> None:
    lines = [
        json.dumps(
            {
                "headline": "Fertiliser seized",
                "content": TEXT_A,
                "link": "https://www.portwatch.example/a",
                "pubdate": "March 17, 2025",
                "source": {"id": None, "name": "Port Watch"},
                "authors": ["Ana Ruiz", {"name": "Tom Hale"}],
            }
        ),
        '{"title": "Broken", "text": "unterminated',
        "",
        json.dumps({"Title": "Agent denies", "BODY": TEXT_B, "published_at": 1742169600}),
        json.dumps({"title": "No text here", "summary": "only a summary"}),
        json.dumps(["not", "an", "object"]),
        json.dumps({"maintext": TEXT_C, "domain": "harbourdaily.example", "date": "2025-03"}),
    ]
    warnings: list[str] = []
    docs = read_file(_write(tmp_path, "feed.jsonl", "\n".join(lines)), "feed.jsonl", warnings=warnings)
    assert [d.path for d in docs] == ["feed.jsonl#1", "feed.jsonl#4", "feed.jsonl#7"]
    first, second, third = docs
    assert (first.title, first.text, first.url) == (
        "Fertiliser seized",
        TEXT_A,
        "https://www.portwatch.example/a",
    )
    assert (first.published, first.site, first.author) == ("2025-03-17", "Port Watch", "Ana Ruiz, Tom Hale")
    assert (second.title, second.text, second.published) == ("Agent denies", TEXT_B, "2025-03-17")
    assert (third.site, third.published, third.format) == ("harbourdaily.example", "2025-03", "jsonl")
    assert len(warnings) == 3
    assert warnings[0].startswith("feed.jsonl#2: not valid JSON")
    assert warnings[1].startswith("feed.jsonl#5: no text")
    assert warnings[2].startswith("feed.jsonl#6: record is a list")


def test_jsonl_without_any_usable_record_raises(tmp_path: Path) -> None:
    path = _write(tmp_path, "bad.jsonl", '{"title": "x"}\nnot json\n')
    with pytest.raises(IngestError) as err:
        read_file(path, "bad.jsonl")
    assert err.value.path == "bad.jsonl"
    assert "no usable record among 2" in err.value.reason


def test_json_single_object(tmp_path: Path) -> None:
    content = json.dumps({"title": "Seizure", "text": TEXT_A, "url": "https://www.a.example/x"})
    (doc,) = read_file(_write(tmp_path, "one.json", content), "one.json")
    assert (doc.path, doc.title, doc.site, doc.format) == ("one.json", "Seizure", "a.example", "json")


def test_json_list_and_wrapped_list(tmp_path: Path) -> None:
    records = [{"text": TEXT_A}, {"text": ""}, {"article": [TEXT_B, TEXT_C]}]
    warnings: list[str] = []
    docs = read_file(_write(tmp_path, "l.json", json.dumps(records)), "l.json", warnings=warnings)
    assert [d.path for d in docs] == ["l.json#1", "l.json#3"]
    assert docs[1].text == TEXT_B + "\n\n" + TEXT_C
    assert warnings == ["l.json#2: no text (expected one of the keys text, content, body, article, maintext)"]
    wrapped = read_file(
        _write(tmp_path, "w.json", json.dumps({"status": "ok", "articles": records})), "w.json"
    )
    assert [d.text for d in wrapped] == [d.text for d in docs]


def test_html_in_a_text_field_is_reduced_to_text(tmp_path: Path) -> None:
    content = json.dumps({"body": f"<p>{TEXT_A}</p><script>x()</script><p>{TEXT_B}</p>"})
    (doc,) = read_file(_write(tmp_path, "h.json", content), "h.json")
    assert doc.text == TEXT_A + "\n" + TEXT_B


def test_invalid_json_file_says_where(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_file(_write(tmp_path, "x.json", '{"text": "a",\n  oops}'), "x.json")
    assert err.value.reason.startswith("not valid JSON")
    assert "line 2" in err.value.reason


def test_json_object_without_text(tmp_path: Path) -> None:
    with pytest.raises(IngestError) as err:
        read_file(_write(tmp_path, "t.json", '{"title": "only a title"}'), "t.json")
    assert "no text" in str(err.value) and str(err.value).startswith("t.json: ")


def test_a_lone_surrogate_escape_becomes_a_replacement_character(tmp_path: Path) -> None:
    path = tmp_path / "s.jsonl"
    record = '{"text": "Strike \\ud800 in Valdora.", "title": "Port \\udc00 strike"}\n'
    path.write_text(record, encoding="utf-8")
    (doc,) = read_file(path, "s.jsonl")
    assert doc.text == "Strike \ufffd in Valdora." and doc.title == "Port \ufffd strike"
    doc.text.encode("utf-8")  # storable
