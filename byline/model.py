"""The domain of byline, declared in one place.

Every stage takes and returns these plain objects, so a stage can be tested alone, swapped, or
run in another process (they pickle) or on Dask. Offsets are always Python string indices into
the document's ORIGINAL text (after decoding and HTML-to-text extraction, before any repair).

Two levels:
- per document (``DocAnalysis``): what one article says, with mentions referring to spans of
  that article; computed in parallel, cached in the store by content hash;
- per corpus (``CorpusAnalysis``): resolved entities, derivations, origins, stories, merged
  claims with support and conflicts; recomputed from the per-document results.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

ValueType = Literal["quantity", "date", "entity", "text"]
Precision = Literal["year", "month", "day"]
DerivationKind = Literal["verbatim", "spun", "rewrite", "summary", "translation"]


@dataclass(frozen=True)
class Source:
    """A passage of one document: the evidence for an item."""

    doc: str  # Document.key
    start: int
    end: int


@dataclass
class Document:
    """One article as ingested. ``key`` is the hash of its normalised text (stable, dedup key)."""

    key: str
    path: str  # as given to build; records inside a file get "file.jsonl#12" or "file.warc#3"
    text: str
    title: str | None = None
    site: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date prefix: "2025-03-17", "2025-03" or "2025"
    author: str | None = None
    format: str = "txt"

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class Repair:
    """A spun token or phrase found in the original text, and what it most likely replaced."""

    start: int
    end: int
    text: str
    replacement: str
    confidence: float
    method: str  # "thesaurus", "alignment", "chain", ...
    candidates: tuple[str, ...] = ()  # runner-ups, best first (replacement excluded)


@dataclass(frozen=True)
class Mention:
    """A name in one document. ``label`` is the NER type (PERSON, ORG, GPE, LOC, FAC, NORP, ...)."""

    start: int
    end: int
    text: str
    label: str
    source: str = "ner"  # "ner" or the rule that found it ("acronym", "nickname", "title", ...)
    alias_of: int | None = None  # index of the mention this one is an alias of (acronyms, nicknames)


@dataclass(frozen=True)
class Value:
    """A claim's value. Quantities are in whole units ("$5m" -> 5000000), dates ISO prefixes."""

    type: ValueType
    amount: float | None = None
    low: float | None = None
    high: float | None = None
    unit: str | None = None
    currency: str | None = None  # ISO 4217
    approximate: bool = False
    date: str | None = None
    precision: Precision | None = None
    entity: int | None = None  # per document: mention index; per corpus: entity key
    text: str | None = None


@dataclass(frozen=True)
class DocClaim:
    """A claim stated by one document: (subject, predicate, value) and the sentence stating it."""

    subject: int | None  # mention index in this document, or None when no entity fits
    predicate: str
    value: Value
    start: int  # the passage (usually the sentence) stating it
    end: int
    text: str  # a readable sentence of the claim
    negated: bool = False
    contrasted: bool = False  # a figure stated relative to another of the document ("half that figure")


@dataclass(frozen=True)
class DocEvent:
    """A dated happening in one document."""

    date: str
    precision: Precision
    summary: str
    start: int
    end: int
    participants: tuple[int, ...] = ()  # mention indices
    relative: bool = False  # resolved from a relative expression ("last summer")
    anchored: bool = True  # False when relative and the document has no publication date
    date_start: int = -1  # span of the date expression itself
    date_end: int = -1


@dataclass(frozen=True)
class DocRelation:
    """A typed link between two mentions of one document."""

    source: int  # mention index
    target: int  # mention index
    type: str  # leader_of, member_of, located_in, operates_in, ...
    start: int
    end: int
    text: str


@dataclass
class DocAnalysis:
    """Everything the per-document stages found in one document."""

    doc: str  # Document.key
    repairs: list[Repair] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    claims: list[DocClaim] = field(default_factory=list)
    events: list[DocEvent] = field(default_factory=list)
    relations: list[DocRelation] = field(default_factory=list)
    spin_score: float = 0.0  # its own repair's (a re-repair with corpus evidence keeps it)
    flagged: list[Repair] = field(default_factory=list)  # low-confidence repairs not applied, for review
    evidence: str | None = None  # digest of the corpus evidence it was re-repaired with, if any
    language: str | None = None  # ISO 639-1, detected (byline.provenance.language)


