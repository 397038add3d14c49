"""Numeric claims in news text: amounts, ranges, money, percentages, ages, counted nouns.

Regular expressions (compiled once) find number atoms ("$5.5bn", "7.7 million", "eight"); rules
then join ranges, attach hedges, currencies and the counted noun, and drop what is not a
quantity. General parsers read "m" as metres and tokenise "$10m-$15m" badly, hence the rules.

Decisions (the tests pin each one down):

- Money: ``currency`` is set (ISO 4217; a bare "$" is USD) and ``unit`` is None.
- Ranges ("$10-15 million", "between $10m and $15m", "$10 million to $15 million") fill ``low``
  and ``high``; a scale or currency given once applies to both ends. "A and B" is a range only
  after "between"; "from A to B" is a change, so two quantities.
- Hedges (about, around, roughly, nearly, some, an estimated, more than, at least, over, up to,
  ...) set ``approximate`` and are part of the span.
- The counted noun is the first plural-looking word among the next three content words
  ("300 Syrian refugees" -> "refugee"), singularised by ``lemmatize`` or by rules; an "-ed"
  word may come first ("100 identified as members" -> "member").
- Ages ("41-year-old", "aged 41", "Name, 41,") have unit "age".
- Percentages have unit "percent" ("percentage point" for points).
- Number words count only with a counted noun or a scale ("eight countries", "a dozen states",
  "half a million"); "one" alone is too idiomatic to count.
- "half that figure", "twice that number", "about a third of that": the fraction of the nearest
  preceding quantity (ages excluded), same unit and currency, approximate, ``refers_to`` its index.
- Not quantities: years and other dates (see ``dates.find_date_spans``), ordinals, times, phone
  numbers, ZIP codes, street and label numbers ("Route 66", "G-20"), list numbering, and bare
  numbers without a unit below 100 or written without separators from 1000 up (1000-9999 are
  mostly years, larger ones codes).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal

from byline.extract.dates import find_date_spans
from byline.model import Value
from byline.textkit.numbers import NUMBER as _NUM
from byline.textkit.numbers import read_number as _number

_SMALL = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    "a": 1, "an": 1, "dozen": 12, "half": 0.5,
}  # fmt: skip
_TENS_STEMS = frozenset("twen thir for fif six seven eigh nine".split())
_SCALES = {
    "hundred": 100, "thousand": 1_000, "k": 1_000, "million": 1_000_000, "m": 1_000_000,
    "mn": 1_000_000, "mln": 1_000_000, "billion": 10**9, "bn": 10**9, "b": 10**9,
    "trillion": 10**12, "tn": 10**12,
}  # fmt: skip
_CURRENCY_PREFIX = {
    "$": "USD", "us$": "USD", "u.s.$": "USD", "usd": "USD", "c$": "CAD", "ca$": "CAD",
    "a$": "AUD", "au$": "AUD", "nz$": "NZD", "hk$": "HKD", "r$": "BRL", "£": "GBP", "gbp": "GBP",
    "€": "EUR", "eur": "EUR", "¥": "JPY", "jpy": "JPY", "₹": "INR", "inr": "INR", "chf": "CHF",
    "cny": "CNY", "₽": "RUB", "rub": "RUB", "₩": "KRW",
}  # fmt: skip
_CURRENCY_WORDS = [
    (r"(?:us|u\.s\.|american)\s+dollars?", "USD"), (r"canadian\s+dollars?", "CAD"),
    (r"australian\s+dollars?", "AUD"), (r"dollars?", "USD"), (r"euros?", "EUR"),
    (r"pounds?\s+sterling|sterling", "GBP"), (r"yen", "JPY"), (r"yuan|renminbi", "CNY"),
    (r"roubles?|rubles?", "RUB"), (r"swiss\s+francs?", "CHF"),
]  # fmt: skip
_HEDGES = (
    r"about|around|roughly|approximately|nearly|almost|some|an\s+estimated|estimated|more\s+than"
    r"|at\s+least|over|up\s+to|fewer\s+than|less\s+than|under|close\s+to|as\s+many\s+as"
    r"|upwards\s+of|in\s+excess\s+of|just\s+over|just\s+under|well\s+over|at\s+most|no\s+more\s+than|no\s+less\s+than"
    r"|circa|c\.|~|an\s+approximate|approx\.|more\s+or\s+less|or\s+so"
)
# hedges that bound a figure rather than blur it: "more than 200" is any amount above 200
_LOWER_HEDGES = frozenset(
    "more than|at least|over|upwards of|in excess of|just over|well over|no less than|exceeding".split("|")
)
_UPPER_HEDGES = frozenset(
    "up to|fewer than|less than|under|just under|at most|no more than|nearly|almost|close to".split("|")
)
# magnitude words standing for a figure ("thousands of people"): the range each one allows
_MAGNITUDES = {
    "hundreds": (100, 999), "thousands": (1_000, 999_999), "tens of thousands": (10_000, 99_999),
    "hundreds of thousands": (100_000, 999_999), "millions": (10**6, 10**9 - 1),
    "billions": (10**9, 10**12 - 1),
}  # fmt: skip
_MAGNITUDE = re.compile(  # on the lowered text
    r"\b(?P<mag>hundreds\s+of\s+thousands|tens\s+of\s+thousands|hundreds|thousands|millions|billions)\b"
)
# a span of one unit written as an adjective: "a year-long inquiry", "a week-long strike" (one
# unit, approximate: "year-long" is about a year)
_UNIT_LONG = re.compile(
    r"\b(?P<unit>second|minute|hour|day|night|week|month|year|decade|century)-long\b(?!-)"
)
# singular measure nouns a number may precede or follow ("7.1 magnitude", "magnitude 7.1")
_ORDINAL_WORDS = {
    "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10,
}  # fmt: skip
_ORDINAL = re.compile(  # on the lowered text
    r"\b(?:(?P<n>\d{1,3})(?:st|nd|rd|th)|(?P<w>" + "|".join(_ORDINAL_WORDS) + r"))[-\s](?P<noun>[a-z]{3,})\b"
)
# nouns an ordinal dates rather than places ("the third day", "his second term")
_ORDINAL_TIME_NOUNS = frozenset(
    "time times day days week weeks month months year years century centuries decade term "
    "anniversary quarter half hour minute night season generation edition round".split()
)
YEAR_LIKE = (1000, 2100)  # bare four-digit numbers kept for the parse: they may date a noun
_SHORT_UNIT = re.compile(r"\s?(?P<u>mg|kg|km|ml|mm|cm|lbs?|kw|mw|gw|kwh|mph)\b", re.IGNORECASE)  # "25mg"
_SINGULAR_MEASURES = frozenset("magnitude degree percent".split())
_HYPHEN_UNIT = re.compile(r"-(?P<w>[a-z]{3,})\b(?!-old)")  # "three-lane", "a 6.2-magnitude tremor"
_DEGREES = re.compile(r"\s?(?:°\s?|degrees?\s+)?(?P<scale>[CF]|celsius|fahrenheit)\b", re.IGNORECASE)
_IRREGULAR = {
    "people": "people", "men": "man", "women": "woman", "children": "child", "police": "police",
    "personnel": "personnel", "staff": "staff", "feet": "foot", "teeth": "tooth", "mice": "mouse",
    "geese": "goose", "cattle": "cattle", "data": "data", "media": "media", "crew": "crew",
    "livestock": "livestock", "militia": "militia", "troops": "troop", "lives": "life",
    "series": "series", "species": "species", "news": "news",
    "wives": "wife", "knives": "knife", "thieves": "thief", "leaves": "leaf", "halves": "half",
}  # fmt: skip
_MEASURES = {
    "km": "kilometre", "kms": "kilometre", "kg": "kilogram", "kgs": "kilogram", "mi": "mile",
    "lb": "pound", "lbs": "pound", "ha": "hectare", "mph": "mph", "km/h": "km/h", "sq": "square",
    "percent": "percent", "pc": "percent", "tonnes": "tonne", "tons": "ton",
}  # fmt: skip
_STOP = frozenset(
    "the a an of in on at to for and or but with from by as that which who whom whose were was is "
    "are had has have be been being will would could can may might must shall should do does did "
    "not no than then this these those its his her their our your my it they them he she we you "
    "i there here when where while after before since until during per each every into onto "
    "across among between against about around over under so such also only just still even "
    "more most less least yet thus plus unless whereas besides perhaps always sometimes towards "
    "afterwards nevertheless whereby including according".split()
)

_WORD = (
    r"one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
)
_WORDNUM = (
    rf"(?:(?:{_WORD})(?:[-\s](?:{_WORD}))?(?:\s+(?:and\s+)?(?:{_WORD}|hundred|thousand))*"
    r"|half\s+a\s+dozen|a\s+dozen|(?:a|an|half\s+a)(?=\s+(?:hundred|thousand|million|billion|trillion)\b))"
)
_CUR = r"(?:US\$|U\.S\.\s?\$|[CA]A?\$|AU\$|NZ\$|HK\$|R\$|[$£€¥₹₽₩]|(?:USD|GBP|EUR|JPY|INR|CHF|CNY|RUB)\s?)"
_TAIL = (
    r"(?:(?P<scale>\s?(?i:million|billion|trillion|thousand|hundred|dozen)\b)"
    r"|(?P<abbr>\s?(?:mn|mln|bn|tn|m|b|k)\b))?"
    r"(?P<pct>\s?%|\s(?i:per\s?cent|percent|percentage\s+points?)\b)?"
)
# Scanning patterns start with a digit or a literal word so the regex engine skips ahead fast;
# what precedes them (currency sign, hedge, word boundary) is checked afterwards.
_NUM_ATOM = re.compile(rf"(?P<num>{_NUM}){_TAIL}")
_WORD_ATOM = re.compile(rf"(?P<word>{_WORDNUM})\b{_TAIL}")
_CUR_BEFORE = re.compile(rf"{_CUR}$")
_HEDGE_BEFORE = re.compile(rf"(?:^|(?<=[\s(]))(?i:{_HEDGES})\s+$")
_BETWEEN_BEFORE = re.compile(r"\b(?i:between)\s+$")
_FROM_BEFORE = re.compile(r"\b(?i:from)\s+(?:[$£€¥₹]|US\$)?$")
_RANGE_JOIN = re.compile(r"\s*(?:-|–|—|to)\s*$|\s+(?:and)\s+$")
_CURRENCY_AFTER = re.compile(
    r"\s+(?i:" + "|".join(f"(?P<c{i}>{rx})" for i, (rx, _) in enumerate(_CURRENCY_WORDS)) + r")\b"
)
_WORD_AFTER = re.compile(r"\s+(?P<w>[A-Za-z][A-Za-z'’-]*[A-Za-z]|[A-Za-z])")
_REJECT_AFTER = re.compile(
    r"^(?:[:/]\d|\.\d|(?:st|nd|rd|th)\b|\s?(?i:[ap]\.m\.|[ap]m\b|o['’]clock|hrs\b|gmt\b|utc\b)|-?[A-Za-z])"
)
_STREET = re.compile(
    r"^\s+(?:[A-Z][\w'’.-]*\s+){1,3}(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Boulevard|Blvd\.?|Lane"
    r"|Drive|Way|Place|Square|Court|Terrace|Highway|Parkway|Crescent|Close|Row)\b"
)
_LABELS = re.compile(
    r"(?:\b(?:No|no|Nos|nos|Number|number|Route|route|Flight|flight|Article|article|Section|section"
    r"|Chapter|chapter|Page|page|pp|p|Room|room|Highway|Interstate|Resolution|Rule|rule|Line|line"
    r"|Platform|Gate|gate|Bus|bus|Apartment|Suite|Unit|Lot|Block|Level|level|Phase|phase|Volume"
    r"|Vol|Episode|Season|Act|Bill|Case|Exhibit|Table|Figure|Fig|Psalm|Rev|Version|version)\.?\s+"
    r"|#\s*)$"
)
_PHONE = re.compile(
    r"(?<![\w$£€])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)\s?)?\d{2,4}[\s.-]\d{3,4}[\s.-]\d{3,4}\b"
    r"|(?<![\w$£€,.])\d{3}-\d{4}\b"
)
_LIST_ITEM = re.compile(r"(?m)^[ \t]*\(?\d{1,3}[.)](?=\s)")
_NOT_LABELS = frozenset(
    "january february march april may june july august september october november december jan "
    "feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday "
    "saturday sunday some about around nearly almost over".split()
)
_PASSED_BEFORE = re.compile(r"\b(?i:surpassed|exceeded|topped|passed|crossed)\s+$")
_ZIP_BEFORE = re.compile(r"\b[A-Z]{2}\s+$")
_CAP_BEFORE = re.compile(r"(?P<before>[^\s]*)(?P<gap>\s*)\b(?P<w>[A-Z][\w'’.-]*)\s+$")
_AGES = (  # on the lowered text: (pattern, whether the number alone is the span)
    (re.compile(r"(?P<n>\d{1,3})[-\s]years?[-\s]old\b"), False),
    (re.compile(r"aged?\s+(?P<n>\d{1,3})\b(?![.,]\d)"), False),
    (re.compile(r", (?P<n>\d{1,3})(?=,\s|\))"), True),
    (re.compile(r" \((?P<n>\d{1,3})\)"), True),
)
_FRACTIONS = {
    "half": 0.5, "a half": 0.5, "one half": 0.5, "a third": 1 / 3, "one third": 1 / 3,
    "two thirds": 2 / 3, "two-thirds": 2 / 3, "a quarter": 0.25, "one quarter": 0.25,
    "three quarters": 0.75, "three-quarters": 0.75, "a fifth": 0.2, "a tenth": 0.1,
    "twice": 2.0, "double": 2.0, "triple": 3.0, "three times": 3.0, "four times": 4.0,
    "five times": 5.0, "ten times": 10.0,
}  # fmt: skip
_ANAPHORA = re.compile(  # on the lowered text; a hedge before it is found by _HEDGE_BEFORE
    r"(?P<frac>"
    + "|".join(sorted((re.escape(k).replace(r"\ ", r"\s+") for k in _FRACTIONS), key=len, reverse=True))
    + r")\s+(?:of\s+)?(?:(?:that|this)(?:\s+(?:figure|number|amount|total|sum|estimate|count|level))?"
    r"|the\s+(?:figure|number|amount|total|sum|estimate|count|level))\b"
)
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@dataclass(frozen=True)
class QuantityMatch:
    """A quantity expression; ``refers_to`` is the index of the match an anaphor resolved to."""

    start: int
    end: int
    text: str
    value: Value
    refers_to: int | None = None
    bound: str | None = None  # "lower" ("more than 200"), "upper" ("up to 12"), "about", or None
    bare: bool = False  # a small bare number kept for the parse to judge ("rose to 44")
    ordinal: bool = False  # a position ("the fourth pew", "the 12th-floor office")


def singularize(word: str) -> str:
    """Rule-based English singular of a lowercase plural noun (no model needed)."""
    w = word.lower()
    if w in _IRREGULAR:
        return _IRREGULAR[w]
    if len(w) > 4 and w.endswith("ies") and not w.endswith(("eies", "aies")):
        return w[:-3] + "y"
    if w.endswith(("sses", "shes", "ches", "xes", "zzes")):
        return w[:-2]
    if w.endswith("oes") and len(w) > 4:
        return w[:-2]
    if w.endswith("s") and not w.endswith(("ss", "us", "is")):
        return w[:-1]
    return w


def _looks_plural(word: str) -> bool:
    w = word.lower()
    if w in _IRREGULAR:
        return True
    if word.isupper() or w in _SMALL or w.endswith(("ties", "teens")) and w[:-4] in _TENS_STEMS:
        return False  # acronyms ("FLDS members") and number words ("the nineteen seventies")
    return len(w) > 2 and w.endswith("s") and not w.endswith(("ss", "us", "is", "'s", "’s"))


def _words_value(raw: str) -> Decimal:
    """Value of number words: "twenty-five", "two hundred and fifty thousand", "a dozen"."""
    total, current = Decimal(0), Decimal(0)
    raw = re.sub(r"^half\s+a\b", "half", raw.strip().lower())
    if raw.startswith("half "):  # "half a dozen", "half a million": half of what follows
        return _words_value(raw[5:]) / 2 if raw[5:].strip() in ("dozen",) else Decimal("0.5")
    for tok in re.split(r"[\s-]+", raw):
        if tok == "and":
            continue
        if tok in ("hundred",):
            current = (current or Decimal(1)) * 100
        elif tok == "thousand":
            total, current = total + (current or Decimal(1)) * 1000, Decimal(0)
        elif tok == "dozen":
            current = (current or Decimal(1)) * 12
        else:
            current += Decimal(str(_SMALL[tok]))
    return total + current


@dataclass
class _Atom:
    start: int
    end: int
    value: Decimal
    currency: str | None
    scaled: bool
    abbr: bool
    word: bool
    percent: str | None


def _clear(text: str, i: int, bad: str) -> bool:
    """Nothing word-like (nor any of ``bad``) touches ``text`` just before ``i``."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in bad)


