"""Folding: the comparison key of words and names (case and accents), one definition.

Cost: linear in the text; ASCII text (most of it) takes a fast path.
"""

from __future__ import annotations

import unicodedata


def strip_accents(text: str) -> str:
    """'Renée' -> 'Renee': accents are the commonest variation between outlets (case kept)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Lowercase without accents, so that "Córdoba" and "Cordoba" are one token. Letters without
    an ASCII form ("ø", "ß", Cyrillic) are kept; white space is left as it is."""
    if text.isascii():
        return text.lower()
    return strip_accents(text.lower())


def fold_ascii(text: str) -> str:
    """:func:`fold`, then only ASCII kept and white space collapsed: the key of lookup tables
    built from gazetteers and of search ("São  Tomé" -> "sao tome"; "Łódź" -> "odz"). Lowered
    again after decomposing, so compatibility capitals ("ℂ", "ᴬ") come out lowercase too."""
    return " ".join(fold(text).encode("ascii", "ignore").decode("ascii").lower().split())
