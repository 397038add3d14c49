"""The country resolvers: the ISO table by name key, and followthemoney's registry."""

from __future__ import annotations

from byline.extract.names import name_key
from byline.textkit import fold_ascii
from byline.textkit.countries import country_table, iso_countries, place_country


def test_iso_list_is_complete_and_unique() -> None:
    countries = iso_countries()
    assert len(countries) >= 249
    assert len({c.alpha_2 for c in countries}) == len(countries)
    france = next(c for c in countries if c.alpha_2 == "FR")
    assert (france.alpha_3, france.numeric) == ("FRA", "250")


def test_table_finds_everyday_names_codes_and_unique_official_tails() -> None:
    names, codes = country_table(name_key)
    assert names[name_key("Russia")].code == "RU"  # everyday name; ISO says "Russian Federation"
    assert names[name_key("the United States of America")].code == "US"
    assert names["america"] == codes["USA"] == codes["US"]  # the tail of one official name
    assert names[name_key("Côte d’Ivoire")].code == "CI"
    assert "province" not in names


def test_table_is_keyed_by_the_callers_key() -> None:
    names, _ = country_table(fold_ascii)
    assert names["viet nam"].code == "VN"
    assert country_table(fold_ascii) is country_table(fold_ascii)  # built once


def test_place_country_tells_a_country_from_a_place_in_it() -> None:
    assert place_country("France", "GPE") == ("fr", True)
    assert place_country("France", "LOC") == ("fr", False)  # only GPE can be the country
    assert place_country("Nowhere Particular", "GPE") == (None, False)
