"""A generator of hostile corpus files, each with what byline must do with it.

Every class of the audit (issue #20) and more: empty and whitespace files, NULs and binary,
invalid UTF-8, UTF-16 without a BOM, zero-width and bidi-only text, symbol soup, HTML nested
thousands deep or cut mid-tag, JSON of wrong shapes, huge numbers, deep nesting, bad lines
among good ones, WARCs truncated, damaged after valid records, with broken HTTP headers,
gzip cut short, base64 blobs and punctuation runs inside real prose, names with Rich markup,
escape sequences, newlines, undecodable bytes and bidi overrides, unknown extensions,
oversized files, links (loops, outward, dangling, to devices) and named pipes.

Real articles are mixed in (read at run time from the shared ECB+ data, never copied into
the repository). ``Case.expect`` says what must happen:
- "stored": the file's records (``good``: paths of the file or ``file#n``) are all stored,
  and ``bad`` records are named in warnings;
- "failed": the file is named on a "failed:" line;
- "skipped": the file is named on a "warning:" line and not read.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

MAX_BYTES = 2_000_000  # the suite's --max-bytes: the oversized class writes just past it


@dataclass
class Case:
    name: str  # relative path inside the corpus (bytes-safe via os.fsencode)
    expect: str  # "stored" | "failed" | "skipped"
    kind: str  # the class, for the figures
    good: list[str] = field(default_factory=list)  # record suffixes ("", "#2") that must be stored
    bad: list[str] = field(default_factory=list)  # record suffixes that must be named


Writer = Callable[[Path, random.Random, int, list[str]], Case]


def _filler(rng: random.Random, words: int = 60) -> str:
    """Prose-like text of the generator's own (no third-party sentences)."""
    vocab = (
        "council harbour ferry timetable vote winter evening service members agreed chair "
        "residents budget bridge repairs river storm schedule report inspectors week"
    ).split()
    out = []
    for i in range(words):
        out.append(rng.choice(vocab))
        if i % 12 == 11:
            out[-1] += "."
    return "The " + " ".join(out) + "."


def _page(text: str) -> str:
    paras = "".join(f"<p>{p}</p>" for p in text.split("\n\n") if p.strip())
    return f"<html><head><title>Report</title></head><body><article>{paras}</article></body></html>"


