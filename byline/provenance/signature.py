"""The per-document provenance signature, computed in a worker so that the corpus stage never
reads all texts to find candidates."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

import numpy as np
from datasketch import MinHash

from byline.model import Document
from byline.provenance.fingerprint import claim_features
from byline.provenance.text import (
    STOPWORDS,
    content_stems,
    fold,
    is_known_word,
    sentences,
    shingles,
    stable_hash,
    words,
)

NUM_PERM = 64
MINHASH_SEED = 7
MINHASH_SCHEME = "affine32"  # datasketch 2: 32-bit hash values
MIN_SENTENCE_WORDS = 6
STORY_TERMS = 48

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
    """One spelling for an outlet: "www.bbc.com", "the BBC" and "BBC News" all give "bbc"."""
    parts = [p for p in re.split(r"[\W_]+", fold(name)) if p and p not in OUTLET_NOISE]
    return "".join(parts)


@dataclass
class DocSignature:
    """What the corpus stage needs of one document.

    Size: the MinHash is 64 x 4 bytes; about 30-120 fingerprint features and 48 story terms (short
    strings) and one 8-byte hash per sentence: roughly 3-8 KB per document as Python objects,
    about 0.5 GB for 100k documents.
    """

    key: str
    words: int
    minhash: bytes  # NUM_PERM uint32 hash values of the 5-word-shingle MinHash
    sentence_hashes: tuple[int, ...]  # normalised sentences of >= MIN_SENTENCE_WORDS words
    features: dict[str, float]  # claim fingerprint: feature -> rarity prior
    terms: tuple[tuple[str, float], ...]  # story terms: (stem, tf x rarity), the top STORY_TERMS
    cited: tuple[str, ...] = ()  # outlets the text names as its source ("told the X", "Source: x.com")
    identity: tuple[str, ...] = ()  # outlets the document is by (site, byline line)
    nonword_rate: float = 0.0  # share of unknown lowercase words in the ORIGINAL text (spinning)
    published: str | None = None

    def hashvalues(self) -> np.ndarray:
        return np.frombuffer(self.minhash, dtype=np.uint32)


def minhash_of(tokens: list[str]) -> bytes:
    mh = MinHash(num_perm=NUM_PERM, seed=MINHASH_SEED, scheme=MINHASH_SCHEME)
    mh.update_batch([s.encode("utf-8") for s in sorted(shingles(tokens, 5))])
    return mh.hashvalues.astype(np.uint32).tobytes()


def sentence_hash(sentence: str) -> int | None:
    tokens = words(sentence)
    if len(tokens) < MIN_SENTENCE_WORDS:
        return None
    return stable_hash(" ".join(tokens))


def story_terms(tokens: list[str], names: list[str]) -> tuple[tuple[str, float], ...]:
    """The document's most telling terms: content stems and name words, tf times a rarity prior."""
    from wordfreq import zipf_frequency

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
        rarity = max(0.5, 7.0 - zipf_frequency(form[term], "en")) / 4.0
        boost = 1.5 if term.startswith("w:") else 1.0
        scored.append((term, round((1.0 + float(np.log(tf))) * rarity * boost, 4)))
    scored.sort(key=lambda t: (-t[1], t[0]))
    return tuple(scored[:STORY_TERMS])


def _nonword_rate(text: str) -> float:
    lower = [t for t in words(text) if t.isalpha() and t.islower() and len(t) > 3]
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


def document_signature(doc: Document, text: str | None = None) -> DocSignature:
    """The signature of one document; ``text`` is the repaired view when repair ran.

    Fingerprint, shingles and sentence hashes use the view (spinning hides words); the non-word
    rate uses the original (it tells which of two copies is the spun one). Linear in the text.
    """
    view = doc.text if text is None else text
    tokens = words(view)
    feats = claim_features(view)
    hashes = sorted({h for s in sentences(view) if (h := sentence_hash(s)) is not None})
    names = [f[2:] for f in feats if f.startswith("w:")]
    cited, identity = _outlets(doc.text, doc.site)
    return DocSignature(
        key=doc.key,
        words=len(tokens),
        minhash=minhash_of(tokens),
        sentence_hashes=tuple(hashes),
        features=feats,
        terms=story_terms([t for t in tokens if t not in STOPWORDS], names),
        cited=cited,
        identity=identity,
        nonword_rate=round(_nonword_rate(doc.text), 4),
        published=doc.published,
    )
