"""Web archives (.warc, .warc.gz): every successful HTML response is one article.

Requests, metadata, images, redirects and errors are passed over without a word; an HTML
response whose page yields no text is skipped with a warning "<path>#<n>: reason", where n is
the 1-based position of the record in the archive. The record's WARC-Date is when the page
was crawled, not when it was published, so only the page's own date is used.
Cost: one pass over the archive, O(size); one page in memory at a time.
"""

from __future__ import annotations

import contextlib
import io
import os
from pathlib import Path

from byline.ingest.decode import decode_bytes
from byline.ingest.errors import IngestError
from byline.ingest.files import open_regular
from byline.ingest.formats import Format, Source
from byline.ingest.html import declared_charset, read_html
from byline.model import Document

HTML_TYPES = ("text/html", "application/xhtml+xml")
RECORD_TYPES = frozenset(
    ("warcinfo", "response", "resource", "request", "metadata", "revisit", "conversion", "continuation")
)


def read_warc(path: Path, display_path: str, warnings: list[str] | None) -> list[Document]:
    """Documents from the HTML responses of a WARC file."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    documents: list[Document] = []
    problems: list[str] = []
    records = 0
    chatter = io.StringIO()  # warcio prints its complaints to stderr without naming the file
    try:
        with open_regular(path, display_path) as stream, contextlib.redirect_stderr(chatter):
            size = os.fstat(stream.fileno()).st_size
            archive = ArchiveIterator(stream)
            for number, record in enumerate(archive, start=1):
                records = number
                if getattr(record, "rec_type", None) not in RECORD_TYPES:
                    problems.append(f"{display_path}#{number}: not a WARC record (no known WARC-Type)")
                    continue
                page = _html_payload(record)
                if page is None:
                    continue
                payload, charset = page
                record_path = f"{display_path}#{number}"
                url = record.rec_headers.get_header("WARC-Target-URI")
                try:
                    html = decode_bytes(payload, record_path, charset or declared_charset(payload))
                    documents.append(read_html(html, record_path, url=url, fmt="warc"))
                except IngestError as err:
                    problems.append(str(err))
            if records and archive.offset < size:
                problems.append(
                    f"{display_path}#{records + 1}: archive cut short "
                    f"({size - archive.offset:,} bytes after the last whole record were not read)"
                )
    except IngestError:
        raise
    except ArchiveLoadFailed as err:
        if not records:
            raise IngestError(display_path, f"not a valid WARC archive ({_one_line(err)})") from err
        problems.append(f"{display_path}#{records + 1}: archive damaged, reading stopped ({_one_line(err)})")
    except Exception as err:  # noqa: BLE001 - warcio fails on malformed records with arbitrary errors
        if not records:
            raise IngestError(display_path, f"not a readable WARC archive ({_one_line(err)})") from err
        problems.append(f"{display_path}#{records + 1}: archive damaged, reading stopped ({_one_line(err)})")
    said = [line.strip() for line in chatter.getvalue().splitlines() if line.strip()]
    if said:
        more = f" (and {len(said) - 1} more lines)" if len(said) > 1 else ""
        problems.append(f"{display_path}: the WARC reader reported: {said[0][:200]}{more}")
    if warnings is not None:
        warnings.extend(problems)
    if not documents:
        detail = f" (first problem: {problems[0].split(': ', 1)[-1]})" if problems else ""
        raise IngestError(display_path, f"no HTML page with text among {records} WARC records{detail}")
    return documents


def _one_line(err: BaseException) -> str:
    return " ".join(str(err).split())[:300]


def _html_payload(record: object) -> tuple[bytes, str | None] | None:
    """(payload, declared charset) of a 200 HTML response or HTML resource, else None."""
    rec_type = getattr(record, "rec_type", None)
    if rec_type == "response":
        http = getattr(record, "http_headers", None)
        if http is None or http.get_statuscode() != "200":
            return None
        content_type = http.get_header("Content-Type") or ""
    elif rec_type == "resource":
        content_type = record.rec_headers.get_header("Content-Type") or ""  # type: ignore[attr-defined]
    else:
        return None
    mime, _, params = content_type.partition(";")
    if mime.strip().lower() not in HTML_TYPES:
        return None
    charset = None
    for param in params.split(";"):
        key, _, value = param.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return record.content_stream().read(), charset  # type: ignore[attr-defined]


def _read_warc_file(source: Source) -> list[Document]:
    return read_warc(source.path, source.display_path, source.warnings)


READER = Format("warc", (".warc", ".warc.gz"), _read_warc_file, streams=True)