def _warc_bytes(pages: list[tuple[str, bytes, str]], gz: bool = False) -> bytes:
    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=gz)
    for url, body, status in pages:
        http = StatusAndHeaders(status, [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        rec = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        writer.write_record(rec)
    return buf.getvalue()


def _write(root: Path, name: str, data: bytes) -> None:
    path = Path(os.fsdecode(os.fsencode(root) + b"/" + os.fsencode(name)))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


# -- bad files ----------------------------------------------------------------------------


def empty(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    ext = rng.choice([".txt", ".md", ".html", ".json", ".jsonl"])
    _write(root, f"empty/{i}{ext}", rng.choice([b"", b"   \n\t\r\n", b"\n" * 50]))
    return Case(f"empty/{i}{ext}", "failed", "empty")


def binary(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    ext = rng.choice([".txt", ".md", ".html", ".json", ".jsonl"])
    data = b"\x89PNG\r\n\x1a\n\x00\x00" + rng.randbytes(rng.randint(100, 3000))
    _write(root, f"binary/{i}{ext}", data)
    return Case(f"binary/{i}{ext}", "failed", "NULs and binary")


def bad_utf8(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    ext = rng.choice([".txt", ".md", ".json"])
    data = bytes(rng.randrange(0x80, 0x100) for _ in range(rng.randint(200, 2000)))
    _write(root, f"utf8/{i}{ext}", data)
    return Case(f"utf8/{i}{ext}", "failed", "invalid UTF-8")


def invisible(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    marks = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufeff\u2063"
    text = "".join(rng.choice(marks) for _ in range(rng.randint(5, 400)))
    if rng.random() < 0.5:
        text += "".join(rng.choice("§¶†‡•◊※⁂☞✓") for _ in range(30))
    ext = rng.choice([".txt", ".md"])
    _write(root, f"invisible/{i}{ext}", text.encode("utf-8"))
    return Case(f"invisible/{i}{ext}", "failed", "zero-width, bidi and symbols only")


def json_shapes(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    shapes = [
        "42",
        '"just a string"',
        "null",
        "[1, 2, 3]",
        '{"title": "no text here"}',
        '{"text": 12}',
        '{"text": {"nested": true}}',
        '[{"text": ""}, {"body": null}]',
        "{",
        '{"text": "unterminated',
        "[" * 5000 + "]" * 4999,
        '{"text": ' + "9" * 6000 + "}",
        "\ufeff{}",
    ]
    _write(root, f"json/{i}.json", rng.choice(shapes).encode("utf-8"))
    return Case(f"json/{i}.json", "failed", "wrong JSON shapes")


def deep_json(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    depth = rng.choice([1000, 20_000, 200_000])
    _write(root, f"deep/{i}.jsonl", ("[" * depth + "]" * depth + "\n").encode())
    return Case(f"deep/{i}.jsonl", "failed", "deep nesting")


def bad_warc(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    choice = rng.randrange(4)
    if choice == 0:
        data, ext = b"[/x] not a warc\r\n\r\n", ".warc"
    elif choice == 1:
        data, ext = gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n" * 50)[:60], ".warc.gz"
    elif choice == 2:  # broken HTTP headers: no status line, no blank line
        body = b"HTTP/1.1 abc\r\nContent-Type text/html\r\n<p>x</p>"
        head = f"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: {len(body)}\r\n\r\n".encode()
        data, ext = head + body + b"\r\n\r\n", ".warc"
    else:
        data, ext = rng.randbytes(500), ".warc.gz"
    _write(root, f"warc/{i}{ext}", data)
    return Case(f"warc/{i}{ext}", "failed", "broken WARC, gzip and HTTP headers")


def unknown_ext(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    ext = rng.choice([".pdf", ".docx", ".gz", ".exe", "", ".TXT~", ".json.bak"])
    _write(root, f"unknown/{i}{ext}", _filler(rng).encode())
    return Case(f"unknown/{i}{ext}", "failed", "unknown extensions")


def oversized(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    _write(root, f"big/{i}.txt", (_filler(rng) + "\n").encode() * (MAX_BYTES // 300 + 10))
    return Case(f"big/{i}.txt", "failed", "oversized")


def odd_name(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    names = [
        f"[/x]{i}.json",
        f"[bold red]{i}[/].txt",
        f"esc\x1b[31m{i}.txt",
        f"new\nline{i}.txt",
        f"-rf {i}.txt",
        f"rtl\u202e{i}txt.exe.txt",
        f"bad\udcff\udcfe{i}.txt",
        ("n" * 240) + f"{i}.txt",
        f"tab\t{i}.md",
    ]
    name = "odd/" + rng.choice(names)
    _write(root, name, rng.choice([b"", b"\x00\x00\x00", "\u200b\u200e".encode()]))
    return Case(name, "failed", "odd names")


# -- links and special files (skipped and named) -------------------------------------------


def links(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    folder = root / "links"
    folder.mkdir(exist_ok=True)
    kind = rng.randrange(5)
    link = folder / f"{i}.txt"
    if kind == 0:
        link.symlink_to(link)
    elif kind == 1:
        link.symlink_to("/etc/passwd")
    elif kind == 2:
        link.symlink_to(folder / "missing-target.txt")
    elif kind == 3:
        link.symlink_to("/dev/zero")
    else:
        link.symlink_to(root)  # a folder link: a cycle if followed
    return Case(f"links/{i}.txt", "skipped", "symlinks (loops, outward, dangling, devices)")


def pipe(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    (root / "pipes").mkdir(exist_ok=True)
    os.mkfifo(root / "pipes" / f"{i}.txt")
    return Case(f"pipes/{i}.txt", "skipped", "named pipes")


# -- files with real articles that must be stored -----------------------------------------


def long_runs(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    text = _filler(rng, 80)
    blob = "".join(
        rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdef0123456789+/") for _ in range(rng.randint(3000, 60_000))
    )
    junk = rng.choice([">", "=", "-", ".", "!?"]) * rng.randint(100, 30_000)
    _write(
        root,
        f"runs/{i}.md",
        f"# Report {i}\n\n{text}\n\n![x](data:image/png;base64,{blob})\n\n{junk}\n".encode(),
    )
    return Case(f"runs/{i}.md", "stored", "long tokens and punctuation runs", good=[""])


def deep_html(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    depth = rng.choice([300, 3000, 30_000])
    body = "<div>" * depth + f"<p>{_filler(rng)} Case {i}.</p>" + "</div>" * rng.choice([depth, 0])
    _write(root, f"deephtml/{i}.html", f"<html><body>{body}</body></html>".encode())
    return Case(f"deephtml/{i}.html", "stored", "HTML nested deep or unclosed", good=[""])


def mixed_jsonl(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    lines, good, bad = [], [], []
    for n in range(1, 7):
        if n % 2:
            lines.append(json.dumps({"title": f"Item {i}-{n}", "text": _filler(rng) + f" Record {i}-{n}."}))
            good.append(f"#{n}")
        else:
            lines.append(
                rng.choice(
                    [
                        '{"text": "x", "n": ' + "9" * 5000 + "}",
                        "[" * 100_000,
                        '{"text": "The ferry ran late again.", "published": ' + "7" * 400 + "}",
                        "not json at all",
                        '{"title": "no text"}',
                        "[1, 2]",
                    ]
                )
            )
            bad.append(f"#{n}")
    # the 400-digit date record has usable text: it is stored (its date is dropped)
    for n, line in enumerate(lines, start=1):
        if '"published": 777' in line:
            bad.remove(f"#{n}")
            good.append(f"#{n}")
    _write(root, f"mixed/{i}.jsonl", "\n".join(lines).encode())
    return Case(f"mixed/{i}.jsonl", "stored", "bad records among good ones", good=good, bad=bad)


def damaged_warc(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    pages = [
        (f"http://example.org/{i}/{n}", _page(_filler(rng) + f" Page {i}-{n}.").encode(), "200 OK")
        for n in range(3)
    ]
    gz = rng.random() < 0.5
    data = _warc_bytes(pages, gz=gz) + rng.choice(
        [b"garbage after the records\r\n\r\n", b"WARC/1.0\r\nbroken"]
    )
    ext = ".warc.gz" if gz else ".warc"
    _write(root, f"damaged/{i}{ext}", data)
    return Case(
        f"damaged/{i}{ext}", "stored", "WARC damaged after valid records", good=["#1", "#2", "#3"], bad=["#4"]
    )


def utf16(root: Path, rng: random.Random, i: int, real: list[str]) -> Case:
    _write(
        root, f"utf16/{i}.txt", (_filler(rng) + f" Note {i}.").encode(rng.choice(["utf-16-le", "utf-16-be"]))
    )
    return Case(f"utf16/{i}.txt", "stored", "UTF-16 without BOM", good=[""])


BAD: list[Writer] = [
    empty,
    binary,
    bad_utf8,
    invisible,
    json_shapes,
    deep_json,
    bad_warc,
    unknown_ext,
    odd_name,
]
SKIPPED: list[Writer] = [links, pipe]
ODD_GOOD: list[Writer] = [long_runs, deep_html, mixed_jsonl, damaged_warc, utf16]
RARE: dict[Writer, int] = {oversized: 3}  # at most this many (each is 2 MB)


def real_articles(root: Path, texts: list[str], rng: random.Random) -> Iterator[Case]:
    """Real articles in every format, one record each (JSON/JSONL/WARC hold two)."""
    for n, text in enumerate(texts):
        fmt = n % 6
        if fmt == 0:
            _write(root, f"real/{n}.txt", text.encode())
            yield Case(f"real/{n}.txt", "stored", "real articles", good=[""])
        elif fmt == 1:
            _write(root, f"real/{n}.md", f"---\ntitle: Article {n}\n---\n{text}".encode())
            yield Case(f"real/{n}.md", "stored", "real articles", good=[""])
        elif fmt == 2:
            _write(root, f"real/{n}.html", _page(text).encode())
            yield Case(f"real/{n}.html", "stored", "real articles", good=[""])
        elif fmt == 3:
            _write(root, f"real/{n}.json", json.dumps([{"text": text}, {"text": ""}]).encode())
            yield Case(f"real/{n}.json", "stored", "real articles", good=["#1"], bad=["#2"])
        elif fmt == 4:
            _write(root, f"real/{n}.jsonl", (json.dumps({"text": text}) + "\n").encode())
            yield Case(f"real/{n}.jsonl", "stored", "real articles", good=["#1"])
        else:
            _write(
                root,
                f"real/{n}.warc.gz",
                _warc_bytes([(f"http://example.org/a{n}", _page(text).encode(), "200 OK")], gz=True),
            )
            yield Case(f"real/{n}.warc.gz", "stored", "real articles", good=["#1"])


def generate(root: Path, hostile: int, texts: list[str], seed: int = 20) -> list[Case]:
    """``hostile`` generated files (every class at least once) plus the real ``texts``."""
    rng = random.Random(seed)
    writers = BAD + SKIPPED + ODD_GOOD
    cases: list[Case] = []
    rare = dict(RARE)
    for i in range(hostile):
        if i < len(writers):
            writer = writers[i]
        elif rare and i % 97 == 0:
            writer = next(iter(rare))
        else:
            writer = rng.choice(writers)
        if writer in rare:
            rare[writer] -= 1
            if rare[writer] <= 0:
                del rare[writer]
        cases.append(writer(root, rng, i, texts))
    if oversized in RARE and not any(c.kind == "oversized" for c in cases):
        cases.append(oversized(root, rng, hostile, texts))
    cases.extend(real_articles(root, texts, rng))
    return cases
