"""The per-document provenance signature, computed in a worker so that the corpus stage never
reads all texts to find candidates."""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from datasketch import MinHash

from byline.model import Document
from byline.provenance.fingerprint import claim_features
from byline.provenance.language import detect_language
from byline.provenance.text import (
    STOPWORDS,
    content_stems,
    is_known_word,
    shingles,
    stable_hash,
    words,
    zipf,
)
from byline.textkit import fold, sentences

NUM_PERM = 64  # MinHash values a document (its Jaccard estimate is within ~0.06)
MINHASH_SEED = 7  # fixed: stored signatures stay comparable across builds
MINHASH_SCHEME = "affine32"  # datasketch 2: 32-bit hash values
MIN_SENTENCE_WORDS = 6  # shorter sentences (datelines, bylines) are hashed by every outlet alike
STORY_TERMS = 48  # heaviest distinctive words kept for the story stage

CITE_RES = [
    re.compile(r"(?:original\s+)?source\s*:\s*(?:https?://)?([\w.-]+\.\w{2,})", re.IGNORECASE),
    re.compile(r"(?:told|according to|reported by|first reported by|via)\s+(?:the\s+)?"
               r"((?:[A-Z][\w&]*\.?[ \t]?){1,4})"),
    re.compile(r"\((AP|AFP|Reuters|Bloomberg|UPI|dpa|ANI|PTI)\)"),
]  # fmt: skip
SELF_RES = [
    re.compile(r"^\s*((?:[A-Z][\w&]*\s){0,3}[A-Z][\w&]*)\s+News\b[^\n]{0,40}$", re.MULTILINE),
    re.compile(r"^\s*By\s+[^\n,]{2,40},\s*((?:[A-Z][\w&]*\s?){1,4})\s*$", re.MULTILINE),
]
OUTLET_NOISE = {"www", "com", "org", "net", "co", "uk", "news", "the", "online", "html"}


def outlet_key(name: str) -> str:
    """One spelling for an outlet: "www.herald.com", "the Herald" and "Herald News" all give "herald"."""
    parts = [p for p in re.split(r"[\W_]+", fold(name)) if p and p not in OUTLET_NOISE]
    return "".join(parts)


def _floats(values: list[float]) -> bytes:
    return np.asarray(values, dtype=np.float32).tobytes()


@dataclass(slots=True)
class DocSignature:
    """What the corpus stage needs of one document, stored compactly.

    Why compact: 100k of these stay in memory at once. Feature and term names are interned tuples
    (one string object per distinct value in the process, shared by all documents), their weights
    float32 bytes, the MinHash 64 x uint32 bytes and the sentence hashes uint64 bytes. Measured
    (tracemalloc, bench/provenance_scale.py texts): about 2 KB per document in memory, 1.1 KB
    pickled; ~200 MB for 100k. (Dicts of fresh strings took about 12 KB.)
    ``features`` and ``terms`` rebuild the dict / tuple views on demand (O(features)).
    """

    key: str
    words: int
    minhash: bytes  # NUM_PERM uint32 hash values of the 5-word-shingle MinHash
    sentence_bytes: bytes  # uint64 hashes of normalised sentences of >= MIN_SENTENCE_WORDS words
    feature_names: tuple[str, ...]  # claim fingerprint features (interned) ...
    feature_priors: bytes  # ... and their rarity priors (float32)
    term_names: tuple[str, ...]  # story terms, the top STORY_TERMS (interned) ...
    term_weights: bytes  # ... and their weights, tf x rarity (float32)
    cited: tuple[str, ...] = ()  # outlets the text names as its source ("told the X", "Source: x.com")
    identity: tuple[str, ...] = ()  # outlets the document is by (site, byline line)
    nonword_rate: float = 0.0  # share of unknown lowercase words in the ORIGINAL text (spinning)
    published: str | None = None
    language: str | None = None  # ISO 639-1 (byline.provenance.language)

    def __post_init__(self) -> None:
        self.feature_names = tuple(sys.intern(f) for f in self.feature_names)
        self.term_names = tuple(sys.intern(t) for t in self.term_names)

    def __getstate__(self) -> tuple:
        return tuple(getattr(self, f) for f in self.__slots__)

    def __setstate__(self, state: tuple) -> None:
        for name, value in zip(self.__slots__, state, strict=True):
            setattr(self, name, value)
        self.__post_init__()  # unpickled names are fresh strings: share them again

    def hashvalues(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype=np.uint32)

    @property
    def sentence_hashes(self) -> tuple[int, ...]:
        return tuple(int(h) for h in np.frombuffer(self.sentence_bytes, dtype=np.uint64))

    @property
    def features(self) -> dict[str, float]:
        """Feature -> prior (a fresh dict)."""
        priors = np.frombuffer(self.feature_priors, np.float32).tolist()
        return dict(zip(self.feature_names, priors, strict=True))

    @property
    def terms(self) -> tuple[tuple[str, float], ...]:
        weights = np.frombuffer(self.term_weights, np.float32).tolist()
        return tuple(zip(self.term_names, weights, strict=True))


