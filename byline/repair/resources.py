"""Offline resources for spun-text repair: thesauri, word frequencies, a bigram list.

Sources, all read locally (nothing downloads at run time):
- Debian ``mythes-en-us`` (``/usr/share/mythes/th_en_US_v2.dat``, WordNet-based synonyms);
- Debian ``libaiksaurus-1.2-data`` (``/usr/share/aiksaurus/{words,meanings}.dat``), a looser
  thesaurus closer to what spinners use;
- Debian ``wordnet-base`` (``/usr/share/wordnet``): definition links, a word and the content
  words of its definitions ("meadow: a field where grass ... grown to be made into hay"), which reach
  pairs that neither thesaurus lists but another spinner's thesaurus may;
- ``wordfreq`` (unigram frequencies) and the bigram list shipped in the ``symspellpy`` wheel
  (which pairs are common: tortured-phrase flags, support for repairing capitalised words).
The trigram language model that ranks candidates is ``ngram``'s (the ``pocketsphinx`` wheel).

Parsing the Debian files takes seconds, so a compact pickle is cached under
``$BYLINE_CACHE`` (default ``~/.cache/byline``) keyed by the sources' paths, sizes and mtimes;
loading the pickle takes well under the 2 s budget of a worker process.
"""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from byline import diskcache

MYTHES_PATHS = (Path("/usr/share/mythes/th_en_US_v2.dat"),)
AIKSAURUS_DIR = Path("/usr/share/aiksaurus")
WORDNET_DIR = Path("/usr/share/wordnet")
_CACHE_VERSION = 7
# Synonym relations from mythes: plain synonyms and "similar term" are close; hypernyms
# ("generic term") and related terms are loose (spinners use them: "house" -> "abode");
# antonyms are dropped.
_MYTHES_SKIP = ("(antonym)",)
_MYTHES_LOOSE = ("(generic term)", "(related term)")


class RepairResourceError(RuntimeError):
    """A thesaurus or frequency file is missing or unreadable (the message names it)."""


@dataclass
class RepairResources:
    """Thesaurus (both directions), unigram zipf frequencies and bigram log-counts.

    ``syn[w]`` holds single-word synonyms of ``w`` from either thesaurus (symmetric);
    ``strong[w]`` those found in both or in mythes (closer WordNet sense); ``gloss[w]`` the
    words linked to ``w`` by a WordNet definition (either defines with the other; symmetric). ``zipf`` maps
    lower-case alphabetic words to their wordfreq zipf value (>= 1.0 kept). ``bigram`` maps
    "w1 w2" to log10 of the count in the symspellpy list.
    """

    syn: dict[str, frozenset[str]]
    strong: dict[str, frozenset[str]]
    zipf: dict[str, float]
    bigram: dict[str, float]
    foreign: frozenset[str] = field(default_factory=frozenset)
    gloss: dict[str, frozenset[str]] = field(default_factory=dict)
    _syn2: dict[str, frozenset[str]] = field(default_factory=dict, repr=False)

    def synonyms(self, word: str) -> frozenset[str]:
        return self.syn.get(word, frozenset())

    def synonyms2(self, word: str) -> frozenset[str]:
        """Two-step synonyms (synonyms of synonyms), memoised per instance (read-only data)."""
        got = self._syn2.get(word)
        if got is None:
            acc: set[str] = set()
            for s in self.syn.get(word, ()):
                acc.update(self.strong.get(s, ()))
            got = frozenset(acc - self.syn.get(word, frozenset()) - {word})
            self._syn2[word] = got
        return got

    def freq(self, word: str) -> float:
        return self.zipf.get(word, 0.0)

    def bigram_score(self, left: str, right: str) -> float:
        """log10 count of the pair, 0.0 when unseen."""
        return self.bigram.get(f"{left} {right}", 0.0)


def _bigram_path() -> Path:
    try:
        import symspellpy
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        raise RepairResourceError("symspellpy is not installed: its bigram list is needed") from exc
    path = Path(symspellpy.__file__).parent / "frequency_bigramdictionary_en_243_342.txt"
    if not path.exists():
        raise RepairResourceError(f"{path}: bigram list missing from the symspellpy package")
    return path


def _source_files() -> list[Path]:
    wordnet = [WORDNET_DIR / f"{kind}.{pos}" for kind in ("data", "index") for pos in _WN_POS]
    wordnet += [WORDNET_DIR / f"{pos}.exc" for pos in _WN_POS]
    files = [
        *MYTHES_PATHS, *wordnet, AIKSAURUS_DIR / "words.dat", AIKSAURUS_DIR / "meanings.dat", _bigram_path()
    ]  # fmt: skip
    for f in files:
        if not f.exists():
            pkg = next((p for key, p in _PACKAGES if key in str(f)), "libaiksaurus-1.2-data")
            raise RepairResourceError(f"{f}: missing; install the Debian package {pkg}")
    return files


