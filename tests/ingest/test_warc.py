"""Web archives written by the test with warcio: HTML 200 responses become documents."""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from byline.ingest import IngestError, read_file


def _page(title: str, body: str, date: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{date}">' if date else ""
    return (
        f"<html><head><title>{title}</title>{meta}</head><body>"
        f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p></article>"
        "<footer>Copyright Harbour Daily. All rights reserved.</footer></body></html>"
    ).encode()


BODY_1 = (
    "Dock workers in Kelmport voted on Sunday to end a nine-day strike after the port "
    "authority agreed to rehire 38 crane operators dismissed in the spring."
)
BODY_2 = (
    "Shipping lines said it would take at least a week to clear the backlog of containers "
    "that built up at the terminal while the cranes stood idle during the dispute."
)


def _response(writer: WARCWriter, url: str, status: str, ctype: str, payload: bytes) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=BytesIO(payload), http_headers=headers)
    writer.write_record(record)


def _write_warc(path: Path, gzip: bool) -> None:
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        request = StatusAndHeaders(
            "GET /strike HTTP/1.1", [("Host", "harbourdaily.example")], is_http_request=True
        )
        writer.write_record(
            writer.create_warc_record("https://harbourdaily.example/strike", "request", http_headers=request)
        )
        _response(
            writer,
            "https://harbourdaily.example/strike",
            "200 OK",
            "text/html; charset=utf-8",
            _page("Kelmport strike ends", BODY_1, "2025-05-04"),
        )
        _response(
            writer,
            "https://harbourdaily.example/logo.png",
            "200 OK",
            "image/png",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        )
        _response(
            writer,
            "https://harbourdaily.example/gone",
            "404 Not Found",
            "text/html",
            _page("Not found", "The page you asked for does not exist here."),
        )
        _response(
            writer,
            "https://harbourdaily.example/backlog",
            "200 OK",
            "text/html",
            _page("Backlog to take a week", BODY_2),
        )


@pytest.mark.parametrize("name,gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_two_html_responses_become_documents(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    _write_warc(path, gzip)
    warnings: list[str] = []
    docs = read_file(path, name, warnings=warnings)
    assert [d.url for d in docs] == [
        "https://harbourdaily.example/strike",
        "https://harbourdaily.example/backlog",
    ]
    assert [d.path for d in docs] == [f"{name}#3", f"{name}#6"]
    assert BODY_1 in docs[0].text and BODY_2 in docs[1].text
    assert "All rights reserved" not in docs[0].text
    assert docs[0].title == "Kelmport strike ends"
    assert docs[0].published == "2025-05-04"
    assert docs[1].published is None  # the crawl date (WARC-Date) is not a publication date
    assert {d.format for d in docs} == {"warc"}
    assert {d.site for d in docs} == {"harbourdaily.example"}
    assert warnings == []


def test_archive_without_html_pages_raises(tmp_path: Path) -> None:
    path = tmp_path / "images.warc"
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=False)
        _response(writer, "https://a.example/x.png", "200 OK", "image/png", b"\x89PNG")
    with pytest.raises(IngestError) as err:
        read_file(path, "images.warc")
    assert err.value.reason == "no HTML page with text among 1 WARC records"


def test_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n", encoding="utf-8")
    with pytest.raises(IngestError) as err:
        read_file(path, "fake.warc")
    assert err.value.path == "fake.warc"
    assert "WARC" in err.value.reason


def test_a_record_warcio_cannot_parse_is_a_named_failure(tmp_path: Path) -> None:
    path = tmp_path / "cut.warc"  # a response record without a target URI, its body cut short
    path.write_bytes(b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nHTTP/1.1 200 OK\r\n")
    with pytest.raises(IngestError) as err:
        read_file(path, "cut.warc")
    assert err.value.path == "cut.warc"
    assert "WARC" in err.value.reason
