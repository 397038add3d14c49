"""Date expressions in news text, normalised to ISO prefixes with a precision.

Rules over regular expressions (compiled once) instead of a general date parser: parsers guess
a day for month-only dates and read any four digits as a year; here the precision comes from
what the text actually says, and a bare year needs a date context ("in 2014", "(2019)").

Decisions (the tests pin each one down):

- Seasons ("last summer", "summer 2023") give the season's year with precision "year" and
  ``qualifier`` set to the season: a month would invent precision, and a year stays
  prefix-compatible with any month inside the season. Northern seasons: spring March-May, summer
  June-August, autumn/fall September-November, winter December-February, labelled by the year of
  its January. "last <season>" is the most recent one that ended before the publication month.
- "early/mid/late 2024", "late last year", "the end of 2023": the year, ``qualifier`` early, mid
  or late.
- Relative expressions need ``published``. Without it they are skipped (none of them yields a
  year). With a coarser publication date than the expression needs ("yesterday" against "2024-05")
  the best guess from the middle of the period is returned with ``anchored=False``.
- "in March" / "on 14 March" (no year) is the most recent such date not after publication;
  "on Saturday" / "last Saturday" the most recent Saturday strictly before it.
- Weeks ("two weeks ago") resolve to a day; "last week"/"this week" to the month that day is in.
- Numeric dates: ISO "2023-09-14" and "2023-09"; "14/09/2023" is day-first only when the first
  number is over 12, month-first when the second is; ambiguous ones keep only the year.
- Decades ("mid-2010s"), centuries ("the 18th Century"), days alone ("the 14th") and vague phrases
  ("in recent months") are not dates. Decades and centuries are still reported by
  ``find_date_spans`` so that other extractors do not read their digits as numbers.
- Overlapping expressions: the longest wins (the earliest on ties).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta

from byline.calendar import MONTHS
from byline.model import Precision

_LEVEL = {"year": 0, "month": 1, "day": 2}

_MONTHS = MONTHS
_WEEKDAYS = {
    "monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
    "sunday": 6,
}  # fmt: skip
# season -> (first month, last month); winter is labelled by the year of its January
_SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "several": 0,
}  # fmt: skip
_QUALIFIERS = {
    "early": "early", "earlier": None, "mid": "mid", "late": "late", "later": None,
    "the end of": "late", "the start of": "early", "the beginning of": "early",
    "the middle of": "mid", "the first half of": "early", "the second half of": "late",
}  # fmt: skip

_MONTH = (
    r"(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\b\.?)"
)
_WEEKDAY = r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)"  # lowered text
_YEAR = r"(?P<year>(?:19|20)\d{2})(?![\d,]\d|\d)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_QUAL = (
    r"early|mid|late|the end of|the start of|the beginning of|the middle of|the first half of"
    r"|the second half of"
)
_NUM_AFTER = r"(?![\w%]|[.,]\d)"

# Every scanning pattern starts with a literal or a digit, so the regex engine skips ahead fast;
# what may precede a match (weekday, "the", a qualifier, a preposition) is checked afterwards on
# the few characters before it ("_LEFT" patterns, searched in the lowered text).
_DMY = re.compile(rf"{_DAY}(?:\s+of)?\s+{_MONTH},?\s+{_YEAR}")
_MDY = re.compile(rf"{_MONTH}\s+{_DAY},?\s+{_YEAR}")
_MY = re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}")
_ISO = re.compile(r"(?P<year>(?:19|20)\d{2})-(?P<mon>[01]\d)(?:-(?P<day>[0-3]\d))?(?![\w/-]|\.\d)")
_NUMERIC = re.compile(
    r"(?P<a>[0-3]?\d)(?P<sep>[/.-])(?P<b>[0-3]?\d)(?P=sep)(?P<year>(?:19|20)\d{2})(?![\w/]|\.\d)"
)
_DM = re.compile(rf"{_DAY}(?:\s+of)?\s+{_MONTH}(?!,?\s+\d)")
_MD = re.compile(rf"{_MONTH}\s+{_DAY}(?![\d:]|,?\s+\d)")
_MONTH_ALONE = re.compile(rf"{_MONTH}(?!\s*\d)")
_YEAR_RANGE = re.compile(r"(?P<y1>(?:19|20)\d{2})[-–](?P<y2>(?:19|20)?\d{2})(?![\w%]|[.,]\d|-)")
_BARE_YEAR = re.compile(r"(?P<year>(?:19|20)\d{2})(?![\w%/:]|[.,]\d|-\d|['’]s\b)")
_DECADE = re.compile(r"(?P<century>1\d|20)?\d0['’]?s\b")
_YEAR_AT = re.compile(rf"{_YEAR}{_NUM_AFTER}")
_CENTURY = re.compile(r"(?:1\d|2[01]|[1-9])(?:st|nd|rd|th)[\s-]+century\b")
_SIMPLE = re.compile(
    r"(?:yesterday|today|tomorrow|tonight|last night|this morning|this afternoon|this evening)\b"
)
_WEEKDAY_RX = re.compile(rf"{_WEEKDAY}\b")
_PERIOD = re.compile(r"(?P<rmod>this|last|next)\s+(?P<rper>year|month|week)\b")
_SEASON_REL = re.compile(
    r"(?P<smod>this past|last|this|next)\s+(?P<season>spring|summer|autumn|fall|winter)\b"
)

# triggers: every pattern above is tried only where one of these starts (fast literal scans)
_MONTH_AT = re.compile(r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)")
_DIGITS_AT = re.compile(r"\d+")
_KEYWORD_AT = re.compile(
    r"(?:yesterday|today|tomorrow|tonight|last|this|next|monday|tuesday|wednesday|thursday|friday"
    r"|saturday|sunday)"
)
_AGO_AT = re.compile(r"ago\b")
_SEASON_LEFT = re.compile(r"(?<![a-z])(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?\s+$")
_AGO_LEFT = re.compile(
    r"(?<![a-z0-9])(?P<n>\d{1,2}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven"
    r"|twelve)\s+(?P<per>day|week|month|year)s?\s+$"
)
_DAY_LEFT = re.compile(rf"(?<![a-z])(?:{_WEEKDAY},?\s+)?(?:the\s+)?$")
_WD_LEFT = re.compile(rf"(?<![a-z]){_WEEKDAY},?\s+$")
_QUAL_LEFT = re.compile(rf"(?<![a-z])(?P<qual>{_QUAL})[\s-]+$")
_THE_LEFT = re.compile(r"(?<![a-z])the\s+$")
_MONTH_LEFT = re.compile(
    r"(?<![a-z])(?P<prep>in|since|by|until|till|through|during|from|before|after|of|on|last|next"
    rf"|this|early|mid|late)[\s-]+(?:(?P<qual>{_QUAL})[\s-]+|(?P<mod>last|next|this)\s+)?$"
)
_WD_MOD_LEFT = re.compile(r"(?<![a-z])(?P<mod>on|last|next|this|since)\s+$")
_PERIOD_LEFT = re.compile(
    r"(?<![a-z])(?P<qual>early|earlier|mid|late|later|the end of|the start of|the beginning of)"
    r"[\s-]+$"
)
_DECADE_LEFT = re.compile(r"(?<![a-z])(?:(?:early|mid|late)[\s-]+)?(?:the\s+)?$")
_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")
_STRONG_LEFT = re.compile(
    r"(?:\b(?:in|since|by|until|till|through|throughout|from|between|during|before|after|circa"
    r"|as of|year|years)|\bc\.)\s+$",
    re.IGNORECASE,
)
_LOOSE_LEFT = re.compile(
    r"\b(?:in|since|during|until)\s+(?!the\b|a\b|an\b|about\b|some\b|all\b)[a-z]+\s+$",
    re.IGNORECASE,
)
_WEAK_LEFT = re.compile(r"(?:\b(?:of|to|and|or|the|around|about)\s+|\(\s*)$", re.IGNORECASE)
_WEAK_RIGHT = re.compile(
    r"^(?:\s*(?:[,.;:!?)–—]|$)|\s+(?:and|or|to|when|after|before|as|that|but|while|until|he|she|"
    r"they|it|we|was|were|had|has|is|saw|marked)\b)"
)
_EVENT_NOUNS = re.compile(
    r"^\s+(?:general\s+|presidential\s+|parliamentary\s+)?(?:elections?|census|season|crisis|"
    r"olympics|budget|report|survey|law|act|attacks?|earthquake|war|summit|campaign|protests?|"
    r"referendum|vote|coup|invasion|pandemic|world cup|midterms|primary|primaries|games)\b",
    re.IGNORECASE,
)
_SENTENCE_START = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


@dataclass(frozen=True)
class DateMatch:
    """A date expression found in a text; ``date`` is an ISO prefix of ``precision``."""

    start: int
    end: int
    text: str
    date: str
    precision: Precision
    relative: bool
    anchored: bool
    qualifier: str | None = None  # early | mid | late | spring | summer | autumn | winter


@dataclass(frozen=True)
class _Anchor:
    day: date  # the publication day, or the middle of the published period
    precision: Precision


def _parse_published(published: str | None) -> _Anchor | None:
    """ISO prefix -> anchor; unparsable strings count as no publication date."""
    if not published:
        return None
    m = re.match(r"\s*((?:1[89]|20|21)\d{2})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", published)
    if not m:
        return None
    year, month, day = int(m[1]), m[2], m[3]
    try:
        if month is None:
            return _Anchor(date(year, 7, 1), "year")
        if day is None:
            return _Anchor(date(year, int(month), 15), "month")
        return _Anchor(date(year, int(month), int(day)), "day")
    except ValueError:
        return None


def _iso(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    return f"{y:04d}-{m:02d}" if d is None else f"{y:04d}-{m:02d}-{d:02d}"


def _valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def _shift_months(y: int, m: int, delta: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + delta
    return total // 12, total % 12 + 1


# A candidate: (start, end, resolver). The resolver gets the anchor and returns
# (date, precision, needs, qualifier) or None; ``needs`` is the publication precision it requires
# (None for absolute expressions).
_Result = tuple[str, Precision, Precision | None, str | None]
_Resolver = Callable[[_Anchor | None], _Result | None]


def _const(value: str, precision: Precision, qualifier: str | None = None) -> _Resolver:
    return lambda _anchor: (value, precision, None, qualifier)


def _skip(_anchor: _Anchor | None) -> _Result | None:
    return None


def _month_num(name: str) -> int:
    return _MONTHS[name.rstrip(".").lower()]


def _qualifier(raw: str | None) -> str | None:
    return _QUALIFIERS.get(raw.lower().replace("-", "")) if raw else None


def _clear(text: str, i: int, bad: str) -> bool:
    """Nothing word-like (nor any of ``bad``) touches ``text`` just before ``i``."""
    return i == 0 or not (text[i - 1].isalnum() or text[i - 1] == "_" or text[i - 1] in bad)


def _left(low: str, start: int, rx: re.Pattern[str]) -> re.Match[str] | None:
    """``rx`` (anchored with $) matched against the 40 characters before ``start``."""
    return rx.search(low, max(0, start - 40), start)


def _at(rx: re.Pattern[str], text: str, positions: list[int]) -> Iterator[re.Match[str]]:
    """``rx`` tried only at the trigger positions (anchored there, no scanning)."""
    for p in positions:
        m = rx.match(text, p)
        if m:
            yield m


def _absolute(
    text: str, low: str, months: list[int], digits: list[int]
) -> Iterator[tuple[int, int, _Resolver]]:
    """Dates that need no reference date, one kind of pattern after the other."""
    yield from _full_dates(text, low, months, digits)
    yield from _month_years(text, low, months)
    yield from _iso_dates(text, digits)
    yield from _numeric_dates(text, digits)
    yield from _qualified_years(text, low, digits)
    yield from _year_ranges(text, digits)
    yield from _spans_only(text, low, digits)
    yield from _bare_years(text, digits)


def _full_dates(
    text: str, low: str, months: list[int], digits: list[int]
) -> Iterator[tuple[int, int, _Resolver]]:
    """ "3 March 2024" and "March 3, 2024", with a weekday or "on" before them."""
    for rx, pos in ((_DMY, digits), (_MDY, months)):
        for m in _at(rx, text, pos):
            if not _clear(text, m.start(), ",."):
                continue
            y, mo, d = int(m["year"]), _month_num(m["mon"]), int(m["day"])
            if _valid_day(y, mo, d):
                left = _left(low, m.start(), _DAY_LEFT if rx is _DMY else _WD_LEFT)
                yield left.start() if left else m.start(), m.end(), _const(_iso(y, mo, d), "day")


def _month_years(text: str, low: str, months: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """ "March 2024", "early March 2024"."""
    for m in _at(_MY, text, months):
        left = _left(low, m.start(), _QUAL_LEFT)
        value = _iso(int(m["year"]), _month_num(m["mon"]))
        qual = _qualifier(left["qual"]) if left else None
        yield left.start() if left else m.start(), m.end(), _const(value, "month", qual)


def _iso_dates(text: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """ "2024-03-05" and "2024-03"."""
    for m in _at(_ISO, text, digits):
        if not _clear(text, m.start(), "/.-"):
            continue
        y, mo = int(m["year"]), int(m["mon"])
        if m["day"] is not None:
            if _valid_day(y, mo, int(m["day"])):
                yield m.start(), m.end(), _const(_iso(y, mo, int(m["day"])), "day")
        elif 1 <= mo <= 12 and mo != (y + 1) % 100:  # "2009-10" is a season, not October
            yield m.start(), m.end(), _const(_iso(y, mo), "month")


def _numeric_dates(text: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """ "05/03/2024": a day when the order is certain, else only the year."""
    for m in _at(_NUMERIC, text, digits):
        if not _clear(text, m.start(), "/.-"):
            continue
        a, b, y = int(m["a"]), int(m["b"]), int(m["year"])
        if a > 12 or a == b:
            day, mon = a, b
        elif b > 12:
            day, mon = b, a
        else:  # 03/04/2023: March 4 or 3 April; only the year is certain
            yield m.start(), m.end(), _const(_iso(y), "year")
            continue
        if _valid_day(y, mon, day):
            yield m.start(), m.end(), _const(_iso(y, mon, day), "day")


def _qualified_years(text: str, low: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """A year with a qualifier or a season before it."""
    for m in _at(_YEAR_AT, text, digits):
        if not _clear(text, m.start(), ""):
            continue
        before = _left(low, m.start(), _QUAL_LEFT)
        if before:  # "early 2024", "mid-2023", "the end of 2022"
            yield before.start(), m.end(), _const(m["year"], "year", _qualifier(before["qual"]))
        in_season = _left(low, m.start(), _SEASON_LEFT)
        if in_season:  # "the summer of 2023"
            name = "autumn" if in_season["season"] == "fall" else in_season["season"]
            yield in_season.start(), m.end(), _const(m["year"], "year", name)


def _year_ranges(text: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """ "2019-2021", "2019-21": two years (not an amount's range)."""
    for m in _at(_YEAR_RANGE, text, digits):
        if not _clear(text, m.start(), "$£€¥.,-"):
            continue
        y1, y2 = m["y1"], m["y2"]
        second = int(y2) if len(y2) == 4 else int(y1[:2] + y2)
        if int(y1) < second <= int(y1) + 50:
            yield m.start("y1"), m.end("y1"), _const(y1, "year")
            yield m.start("y2"), m.end("y2"), _const(_iso(second), "year")


def _spans_only(text: str, low: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """Decades and centuries: not dates, but their digits are not amounts either."""
    for m in _at(_DECADE, text, digits):
        start = m.start()
        if m["century"] is None:  # "'90s"
            if not (start and text[start - 1] in "'’"):
                continue
            start -= 1
        if _clear(text, start, "$£€"):
            left = _left(low, start, _DECADE_LEFT)
            yield left.start() if left else start, m.end(), _skip
    for m in _at(_CENTURY, low, digits):
        if _clear(low, m.start(), ""):
            yield m.start(), m.end(), _skip


def _bare_years(text: str, digits: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    """Four digits are a year only in a date context, never in amounts or addresses."""
    for m in _at(_BARE_YEAR, text, digits):
        if not _clear(text, m.start(), "$£€¥₹#.,/:-"):
            continue
        left = text[max(0, m.start() - 20) : m.start()]
        right = text[m.end() : m.end() + 40]
        if _STRONG_LEFT.search(left):
            ok = True
        elif _LOOSE_LEFT.search(left):  # "in <adjective> 2024", e.g. a qualifier we do not know
            ok = bool(_WEAK_RIGHT.match(right))
        elif _WEAK_LEFT.search(left):
            ok = bool(_WEAK_RIGHT.match(right)) or (
                left.rstrip().lower().endswith("the") and bool(_EVENT_NOUNS.match(right))
            )
            if left.rstrip().endswith("("):
                ok = right.lstrip().startswith((")", "-", "–", ","))
        else:
            ok = bool(_SENTENCE_START.search(left)) and bool(
                re.match(r"^(?:,|\s+(?:was|saw|has been|had been|marked|brought|will be)\b)", right)
            )
        if ok:
            yield m.start(), m.end(), _const(m["year"], "year")


def _recent_month(mon: int, a: _Anchor, mode: str) -> int:
    """Year of the named month: most recent not after publication, or last/next/this one."""
    py, pm = a.day.year, a.day.month
    if mode == "next":
        return py if mon > pm else py + 1
    if mode == "this":
        return py
    if mode == "last":
        return py if mon < pm else py - 1
    return py if mon <= pm else py - 1


def _month_only(mon: int, mode: str, qualifier: str | None) -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        return _iso(_recent_month(mon, a, mode), mon), "month", "month", qualifier

    return resolve


def _day_month(mon: int, day: int) -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        y = a.day.year if (mon, day) <= (a.day.month, a.day.day) else a.day.year - 1
        if not _valid_day(y, mon, day):
            return None
        return _iso(y, mon, day), "day", "day", None

    return resolve


def _by_days(delta: int, precision: Precision = "day") -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        d = a.day + timedelta(days=delta)
        value = _iso(d.year, d.month, d.day) if precision == "day" else _iso(d.year, d.month)
        return value, precision, "day", None

    return resolve


def _weekday(wd: int, mode: str) -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        if mode in ("next", "this"):
            delta = (wd - a.day.weekday()) % 7 or (7 if mode == "next" else 0)
        else:
            delta = -((a.day.weekday() - wd) % 7 or 7)
        d = a.day + timedelta(days=delta)
        return _iso(d.year, d.month, d.day), "day", "day", None

    return resolve


def _period(period: str, offset: int, qualifier: str | None) -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        if period == "year":
            return _iso(a.day.year + offset), "year", "year", qualifier
        if period == "month":
            y, m = _shift_months(a.day.year, a.day.month, offset)
            return _iso(y, m), "month", "month", qualifier
        return _by_days(7 * offset, "month")(a)

    return resolve


def _season(season: str, mode: str) -> _Resolver:
    first, last = _SEASONS[season]
    label = "autumn" if season == "fall" else season

    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        py, pm = a.day.year, a.day.month
        if mode in ("last", "this past"):
            year = py if pm > last else py - 1
        elif mode == "next":
            year = py if pm < first else py + 1
            year += 1 if first == 12 else 0
        else:  # this
            year = py + 1 if first == 12 and pm >= 9 else py
        return _iso(year), "year", "month", label

    return resolve


def _relative(
    text: str, low: str, months: list[int], digits: list[int]
) -> Iterator[tuple[int, int, _Resolver]]:
    for m in _at(_MONTH_ALONE, text, months):
        left = _left(low, m.start(), _MONTH_LEFT)
        if left is None:
            continue
        prep = left["prep"]
        mode = left["mod"] or prep
        start = left.start("qual") if left["qual"] else (left.start("mod") if left["mod"] else m.start())
        if prep in ("last", "next", "this", "early", "mid", "late"):
            start = left.start("prep")
        if mode in ("early", "mid", "late"):
            mode = "in"
        qual = _qualifier(left["qual"]) or _qualifier(prep)
        yield start, m.end(), _month_only(_month_num(m["mon"]), mode, qual)
    for rx, pos in ((_DM, digits), (_MD, months)):
        for m in _at(rx, text, pos):
            day = int(m["day"])
            if 1 <= day <= 31 and _clear(text, m.start(), ",."):
                left = _left(low, m.start(), _DAY_LEFT if rx is _DM else _WD_LEFT)
                start = left.start() if left else m.start()
                yield start, m.end(), _day_month(_month_num(m["mon"]), day)
    keywords = [m.start() for m in _KEYWORD_AT.finditer(low) if _clear(low, m.start(), "")]
    yield from _relative_words(low, keywords)
    for m in _AGO_AT.finditer(low):
        left = _left(low, m.start(), _AGO_LEFT)
        if left is None:
            continue
        n = int(left["n"]) if left["n"].isdigit() else _NUMBER_WORDS[left["n"]]
        if left["per"] in ("day", "week"):
            yield left.start(), m.end(), _by_days(-n * (7 if left["per"] == "week" else 1))
        else:
            yield left.start(), m.end(), _ago(n, left["per"])


def _relative_words(low: str, keywords: list[int]) -> Iterator[tuple[int, int, _Resolver]]:
    for m in _at(_SIMPLE, low, keywords):
        delta = {"yesterday": -1, "tomorrow": 1, "last night": -1}.get(m[0], 0)
        yield m.start(), m.end(), _by_days(delta)
    for m in _at(_WEEKDAY_RX, low, keywords):
        left = _left(low, m.start(), _WD_MOD_LEFT)
        if not (left or re.match(r"['’]s\b", low[m.end() : m.end() + 3])):
            continue
        mode = left["mod"] if left and left["mod"] in ("last", "next", "this") else "on"
        start = m.start() if mode == "on" or left is None else left.start()
        yield start, m.end(), _weekday(_WEEKDAYS[m[0]], mode)
    for m in _at(_PERIOD, low, keywords):
        left = _left(low, m.start(), _PERIOD_LEFT)
        offset = {"this": 0, "last": -1, "next": 1}[m["rmod"]]
        qual = _qualifier(left["qual"]) if left else None
        yield left.start() if left else m.start(), m.end(), _period(m["rper"], offset, qual)
    for m in _at(_SEASON_REL, low, keywords):
        yield m.start(), m.end(), _season(m["season"], m["smod"])


def _ago(n: int, per: str) -> _Resolver:
    def resolve(a: _Anchor | None) -> _Result | None:
        if a is None:
            return None
        if per == "year":
            return _iso(a.day.year - n), "year", "year", None
        y, mo = _shift_months(a.day.year, a.day.month, -n)
        return _iso(y, mo), "month", "month", None

    return resolve


def _longest(cands: list[tuple[int, int, _Resolver]]) -> list[tuple[int, int, _Resolver]]:
    """Drop candidates overlapping a longer one (ties: the earlier wins)."""
    kept: list[tuple[int, int, _Resolver]] = []
    for c in sorted(cands, key=lambda c: (-(c[1] - c[0]), c[0])):
        if all(c[1] <= k[0] or c[0] >= k[1] for k in kept):
            kept.append(c)
    return sorted(kept, key=lambda c: c[0])


def _candidates(text: str) -> list[tuple[int, int, _Resolver]]:
    low = text.translate(_LOWER)  # same length as text, so offsets carry over
    months = [m.start() for m in _MONTH_AT.finditer(text) if _clear(text, m.start(), "")]
    digits = [m.start() for m in _DIGITS_AT.finditer(text)]
    cands = [*_absolute(text, low, months, digits), *_relative(text, low, months, digits)]
    return _longest(cands)


def find_date_spans(text: str) -> list[tuple[int, int]]:
    """Spans of every date-like expression, resolvable or not (decades, "in March" unanchored).

    For other extractors: digits inside these spans are not amounts. O(n) in the text length.
    """
    return [(s, e) for s, e, _ in _candidates(text)]


def find_dates(text: str, published: str | None = None) -> list[DateMatch]:
    """Every date expression of ``text``, resolved against ``published`` (an ISO prefix).

    Relative expressions are skipped when ``published`` is missing. O(n) in the text length.
    """
    anchor = _parse_published(published)
    out: list[DateMatch] = []
    for start, end, resolve in _candidates(text):
        result = resolve(anchor)
        if result is None:
            continue
        value, precision, needs, qualifier = result
        anchored = needs is None or (anchor is not None and _LEVEL[anchor.precision] >= _LEVEL[needs])
        out.append(
            DateMatch(start, end, text[start:end], value, precision, needs is not None, anchored, qualifier)
        )
    return out


def normalize_date(expression: str, published: str | None = None) -> DateMatch | None:
    """The date of one expression known to be a date ("2014", "last summer"), or None.

    Offsets are into ``expression``; when it holds several dates the longest is returned.
    """
    bare = re.fullmatch(r"\s*((?:19|20)\d{2})\s*", expression)
    if bare:
        return DateMatch(bare.start(1), bare.end(1), bare[1], bare[1], "year", False, True)
    found = find_dates(expression, published)
    if not found:
        return None
    return max(found, key=lambda d: (d.end - d.start, -d.start))