def _atoms(text: str, low: str) -> list[_Atom]:
    out = []
    for rx, src in ((_NUM_ATOM, text), (_WORD_ATOM, low)):
        for m in rx.finditer(src):
            start = m.start()
            cur = None
            is_word = rx is _WORD_ATOM
            if not is_word:
                value = _number(m["num"])
                c = _CUR_BEFORE.search(text, max(0, start - 6), start)
                if c:
                    cur = _CURRENCY_PREFIX.get(c[0].strip().lower().replace(" ", ""))
                    start = c.start()
                if not _clear(text, start, "$£€¥₹.,/:#"):
                    continue
            else:
                if not _clear(low, start, ""):
                    continue
                value = _words_value(m["word"])
            scale = (m["scale"] or m["abbr"] or "").strip().lower()
            if scale:
                value *= _SCALES.get(scale, 12 if scale == "dozen" else 1)
            pct = m["pct"].strip().lower() if m["pct"] else None
            percent = None if pct is None else ("percentage point" if "point" in pct else "percent")
            out.append(_Atom(start, m.end(), value, cur, bool(scale), bool(m["abbr"]), is_word, percent))
    return sorted(out, key=lambda a: a.start)


def _is_phone(text: str, start: int, end: int) -> bool:
    """A phone number spans [start, end) ("555-123-4567", "+44 20 7946 0958")."""
    return any(
        m.start() < end and start < m.end()
        for m in _PHONE.finditer(text, max(0, start - 20), min(len(text), end + 20))
    )


