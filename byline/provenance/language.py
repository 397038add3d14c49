"""The language of a document (ISO 639-1), and how numbers are written in it.

Why here: a translation shares no words with its source, only figures, dates and names, and the
figures are written with the language's separators and scale words ("11.000 casas", "1,5
millones", "3 mil"). Knowing the language lets the fingerprint read them as the same values, and
lets the pair evidence tell a translation from a copy.

The detector is lingua (lingua-language-detector, its models ship inside the wheel; nothing is
downloaded), restricted to LANGUAGES and in low-accuracy mode (trigram models only, loaded lazily
per language): measured on the wild set's 47 pages, about 26 MB of memory once loaded and 8-15 ms
per text on one core. Built once per process, and asked only about texts that are not plainly
English (ENGLISH_FUNCTION_SHARE), so an English corpus pays a token count per document.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from byline.provenance.text import STOPWORDS, words

# The news languages the detector chooses among: a closed set keeps it small and fast, and a
# page in another language gets the nearest of these (its numbers then read as that one's).
LANGUAGES = (
    "ARABIC", "CHINESE", "DUTCH", "ENGLISH", "FRENCH", "GERMAN", "HINDI", "INDONESIAN", "ITALIAN",
    "JAPANESE", "KOREAN", "PERSIAN", "POLISH", "PORTUGUESE", "RUSSIAN", "SPANISH", "SWEDISH",
    "TURKISH", "UKRAINIAN", "HEBREW",
)  # fmt: skip
DETECT_CHARS = 1500  # the detector reads the text's start: enough for a confident call
MIN_LETTERS = 20  # below this, no language (a caption or a bare list of figures)
# English function words ("the", "of", "said") are 40-50% of English running text and under 5%
# of other languages' (measured: 0.39-0.52 against 0.00-0.03 on the wild set's pages); above
# this share the text is English without asking the detector, which costs ~10 ms a text.
ENGLISH_FUNCTION_SHARE = 0.25

# Languages writing 11.000,5 (or 11 000,5) where English writes 11,000.5.
DECIMAL_COMMA = frozenset("de es fr id it nl pl pt ru sv tr uk".split())
# Scale words after a number, and the word for a bare thousand ("más de mil"), by language.
SCALE_WORDS: dict[str, dict[str, float]] = {
    "es": {"mil": 1e3, "millón": 1e6, "millones": 1e6, "mil millones": 1e9, "billón": 1e12, "billones": 1e12},
    "pt": {"mil": 1e3, "milhão": 1e6, "milhões": 1e6, "bilhão": 1e9, "bilhões": 1e9, "bi": 1e9, "mi": 1e6},
    "fr": {"mille": 1e3, "million": 1e6, "millions": 1e6, "milliard": 1e9, "milliards": 1e9},
    "it": {"mila": 1e3, "mille": 1e3, "milione": 1e6, "milioni": 1e6, "miliardo": 1e9, "miliardi": 1e9},
    "de": {"tausend": 1e3, "million": 1e6, "millionen": 1e6, "mio": 1e6, "milliarde": 1e9,
           "milliarden": 1e9, "mrd": 1e9},
    "nl": {"duizend": 1e3, "miljoen": 1e6, "miljard": 1e9},
}  # fmt: skip
BARE_THOUSAND = {"es": "mil", "pt": "mil", "fr": "mille", "it": "mille", "de": "tausend", "nl": "duizend"}
PERCENT_WORDS = ("por ciento", "por cento", "pour cent", "per cento", "prozent", "procent")


@lru_cache(maxsize=1)
def _detector() -> Any:
    from lingua import Language, LanguageDetectorBuilder

    languages = [getattr(Language, name) for name in LANGUAGES]
    return LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language among LANGUAGES, or None for too little text."""
    head = text[:DETECT_CHARS]
    if sum(c.isalpha() for c in head) < MIN_LETTERS:
        return None
    tokens = words(head)
    if tokens and sum(t in STOPWORDS for t in tokens) >= ENGLISH_FUNCTION_SHARE * len(tokens):
        return "en"
    found = _detector().detect_language_of(head)
    return None if found is None else str(found.iso_code_639_1.name).lower()
