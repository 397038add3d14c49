"""Bytes to clean text: encoding detection, binary rejection, normalisation, the dedup key.

Order of trust: a byte-order mark; strict UTF-8; a charset the file declares (HTML meta, HTTP
header); UTF-8 with a few damaged bytes (before the next step, which would read it as
mojibake); Windows-1252 when it gives only ordinary Western characters (short Western texts
are where statistical detectors most often pick a wrong sibling such as cp1250); finally
charset-normalizer's best guess. Whatever wins must look like text
(few control or replacement characters), otherwise the file is reported as undecodable.
"""

from __future__ import annotations

import codecs
import hashlib
import re
import unicodedata

from byline.ingest.errors import IngestError

SNIFF_BYTES = 8192  # the head of a file looked at to tell text from binary and guess encodings

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: it starts with the same two bytes
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# bytes that never occur in text files (NUL aside): C0 controls but tab, LF, VT, FF, CR, ESC
_CONTROL_BYTES = frozenset(range(32)) - {9, 10, 11, 12, 13, 27}
# Non-ASCII characters of ordinary Western text: Latin-1 letters, typographic punctuation.
_WESTERN = frozenset(
    "ÀÁÂÃÄÅÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖØÙÚÛÜÝßàáâãäåæçèéêëìíîïñòóôõöøùúûüýÿŒœŠšŽžŸ"
    "‘’‚“”„–—…•€£¥©®°±·¹²³ºª«»¿¡§¶×÷½¼¾™\u00a0"
)


def detect_bom(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces and the mark's length, if there is one."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def looks_binary(data: bytes) -> str | None:
    """Why ``data`` is not text (NUL bytes, many control bytes), or None when it may be text.

    Only the first 8 KB are looked at; BOM-marked UTF-16/32 is text despite its NUL bytes.
    """
    head = data[:SNIFF_BYTES]
    bom = detect_bom(head)
    if bom and bom[0].startswith(("utf-16", "utf-32")):
        return None
    if b"\x00" in head:
        if _bomless_utf16(head):
            return None
        return "binary file (NUL bytes), not text"
    if head:
        controls = sum(1 for b in head if b in _CONTROL_BYTES)
        if controls / len(head) > 0.05:
            return f"binary file ({controls / len(head):.0%} control bytes), not text"
    return None


def _bomless_utf16(head: bytes) -> str | None:
    """UTF-16 without a mark: NULs on one byte parity only (ASCII-range text), else None."""
    even = head[0::2].count(0)
    odd = head[1::2].count(0)
    half = max(1, len(head) // 2)
    if odd / half > 0.3 and even == 0:
        return "utf-16-le"
    if even / half > 0.3 and odd == 0:
        return "utf-16-be"
    return None


def decode_bytes(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a file's bytes to text, or raise IngestError (binary, undecodable).

    ``declared`` is a charset the container states (HTML meta, HTTP Content-Type); it is
    tried after strict UTF-8, since declarations are often wrong in one direction only.
    """
    reason = looks_binary(data)
    if reason:
        raise IngestError(path, reason)
    bom = detect_bom(data)
    if bom:
        encoding, skip = bom
        try:
            return _check_plausible(data[skip:].decode(encoding), path, encoding)
        except UnicodeDecodeError as err:
            reason = f"undecodable: byte-order mark says {encoding} but {err.reason}"
            raise IngestError(path, reason) from err
    bomless = _bomless_utf16(data[:SNIFF_BYTES]) if b"\x00" in data[:SNIFF_BYTES] else None
    if bomless:
        try:
            return _check_plausible(data.decode(bomless), path, bomless)
        except UnicodeDecodeError as err:
            reason = f"undecodable: looks like {bomless} but {err.reason}"
            raise IngestError(path, reason) from err
    for attempt in (_strict_utf8, lambda d: _declared(d, declared), _damaged_utf8, _western):
        text = attempt(data)
        if text is not None:
            return _check_plausible(text, path, "detected encoding")
    return _check_plausible(_guess(data, path), path, "best-guess encoding")


def _strict_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def _declared(data: bytes, declared: str | None) -> str | None:
    if not declared:
        return None
    try:
        name = codecs.lookup(declared.strip().strip("\"'")).name
    except LookupError:
        return None
    # as browsers do: a Latin-1 or ASCII label means Windows-1252 in practice
    names = ["cp1252", name] if name in ("iso8859-1", "latin-1", "ascii") else [name]
    for candidate in names:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            continue
    return None


def _western(data: bytes) -> str | None:
    """cp1252 when every non-ASCII character it yields is an ordinary Western one."""
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        return None
    non_ascii = [c for c in text if ord(c) > 127]
    if not non_ascii or len(non_ascii) > 0.3 * len(text):
        return None
    if all(c in _WESTERN for c in non_ascii):
        return text
    return None


def _damaged_utf8(data: bytes) -> str | None:
    """UTF-8 with a few bad bytes (scraped text often has one): many good sequences, few bad."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    good = sum(1 for c in text if ord(c) > 127) - bad
    if bad and good >= 2 * bad and bad <= 0.01 * len(text):
        return text
    return None


def _guess(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError(path, "undecodable: not UTF-8 and no other encoding fits")
    return str(best)


def _check_plausible(text: str, path: str, encoding: str) -> str:
    """Reject decodings full of control or replacement characters (a wrong guess)."""
    if not text:
        return text
    odd = sum(
        1
        for c in text
        if c == "\ufffd" or (unicodedata.category(c) == "Cc" and c not in "\t\n\r\x0b\x0c\x1b")
    )
    if odd / len(text) > 0.02:
        raise IngestError(
            path, f"undecodable: {encoding} gives {odd / len(text):.0%} control or invalid chars"
        )
    return text


# Anchored at a run's first space and possessive, so a run is scanned once: unanchored, a line
# of 16,000 spaces before a letter took 11 s (each start re-scanned the rest of the run).
_TRAILING_SPACE = re.compile(r"(?<![ \t\u00a0])[ \t\u00a0]++$", re.MULTILINE)
_MANY_BLANK_LINES = re.compile(r"\n{3,}")
# what no store can keep: lone UTF-16 surrogates (only a JSON "\\ud800" escape yields one; not
# characters, so not UTF-8) and NUL (a JSON "\\u0000" or a NUL past the sniffed head of a file;
# PostgreSQL's text type refuses it)
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """Lone UTF-16 surrogates and NUL characters as U+FFFD, so every backend stores the same text."""
    return _UNSTORABLE.sub("\ufffd", text)


def normalise_text(text: str) -> str:
    """The canonical form every offset refers to.

    NFC (so composed and decomposed accents compare equal), line ends as ``\\n``, no stray
    byte-order marks, no trailing spaces, runs of blank lines collapsed to one blank line,
    no leading or trailing whitespace, lone surrogates and NUL replaced by U+FFFD. Idempotent.
    """
    text = unicodedata.normalize("NFC", storable(text))
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\ufeff", "")
    text = _TRAILING_SPACE.sub("", text)
    text = _MANY_BLANK_LINES.sub("\n\n", text)
    return text.strip()


def document_key(text: str) -> str:
    """The dedup key: the first 16 hex characters of the SHA-256 of the normalised text."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:16]
