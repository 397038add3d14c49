"""Ingest: files of many formats to normalised ``Document`` objects.

One reader a format (``text``, ``html``, ``records`` for JSON/JSON Lines, ``warc``); every
reader decodes with ``decode``, fills metadata with ``meta`` and fails with ``IngestError``
("<path>: <reason>"), so the pipeline can record the failure and go on with other files.
"""

from byline.ingest.decode import document_key, normalise_text
from byline.ingest.errors import IngestError
from byline.ingest.reader import FORMATS, format_of, iter_corpus_files, read_file

__all__ = [
    "FORMATS",
    "IngestError",
    "document_key",
    "format_of",
    "iter_corpus_files",
    "normalise_text",
    "read_file",
]