def _blocked_spans(text: str, anaphora: list[re.Match[str]]) -> list[tuple[int, int]]:
    spans = find_date_spans(text)
    spans += [(m.start(), m.end()) for m in _LIST_ITEM.finditer(text)]
    spans += [(m.start(), m.end()) for m in anaphora]  # "three quarters of that"
    return spans


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _unit_after(text: str, pos: int, lemmatize: Callable[[str], str] | None) -> tuple[str, int]:
    """The counted noun after ``pos`` and the end of the phrase, or ("", pos)."""
    words: list[re.Match[str]] = []
    at = pos
    while len(words) < 4:
        m = _WORD_AFTER.match(text, at)
        if not m:
            break
        w = m["w"].lower()
        if w in ("as", "to", "be") and words and words[0]["w"].lower().endswith("ed"):
            at = m.end()  # "100 identified as members", "believed to be members"
            continue
        if w in _STOP:
            break
        words.append(m)
        at = m.end()
    for i, m in enumerate(words[:3]):
        w = m["w"]
        if w.lower() in _MEASURES and i == 0:
            return _MEASURES[w.lower()], m.end()
        if _looks_plural(w):
            nxt = words[i + 1] if i + 1 < len(words) else None
            if w.lower() == "police" and nxt is not None and _looks_plural(nxt["w"]):
                m, w = nxt, nxt["w"]  # "police officers"
            lemma = lemmatize(w).lower() if lemmatize else ""
            if not lemma or lemma == w.lower():  # the model left it alone: rules decide
                lemma = singularize(w)
            return lemma, m.end()
    return "", pos


