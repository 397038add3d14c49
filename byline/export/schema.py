"""The byline/1 contract declared once, as pydantic models.

Everything that shows byline's output reads these models: the JSON export dumps them (field
order here is key order there), the web API uses them as its response models, and the field
tables of docs/contract.md are generated from their JSON Schema (``byline.export.contract_doc``).
Adding a field here is enough for it to appear in all three; a field the builder does not fill
takes its default. Models forbid unknown keys, so the builder cannot emit an undeclared field.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from byline.model import Precision

SCHEMA: Literal["byline/1"] = "byline/1"

DerivationKind = Literal["verbatim", "spun", "rewrite", "summary", "translation"]
ClaimStatus = Literal["corroborated", "single-origin", "contested"]
Number = int | float  # ints stay ints (pydantic's smart unions keep the given type)


class ContractModel(BaseModel):
    """Base of every contract model: unknown keys are a builder bug, not data; every field is
    always written (defaults too), so the JSON Schema marks them all required."""

    model_config = ConfigDict(
        extra="forbid", populate_by_name=True, json_schema_serialization_defaults_required=True
    )


class SourceRef(ContractModel):
    """A passage of one document: the evidence for an item."""

    doc: str = Field(description="Document id (`d1` …).")
    start: int = Field(description="Start offset (code points) into the document's original text.")
    end: int = Field(description="End offset, exclusive.")


class Support(ContractModel):
    """How widely an item is stated; a count, not a verdict of truth."""

    documents: int = Field(description="Distinct documents stating it.")
    origins: int = Field(description="Distinct origin groups among those documents.")


class DerivedFrom(ContractModel):
    """A document this one derives from (likeliest parent first)."""

    doc: str = Field(description="The parent document's id.")
    kind: DerivationKind = Field(
        description="How it derives: a copy, spun copy, rewrite, summary or translation."
    )
    score: float = Field(description="Strength of the link, 0 to 1 (3 decimals).")


class RepairOut(ContractModel):
    """A spun token or phrase of the original text and the word it most likely replaced."""

    start: int = Field(description="Start offset of the spun text in the original.")
    end: int = Field(description="End offset, exclusive.")
    text: str = Field(description="The spun text as it stands in the original.")
    replacement: str = Field(description="What it most likely replaced.")
    confidence: float = Field(description="Confidence in the replacement, 0 to 1 (3 decimals).")
    method: str = Field(description="The evidence used: thesaurus, alignment, chain, …")


class FlaggedRepair(RepairOut):
    """A suspicious spot not repaired (too unsure): kept with its candidates for a reviewer."""

    candidates: list[str] = Field(
        default_factory=list, description="Further candidates, best first (`replacement` excluded)."
    )


class Document(ContractModel):
    """One article as ingested (records inside a JSONL or WARC file are documents too)."""

    id: str = Field(description="`d1`, `d2` … in path order.")
    path: str = Field(description="As given to build; a record inside a file is `file#n`.")
    relative_path: str = Field(
        "", description="`path` relative to the corpus root (the deepest folder holding every document)."
    )
    title: str | None = Field(None, description="The title as ingested (metadata, or guessed from the text).")
    readable_title: str | None = Field(
        None, description="`title` with the document's repairs applied (equal to it when none fall there)."
    )
    site: str | None = Field(None, description="Host name of the source, without `www.`.")
    url: str | None = Field(None, description="The article's URL when known.")
    published: str | None = Field(
        None, description="Publication date, an ISO prefix (`2025-03-17`, `2025-03`)."
    )
    author: str | None = Field(None, description="The byline's author when the input names one.")
    language: str | None = Field(
        None,
        description="ISO 639-1 code detected from the text (en, es, ar, ...); null when the text is too "
        "short to tell. Detection chooses among twenty common news languages, so a language outside "
        "them gets the nearest (Nigerian Pidgin reads as en).",
    )
    citation: str = Field(
        "", description="How byline names the document: readable title, site and date, relative path."
    )
    words: int = Field(0, description="Whitespace-separated words of the text.")
    origin: str | None = Field(None, description="Id of the origin group it belongs to.")
    derived_from: list[DerivedFrom] = Field(default_factory=list, description="Its likely parents.")
    repairs: list[RepairOut] = Field(default_factory=list, description="Spun text found and repaired.")
    flagged: list[FlaggedRepair] = Field(
        default_factory=list, description="Suspicious spots left unrepaired, with candidates."
    )
    key: str = Field("", description="Content hash byline uses internally; stable across stores.")
    duplicates: list[str] = Field(
        default_factory=list, description="Other paths whose text was the same (stored once)."
    )


class Origin(ContractModel):
    """Documents that all go back to one original report."""

    id: str = Field(description="`o1` … by their first document.")
    documents: list[str] = Field(description="Document ids.")
    root: str | None = Field(description="The most likely original.")


class Story(ContractModel):
    """Documents about the same event or subject (coarser than origins)."""

    id: str = Field(description="`s1` … by their first document.")
    documents: list[str] = Field(description="Document ids.")
    label: str = Field(description="The full names behind the story's most distinctive words, up to three.")


class EntityBase(ContractModel):
    """What names an entity (the web API lists entities with counts instead of mentions)."""

    id: str = Field(description="`e1` … most mentioned first, then by name.")
    type: str = Field(description="NER type: PERSON, ORG, GPE, LOC, FAC, NORP, EVENT …")
    name: str = Field(description="Canonical name.")
    aliases: list[str] = Field(description="Other names it goes by (the name excluded).")


class Entity(EntityBase):
    """A resolved entity: all mentions of one person, organisation or place across the corpus."""

    mentions: list[SourceRef] = Field(description="Every passage naming it.")


class QuantityValue(ContractModel):
    """A number: an amount, or a range from `low` to `high`."""

    type: Literal["quantity"] = Field(description="`quantity`.")
    amount: Number | None = Field(None, description='In whole units ("$5m" is 5000000); null for a range.')
    low: Number | None = Field(None, description="A range's lower bound.")
    high: Number | None = Field(None, description="A range's upper bound.")
    unit: str | None = Field(None, description="What is counted (member, percent, km …).")
    currency: str | None = Field(None, description="ISO 4217 code for money.")
    approximate: bool = Field(False, description='Stated as approximate ("about 5,000").')


class DateValue(ContractModel):
    """A date."""

    type: Literal["date"] = Field(description="`date`.")
    date: str | None = Field(None, description="ISO prefix.")
    precision: Precision | None = Field(None, description="year, month or day.")


class EntityValue(ContractModel):
    """Another entity."""

    type: Literal["entity"] = Field(description="`entity`.")
    entity: str | None = Field(None, description="Entity id.")


class TextValue(ContractModel):
    """Free text."""

    type: Literal["text"] = Field(description="`text`.")
    text: str | None = Field(None, description="The value as stated.")


Value = Annotated[QuantityValue | DateValue | EntityValue | TextValue, Field(discriminator="type")]


class Claim(ContractModel):
    """A merged claim: one fact once, with every passage that states it."""

    id: str = Field(description="`c1` … most origins, then most documents, then subject and predicate.")
    subject: str | None = Field(description="Entity id, or null when no entity fits.")
    predicate: str = Field(description="What is claimed about the subject (members, killed, age …).")
    text: str = Field(description="A readable sentence of the claim.")
    value: Value = Field(description="The claimed value.")
    sources: list[SourceRef] = Field(description="Every passage stating it.")
    support: Support = Field(description="Documents and origins stating it.")
    conflicts: list[str] = Field(
        description="Ids of claims it contradicts: same subject and predicate, incompatible values."
    )
    status: ClaimStatus = Field(
        "single-origin", description="`corroborated` (≥ 2 origins), `single-origin` or `contested`."
    )


class Event(ContractModel):
    """A dated happening."""

    id: str = Field(description="`v1` … by date.")
    date: str = Field(description="ISO prefix.")
    precision: Precision = Field(description="year, month or day.")
    summary: str = Field(description="What happened.")
    entities: list[str] = Field(description="Entity ids taking part.")
    sources: list[SourceRef] = Field(description="Every passage stating it.")
    support: Support = Field(description="Documents and origins stating it.")


class Relation(ContractModel):
    """A typed link between two entities."""

    id: str = Field(description="`r1` … by source, type, target.")
    source: str | None = Field(description="Entity id.")
    target: str | None = Field(description="Entity id.")
    type: str = Field(description="leader_of, member_of, located_in, operates_in, allied_with …")
    text: str = Field(description="The sentence stating it.")
    sources: list[SourceRef] = Field(description="Every passage stating it.")
    support: Support = Field(description="Documents and origins stating it.")


class Contract(ContractModel):
    """`byline export --format json`: everything the store holds."""

    schema_: Literal["byline/1"] = Field(SCHEMA, alias="schema", description="`byline/1`.")
    documents: list[Document] = Field(default_factory=list, description="By path.")
    origins: list[Origin] = Field(default_factory=list, description="By their first document.")
    stories: list[Story] = Field(default_factory=list, description="By their first document.")
    entities: list[Entity] = Field(default_factory=list, description="Most mentioned first.")
    claims: list[Claim] = Field(default_factory=list, description="Best supported first.")
    events: list[Event] = Field(default_factory=list, description="By date.")
    relations: list[Relation] = Field(default_factory=list, description="By source, type, target.")


def normalise(contract: dict[str, Any]) -> dict[str, Any]:
    """``contract`` checked against the models and dumped back: every declared field present
    (defaults filled), in declaration order, and nothing undeclared. O(size of the contract)."""
    return Contract.model_validate(contract).model_dump(by_alias=True)
