"""Tokens, sentences and hashes shared by the provenance signatures and the pair evidence
(folding and sentence splitting are the shared toolkit's, :mod:`byline.textkit`).

Everything here is a small pure function over one text, linear in its length, so that a
signature stays cheap for 100k documents (no NLP model).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from byline.calendar import MONTHS as CALENDAR_MONTHS
from byline.textkit import fold

WORD_RE = re.compile(r"[^\W_]+(?:[-'’][^\W_]+)*", re.UNICODE)

STOPWORDS = frozenset(
    """a about above after again against all also although am an and any are as at be because
    been before being below between both but by can could did do does doing down during each
    few for from further had has have having he her here hers herself him himself his how i if
    in into is it its itself just me more most my myself no nor not now of off on once only or
    other our ours out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up upon very was we
    were what when where which while who whom why will with would you your yours yourself
    yourselves said says say told according one two three four five six seven eight nine ten
    mr mrs ms new last first next year years people like may might must shall since still yet
    however already many much us per via""".split()
)

MONTHS = CALENDAR_MONTHS
WEEKDAYS = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow".split()
)


@lru_cache(maxsize=200_000)
def _fold_token(token: str) -> str:
    return fold(token).replace("’", "'")


def name_word(token: str) -> str:
    """A word of a name as name features spell it: folded, possessive dropped ("Pérez's",
    "Globes'" -> "perez", "globes")."""
    return _fold_token(token).removesuffix("'s").rstrip("'")


def words(text: str) -> list[str]:
    """Folded word tokens (letters/digits, inner hyphens and apostrophes kept); tokens repeat, so
    each distinct spelling is folded once per process (a bounded lru_cache)."""
    return [_fold_token(t) for t in WORD_RE.findall(text)]


def stable_hash(value: str) -> int:
    """A 63-bit hash that is the same in every process (Python's hash() is salted)."""
    return int.from_bytes(hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def shingles(tokens: list[str], n: int = 5) -> set[str]:
    """Word n-grams; a text shorter than n gives its whole token string as one shingle."""
    if len(tokens) < n:
        return {" ".join(tokens)} if tokens else set()
    return {" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1)}


def stem(token: str) -> str:
    """A crude stem (first 6 letters) so that "deployed"/"deploying" and plurals meet."""
    return token[:6]


def content_stems(tokens: list[str]) -> list[str]:
    return [stem(t) for t in tokens if len(t) > 2 and t not in STOPWORDS and not t.isdigit()]


@lru_cache(maxsize=400_000)
def zipf(token: str, language: str = "en") -> float:
    """wordfreq's Zipf frequency of a folded token (English unless told), looked up once per
    spelling per process."""
    from wordfreq import zipf_frequency

    return float(zipf_frequency(token, language))


def is_known_word(token: str) -> bool:
    """Whether a lowercase token is an English word (wordfreq); spun copies are full of non-words."""
    return zipf(token) > 0.0