_WN_POS = ("noun", "verb", "adj", "adv")
_PACKAGES = (("mythes", "mythes-en-us"), ("wordnet", "wordnet-base"))
GLOSS_MAX_ZIPF = 6.0  # more common than this: a function word, no link
GLOSS_MAX_USES = 1500  # a word used in more definitions than this is generic ("make", "form")
_GLOSS_SUFFIXES = (
    ("ies", "y"), ("es", ""), ("s", ""), ("ing", ""), ("ing", "e"), ("ed", ""), ("ed", "e"),
    ("d", ""), ("ly", ""), ("er", ""), ("est", ""),
)  # fmt: skip


def parse_wordnet_glosses(folder: Path, zipf: dict[str, float]) -> dict[str, set[str]]:
    """Definition links from WordNet's ``data.*`` files: each single-word lemma of a synset and
    the base forms of the content words in the synset's definition (the gloss before its
    quoted examples), both directions. Generic definition words (function words, words used
    by more than ``GLOSS_MAX_USES`` definitions) link nothing."""
    lemmas: set[str] = set()
    exceptions: dict[str, str] = {}
    defs: list[tuple[list[str], set[str]]] = []
    try:
        for pos in _WN_POS:
            with (folder / f"index.{pos}").open(encoding="utf-8", errors="replace") as fh:
                lemmas.update(line.split(" ", 1)[0] for line in fh if not line.startswith(" "))
            with (folder / f"{pos}.exc").open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) >= 2:
                        exceptions.setdefault(parts[0], parts[1])
        for pos in _WN_POS:
            with (folder / f"data.{pos}").open(encoding="utf-8", errors="replace") as fh:
                for line in fh:
                    if line.startswith(" "):
                        continue  # licence header
                    head, _, gloss = line.partition(" | ")
                    fields = head.split()
                    n = int(fields[3], 16)
                    lemma_fields = (fields[4 + 2 * k].split("(")[0] for k in range(n))
                    plain = [_plain(f) for f in lemma_fields if f.islower()]  # no names
                    definition = gloss.split('"', 1)[0]  # capitalised words are names: skipped
                    bases = [_wn_base(t, lemmas, exceptions) for t in _WN_WORD.findall(definition)]
                    defs.append(([w for w in plain if w], {b for b in bases if b}))
    except (OSError, ValueError, IndexError) as exc:
        raise RepairResourceError(f"{folder}: cannot read WordNet data ({exc})") from exc
    uses: dict[str, int] = {}
    for _, defined in defs:
        for d in defined:
            uses[d] = uses.get(d, 0) + 1
    out: dict[str, set[str]] = {}
    for words, defined in defs:
        content = {
            d
            for d in defined
            if len(d) >= 3 and zipf.get(d, 0.0) < GLOSS_MAX_ZIPF and uses[d] <= GLOSS_MAX_USES
        }
        for w in words:
            for d in content - {w}:
                out.setdefault(w, set()).add(d)
                out.setdefault(d, set()).add(w)
    return out


_WN_WORD = re.compile(r"(?<![A-Za-z])[a-z]+(?![A-Za-z])")


def _wn_base(word: str, lemmas: set[str], exceptions: dict[str, str]) -> str | None:
    """WordNet's base form of an inflected word (its exception lists, then suffix rules)."""
    if word in exceptions:
        return exceptions[word]
    if word in lemmas:
        return word
    for suffix, repl in _GLOSS_SUFFIXES:
        if word.endswith(suffix) and (b := word[: -len(suffix)] + repl) in lemmas:
            return b
    for suffix in ("ing", "ed"):  # doubled consonant: "stopped" -> "stop"
        b = word[: -len(suffix) - 1]
        if word.endswith(suffix) and len(b) >= 2 and word[len(b)] == b[-1] and b in lemmas:
            return b
    return None