def _rejected(
    text: str, a: _Atom, blocked: list[tuple[int, int]], has_unit: bool, attached: bool = False
) -> bool:
    """Numbers that are not quantities: dates, codes, times, labels, addresses, bare numbers.
    ``attached``: the unit is written onto the number ("31C", "three-lane"), so letters after
    it are no code."""
    if _overlaps(a.start, a.end, blocked) or (not a.currency and _is_phone(text, a.start, a.end)):
        return True
    after = text[a.end : a.end + 12]
    if not a.abbr and not a.percent and not attached and _REJECT_AFTER.match(after):
        return True
    if a.abbr and a.currency is None and not has_unit:
        return True  # "5m" alone is metres or minutes, not millions
    before = text[max(0, a.start - 30) : a.start]
    if a.currency is None and a.percent is None:
        if _LABELS.search(before) or _STREET.match(text[a.end : a.end + 60]):
            return True
        if a.start and text[a.start - 1] == "-" and a.start > 1 and text[a.start - 2].isalpha():
            return True  # "G-20", "COVID-19"
        cap = _CAP_BEFORE.search(before)
        if (
            cap
            and cap["w"].lower().rstrip(".") not in _NOT_LABELS
            and (not has_unit or re.fullmatch(r"\d+", text[a.start : a.end]))
            and not re.search(r"[.!?:;\"“]$", cap["before"] or ".")
            and "\n" not in cap["gap"]  # a line's first word starts a sentence (after a headline)
        ):
            return True  # "Boeing 747 jets", "Florida 33101"
    if a.currency or a.percent or has_unit:
        return False
    return _bare_rejected(text, a)


