"""Hand-built model objects for the reconcile tests (extraction is not involved)."""

from __future__ import annotations

from dataclasses import dataclass, field

from byline.model import DocAnalysis, DocClaim, DocEvent, DocRelation, Mention, Precision, Value

_PRECISION: dict[int, Precision] = {1: "year", 2: "month", 3: "day"}


def qty(
    amount: float | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    unit: str | None = None,
    currency: str | None = None,
    approx: bool = False,
) -> Value:
    return Value(
        type="quantity",
        amount=amount,
        low=low,
        high=high,
        unit=unit,
        currency=currency,
        approximate=approx,
    )


def day(date: str) -> Value:
    return Value(type="date", date=date, precision=_PRECISION[len(date.split("-"))])


def ent(index: int) -> Value:
    return Value(type="entity", entity=index)


@dataclass
class DocBuilder:
    """One document: mentions by name (each name -> one entity key or None), then items."""

    key: str
    entities: dict[str, str | None]
    mentions: list[Mention] = field(default_factory=list)
    claims: list[DocClaim] = field(default_factory=list)
    events: list[DocEvent] = field(default_factory=list)
    relations: list[DocRelation] = field(default_factory=list)
    pos: int = 0

    def mention(self, name: str) -> int:
        for i, m in enumerate(self.mentions):
            if m.text == name:
                return i
        self.mentions.append(Mention(self.pos, self.pos + len(name), name, "ORG"))
        self.pos += len(name) + 1
        return len(self.mentions) - 1

    def _span(self, text: str, start: int | None) -> tuple[int, int]:
        if start is None:
            start = self.pos
            self.pos += len(text) + 1
        return start, start + len(text)

    def claim(
        self,
        subject: str | None,
        predicate: str,
        value: Value,
        *,
        negated: bool = False,
        text: str | None = None,
        start: int | None = None,
        contrasted: bool = False,
    ) -> DocBuilder:
        index = self.mention(subject) if subject is not None else None
        if value.type == "entity" and value.entity is None and value.text:
            value = Value(type="entity", entity=self.mention(value.text))
        sentence = text or f"{subject} {predicate} {value}"
        s, e = self._span(sentence, start)
        self.claims.append(DocClaim(index, predicate, value, s, e, sentence, negated, contrasted))
        return self

    def event(
        self, date: str, summary: str, participants: tuple[str, ...] = (), *, start: int | None = None
    ) -> DocBuilder:
        idx = tuple(self.mention(p) for p in participants)
        s, e = self._span(summary, start)
        precision = _PRECISION[len(date.split("-"))]
        self.events.append(DocEvent(date, precision, summary, s, e, idx))
        return self

    def relation(self, source: str, rtype: str, target: str) -> DocBuilder:
        text = f"{source} {rtype} {target}"
        s, e = self._span(text, None)
        self.relations.append(DocRelation(self.mention(source), self.mention(target), rtype, s, e, text))
        return self

    def analysis(self) -> DocAnalysis:
        return DocAnalysis(
            doc=self.key,
            mentions=list(self.mentions),
            claims=list(self.claims),
            events=list(self.events),
            relations=list(self.relations),
        )

    def mention_keys(self) -> list[str | None]:
        return [self.entities.get(m.text) for m in self.mentions]


def named(text: str) -> Value:
    """An entity value by mention name (resolved by ``DocBuilder.claim``)."""
    return Value(type="entity", text=text)


@dataclass
class Corpus:
    """Documents, the entity key of each name, and the origin of each document."""

    entities: dict[str, str | None] = field(default_factory=dict)
    docs: list[DocBuilder] = field(default_factory=list)
    origins: dict[str, str] = field(default_factory=dict)

    def doc(self, key: str, origin: str | None = None) -> DocBuilder:
        builder = DocBuilder(key, self.entities)
        self.docs.append(builder)
        if origin is not None:
            self.origins[key] = origin
        return builder

    def inputs(self) -> tuple[list[DocAnalysis], dict[str, list[str | None]], dict[str, str]]:
        analyses = [d.analysis() for d in self.docs]
        keys = {d.key: d.mention_keys() for d in self.docs}
        return analyses, keys, dict(self.origins)
