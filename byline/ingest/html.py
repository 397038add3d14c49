"""HTML pages to article text and metadata.

trafilatura finds the main text (dropping navigation, banners, ads, related links, footers,
user comments) and the metadata (title, site name, date, canonical URL, author). When it
finds no main text, for instance on a page too short for its heuristics, the visible text of
<body> is taken instead, minus scripts, styles, navigation, headers, footers, asides and
forms. Dates come only from the page itself (markup, metadata, URL), never from a crawl
time, with htmldate as the fallback; a date merely mentioned in the article body is not a
publication date, so htmldate's extensive text search is off.
"""

from __future__ import annotations

import re
from typing import Any

from byline.ingest.dates import parse_date
from byline.ingest.decode import decode_bytes
from byline.ingest.errors import IngestError
from byline.ingest.formats import Format, Source
from byline.ingest.meta import make_document
from byline.model import Document

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
_DROP_TAGS = (
    "script", "style", "noscript", "template", "nav", "header", "footer", "aside", "form",
    "iframe", "svg", "button", "select", "object", "embed", "head", "title",
)  # fmt: skip
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 article section main blockquote pre table tr td th "
    "dd dt dl figure figcaption hr address".split()
)
# class or id of page furniture (consent banners, ads, menus, share bars, related links)
_FURNITURE = re.compile(
    r"(?:^|[\s_-])(?:cookie|consent|banner|advert\w*|ads?|promo|newsletter|subscribe|share|"
    r"social|related|breadcrumbs?|menu|sidebar|comments?|popup|modal)(?:$|[\s_-])",
    re.I,
)
_META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", re.I)


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 KB, if any."""
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", errors="ignore") if m else None


def read_html(html: str, path: str, *, url: str | None = None, fmt: str = "html") -> Document:
    """One document from an HTML page; ``url`` is where it was fetched (a WARC target) and wins
    over the canonical URL the page states."""
    import trafilatura

    try:
        extracted = trafilatura.bare_extraction(
            html,
            url=url,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as err:  # trafilatura raises many parser-specific types
        raise IngestError(path, f"HTML could not be parsed ({type(err).__name__}: {err})") from err
    meta = _as_dict(extracted)
    text = meta.get("text") or ""
    if not text.strip():
        text = visible_body_text(html)
    if not text.strip():
        text = deep_page_text(html)
    if not text.strip():
        raise IngestError(path, "empty: no text in the HTML page after extraction")
    published = parse_date(meta.get("date")) or _htmldate(html, url)
    page_url = url or meta.get("url")  # where it was fetched beats what it claims
    return make_document(
        text,
        path,
        fmt,
        title=meta.get("title") or _tag_title(html),
        site=meta.get("sitename") or meta.get("hostname"),
        url=page_url,
        published=published,
        author=meta.get("author"),
    )


def _as_dict(extracted: Any) -> dict[str, Any]:
    if extracted is None:
        return {}
    if isinstance(extracted, dict):
        return extracted
    as_dict = getattr(extracted, "as_dict", None)
    return dict(as_dict()) if callable(as_dict) else {}


def _htmldate(html: str, url: str | None) -> str | None:
    from htmldate import find_date

    try:
        found = find_date(html, url=url, **_DATE_PARAMS)  # type: ignore[arg-type]
    except Exception:  # htmldate is best effort: a failure means no date, not a bad file
        return None
    return parse_date(found) if found else None


def _tag_title(html: str) -> str | None:
    m = re.search(r"<title[^>]*>(.*?)</title>", html, re.I | re.S)
    if not m:
        return None
    import html as html_lib

    return html_lib.unescape(re.sub(r"<[^>]+>", "", m.group(1))).strip() or None


def visible_body_text(html: str) -> str:
    """The readable text of a page's body, one block element a line, without page furniture."""
    import lxml.html
    from lxml import etree

    try:
        # huge_tree lifts libxml2's depth limit of 256, past which a page's text silently vanishes
        root = lxml.html.document_fromstring(html, parser=lxml.html.HTMLParser(huge_tree=True))
    except (etree.ParserError, ValueError):
        return ""
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, with_tail=False)
    furniture = [el for el in root.iter(*_DROP_TAGS)]
    furniture += [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and el.tag not in ("html", "body")
        and _FURNITURE.search(f"{el.get('class', '')} {el.get('id', '')}")
    ]
    for element in furniture:
        if element.getparent() is not None:
            element.drop_tree()
    body = root.find("body")
    parts: list[str] = []
    _collect_text(body if body is not None else root, parts)
    lines = (" ".join(line.split()) for line in "".join(parts).split("\n"))
    return "\n".join(line for line in lines if line)


# libxml2 (under trafilatura and lxml) drops what lies deeper than this many open elements.
PARSER_MAX_DEPTH = 255


def deep_page_text(html: str) -> str:
    """The text of a page nested deeper than the tree parsers go, read by a flat tokenizer
    (the standard library's, which builds no tree); "" for pages of ordinary depth, whose
    emptiness is real. Scripts and styles are left out. O(len)."""
    from html.parser import HTMLParser

    class Flat(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=True)
            self.depth = self.deepest = 0
            self.hidden = 0
            self.parts: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.depth += 1
            self.deepest = max(self.deepest, self.depth)
            if tag in ("script", "style", "template", "noscript", "head"):
                self.hidden += 1
            if tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_endtag(self, tag: str) -> None:
            self.depth = max(0, self.depth - 1)
            if tag in ("script", "style", "template", "noscript", "head"):
                self.hidden = max(0, self.hidden - 1)
            if tag in _BLOCK_TAGS:
                self.parts.append("\n")

        def handle_data(self, data: str) -> None:
            if not self.hidden:
                self.parts.append(data)

    flat = Flat()
    try:
        flat.feed(html)
        flat.close()
    except Exception:  # noqa: BLE001 - a tokenizer error on hostile markup means no text here
        return ""
    if flat.deepest <= PARSER_MAX_DEPTH:
        return ""
    lines = (" ".join(line.split()) for line in "".join(flat.parts).split("\n"))
    return "\n".join(line for line in lines if line)


def _collect_text(element: Any, parts: list[str]) -> None:
    """Depth-first text with a line break around every block element (iterative, so deep
    pages do not hit the recursion limit)."""
    stack: list[tuple[Any, bool]] = [(element, False)]
    while stack:
        node, closing = stack.pop()
        tag = node.tag if isinstance(node.tag, str) else ""
        if closing:
            if tag in _BLOCK_TAGS:
                parts.append("\n")
            if node.tail:
                parts.append(node.tail)
            continue
        if tag in _BLOCK_TAGS:
            parts.append("\n")
        if node.text and tag:
            parts.append(node.text)
        stack.append((node, True))
        for child in reversed(list(node)):
            stack.append((child, False))


def _read_html_file(source: Source) -> list[Document]:
    data = source.data()
    text = decode_bytes(data, source.display_path, declared_charset(data))
    return [read_html(text, source.display_path)]


READER = Format("html", (".html", ".htm", ".xhtml"), _read_html_file)