def _bare_rejected(text: str, a: _Atom) -> bool:
    """A bare number (no unit, no currency) too small or too code-like to stand alone."""
    raw = text[a.start : a.end]
    before = text[max(0, a.start - 30) : a.start]
    if a.word or a.value < 100:
        return True
    plain = re.fullmatch(r"\d+", raw) is not None
    if plain and _PASSED_BEFORE.search(before):
        return False  # "the toll has surpassed 5000": a level passed, not a year or an id
    return plain and (a.value >= 1000 or bool(_ZIP_BEFORE.search(before)))


def find_quantities(
    text: str, lemmatize: Callable[[str], str] | None = None, keep_bare: bool = False
) -> list[QuantityMatch]:
    """Every quantity expression of ``text`` with its value, in text order. O(n) in the text.

    ``keep_bare``: also small bare numbers ("rose to 44"), marked ``bare``, for a caller that
    can tell from the parse what they count."""
    low = text.translate(_LOWER)  # same length as text, so offsets carry over
    anaphora = [m for m in _ANAPHORA.finditer(low) if _clear(low, m.start(), "")]
    blocked = _blocked_spans(text, anaphora)
    found: list[QuantityMatch] = []
    atoms = _atoms(text, low)
    i = 0
    while i < len(atoms):
        a = atoms[i]
        b = atoms[i + 1] if i + 1 < len(atoms) else None
        pair = _range(text, a, b)
        if pair is not None:
            i += 2
        else:
            i += 1
        q = _quantity(text, a, pair, blocked, lemmatize, keep_bare)
        if q is not None:
            found.append(q)
    found += _ages(text, low, blocked)
    found += _unit_long(low, blocked)
    if keep_bare:
        found += _magnitudes(text, low, lemmatize)
        found += _ordinals(text, low, blocked)
    found = _longest(found)
    return _resolve_anaphora(text, found, anaphora)