@lru_cache(maxsize=1)
def _permutations() -> np.ndarray:
    """The MinHash permutations, drawn once per process (datasketch draws them per object)."""
    return MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME).permutations


def minhash_of(tokens: list[str]) -> bytes:
    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME, permutations=_permutations())
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(tokens, 5))])
    return mh.hashvalues.astype(np.uint32).tobytes()


def sentence_hash(sentence: str) -> int | None:
    return _tokens_hash(words(sentence))


def _tokens_hash(tokens: list[str]) -> int | None:
    if len(tokens) < MIN_SENTENCE_WORDS:
        return None
    return stable_hash(" ".join(tokens))


def story_terms(tokens: list[str], names: list[str]) -> tuple[tuple[str, float], ...]:
    """The document's most telling terms: content stems and name words, tf times a rarity prior."""
    counts: Counter[str] = Counter()
    form: dict[str, str] = {}
    for tok in tokens:
        for st in content_stems([tok]):
            counts[st] += 1
            form.setdefault(st, tok)
    for n in names:
        counts[f"w:{n}"] += 1
        form[f"w:{n}"] = n
    scored = []
    for term, tf in counts.items():
        rarity = max(0.5, 7.0 - zipf(form[term])) / 4.0
        boost = 1.5 if term.startswith("w:") else 1.0
        scored.append((term, round((1.0 + math.log(tf)) * rarity * boost, 4)))
    scored.sort(key=lambda t: (-t[1], t[0]))
    return tuple(scored[:STORY_TERMS])


def _nonword_rate(text: str, tokens: list[str] | None = None) -> float:
    toks = words(text) if tokens is None else tokens
    lower = [t for t in toks if t.isalpha() and t.islower() and len(t) > 3]
    if not lower:
        return 0.0
    return sum(1 for t in lower if not is_known_word(t)) / len(lower)


def _outlets(text: str, site: str | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    identity = {outlet_key(site)} if site else set()
    head = text[:300]
    for rx in SELF_RES:
        for m in rx.finditer(head):
            identity.add(outlet_key(m.group(1)))
    cited = set()
    for rx in CITE_RES:
        for m in rx.finditer(text):
            key = outlet_key(m.group(1))
            if key and key not in identity:
                cited.add(key)
    identity.discard("")
    return tuple(sorted(cited)), tuple(sorted(identity))


def document_signature(doc: Document, text: str | None = None, language: str | None = None) -> DocSignature:
    """The signature of one document; ``text`` is the repaired view when repair ran; ``language``
    when the caller detected it already (else detected here).

    Fingerprint, shingles and sentence hashes use the view (spinning hides words); the non-word
    rate uses the original (it tells which of two copies is the spun one). Linear in the text;
    the view is tokenised once (sentence by sentence).
    """
    view = doc.text if text is None else text
    if language is None:
        language = detect_language(doc.text)
    per_sentence = [words(s) for s in sentences(view)]
    tokens = [t for toks in per_sentence for t in toks]
    feats = claim_features(view, language)
    hashes = sorted({h for toks in per_sentence if (h := _tokens_hash(toks)) is not None})
    names = [f[2:] for f in feats if f.startswith("w:")]
    terms = story_terms([t for t in tokens if t not in STOPWORDS], names)
    cited, identity = _outlets(doc.text, doc.site)
    return DocSignature(
        key=doc.key,
        words=len(tokens),
        minhash=minhash_of(tokens),
        sentence_bytes=np.asarray(hashes, dtype=np.uint64).tobytes(),
        feature_names=tuple(feats),
        feature_priors=_floats(list(feats.values())),
        term_names=tuple(t for t, _ in terms),
        term_weights=_floats([w for _, w in terms]),
        cited=cited,
        identity=identity,
        nonword_rate=round(_nonword_rate(doc.text, tokens if text is None else None), 4),
        published=doc.published,
        language=language,
    )