def _cache_key(files: Iterable[Path]) -> str:
    h = hashlib.sha1(str(_CACHE_VERSION).encode())
    for f in files:
        st = f.stat()
        h.update(f"{f}|{st.st_size}|{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


def _plain(word: str) -> str | None:
    w = word.strip().lower()
    return w if w.isalpha() and w.isascii() and len(w) >= 2 else None


def parse_mythes(path: Path) -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Close and loose synonym sets per head word from a MyThes .dat file (head|n, then n sense lines)."""
    out: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as exc:
        raise RepairResourceError(f"{path}: cannot read ({exc})") from exc
    i = 1  # first line is the encoding
    while i < len(lines):
        head, _, count = lines[i].partition("|")
        n = int(count) if count.isdigit() else 0
        hw = _plain(head)
        for line in lines[i + 1 : i + 1 + n]:
            if hw is None:
                continue
            for part in line.split("|")[1:]:
                if any(tag in part for tag in _MYTHES_SKIP):
                    continue
                is_loose = any(tag in part for tag in _MYTHES_LOOSE)
                for tag in (*_MYTHES_LOOSE, "(similar term)"):
                    part = part.replace(tag, "")
                w = _plain(part)
                if w and w != hw:
                    (loose if is_loose else out).setdefault(hw, set()).add(w)
        i += 1 + n
    return out, loose


def parse_aiksaurus(words_path: Path, meanings_path: Path) -> dict[str, set[str]]:
    """Synonym sets from Aiksaurus data: words.dat lists words (NUL, then 16-bit meaning ids,
    0xFFFF), meanings.dat lists each meaning's word ids (0xFFFF-terminated)."""
    try:
        wdata = words_path.read_bytes()
        mdata = meanings_path.read_bytes()
    except OSError as exc:
        raise RepairResourceError(f"{words_path.parent}: cannot read Aiksaurus data ({exc})") from exc
    words: list[str] = []
    i = 0
    while i < len(wdata):
        j = wdata.index(b"\0", i)
        words.append(wdata[i:j].decode("latin-1").replace(":", " "))
        i = j + 1
        while wdata[i : i + 2] != b"\xff\xff":
            i += 2
        i += 2
    out: dict[str, set[str]] = {}
    i = 0
    while i < len(mdata):
        ids: list[int] = []
        while i + 1 < len(mdata) and mdata[i : i + 2] != b"\xff\xff":
            ids.append(int.from_bytes(mdata[i : i + 2], "big"))
            i += 2
        i += 2
        group = {w for k in ids if k < len(words) and (w := _plain(words[k]))}
        for w in group:
            out.setdefault(w, set()).update(group - {w})
    return out


def _symmetric(*maps: dict[str, set[str]]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for m in maps:
        for a, bs in m.items():
            for b in bs:
                out.setdefault(a, set()).add(b)
                out.setdefault(b, set()).add(a)
    return out


def _load_bigrams(path: Path) -> dict[str, float]:
    out: dict[str, float] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2].isdigit():
                out[f"{parts[0].lower()} {parts[1].lower()}"] = round(math.log10(int(parts[2])), 2)
    return out


def _load_zipf() -> dict[str, float]:
    import wordfreq

    out: dict[str, float] = {}
    for w, f in wordfreq.get_frequency_dict("en").items():
        if f > 0 and w.isalpha() and w.isascii():
            z = round(math.log10(f) + 9, 2)
            if z >= 1.0:
                out[w] = z
    return out


def _load_foreign(english: dict[str, float]) -> frozenset[str]:
    """Words common in Spanish/Portuguese/French/Italian/German but not in English."""
    import wordfreq

    acc: set[str] = set()
    for lang in ("es", "pt", "fr", "it", "de"):
        for w, f in wordfreq.get_frequency_dict(lang).items():
            if f >= 1e-6 and w.isalpha() and english.get(w, 0.0) < 2.0:
                acc.add(w)
    return frozenset(acc)


def build_resources() -> RepairResources:
    """Parse every source (seconds); ``load_repair_resources`` caches the result."""
    files = _source_files()
    mythes: dict[str, set[str]] = {}
    loose: dict[str, set[str]] = {}
    for p in MYTHES_PATHS:
        close, rough = parse_mythes(p)
        for k, v in close.items():
            mythes.setdefault(k, set()).update(v)
        for k, v in rough.items():
            loose.setdefault(k, set()).update(v)
    aik = parse_aiksaurus(files[-3], files[-2])
    zipf = _load_zipf()
    gloss = parse_wordnet_glosses(WORDNET_DIR, zipf)
    m_sym = _symmetric(mythes)
    all_sym = _symmetric(mythes, loose, aik)
    return RepairResources(
        syn={k: frozenset(v) for k, v in all_sym.items()},
        strong={k: frozenset(v) for k, v in m_sym.items()},
        zipf=zipf,
        bigram=_load_bigrams(files[-1]),
        foreign=_load_foreign(zipf),
        gloss={k: frozenset(v) for k, v in gloss.items()},
    )


def load_repair_resources() -> RepairResources:
    """Once per worker process: the cached pickle when fresh, else build and cache it (the
    language model of ``ngram`` is read here too, so that a missing one fails up front)."""
    from byline.repair.ngram import trigram_model

    trigram_model()
    return diskcache.cached("repair", _cache_key(_source_files()), build_resources, kind=RepairResources)