# ---- corpus level -------------------------------------------------------------------------


@dataclass(frozen=True)
class Support:
    documents: int
    origins: int


@dataclass
class Entity:
    """A resolved entity: all mentions of one person, organisation or place across the corpus."""

    key: str
    type: str
    name: str
    aliases: list[str] = field(default_factory=list)
    mentions: list[Source] = field(default_factory=list)


@dataclass
class Claim:
    """A merged claim: one fact once, with every passage that states it."""

    key: str
    subject: str | None  # Entity.key
    predicate: str
    text: str
    value: Value  # for type "entity", value.entity is replaced by the entity key in ``value_entity``
    sources: list[Source] = field(default_factory=list)
    support: Support = field(default_factory=lambda: Support(0, 0))
    conflicts: list[str] = field(default_factory=list)  # Claim.keys
    status: str = "single-origin"  # corroborated | single-origin | contested
    value_entity: str | None = None


@dataclass
class Event:
    key: str
    date: str
    precision: Precision
    summary: str
    entities: list[str] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    support: Support = field(default_factory=lambda: Support(0, 0))


@dataclass
class Relation:
    key: str
    source: str  # Entity.key
    target: str  # Entity.key
    type: str
    text: str
    sources: list[Source] = field(default_factory=list)
    support: Support = field(default_factory=lambda: Support(0, 0))


@dataclass(frozen=True)
class Derivation:
    """``doc`` derives from ``parent`` (a copy, rewrite, summary ... of it)."""

    doc: str
    parent: str
    kind: DerivationKind
    score: float

    def rank(self) -> tuple[int, float]:
        """Sort key among one document's parents, likeliest first: a copy (shared sentences,
        verbatim or spun) before a claim-level rewrite or summary, which two retellings of one
        original also show; then by score."""
        return (0 if self.kind in ("verbatim", "spun") else 1, -self.score)


@dataclass
class Origin:
    """Documents that all go back to one original report; ``root`` is the most likely original."""

    key: str
    documents: list[str]
    root: str


@dataclass
class Story:
    """Documents about the same event or subject (coarser than origins)."""

    key: str
    documents: list[str]
    label: str


@dataclass
class CorpusAnalysis:
    entities: list[Entity] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    derivations: list[Derivation] = field(default_factory=list)
    origins: list[Origin] = field(default_factory=list)
    stories: list[Story] = field(default_factory=list)
    # mention -> entity, per document: mention_entities[doc_key][mention_index] = entity key
    mention_entities: dict[str, list[str | None]] = field(default_factory=dict)


# ---- (de)serialisation: plain dicts for the store's JSON columns --------------------------

T = TypeVar("T")


def to_plain(obj: Any) -> Any:
    """Dataclasses to dicts (recursively), tuples to lists: JSON-ready."""
    names = _dataclass_fields(type(obj))  # type: ignore[arg-type]  # classes are hashable
    if names is not None:
        return {name: to_plain(getattr(obj, name)) for name in names}
    if isinstance(obj, (list, tuple)):
        return [to_plain(x) for x in obj]
    if isinstance(obj, dict):
        return {k: to_plain(v) for k, v in obj.items()}
    return obj


@functools.cache
def _dataclass_fields(cls: type) -> tuple[str, ...] | None:
    """A dataclass's field names, once per class (None for any other type)."""
    return tuple(f.name for f in dataclasses.fields(cls)) if dataclasses.is_dataclass(cls) else None


def from_plain(cls: type[T], data: Any) -> T:
    """The inverse of ``to_plain`` for the dataclasses of this module."""
    return _dataclass_converter(cls)(data)  # type: ignore[arg-type, no-any-return]


