"""Encodings, binary detection, normalisation and the dedup key."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from byline.ingest import IngestError, document_key, normalise_text, read_file
from byline.ingest.decode import decode_bytes, looks_binary

ARTICLE = (
    "Café owners in Montréal said the “temporary” closure had lasted 11 weeks.\n"
    "It’s the third time this year — and “nobody told us”, one said.\n"
)


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "encoding,bom",
    [
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-32-le", codecs.BOM_UTF32_LE),
        ("utf-8", codecs.BOM_UTF8),
    ],
)
def test_bom_marked_files_decode(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = _write(tmp_path, "a.txt", bom + ARTICLE.encode(encoding))
    (doc,) = read_file(path, "a.txt")
    assert doc.text == normalise_text(ARTICLE)
    assert "\ufeff" not in doc.text


def test_cp1252_curly_quotes_and_accents(tmp_path: Path) -> None:
    path = _write(tmp_path, "w.txt", ARTICLE.encode("cp1252"))
    (doc,) = read_file(path, "w.txt")
    assert "“temporary”" in doc.text
    assert "It’s" in doc.text
    assert "Café" in doc.text and "Montréal" in doc.text
    assert "—" in doc.text


def test_cp1252_is_preferred_over_a_central_european_sibling() -> None:
    # a statistical detector alone reads this short text as cp1250 ("naďve")
    text = "Café naïve résumé. “Quote”.\n" * 5
    assert decode_bytes(text.encode("cp1252"), "x.txt") == text


def test_bomless_utf16_is_recognised() -> None:
    assert decode_bytes(ARTICLE.encode("utf-16-le"), "x.txt") == ARTICLE


def test_utf8_with_one_damaged_byte_stays_utf8() -> None:
    good = ("Zoë and Chloé met in Zürich. " * 20).encode("utf-8")
    text = decode_bytes(good[:50] + b"\xff" + good[50:], "x.txt")
    assert text.count("Zürich") == 20
    assert text.count("\ufffd") == 1


def test_declared_latin1_means_windows_1252() -> None:
    assert decode_bytes("“quoted” café".encode("cp1252"), "x", "iso-8859-1") == "“quoted” café"


def test_undecodable_bytes_raise() -> None:
    data = bytes(range(0x80, 0x100)) * 3
    with pytest.raises(IngestError) as err:
        decode_bytes(data, "junk.txt")
    assert err.value.path == "junk.txt"
    assert "undecodable" in err.value.reason


def test_binary_detection() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR") is not None
    assert looks_binary(bytes(range(1, 9)) * 100) is not None
    assert looks_binary(codecs.BOM_UTF16_LE + "hello".encode("utf-16-le")) is None
    assert looks_binary(ARTICLE.encode("utf-8")) is None


def test_nfc_normalisation(tmp_path: Path) -> None:
    decomposed = "Cafe\u0301 owners met on Saturday to discuss the re\u0301sume\u0301."
    path = _write(tmp_path, "n.txt", decomposed.encode("utf-8"))
    (doc,) = read_file(path, "n.txt")
    assert "Café" in doc.text and "résumé" in doc.text
    assert "\u0301" not in doc.text
    assert doc.key == document_key("Caf\u00e9 owners met on Saturday to discuss the r\u00e9sum\u00e9.")


def test_normalise_text_rules() -> None:
    raw = "\ufeff  Title  \r\nline one   \r\n\r\n\r\n\r\n\rline two\t\n\n\n"
    assert normalise_text(raw) == "Title\nline one\n\nline two"
    assert normalise_text(normalise_text(raw)) == normalise_text(raw)
    assert normalise_text("a\n\nb") == "a\n\nb"  # one blank line is kept


def test_document_key_ignores_layout_noise_only() -> None:
    assert document_key("one\r\ntwo  \n") == document_key("one\ntwo")
    assert document_key("one\ntwo") != document_key("one\nthree")
    key = document_key("one")
    assert len(key) == 16 and int(key, 16) >= 0
