"""Plain text and Markdown: headlines, metadata headers, fallback titles."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.ingest import read_file
from byline.ingest.meta import fallback_title, headline_of

BODY = (
    "Pilots who guide container ships into the port stopped work on Tuesday, leaving "
    "fourteen vessels anchored outside the breakwater.\n\n"
    "The association said its 212 members had not had a pay rise since 2019."
)


def _read(tmp_path: Path, name: str, text: str) -> tuple[str, str | None, str | None]:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    (doc,) = read_file(path, name)
    return doc.text, doc.title, doc.published


def test_headline_first_line_is_title_and_stays_in_text(tmp_path: Path) -> None:
    text, title, _ = _read(tmp_path, "a.txt", "Harbour pilots walk out over pay\n\n" + BODY)
    assert title == "Harbour pilots walk out over pay"
    assert text.startswith("Harbour pilots walk out over pay\n")


def test_question_headline(tmp_path: Path) -> None:
    _, title, _ = _read(tmp_path, "q.txt", "Who pays when the port stops?\n" + BODY)
    assert title == "Who pays when the port stops?"


def test_sentence_first_line_is_not_a_headline(tmp_path: Path) -> None:
    text, title, _ = _read(tmp_path, "b.txt", BODY)
    assert text == BODY
    assert title is not None
    assert title != text.split("\n")[0]  # the whole first line is a sentence, not a headline
    assert title.startswith("Pilots who guide container ships")
    assert title.endswith("…") and len(title.split()) <= 13


def test_short_sentence_with_period_is_not_a_headline() -> None:
    assert headline_of("The port is closed.\nMore text follows here.") is None
    assert fallback_title("The port is closed.\nMore text follows here.") == "The port is closed"


def test_list_heading_is_not_a_headline() -> None:
    text = "Table of contents\n- Origins\n- Expansion\nThe long story begins in a small town."
    assert headline_of(text) is None
    assert fallback_title(text) == "The long story begins in a small town"


def test_single_line_text_has_no_headline() -> None:
    assert headline_of("Port closed") is None


def test_markdown_heading_is_title_and_text_is_kept(tmp_path: Path) -> None:
    text, title, _ = _read(tmp_path, "c.md", "# Pilots strike at Brindlehaven #\n\n" + BODY)
    assert title == "Pilots strike at Brindlehaven"
    assert text.startswith("# Pilots strike at Brindlehaven")


def test_setext_heading() -> None:
    assert headline_of("Pilots strike.\n==============\n\nBody text.") == "Pilots strike."


def test_metadata_header_lines(tmp_path: Path) -> None:
    raw = (
        "Title: Pilots strike at Brindlehaven\n"
        "Date: March 4, 2025\n"
        "Source: The Coastal Ledger\n"
        "URL: https://www.coastalledger.example/pilots\n"
        "Author: Maren Olsvik\n\n" + BODY
    )
    path = tmp_path / "h.txt"
    path.write_text(raw, encoding="utf-8")
    (doc,) = read_file(path, "h.txt")
    assert doc.title == "Pilots strike at Brindlehaven"
    assert doc.published == "2025-03-04"
    assert doc.site == "The Coastal Ledger"
    assert doc.url == "https://www.coastalledger.example/pilots"
    assert doc.author == "Maren Olsvik"
    assert doc.text == BODY  # the header is metadata, not article text
    assert doc.format == "txt"


def test_site_from_url_when_no_source(tmp_path: Path) -> None:
    path = tmp_path / "u.txt"
    path.write_text("URL: https://www.coastalledger.example/x\n" + BODY, encoding="utf-8")
    (doc,) = read_file(path, "u.txt")
    assert doc.site == "coastalledger.example"
    assert doc.text == BODY


def test_markdown_front_matter(tmp_path: Path) -> None:
    raw = '---\ntitle: "Pilots strike"\ndate: 2025-03\nlayout: post\n---\n\n' + BODY
    path = tmp_path / "f.md"
    path.write_text(raw, encoding="utf-8")
    (doc,) = read_file(path, "f.md")
    assert (doc.title, doc.published, doc.format) == ("Pilots strike", "2025-03", "md")
    assert doc.text == BODY


def test_a_colon_in_the_first_sentence_is_not_a_header(tmp_path: Path) -> None:
    raw = "Warning: the port of Brindlehaven is closed to all traffic until further notice.\n"
    text, _, published = _read(tmp_path, "w.txt", raw + BODY)
    assert text.startswith("Warning: the port")
    assert published is None


def test_fallback_title_skips_url_lines() -> None:
    text = (
        "http: / / www. example. com / 2013 / may / 03 / story\n"
        "Rescue teams reached the stranded climbers on Friday. All six were unharmed."
    )
    assert fallback_title(text) == "Rescue teams reached the stranded climbers on Friday"


@pytest.mark.parametrize(
    "line, dateline",
    [
        ("Harbour Desk, Rotterdam", True),
        ("By Mara Lindqvist", True),
        ("Evening Post, Valletta Bureau", True),
        ("Strike closes harbour, ferries stranded", False),
        ("Port Strike Ends After Nine Days", False),
        ("Officials, Unions Reach Deal On Pay And Hours", False),
    ],
)
def test_datelines_are_not_headlines(line: str, dateline: bool) -> None:
    from byline.ingest.meta import headline_of, is_dateline

    assert is_dateline(line) is dateline
    text = line + "\nThe strike that closed the harbour ended on Monday after talks through the night.\n"
    assert (headline_of(text) is None) is dateline