@functools.cache
def _field_hints(cls: type) -> tuple[tuple[str, Any], ...]:
    """(field name, resolved type) per field, once per class: resolving the string annotations
    is far dearer than converting one object (it was 2/3 of loading a 1,000-document store)."""
    hints = typing.get_type_hints(cls)
    return tuple((f.name, hints[f.name]) for f in dataclasses.fields(cls))


Converter = typing.Callable[[Any], Any]


def _same(value: Any) -> Any:
    return value


@functools.cache
def _converter(hint: Any) -> Converter:
    """The function turning a plain value into ``hint``'s type, built once per type (inspecting
    the type for every value was most of loading a store). None stays None at every level."""
    origin = typing.get_origin(hint)
    args = typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        inner = [a for a in args if a is not type(None)]
        return _converter(inner[0]) if len(inner) == 1 else _same
    if origin in (list, tuple, dict):
        item = _converter(args[1] if origin is dict else args[0])
        if origin is dict:
            return lambda v: None if v is None else {k: item(x) for k, x in v.items()}
        if origin is tuple:
            return lambda v: None if v is None else tuple(item(x) for x in v)
        return lambda v: None if v is None else [item(x) for x in v]
    if dataclasses.is_dataclass(hint):
        return _dataclass_converter(hint)  # type: ignore[arg-type]
    return _same


class _DataclassConverter:
    """Builds a dataclass from its plain dict; its fields' converters are looked up at the first
    call (a dataclass may hold itself)."""

    def __init__(self, target: type) -> None:
        self.target = target
        self.fields: tuple[tuple[str, Converter], ...] | None = None

    def __call__(self, data: Any) -> Any:
        if data is None:
            return None
        fields = self.fields
        if fields is None:
            fields = self.fields = tuple((name, _converter(hint)) for name, hint in _field_hints(self.target))
        return self.target(**{name: conv(data[name]) for name, conv in fields if name in data})


@functools.cache
def _dataclass_converter(target: type) -> _DataclassConverter:
    return _DataclassConverter(target)


# ---- the repaired view --------------------------------------------------------------------


@dataclass
class TextView:
    """A document's text with repairs applied, and the way back to original offsets.

    Extraction runs on ``text`` (the repaired view); every offset it finds is mapped back with
    ``to_original`` so that the contract's offsets always point into the original text.
    Cost: building is O(n + r); each mapping is O(log r) for r repairs.
    """

    original: str
    text: str
    # (view_start, view_end, orig_start, orig_end) for every replaced stretch, sorted
    edits: list[tuple[int, int, int, int]] = field(default_factory=list)

    @classmethod
    def identity(cls, text: str) -> TextView:
        return cls(original=text, text=text)

    @classmethod
    def from_repairs(cls, original: str, repairs: list[Repair]) -> TextView:
        """Apply non-overlapping repairs (overlaps: the first by start wins)."""
        parts: list[str] = []
        edits: list[tuple[int, int, int, int]] = []
        pos = 0
        view_len = 0
        for rep in sorted(repairs, key=lambda r: (r.start, -r.end)):
            if rep.start < pos:
                continue
            parts.append(original[pos : rep.start])
            view_len += rep.start - pos
            parts.append(rep.replacement)
            edits.append((view_len, view_len + len(rep.replacement), rep.start, rep.end))
            view_len += len(rep.replacement)
            pos = rep.end
        parts.append(original[pos:])
        return cls(original=original, text="".join(parts), edits=edits)

    def _map(self, offset: int, *, is_end: bool) -> int:
        import bisect

        if not self.edits:
            return offset
        starts = [e[0] for e in self.edits]
        i = bisect.bisect_right(starts, offset) - 1
        if i < 0:
            return offset
        v_start, v_end, o_start, o_end = self.edits[i]
        if offset == v_start and not is_end:
            return o_start
        if offset < v_end or (offset == v_end and is_end and offset > v_start):
            # inside a replaced stretch: snap to the stretch's bounds in the original
            return o_end if is_end else o_start
        return o_end + (offset - v_end)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a [start, end) span of the view back to the original text."""
        o_start = self._map(start, is_end=False)
        o_end = self._map(end, is_end=True)
        return o_start, max(o_start, o_end)
