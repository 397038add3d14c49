"""The claim fingerprint: the specific values a document states, found with rules (no NLP model).

Rewrites and spun copies change the words but keep the facts: amounts, dates and names. A
document's fingerprint is the set of those values, each with a rarity prior (a long specific
number says more than "100"; a month-year more than a year); the corpus stage multiplies the
prior by an IDF (Dong, Berti-Equille and Srivastava, VLDB 2009, weigh shared values by rarity).

Features: ``n:<value>`` (bare amount, because spinners mangle unit nouns), ``n:<value>|<unit>``,
``y:<year>``, ``ym:<year-month>``, ``d:<date>``, ``w:<name word>`` (single folded words of
capitalised names: a full name and its surname then share features). Not claims: days of the
month alone, times, ZIP codes, street numbers, ordinals. Cost: linear in the text length.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from byline.provenance.language import (
    BARE_THOUSAND,
    DECIMAL_COMMA,
    PERCENT_WORDS,
    SCALE_WORDS,
)
from byline.provenance.text import MONTHS, STOPWORDS, WEEKDAYS, name_word, zipf
from byline.textkit import NUMBER, NUMBER_DECIMAL_COMMA, read_number, sentence_spans

SCALE = r"(?:\s?(?:trillion|billion|million|thousand|bn|mn|tn|m|k)\b)"
PERCENT = r"\s?%|\s?per ?cent\b"
MAX_AMOUNT = 1e18  # beyond this a digit string is a serial or an id, not a figure (and 1e309 is inf)
CURRENCIES = {"$": "usd", "€": "eur", "£": "gbp", "¥": "jpy"}
SCALES = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "million": 1e6,
    "bn": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
}  # fmt: skip
RANGE_SEP_RE = re.compile(r"^\s*(?:-|–|—|to|and)\s*$")
STREET_RE = re.compile(
    r"^\s+(?:[A-Z][a-z]+\s+){1,3}(?:Street|St|Avenue|Ave|Road|Rd|Boulevard|Blvd|Lane|Ln|Drive|Dr|"
    r"Way|Place|Pl|Court|Ct|Highway|Hwy)\b"
)
ZIP_BEFORE_RE = re.compile(r"\b[A-Z]{2},?\s$")
TIME_AFTER_RE = re.compile(r"^(?::\d\d|\s?(?:a\.?m\.?|p\.?m\.?)(?!\w))", re.IGNORECASE)
UNIT_RE = re.compile(r"^[\s-]*([a-z][a-z-]{2,})")
CAPITAL_RE = re.compile(r"\b(?:[A-Z][\w'’]*(?:-[\w]+)*|[A-Z]{2,}(?:-\d+)?)", re.UNICODE)
LEADING_WORD_RE = re.compile(r"^[\W_]*([^\W_]+)")


@dataclass(frozen=True)
class Amount:
    """One number as stated: its value in whole units, unit noun, and position."""

    value: float
    unit: str | None
    start: int
    end: int


def _month_before(text: str, start: int) -> int | None:
    m = re.search(r"([A-Za-z]+)\.?,?\s+$", text[max(0, start - 12) : start])
    return MONTHS.get(m.group(1).lower()) if m else None


def _month_after(text: str, end: int) -> int | None:
    m = re.match(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?([A-Za-z]+)", text[end : end + 16])
    return MONTHS.get(m.group(1).lower()) if m else None


@lru_cache(maxsize=64)
def amount_re(language: str | None = None) -> re.Pattern[str]:
    """The amount pattern for a language: its digit separators, scale and percent words."""
    num = NUMBER_DECIMAL_COMMA if language in DECIMAL_COMMA else NUMBER
    words = sorted(SCALE_WORDS.get(language or "", {}), key=len, reverse=True)
    scale, pct = SCALE, PERCENT
    if words:  # the language's words, in any case ("Mio.", "millones")
        own = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in words)
        scale = rf"(?:\s?(?i:{own})\b\.?|{SCALE})"
    if language and language != "en":
        pct = "|".join([PERCENT, *(r"\s(?i:" + re.escape(w) + r")\b" for w in PERCENT_WORDS)])
    return re.compile(rf"(?P<cur>[$€£¥])?\s?(?P<num>{num})(?P<scale>{scale})?(?P<pct>{pct})?")


def _scale(word: str, language: str | None) -> float:
    key = " ".join(word.lower().rstrip(".").split())
    return SCALES.get(key) or SCALE_WORDS.get(language or "", {}).get(key, 1.0)


def _fmt(value: float) -> str:
    return str(int(value)) if value == int(value) else f"{value:.4g}"


def extract_amounts(text: str, language: str | None = None) -> tuple[list[Amount], list[tuple[str, float]]]:
    """Numbers with their unit, and date features (years, year-months, full dates).

    Ranges share scale and currency ("$10m-$15m", "$10-15 million", "between $10m and $15m").
    ``language`` (ISO 639-1) sets the digit separators and the scale words ("1,5 millones").
    Returns (amounts, [(date feature, prior)]).
    """
    found: list[dict] = []
    dates: list[tuple[str, float]] = []
    decimal_comma = language in DECIMAL_COMMA
    for m in amount_re(language).finditer(text):
        start, end = m.start("num"), m.end()
        if _inside_word(text, start, end):
            continue
        raw = m.group("num")
        cur = CURRENCIES.get(m.group("cur") or "")
        scale = (m.group("scale") or "").strip().lower()
        value = float(read_number(raw, decimal_comma)) * (_scale(scale, language) if scale else 1.0)
        if not math.isfinite(value) or value > MAX_AMOUNT:
            continue
        plain = raw.isdigit() and not cur and not scale and not m.group("pct")
        if plain and _not_an_amount(text, raw, value, start, end, dates):
            continue
        found.append({
            "value": value, "cur": cur, "scale": scale,
            "pct": bool(m.group("pct")), "mstart": m.start("cur") if cur else start, "end": end,
        })  # fmt: skip
    _share_range_units(text, found, language)
    amounts = [Amount(a["value"], _unit(text, a), a["mstart"], a["end"]) for a in found]
    thousand = BARE_THOUSAND.get(language or "")
    if thousand:  # "más de mil estructuras": the word alone is the figure
        for m in re.finditer(rf"(?<![\w.,])({thousand})(?!\w)", text, re.IGNORECASE):
            if not re.search(r"\d[\s.,\u00a0]*$", text[max(0, m.start() - 4) : m.start()]):
                amounts.append(Amount(1000.0, None, m.start(), m.end()))
        amounts.sort(key=lambda a: a.start)  # text order: the fingerprint keeps it (translations)
    return amounts, dates


def _inside_word(text: str, start: int, end: int) -> bool:
    """Digits that belong to a name ("G-20"), a word, an ordinal ("18th") or a version/ip fragment."""
    before = text[start - 1] if start else " "
    if before.isalpha() or (before == "-" and start > 1 and text[start - 2].isalpha()):
        return True
    after = text[end : end + 1]
    return after.isalpha() or (after == "." and text[end + 1 : end + 2].isdigit())


def _not_an_amount(
    text: str, raw: str, value: float, start: int, end: int, dates: list[tuple[str, float]]
) -> bool:
    """A plain number that is a time, a year (its date features go to ``dates``), a day of
    the month, a ZIP code or a street number: not an amount."""
    if TIME_AFTER_RE.match(text[end : end + 6]):
        return True
    if len(raw) == 4 and 1900 <= value <= 2099:
        month = _month_before(text, start)
        if month:
            dates.append((f"ym:{raw}-{month:02d}", 1.0))
            day = re.search(r"([A-Za-z]+)\.?\s+(\d{1,2}),?\s+$", text[max(0, start - 18) : start])
            if day and MONTHS.get(day.group(1).lower()):
                dates.append((f"d:{raw}-{month:02d}-{int(day.group(2)):02d}", 1.2))
        dates.append((f"y:{raw}", 0.4))
        return True
    if len(raw) <= 2 and (_month_before(text, start) or _month_after(text, end)):
        return True  # a day of the month is not a claim
    if len(raw) == 5 and ZIP_BEFORE_RE.search(text[max(0, start - 5) : start]):
        return True
    return bool(STREET_RE.match(text[end : end + 60]))


def _share_range_units(text: str, found: list[dict], language: str | None) -> None:
    """The two ends of a range share scale, currency and percent ("$10-15 million")."""
    for left, right in zip(found, found[1:], strict=False):
        if not RANGE_SEP_RE.match(text[left["end"] : right["mstart"]]):
            continue
        if (
            right["scale"]
            and not left["scale"]
            and left["value"] * _scale(right["scale"], language) <= right["value"] * 10
        ):
            left["value"] *= _scale(right["scale"], language)
        left["cur"] = left["cur"] or right["cur"]
        right["cur"] = right["cur"] or left["cur"]
        left["pct"] = left["pct"] or right["pct"]


def _unit(text: str, amount: dict) -> str | None:
    """An amount's currency, "%", or the noun after it ("people", "tons")."""
    unit = amount["cur"] or ("%" if amount["pct"] else None)
    if unit is None:
        um = UNIT_RE.match(text[amount["end"] : amount["end"] + 30])
        if um and um.group(1) not in STOPWORDS:
            unit = um.group(1).split("-")[0].rstrip("s") or None
    return unit