def _range(text: str, a: _Atom, b: _Atom | None) -> _Atom | None:
    """``b`` when "a - b", "a to b" or "between a and b" form a range."""
    if b is None:
        return None
    gap = text[a.end : b.start]
    m = _RANGE_JOIN.match(gap + " ") if gap.strip() == "and" else _RANGE_JOIN.match(gap)
    if not m or len(gap) > 6:
        return None
    before = text[max(0, a.start - 30) : a.start]
    if gap.strip() == "and" and not _BETWEEN_BEFORE.search(before):
        return None
    if gap.strip() == "to" and _FROM_BEFORE.search(before):
        return None
    if (a.percent is None) != (b.percent is None) and a.percent is not None:
        return None
    if a.currency and not b.currency and not _CURRENCY_AFTER.match(text, b.end):
        if _unit_after(text, b.end, None)[0]:
            return None  # "gave $500 to 300 families"
    return b


def _quantity(
    text: str,
    a: _Atom,
    b: _Atom | None,
    blocked: list[tuple[int, int]],
    lemmatize: Callable[[str], str] | None,
    keep_bare: bool = False,
) -> QuantityMatch | None:
    last = b or a
    end = last.end
    currency = a.currency or last.currency
    cm = _CURRENCY_AFTER.match(text, end)
    if cm and currency is None:
        idx = next(int(k[1:]) for k, v in cm.groupdict().items() if v)
        currency, end = _CURRENCY_WORDS[idx][1], cm.end()
    percent = a.percent or last.percent
    unit = percent
    attached = False
    if unit is None and currency is None:
        unit, end, attached = _attached_unit(text, a, end, lemmatize)
    if unit is None and currency is None:
        unit, end = _unit_after(text, end, lemmatize)
    bare = False
    for atom in (a, b) if b else (a,):
        if _rejected(text, atom, blocked, bool(unit) or currency is not None, attached):
            hard = _rejected(text, atom, blocked, True, attached) or _code_like(text, atom)
            if not keep_bare or hard or atom.word or b is not None:
                return None
            bare = True  # a small bare number: the parse decides ("the count rose to 44")
    if a.word and not (unit or currency or a.scaled):
        return None
    start = a.start
    before = text[max(0, start - 30) : start]
    if _BETWEEN_BEFORE.search(before) and b is not None:
        start -= len(_BETWEEN_BEFORE.search(before)[0])  # type: ignore[index]
    hedge = _HEDGE_BEFORE.search(text[max(0, start - 30) : start])
    if hedge:
        start -= len(hedge[0])
    bound = _bound(hedge[0] if hedge else "")
    if b is None:
        value = Value(
            "quantity",
            amount=float(a.value),
            unit=unit or None,
            currency=currency,
            approximate=hedge is not None,
        )
    else:
        low, high = a.value, b.value
        if b.scaled and not a.scaled:
            scale = _scale_of(b)
            if low * scale <= high:
                low *= scale
        if low > high:
            return None
        value = Value(
            "quantity",
            low=float(low),
            high=float(high),
            unit=unit or None,
            currency=currency,
            approximate=hedge is not None,
        )
    return QuantityMatch(start, end, text[start:end], value, bound=bound, bare=bare)


