"""How byline names a document to a reader: a repaired title, site and date, a relative path.

A spun article's title is spun too ("President" turned into a non-word); the repairs found in
the text fix it, either on the title's own span of the text or, for a title that came from
metadata, by the same substitutions. Paths are shown relative to the corpus root, so a citation
does not carry the builder's home folder.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from byline.model import Repair

ELLIPSIS = "…"  # a guessed title cut short ends with it (ingest's fallback title)
_RECORD = re.compile(r"#\d+$")  # a record inside a file: "dump.jsonl#12"


def _file_part(path: str) -> str:
    return _RECORD.sub("", path)


def corpus_root(paths: Iterable[str]) -> str:
    """The deepest folder holding every path ("" when they share none, or mix absolute and
    relative paths). O(total path length)."""
    folders = [os.path.dirname(_file_part(p)) for p in paths]
    if not folders:
        return ""
    try:
        return os.path.commonpath(folders)
    except ValueError:
        return ""


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root`` (a record's ``#n`` kept); the path itself outside it."""
    if not root:
        return path.lstrip(os.sep) if os.path.isabs(path) else path
    prefix = root if root.endswith(os.sep) else root + os.sep
    return path[len(prefix) :] if path.startswith(prefix) else path


def readable_title(title: str | None, text: str, repairs: Sequence[Repair]) -> str | None:
    """``title`` with the document's repairs applied. A title found in the text (whitespace
    aside) takes the repairs inside that span; one that is not (metadata) takes the whole-word
    substitutions the repairs made, where each spun text was always repaired the same way.
    Cost: O(len(text)) for the search, O(repairs) for the rest."""
    if not title or not repairs:
        return title
    cut = title.endswith(ELLIPSIS)
    body = title[: -len(ELLIPSIS)].rstrip() if cut else title
    words = body.split()
    if not words:
        return title
    found = re.search(r"\s+".join(re.escape(w) for w in words), text)
    if found is not None:
        fixed = _apply_in_span(text, found.start(), found.end(), repairs)
    else:
        fixed = _substitute(body, repairs)
    fixed = " ".join(fixed.split())
    return fixed + ELLIPSIS if cut else fixed


def _apply_in_span(text: str, start: int, end: int, repairs: Sequence[Repair]) -> str:
    parts, pos = [], start
    for rep in sorted(repairs, key=lambda r: (r.start, -r.end)):
        if rep.start < pos or rep.end > end:
            continue
        parts.append(text[pos : rep.start])
        parts.append(rep.replacement)
        pos = rep.end
    parts.append(text[pos:end])
    return "".join(parts)


def _substitute(title: str, repairs: Sequence[Repair]) -> str:
    choices: dict[str, set[str]] = {}
    for rep in repairs:
        choices.setdefault(rep.text, set()).add(rep.replacement)
    for spun, replacements in sorted(choices.items(), key=lambda kv: (-len(kv[0]), kv[0])):
        if len(replacements) == 1 and spun.strip():
            (replacement,) = replacements
            pieces = re.split(r"(?<!\w)" + re.escape(spun) + r"(?!\w)", title)
            title = replacement.join(pieces)
    return title


def citation(title: str | None, site: str | None, published: str | None, path: str) -> str:
    """Title (site, 2025-03-17) — folder/file.txt: the parts that are unknown are left out."""
    where = ", ".join(p for p in (site, published) if p)
    head = " ".join(p for p in (title, f"({where})" if where else "") if p)
    return f"{head} — {path}" if head else path