def _significant_digits(value: float) -> int:
    digits = _fmt(value).replace(".", "").lstrip("0").rstrip("0")
    return max(1, len(digits))


def number_features(text: str, language: str | None = None) -> dict[str, float]:
    """``n:`` and date features with their rarity priors."""
    amounts, dates = extract_amounts(text, language)
    feats: dict[str, float] = {}
    for a in amounts:
        if a.value < 10 and a.unit not in ("%", "usd", "eur", "gbp", "jpy") and a.value == int(a.value):
            continue  # "3 people": too common to identify a report
        prior = min(1.5, 0.3 + 0.3 * _significant_digits(a.value))
        if a.value >= 1000:
            prior += 0.2
        bare = f"n:{_fmt(a.value)}"
        feats[bare] = max(feats.get(bare, 0.0), prior)
        if a.unit:
            feats[f"{bare}|{a.unit}"] = max(feats.get(f"{bare}|{a.unit}", 0.0), prior + 0.2)
    for feat, prior in dates:
        feats[feat] = max(feats.get(feat, 0.0), prior)
    return feats


def name_features(text: str, language: str | None = None) -> dict[str, float]:
    """Single folded words of capitalised names; sentence-initial words only when also seen inside a
    sentence or when not a word of the text's language. Common words capitalised in headlines
    (or, in German, every noun) weigh less."""
    lang = language if language in _WORDFREQ_LANGUAGES else "en"
    inner: set[str] = set()
    initial: set[str] = set()
    spelled: dict[str, str] = {}
    for s, e in sentence_spans(text):
        sentence = text[s:e]
        lead = LEADING_WORD_RE.match(sentence)
        lead_start = lead.start(1) if lead else -1
        for m in CAPITAL_RE.finditer(sentence):
            token = name_word(m.group())
            if len(token) < 2 or token in STOPWORDS or token in MONTHS or token in WEEKDAYS:
                continue
            (initial if m.start() == lead_start else inner).add(token)
            if lang != "en":  # the language's word list spells with accents: look up the unfolded
                spelled.setdefault(token, m.group().lower().removesuffix("'s"))
    feats: dict[str, float] = {}
    for token in sorted(inner | initial):
        freq = zipf(token) if lang == "en" else zipf(spelled.get(token, token), lang)
        if token not in inner and freq >= 3.0:
            continue
        prior = 1.0 if freq < 3.5 else 0.6 if freq < 4.5 else 0.3
        feats[f"w:{token}"] = prior
    return feats


def claim_features(text: str, language: str | None = None) -> dict[str, float]:
    """The whole fingerprint: feature -> rarity prior. Language-independent values (figures read
    with the language's separators, dates, name words), so a translation keeps its source's."""
    feats = name_features(text, language)
    feats.update(number_features(text, language))
    return feats


# wordfreq's languages that name features may consult (others fall back to English)
_WORDFREQ_LANGUAGES = frozenset(
    "ar bg bn ca cs da de el en es fa fi fr he hi hu id it ja ko lt lv mk ms nb nl pl pt ro ru sk sl sv "
    "tr uk ur vi zh".split()
)


@lru_cache(maxsize=1_000_000)
def is_specific(feature: str) -> bool:
    """Numbers and dates more specific than a bare year: the values whose agreement shows copying."""
    return feature.startswith(("n:", "ym:", "d:")) and "|" not in feature