def _code_like(text: str, a: _Atom) -> bool:
    """A bare number that reads as an identifier: in a slug or path ("news - 1.", "/ 3719638"),
    or four digits and more without separators outside the years (an id, not a count)."""
    around = text[max(0, a.start - 3) : a.start] + text[a.end : a.end + 3]
    if "/" in around or " - " in around or "-" in text[a.end : a.end + 1]:
        return True
    raw = text[a.start : a.end]
    return re.fullmatch(r"\d{4,}", raw) is not None and not YEAR_LIKE[0] <= a.value <= YEAR_LIKE[1]


def _bound(hedge: str) -> str | None:
    """What a hedge says about the figure: a lower or upper bound, an approximation, or nothing."""
    h = " ".join(hedge.lower().split())
    if not h:
        return None
    if h in _LOWER_HEDGES:
        return "lower"
    if h in _UPPER_HEDGES:
        return "upper"
    return "about"


def _attached_unit(
    text: str, a: _Atom, end: int, lemmatize: Callable[[str], str] | None
) -> tuple[str | None, int, bool]:
    """A unit written onto the number or named as a measure beside it: "31C", "88 degrees F",
    "a three-lane road", "a 6.2-magnitude tremor", "magnitude 6.2". (unit, end, attached)."""
    short = _SHORT_UNIT.match(text, end)
    if short and not a.word:
        return (_MEASURES.get(short["u"].lower(), short["u"].lower()), short.end(), True)
    deg = _DEGREES.match(text, end)
    if deg and not a.word and (deg.start() == end or "degree" in deg.group().lower() or "°" in deg.group()):
        scale = deg["scale"].lower()
        return ("degree " + ("celsius" if scale.startswith("c") else "fahrenheit"), deg.end(), True)
    hyphen = _HYPHEN_UNIT.match(text.lower(), end)
    if hyphen and hyphen["w"] not in _SMALL and not hyphen["w"].endswith(("ly", "ing", "ed")):
        word = hyphen["w"]
        lemma = lemmatize(word).lower() if lemmatize else ""
        return (lemma if lemma and lemma != word else singularize(word), hyphen.end(), True)
    after = _WORD_AFTER.match(text, end)
    if after and after["w"].lower() in _SINGULAR_MEASURES:
        return after["w"].lower(), after.end(), False
    before = re.search(
        r"(?i:\b(" + "|".join(_SINGULAR_MEASURES) + r"))\s+$", text[max(0, a.start - 12) : a.start]
    )
    if before and not a.word:
        return before[1].lower(), end, False
    return None, end, False


def _unit_long(low: str, blocked: list[tuple[int, int]]) -> list[QuantityMatch]:
    """ "a week-long strike": one unit of time, approximate (the span is the whole adjective)."""
    out = []
    for m in _UNIT_LONG.finditer(low):
        if _overlaps(m.start(), m.end(), blocked):
            continue
        value = Value("quantity", amount=1.0, unit=m["unit"], approximate=True)
        out.append(QuantityMatch(m.start(), m.end(), m.group(), value, bound="about"))
    return out


def _magnitudes(text: str, low: str, lemmatize: Callable[[str], str] | None) -> list[QuantityMatch]:
    """ "thousands of people", "hundreds still trapped", "billions of dollars": an approximate
    range (the unit or currency after "of" when there is one)."""
    out = []
    for m in _MAGNITUDE.finditer(low):
        if not _clear(low, m.start(), "") or re.match(r"\s+of\s+(?:the|those|these|them)\b", low[m.end() :]):
            continue
        lo, hi = _MAGNITUDES[re.sub(r"\s+", " ", m["mag"])]
        end = m.end()
        of = re.match(r"\s+of\b", text[end:])
        at = end + of.end() if of else end
        currency = None
        cm = _CURRENCY_AFTER.match(text, at)
        unit: str | None = None
        if cm and of:
            idx = next(int(k[1:]) for k, v in cm.groupdict().items() if v)
            currency, end = _CURRENCY_WORDS[idx][1], cm.end()
        else:
            found, unit_end = _unit_after(text, at, lemmatize)
            if found and (of or unit_end > at):
                unit, end = found, unit_end
        value = Value(
            "quantity", low=float(lo), high=float(hi), unit=unit, currency=currency, approximate=True
        )
        out.append(QuantityMatch(m.start(), end, text[m.start() : end], value, bound="about"))
    return out


