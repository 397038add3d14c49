"""A TEST-ONLY article spinner, to plant spun copies in benchmarks (never used by byline itself).

Like the synonym machines behind spun copies in the wild, it swaps words for thesaurus synonyms
and, inside longer words, swaps a substring that is itself a word ("resident" -> "rdwellent"),
which yields the non-words typical of spun text. Thesaurus: Debian's mythes-en-us when installed
(/usr/share/mythes/th_en_US_v2.dat), else the small table below.

    spin(text, rate, seed) -> (spun text, [(start, end, original, replacement), ...])

Offsets in the swaps are into the ORIGINAL text. Deterministic for a given seed.
"""

from __future__ import annotations

import random
import re
from functools import lru_cache
from pathlib import Path

MYTHES = Path("/usr/share/mythes/th_en_US_v2.dat")
WORD_RE = re.compile(r"[A-Za-z]+")
SKIP = frozenset(
    """a an the and or but if of in on at to by for with from as is are was were be been being
    it its he she they we you i his her their our this that these those not no he him them who
    which what when where how than then there here has have had do does did will would can could
    should may might must said says""".split()
)
FALLBACK = {
    "said": ["stated", "declared"], "large": ["big", "huge"], "small": ["little", "minor"],
    "help": ["aid", "assist"], "show": ["display", "reveal"], "start": ["begin", "commence"],
    "end": ["finish", "close"], "people": ["folks", "persons"], "police": ["constabulary"],
    "killed": ["slain", "murdered"], "died": ["perished", "expired"], "new": ["novel", "fresh"],
    "old": ["ancient", "aged"], "get": ["obtain", "acquire"], "use": ["employ", "engage"],
    "make": ["create", "produce"], "home": ["house", "residence"], "report": ["account", "story"],
    "attack": ["assault", "onslaught"], "man": ["male", "guy"], "woman": ["lady", "female"],
    "build": ["construct", "erect"], "fire": ["blaze", "flame"], "city": ["metropolis", "town"],
    "country": ["nation", "land"], "leader": ["chief", "head"], "group": ["band", "cluster"],
    "time": ["period", "moment"], "week": ["sennight"], "day": ["daytime"], "work": ["toil", "labor"],
    "quake": ["temblor"], "earthquake": ["temblor", "seism"], "arrest": ["apprehension", "detain"],
    "hospital": ["infirmary"], "court": ["tribunal"], "win": ["triumph", "gain"],
}  # fmt: skip


@lru_cache(maxsize=1)
def thesaurus() -> dict[str, tuple[str, ...]]:
    """Word -> single-word synonyms (lowercase), from mythes when present."""
    if not MYTHES.exists():
        return {k: tuple(v) for k, v in FALLBACK.items()}
    table: dict[str, list[str]] = {}
    with MYTHES.open(encoding="utf-8", errors="replace") as fh:
        fh.readline()
        word = None
        remaining = 0
        for line in fh:
            line = line.rstrip("\n")
            if remaining == 0:
                head, _, count = line.partition("|")
                word, remaining = head.lower(), int(count or 0)
                continue
            remaining -= 1
            if word is None or not word.isalpha():
                continue
            for syn in line.split("|")[1:]:
                if "(antonym)" in syn:
                    continue
                syn = syn.split(" (")[0].lower()
                if syn.isalpha() and syn != word:
                    table.setdefault(word, [])
                    if syn not in table[word]:
                        table[word].append(syn)
    return {k: tuple(v[:12]) for k, v in table.items()}


def _case_like(template: str, word: str) -> str:
    if template.isupper() and len(template) > 1:
        return word.upper()
    if template[0].isupper():
        return word[0].upper() + word[1:]
    return word


def _inner_swap(word: str, table: dict[str, tuple[str, ...]], rng: random.Random) -> str | None:
    """Replace a substring of 3+ letters that is itself a word (not the whole word)."""
    lower = word.lower()
    options = []
    for length in range(min(6, len(lower) - 2), 2, -1):
        for i in range(0, len(lower) - length + 1):
            piece = lower[i : i + length]
            if piece in table and (i > 0 or length < len(lower)) and piece not in SKIP:
                options.append((i, length))
    if not options:
        return None
    i, length = options[rng.randrange(len(options))]
    syn = rng.choice(table[lower[i : i + length]])
    spun = lower[:i] + syn + lower[i + length :]
    return _case_like(word, spun)


def spin(text: str, rate: float, seed: int) -> tuple[str, list[tuple[int, int, str, str]]]:
    """Spin ``rate`` of the eligible words (lowercase words, and capitalised common words).

    Eligible: not a function word, known to the thesaurus as a whole or by a substring. Names (a
    capitalised word the thesaurus lacks) are left alone and other capitalised words spun at a
    third of the rate, as real spinners mostly do. One in four
    swaps is a substring swap when possible.
    """
    table = thesaurus()
    rng = random.Random(seed)
    out: list[str] = []
    swaps: list[tuple[int, int, str, str]] = []
    pos = 0
    for m in WORD_RE.finditer(text):
        word = m.group()
        lower = word.lower()
        if lower in SKIP or len(word) < 3 or (word[0].isupper() and lower not in table):
            continue
        if rng.random() >= (rate / 3 if word[0].isupper() else rate):
            continue  # capitalised words (often names) are spun less
        replacement = None
        if len(word) >= 6 and rng.random() < 0.25:
            replacement = _inner_swap(word, table, rng)
        if replacement is None and lower in table:
            replacement = _case_like(word, rng.choice(table[lower]))
        if replacement is None or replacement == word:
            continue
        out.append(text[pos : m.start()])
        out.append(replacement)
        swaps.append((m.start(), m.end(), word, replacement))
        pos = m.end()
    out.append(text[pos:])
    return "".join(out), swaps
