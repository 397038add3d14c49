"""The one fold: provenance's token fold, and the ASCII key of gazetteer lookups and search."""

from __future__ import annotations

import sys
import unicodedata

from byline.extract.names import name_key
from byline.textkit import fold, fold_ascii, strip_accents


def test_fold_lowercases_and_drops_accents_but_keeps_other_letters() -> None:
    assert fold("Córdoba") == "cordoba"
    assert fold("ÉLAN Vital") == "elan vital"
    assert fold("Øster  Straße") == "øster  straße"  # no ASCII form: kept; spaces as they were
    assert fold("Москва") == "москва"


def test_fold_ascii_is_a_collapsed_ascii_key() -> None:
    assert fold_ascii("  São   Tomé ") == "sao tome"
    assert fold_ascii("Łódź") == "odz"  # letters without an ASCII form are dropped
    assert fold_ascii("ℂity ᴬ") == "city a"  # compatibility capitals lowered after decomposing
    assert fold_ascii("Москва") == ""


def test_strip_accents_keeps_case() -> None:
    assert strip_accents("Nicolás Ñúñez") == "Nicolas Nunez"


def test_name_key_is_the_fold_with_full_case_folding() -> None:
    assert name_key("Große Straße") == "grosse strasse"
    assert name_key("The U.S.") == "us"
    assert name_key("José Álvarez’s") == "jose alvarez"


def _old_ascii_key(text: str) -> str:
    """The key serve, report/places and export/ftm each wrote before the toolkit."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return " ".join(plain.casefold().split())


def _old_name_fold(text: str) -> str:
    """The accent and case step extract/names wrote before the toolkit."""
    return strip_accents(text).casefold()


def test_fold_ascii_and_name_key_step_match_the_old_copies_on_every_code_point() -> None:
    """Both keys are built on ``fold`` now; on every assigned code point (alone, and inside a word with a
    Greek capital sigma, whose lowercase depends on its neighbours) they give what the old copies
    gave."""
    ascii_bad, name_bad = [], []
    for cp in range(sys.maxunicode + 1):
        if unicodedata.category(chr(cp)) in ("Cn", "Cs", "Co"):
            continue  # unassigned, surrogate and private-use: no case, no decomposition
        for text in (chr(cp), f"Ab{chr(cp)}Σ x"):
            if fold_ascii(text) != _old_ascii_key(text):
                ascii_bad.append(cp)
            if fold(text).casefold() != _old_name_fold(text):
                name_bad.append(cp)
    assert ascii_bad == []
    assert name_bad == []