def _ordinals(text: str, low: str, blocked: list[tuple[int, int]]) -> list[QuantityMatch]:
    """Positions: "the fourth pew", "the 12th-floor office" (unit "<noun> number"). "first"
    is left out (too idiomatic), and so are times ("the third day": a date, not a place)."""
    out = []
    for m in _ORDINAL.finditer(low):
        if _overlaps(m.start(), m.end(), blocked) or not _clear(low, m.start(), ".,$"):
            continue
        noun = m["noun"]
        if noun in _ORDINAL_TIME_NOUNS or noun in _STOP or noun.endswith(("ly", "est")):
            continue
        n = int(m["n"]) if m["n"] else _ORDINAL_WORDS[m["w"]]
        value = Value("quantity", amount=float(n), unit=noun + " number")
        out.append(QuantityMatch(m.start(), m.end(), text[m.start() : m.end()], value, ordinal=True))
    return out


def _scale_of(a: _Atom) -> Decimal:
    for s in sorted(_SCALES.values(), reverse=True):
        if a.value >= s and (a.value / s) < 1000:
            return Decimal(s)
    return Decimal(1)


def _ages(text: str, low: str, blocked: list[tuple[int, int]]) -> list[QuantityMatch]:
    out = []
    for rx, number_only in _AGES:
        for m in rx.finditer(low):
            n = int(m["n"])
            if not 0 < n <= 120 or _overlaps(m.start("n"), m.end("n"), blocked):
                continue
            if number_only:
                if not (m.start() and text[m.start() - 1].isalpha() and _name_before(text, m.start())):
                    continue
                start, end = m.start("n"), m.end("n")
            else:
                start, end = m.start(), m.end()
                if not _clear(text, start, ".,"):
                    continue
            value = Value("quantity", amount=float(n), unit="age")
            out.append(QuantityMatch(start, end, text[start:end], value))
    return out


def _name_before(text: str, pos: int) -> bool:
    """A capitalised word, not sentence-initial, ends just before ``pos`` ("Navarro, 41,")."""
    m = re.search(r"([A-Z][\w'’.-]*)\s*$", text[max(0, pos - 40) : pos])
    return m is not None and m[1].lower() not in _STOP


def _longest(found: list[QuantityMatch]) -> list[QuantityMatch]:
    kept: list[QuantityMatch] = []
    for q in sorted(found, key=lambda q: (-(q.end - q.start), q.bare, q.start)):
        if all(q.end <= k.start or q.start >= k.end for k in kept):
            kept.append(q)
    return sorted(kept, key=lambda q: q.start)


def _antecedent(text: str, pos: int, found: list[QuantityMatch], earlier: list[int]) -> int:
    """The nearest earlier quantity, unless the anaphor's sentence names another one's unit.

    "3,000 members and $2m-$4m ... its membership at half that figure": the stem of "member"
    in the sentence points back past the nearer amount of money.
    """
    sentence = text[max(text.rfind(".", 0, pos), text.rfind("\n", 0, pos)) + 1 : pos].lower()
    for i in reversed(earlier):
        unit = found[i].value.unit
        if unit and unit not in ("percent", "age") and re.search(rf"\b{re.escape(unit[:6])}", sentence):
            return i
    return earlier[-1]


def _resolve_anaphora(
    text: str, found: list[QuantityMatch], anaphora: list[re.Match[str]]
) -> list[QuantityMatch]:
    """Add "half that figure"-style quantities, resolved against the nearest earlier one."""
    out = list(found)
    for m in anaphora:
        start = m.start()
        hedge = _HEDGE_BEFORE.search(text, max(0, start - 30), start)
        start = hedge.start() if hedge else start
        if any(start < q.end and q.start < m.end() for q in out):
            continue  # an age or a hedge-spanning quantity already took these words
        earlier = [i for i, q in enumerate(out) if q.end <= m.start() and q.value.unit != "age"]
        if not earlier:
            continue
        ref = _antecedent(text, m.start(), out, earlier)
        f = _FRACTIONS[re.sub(r"\s+", " ", m["frac"].lower())]
        v = out[ref].value
        scaled = replace(
            v,
            amount=None if v.amount is None else v.amount * f,
            low=None if v.low is None else v.low * f,
            high=None if v.high is None else v.high * f,
            approximate=True,
        )
        q = QuantityMatch(start, m.end(), text[start : m.end()], scaled, refers_to=ref)
        out.insert(ref + 1 + sum(1 for x in out[ref + 1 :] if x.start < q.start), q)
    return out
