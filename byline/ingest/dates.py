"""Publication dates from metadata values, as ISO prefixes ("2025-03-17", "2025-03", "2025").

Only absolute dates are accepted: a metadata value of "yesterday" says nothing without the
moment it was written, so it is dropped rather than resolved against today's clock. The
precision of the source is kept: "March 2025" gives "2025-03", never an invented day.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from functools import lru_cache

from byline.calendar import MONTHS

# years a publication date may have: outside them a number is not a date of publishing
MIN_YEAR = 1800
MAX_YEAR = 2100

_MONTHS = MONTHS
_MONTH_RE = "(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_ISO = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?=$|[T\s_]|[+-]\d\d:?\d\d$|Z$)")
_ISO_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:T\d{2}|$)")
_SLASHED = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})\b")
_MONTH_DAY_YEAR = re.compile(_MONTH_RE + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b", re.I)
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTH_RE + r",?\s+(\d{4})\b", re.I)
_MONTH_YEAR = re.compile(r"^" + _MONTH_RE + r",?\s+(\d{4})$", re.I)
_YEAR = re.compile(r"^(\d{4})$")
_ISO_INSIDE = re.compile(r"(?<!\d)(\d{4})-(\d{2})-(\d{2})(?!\d)")
_EPOCH = re.compile(r"^\d{9,13}(\.\d+)?$")


# A date field longer than this is not a date (and would cost dateparser time for nothing).
MAX_DATE_CHARS = 200


def parse_date(value: object) -> str | None:
    """An ISO date prefix for a metadata value, or None when it is not an absolute date.

    Accepts ISO 8601 strings (with or without time), "2025/03/17", "20250317",
    "March 17, 2025", "17 March 2025", "March 2025", "2025", RFC 2822 dates, epoch seconds
    or milliseconds (numbers or numeric strings); anything else goes to dateparser with
    relative expressions disabled.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        if isinstance(value, int) and MIN_YEAR <= value <= MAX_YEAR:
            return _iso(value, None, None)  # a bare year, not 2025 seconds after 1970
        try:
            return _from_epoch(float(value))
        except OverflowError:  # a 400-digit number is no date
            return None
    if isinstance(value, (dt.datetime, dt.date)):
        return _iso(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    text = value.strip()
    if not text or len(text) > MAX_DATE_CHARS:
        return None
    if _EPOCH.match(text):
        return _from_epoch(float(text))
    if _ISO.match(text) or _ISO_COMPACT.match(text) or _SLASHED.match(text):
        return _match_iso(text)  # numeric layout: valid or nothing, no second opinion
    found = _match_words(text)
    if found:
        return found
    try:
        parsed = parsedate_to_datetime(text)
        return _iso(parsed.year, parsed.month, parsed.day)
    except (TypeError, ValueError, IndexError):
        pass
    return _dateparser(text)


def _match_iso(text: str) -> str | None:
    m = _ISO.match(text)
    if m:
        year, month, day = m.group(1), m.group(2), m.group(3)
        return _iso(int(year), int(month) if month else None, int(day) if day else None)
    m = _ISO_COMPACT.match(text) or _SLASHED.match(text)
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def _match_words(text: str) -> str | None:
    m = _MONTH_DAY_YEAR.search(text)
    if m:
        return _iso(int(m.group(3)), _MONTHS[m.group(1).lower()], int(m.group(2)))
    m = _DAY_MONTH_YEAR.search(text)
    if m:
        return _iso(int(m.group(3)), _MONTHS[m.group(2).lower()], int(m.group(1)))
    m = _MONTH_YEAR.match(text)
    if m:
        return _iso(int(m.group(2)), _MONTHS[m.group(1).lower()], None)
    m = _YEAR.match(text)
    if m:
        return _iso(int(m.group(1)), None, None)
    m = _ISO_INSIDE.search(text)  # "Published: 2024-05-02 by the desk"
    if m:
        return _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    return None


def _from_epoch(seconds: float) -> str | None:
    if seconds > 1e11:  # milliseconds
        seconds /= 1000
    try:
        when = dt.datetime.fromtimestamp(seconds, tz=dt.UTC)
    except (OverflowError, OSError, ValueError):
        return None
    return _iso(when.year, when.month, when.day)


def _iso(year: int, month: int | None, day: int | None) -> str | None:
    """Validated ISO prefix; None for impossible dates or years out of range."""
    if not MIN_YEAR <= year <= MAX_YEAR:
        return None
    if month is None:
        return f"{year:04d}"
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        dt.date(year, month, day)
    except ValueError:
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


@lru_cache(maxsize=1)
def _dateparser_settings() -> dict[str, object]:
    return {
        "PARSERS": ["absolute-time", "custom-formats"],
        "REQUIRE_PARTS": ["day", "month", "year"],
        "DATE_ORDER": "DMY",
    }


def _dateparser(text: str) -> str | None:
    """Last resort for other languages and odd layouts ("17. März 2025"); day precision only."""
    if len(text) > 64 or not re.search(r"\d{4}", text):
        return None
    import dateparser

    try:
        parsed = dateparser.parse(text, settings=_dateparser_settings())  # type: ignore[arg-type]
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None:
        return None
    return _iso(parsed.year, parsed.month, parsed.day)
