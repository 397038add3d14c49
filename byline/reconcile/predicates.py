"""When two predicates name the same attribute ("annual profits" = "annual income" = "profit").

The rule, in order:
1. Normalise: lowercase, accents folded, words only; drop function words ("of", "the") and
   neutral qualifiers that do not change what is measured ("estimated", "total", "number",
   "approximately", "size"); stem each word with light suffix rules (plural -s/-es/-ies, -ed,
   -ing, final -e), so "resigned" = "resign" and "profits" = "profit".
2. Fold a small table of general synonyms onto one word (profit/income/earnings,
   revenue/sales/turnover, member/membership, soldier/troop, employee/staff/worker, ...).
   Revenue is kept apart from profit on purpose: merging them would flag false contradictions.
3. Period words (annual, yearly, quarterly, monthly, weekly, daily) are taken out of the word
   set into a period: "annual profit" and "profit" agree (one side does not say), "annual" and
   "quarterly" never do.
4. Two predicates are equivalent when their word sets are equal and their periods agree, or
   (for a resolved subject) when their word sets have the same size and differ only by
   spelling (rapidfuzz token_sort_ratio >= 90: "organisation" = "organization").

Word sets must be equal, not one contained in the other: "striking workers" is not "workers"
(a subset rule, like a bare head-noun rule, would set 300 striking workers against a workforce
of 9,000 and call it a contradiction).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

SPELLING_SIMILARITY = 90  # token_sort_ratio at or above which two word sets are one spelling

_FUNCTION_WORDS = frozenset(
    "a an the of in on at to for by with from as its it their his her our your my and or "
    "is are was were be been being has have had per into than that this these those".split()
)
_NEUTRAL_WORDS = frozenset(
    "estimated estimate estimates total number approximate approximately about around roughly "
    "some current currently reported overall alleged reputed count figure figures size amount "
    "nearly almost over more least up toll tally".split()
)
_PERIOD_WORDS = {
    "annual": "year",
    "annually": "year",
    "yearly": "year",
    "year": "year",
    "annum": "year",
    "quarterly": "quarter",
    "quarter": "quarter",
    "monthly": "month",
    "month": "month",
    "weekly": "week",
    "week": "week",
    "daily": "day",
    "day": "day",
}
_SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("profit", "income", "earnings", "earning"),
    ("revenue", "sales", "turnover"),
    ("member", "membership", "memberships"),
    ("soldier", "troop", "troops"),
    ("employee", "staff", "worker", "workforce", "personnel"),
    ("death", "fatality", "fatalities", "dead"),
    ("people", "person", "persons", "individual"),
    ("resident", "inhabitant"),
    ("salary", "wage", "pay"),
    ("found", "establish"),
    ("injury", "injured", "wounded"),
    ("earthquake", "quake", "tremor"),
)
_WORD = re.compile(r"[a-z0-9]+")


def stem(word: str) -> str:
    """Light English suffix stripping: enough to fold inflections, never a dictionary."""
    w = word
    if len(w) <= 3 or w.isdigit():
        return w
    if w.endswith("ies") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("sses"):
        w = w[:-2]
    elif w.endswith(("ches", "shes", "xes", "zes")):
        w = w[:-2]
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if w.endswith("ied") and len(w) > 4:
        w = w[:-3] + "y"
    elif w.endswith("ing") and len(w) > 5:
        w = _undouble(w[:-3])
    elif w.endswith("ed") and len(w) > 4:
        w = _undouble(w[:-2])
    if w.endswith("e") and len(w) >= 4:
        w = w[:-1]
    return w


def _undouble(w: str) -> str:
    if len(w) > 2 and w[-1] == w[-2] and w[-1] not in "lsz" and w[-1].isalpha():
        return w[:-1]
    return w


@lru_cache(maxsize=1)
def _synonym_table() -> dict[str, str]:
    """Stemmed word -> the stem of its group's first word (read-only, built once)."""
    table: dict[str, str] = {}
    for group in _SYNONYMS:
        head = stem(group[0])
        for word in group:
            table[stem(word)] = head
    return table


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(ch for ch in folded if not unicodedata.combining(ch))
    return _WORD.findall(folded.lower())


@dataclass(frozen=True, order=True)
class PredicateKey:
    """A predicate reduced to what it measures: a sorted word set and an optional period."""

    words: tuple[str, ...]
    period: str = ""

    @property
    def text(self) -> str:
        return " ".join(self.words) + (f" /{self.period}" if self.period else "")


@lru_cache(maxsize=65536)
def predicate_key(predicate: str) -> PredicateKey:
    """Normalise a predicate phrase (pure; cached because corpora repeat predicates)."""
    synonyms = _synonym_table()
    words: set[str] = set()
    periods: set[str] = set()
    raw = _words(predicate)
    for word in raw:
        if word in _FUNCTION_WORDS or word in _NEUTRAL_WORDS:
            continue
        if word in _PERIOD_WORDS:
            periods.add(_PERIOD_WORDS[word])
            continue
        s = stem(word)
        words.add(synonyms.get(s, s))
    if not words:  # only function or period words: keep them, rather than an empty key
        words = {stem(w) for w in raw if w not in _PERIOD_WORDS} or set(periods)
        if words == periods:
            periods = set()
    period = "+".join(sorted(periods))
    return PredicateKey(tuple(sorted(words)), period)


def periods_agree(a: str, b: str) -> bool:
    return not a or not b or a == b


def spelling_variants(a: PredicateKey, b: PredicateKey) -> bool:
    """Equal-size word sets that differ only by spelling."""
    if len(a.words) != len(b.words) or not periods_agree(a.period, b.period):
        return False
    if a.words == b.words:
        return True
    score = fuzz.token_sort_ratio(" ".join(a.words), " ".join(b.words))
    return bool(score >= SPELLING_SIMILARITY)


def predicates_equivalent(a: str, b: str) -> bool:
    """True when two predicate phrases name the same attribute (see the module rule)."""
    ka, kb = predicate_key(a), predicate_key(b)
    return spelling_variants(ka, kb)


def phrase_words(predicate: str) -> list[str]:
    """The words of a stated predicate that say what it measures: function and period words
    left out, neutral ones kept ("casualty count" has two, "four-year deal" one)."""
    return [w for w in _words(predicate) if w not in _FUNCTION_WORDS and w not in _PERIOD_WORDS]
