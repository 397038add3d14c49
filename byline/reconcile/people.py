"""Whether a unit noun counts people ("migrants", "residents", "Norwegians", "individuals").

Two figures counted in different people-nouns ("12,400 residents", "12,400 individuals") may be
one figure told two ways; counted in "tonnes" and "residents" they never are. The test: the
noun's first (most frequent) WordNet sense is a hyponym of person.n.01, read from the WordNet
3.0 database files of the Debian package ``wordnet-base`` (/usr/share/wordnet). The files are
read lazily: ``index.noun`` once, then one seek into ``data.noun`` per synset on the hypernym
path, cached per noun. Without the files, a short list of general people-nouns stands in.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

WORDNET_DIRS = (Path("/usr/share/wordnet"), Path("/usr/local/share/wordnet"))
_PERSON = 7846  # synset offset of person.n.01 in WordNet 3.0 data.noun
_MAX_DEPTH = 20  # hypernym paths in WordNet are shorter than this
_FALLBACK = frozenset(
    "person people individual resident inhabitant citizen national native migrant immigrant "
    "emigrant refugee worker employee member civilian soldier child adult man woman voter "
    "patient student passenger".split()
)


def _wordnet_dir() -> Path | None:
    for folder in WORDNET_DIRS:
        if (folder / "index.noun").is_file() and (folder / "data.noun").is_file():
            return folder
    return None


@lru_cache(maxsize=1)
def _first_senses() -> dict[str, int]:
    """Lemma -> offset of its first noun sense (read-only, built once: ~120k lines)."""
    folder = _wordnet_dir()
    if folder is None:
        return {}
    senses: dict[str, int] = {}
    with open(folder / "index.noun", encoding="utf-8", errors="replace") as handle:
        for line in handle:
            if line.startswith(" "):
                continue  # licence header
            fields = line.split()
            if len(fields) < 4:
                continue
            synsets = int(fields[2])
            offsets = fields[len(fields) - synsets :]
            if offsets:
                senses[fields[0]] = int(offsets[0])
    return senses


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
    senses = _first_senses()
    for lemma in _lemmas(noun):
        if not senses:
            if lemma in _FALLBACK:
                return True
            continue
        if lemma in senses:
            return _is_person_synset(senses[lemma])
    return False
