"""Extraction: mentions, claims, dated events and relations of each document; entity resolution.

Per document, the regex normalisers (dates, quantities) run once on the repaired view, spaCy
parses it once, and the rule modules read that parse. Every offset is mapped back to the
original text with ``TextView.to_original``; mention and claim texts are taken from the view
(so a repaired name reads correctly) while their offsets point into the original.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from functools import cached_property

from spacy.language import Language
from spacy.tokens import Doc

from byline.extract.claims import find_claims
from byline.extract.context import DocContext
from byline.extract.dates import DateMatch, find_dates
from byline.extract.entities import find_mentions
from byline.extract.events import find_events
from byline.extract.nlp import doc_text, load_nlp, parse_texts
from byline.extract.quantities import QuantityMatch, find_quantities
from byline.extract.relations import find_relations
from byline.extract.resolve import resolve_entities
from byline.model import DocAnalysis, DocClaim, DocEvent, DocRelation, Document, Mention, TextView
from byline.stages import DOCUMENT_STAGES, Stage

__all__ = [
    "Extraction",
    "analyze_document",
    "analyze_documents",
    "analyze_parsed",
    "load_nlp",
    "parse_view",
    "resolve_entities",
]


def analyze_document(doc: Document, nlp: Language, view: TextView | None = None) -> DocAnalysis:
    """Mentions, claims, events and relations of one document (repairs are left empty)."""
    view = view or TextView.identity(doc.text)
    return analyze_parsed(doc, parse_view(nlp, view), view)


def parse_view(nlp: Language, view: TextView) -> Doc:
    """The spaCy parse of a document's (repaired) view, long texts in pieces."""
    (sdoc,) = parse_texts(nlp, [view.text])
    return sdoc


def analyze_documents(
    items: list[tuple[Document, TextView | None]], nlp: Language, batch_size: int = 32
) -> list[DocAnalysis]:
    """The same over many documents, parsed in batches with ``nlp.pipe`` (for throughput)."""
    views = [view or TextView.identity(doc.text) for doc, view in items]
    parsed = parse_texts(nlp, (v.text for v in views), batch_size=batch_size)
    return [
        analyze_parsed(doc, sdoc, view) for (doc, _), view, sdoc in zip(items, views, parsed, strict=True)
    ]


def analyze_parsed(
    doc: Document, sdoc: Doc, view: TextView, stages: Sequence[Stage] | None = None
) -> DocAnalysis:
    """Extraction from an already parsed view: the extraction stages of ``stages`` (default:
    all of ``byline.stages.DOCUMENT_STAGES``) in their order, each reading what the ones before
    found. O(n) in the document's length (plus the parse)."""
    if doc_text(sdoc) != view.text:
        raise ValueError(f"{doc.path}: the parsed text is not the document's view")
    work = Extraction(doc, sdoc, view)
    for stage in DOCUMENT_STAGES if stages is None else stages:
        if stage.name in EXTRACTION_STAGES:
            stage.run(work)
    return work.analysis()


# The per-document stages that read the parse (the others, repair and signatures, run in the
# pipeline around it).
EXTRACTION_STAGES = ("entities", "claims", "events", "relations")


class Extraction:
    """One document's extraction in progress: its parse, and what each stage found so far
    (offsets in the view). The normalisers (dates, quantities) run once, when first needed."""

    def __init__(self, doc: Document, sdoc: Doc, view: TextView) -> None:
        self.doc, self.sdoc, self.view = doc, sdoc, view
        self.mentions: list[Mention] = []
        self.claims: list[DocClaim] = []
        self.events: list[DocEvent] = []
        self.relations: list[DocRelation] = []

    @cached_property
    def dates(self) -> list[DateMatch]:
        return find_dates(self.view.text, self.doc.published)

    @cached_property
    def quantities(self) -> list[QuantityMatch]:
        lemmas = {t.lower_: t.lemma_.lower() for t in self.sdoc if t.pos_ in ("NOUN", "PROPN")}
        lemmatize: Callable[[str], str] = lambda word: lemmas.get(word.lower(), word.lower())  # noqa: E731
        return find_quantities(self.view.text, lemmatize, keep_bare=True)

    @cached_property
    def context(self) -> DocContext:
        """The parse with the mentions found (made once the entities stage has run)."""
        return DocContext(self.sdoc, self.mentions, site=self.doc.site)

    def analysis(self) -> DocAnalysis:
        """What the stages found, offsets mapped back to the original text."""
        view = self.view
        return DocAnalysis(
            doc=self.doc.key,
            mentions=[_map_mention(view, m) for m in self.mentions],
            claims=[_map_claim(view, c) for c in self.claims],
            events=[_map_event(view, e) for e in self.events],
            relations=[_map_relation(view, r) for r in self.relations],
        )


def extract_entities(work: Extraction) -> None:
    """The entities stage: mentions of people, groups and places."""
    work.mentions = find_mentions(work.sdoc)


def extract_claims(work: Extraction) -> None:
    """The claims stage: numeric claims, from the quantities and dates of the view."""
    dates, quantities = work.dates, work.quantities  # the normalisers first, as they always ran
    work.claims = find_claims(work.context, quantities, dates)


def extract_events(work: Extraction) -> None:
    """The events stage: dated events."""
    work.events = find_events(work.context, work.dates)


def extract_relations(work: Extraction) -> None:
    """The relations stage: relations between the mentions."""
    work.relations = find_relations(work.context)


def _map_mention(view: TextView, m: Mention) -> Mention:
    start, end = view.to_original(m.start, m.end)
    return dataclasses.replace(m, start=start, end=end)


def _map_claim(view: TextView, c: DocClaim) -> DocClaim:
    start, end = view.to_original(c.start, c.end)
    return dataclasses.replace(c, start=start, end=end)


def _map_event(view: TextView, e: DocEvent) -> DocEvent:
    start, end = view.to_original(e.start, e.end)
    d_start, d_end = view.to_original(e.date_start, e.date_end) if e.date_start >= 0 else (-1, -1)
    return dataclasses.replace(e, start=start, end=end, date_start=d_start, date_end=d_end)


def _map_relation(view: TextView, r: DocRelation) -> DocRelation:
    start, end = view.to_original(r.start, r.end)
    return dataclasses.replace(r, start=start, end=end)
