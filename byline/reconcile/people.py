"""Whether a unit noun counts people ("migrants", "residents", "Norwegians", "individuals").

Two figures counted in different people-nouns ("12,400 residents", "12,400 individuals") may be
one figure told two ways; counted in "tonnes" and "residents" they never are. The test: the
noun's first (most frequent) WordNet sense is a hyponym of person.n.01, read from the WordNet
3.0 database files of the Debian package ``wordnet-base`` (/usr/share/wordnet). The files are
read lazily and never whole: a binary search by seeking in the sorted ``index.noun``, then one
seek into ``data.noun`` per synset on the hypernym path; results are cached (read-only data).
Without the files, a short list of general people-nouns stands in.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import BinaryIO

WORDNET_DIRS = (Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet"))
_PERSON = 7846  # synset offset of person.n.01 in WordNet 3.0 data.noun
_MAX_DEPTH = 20  # hypernym paths in WordNet are shorter than this
_FALLBACK = frozenset(
    "person people individual resident inhabitant citizen national native refugee worker "
    "employee civilian child adult man woman voter patient student passenger".split()
)


def _wordnet_dir() -> Path | None:
    for folder in WORDNET_DIRS:
        if (folder / "index.noun").is_file() and (folder / "data.noun").is_file():
            return folder
    return None


@lru_cache(maxsize=65536)
def _first_sense(lemma: str) -> int | None:
    """Offset of the first noun sense of ``lemma``: a binary search over the sorted
    ``index.noun`` by seeking (O(log size) reads; the file is never loaded whole)."""
    folder = _wordnet_dir()
    if folder is None or not lemma:
        return None
    target = lemma.encode("utf-8")
    with open(folder / "index.noun", "rb") as handle:
        lo, hi = 0, handle.seek(0, os.SEEK_END)
        while lo < hi:  # invariant: the answer is the first line starting at or after lo
            mid = (lo + hi) // 2
            line = _line_after(handle, mid)
            if line.startswith(b" ") or (line and line.split(b" ", 1)[0] < target):
                lo = mid + 1  # licence header lines (leading spaces) come before every entry
            else:
                hi = mid
        fields = _line_after(handle, lo).split()
    if not fields or fields[0] != target or len(fields) < 4:
        return None
    synsets = int(fields[2])
    return int(fields[len(fields) - synsets])


def _line_after(handle: BinaryIO, position: int) -> bytes:
    """The first whole line starting at or after ``position`` (a line it falls inside is skipped)."""
    handle.seek(max(position - 1, 0))
    if position:
        handle.readline()
    return handle.readline()


@lru_cache(maxsize=1)
def _exceptions() -> dict[str, str]:
    """Irregular plurals from ``noun.exc`` ("women" -> "woman")."""
    folder = _wordnet_dir()
    if folder is None or not (folder / "noun.exc").is_file():
        return {}
    table: dict[str, str] = {}
    with open(folder / "noun.exc", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            fields = line.split()
            if len(fields) >= 2:
                table.setdefault(fields[0], fields[1])
    return table


@lru_cache(maxsize=65536)
def _hypernyms(offset: int) -> tuple[int, ...]:
    folder = _wordnet_dir()
    if folder is None:
        return ()
    with open(folder / "data.noun", "rb") as handle:
        handle.seek(offset)
        fields = handle.readline().decode("utf-8", errors="replace").split()
    if len(fields) < 4 or not fields[0].isdigit() or int(fields[0]) != offset:
        raise ValueError(f"{folder / 'data.noun'}: no synset at offset {offset} (not WordNet 3.0 data?)")
    words = int(fields[3], 16)
    at = 4 + 2 * words
    pointers = int(fields[at])
    out = []
    for k in range(pointers):
        symbol, target, pos = fields[at + 1 + 4 * k : at + 4 + 4 * k]
        if symbol in ("@", "@i") and pos == "n":
            out.append(int(target))
    return tuple(out)


def _is_person_synset(offset: int) -> bool:
    frontier, seen = {offset}, set()
    for _ in range(_MAX_DEPTH):
        if _PERSON in frontier:
            return True
        seen |= frontier
        frontier = {h for o in frontier for h in _hypernyms(o)} - seen
        if not frontier:
            return False
    return False


def _lemmas(noun: str) -> list[str]:
    """Candidate index lemmas: the phrase, its singular, then its head (last word)."""
    words = noun.lower().replace("-", " ").split()
    if words and words[-1] == "people":  # WordNet's first sense of "people" is a group
        words[-1] = "person"
    if not words:
        return []
    phrase = "_".join(words)
    out = [phrase]
    exc = _exceptions()
    for form in (phrase, words[-1]):
        out.append(exc.get(form, form))
        if form.endswith("ies") and len(form) > 4:
            out.append(form[:-3] + "y")
        if form.endswith("men"):  # women, firemen
            out.append(form[:-3] + "man")
        if form.endswith("s") and not form.endswith("ss"):
            out.append(form[:-1])
        out.append(form)
    return list(dict.fromkeys(out))


@lru_cache(maxsize=4096)
def is_person_noun(noun: str) -> bool:
    """True when ``noun`` (singular or plural, any case) names people (see the module rule)."""
    if _wordnet_dir() is None:
        return any(lemma in _FALLBACK for lemma in _lemmas(noun))
    for lemma in _lemmas(noun):
        offset = _first_sense(lemma)
        if offset is not None:
            return _is_person_synset(offset)
    return False
