"""Merge per-document events and relations into corpus ones, with support.

Events merge when their dates are compatible (one is the other at the coarser precision) and
one of these holds:
- their summaries are similar (rapidfuzz token_set_ratio >= 70 on normalised text);
- their summaries share a specific figure (a number of 3 or more digits that is not a year:
  "48,720" in "attendance reached 48,720" and "48,720 fans watched");
- their participants overlap (Jaccard >= 0.5) with either two shared entities or both dates
  at least month-precise: a year and one shared actor are not enough for "the same happening".

Merging is a union-find over candidate edges, strongest first, that refuses any
union whose two sides' finest dates disagree, so "2023" never bridges "2023-09" and "2023-10".

Cost: events are blocked by year; inside a block, candidate pairs come from an inverted index of
summary words and of participants, skipping postings longer than ``MAX_POSTING`` (words so
common they say nothing): O(E log E + sum of capped postings squared) similarity computations.
Relations merge on (source entity, type, target entity) in O(R log R); a relation with an
unresolved or identical endpoint is dropped.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from byline.model import DocAnalysis, Event, Precision, Relation, Source, Value
from byline.reconcile.claims import entity_lookup
from byline.reconcile.common import (
    UnionFind,
    count_support,
    sorted_sources,
    stable_key,
    unique_keys,
)
from byline.reconcile.values import date_parts, normalise_text

SUMMARY_SIMILARITY = 70  # token_set_ratio at or above which two summaries tell one happening
PARTICIPANT_JACCARD = 0.5  # shared share of participants that pairs two compatible events
FIGURE_SCORE = 50.0  # a shared specific figure: weaker than similar summaries, above participants
MAX_POSTING = 200  # a word or date in more events than this pairs nobody (candidates stay linear)
_MIN_WORD = 4  # shorter words ("the", "was", "and") never make a candidate pair
_PRECISIONS: dict[int, Precision] = {1: "year", 2: "month", 3: "day"}


@dataclass(frozen=True)
class EventItem:
    doc: str
    start: int
    end: int
    parts: tuple[str, ...]  # the date, split and truncated to its precision
    summary: str
    norm: str  # normalised summary, for similarity
    figures: tuple[str, ...]  # specific numbers in the summary, separators removed
    entities: tuple[str, ...]  # resolved participant keys, sorted

    @property
    def source(self) -> Source:
        return Source(self.doc, self.start, self.end)


def collect_events(
    analyses: list[DocAnalysis], mention_entities: Mapping[str, list[str | None]]
) -> list[EventItem]:
    items: list[EventItem] = []
    for analysis in analyses:
        for event in analysis.events:
            keys = {entity_lookup(mention_entities, analysis, p) for p in event.participants}
            parts = date_parts(Value(type="date", date=event.date, precision=event.precision))
            items.append(
                EventItem(
                    doc=analysis.doc,
                    start=event.start,
                    end=event.end,
                    parts=parts,
                    summary=event.summary,
                    norm=normalise_text(event.summary),
                    figures=specific_figures(event.summary),
                    entities=tuple(sorted(k for k in keys if k is not None)),
                )
            )
    items.sort(key=lambda e: (e.doc, e.start, e.end, e.parts, e.summary, e.entities))
    return items


_NUMBER = re.compile(r"\d[\d,.]*\d|\d")
_YEAR = re.compile(r"(1[89]|20)\d\d")


def specific_figures(text: str) -> tuple[str, ...]:
    """Numbers of 3+ digits that are not years: "42,000" -> "42000"; "2023" and "12" are not."""
    out = set()
    for match in _NUMBER.finditer(text):
        digits = re.sub(r"[,.](?=\d{3}(?!\d))", "", match.group())
        if sum(ch.isdigit() for ch in digits) >= 3 and not _YEAR.fullmatch(digits):
            out.add(digits)
    return tuple(sorted(out))


def _compatible(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    n = min(len(a), len(b))
    return n > 0 and a[:n] == b[:n]


def _edge_score(a: EventItem, b: EventItem) -> float:
    """0 when the two events should not merge, else the strength of the evidence (> 0)."""
    if not _compatible(a.parts, b.parts):
        return 0.0
    score = float(fuzz.token_set_ratio(a.norm, b.norm)) if a.norm and b.norm else 0.0
    if score >= SUMMARY_SIMILARITY:
        return score
    if set(a.figures) & set(b.figures):
        return FIGURE_SCORE
    shared = set(a.entities) & set(b.entities)
    precise = len(a.parts) >= 2 and len(b.parts) >= 2
    if shared and (precise or len(shared) >= 2):
        jaccard = len(shared) / len(set(a.entities) | set(b.entities))
        if jaccard >= PARTICIPANT_JACCARD:
            return jaccard  # weaker than any summary match
    return 0.0


def _candidate_pairs(items: list[EventItem], block: list[int]) -> set[tuple[int, int]]:
    """Pairs of one year's events sharing a summary word or a participant, dates permitting.

    Postings are kept per month, so events of different months never pair; events dated only
    to the year pair with every month. A posting longer than ``MAX_POSTING`` is skipped.
    """
    postings: dict[str, tuple[list[int], dict[str, list[int]]]] = {}
    for i in block:
        features = {"w:" + w for w in items[i].norm.split() if len(w) >= _MIN_WORD}
        features |= {"e:" + e for e in items[i].entities}
        features |= {"n:" + f for f in items[i].figures}
        month = items[i].parts[1] if len(items[i].parts) > 1 else ""
        for f in features:
            year_only, by_month = postings.setdefault(f, ([], {}))
            (by_month.setdefault(month, []) if month else year_only).append(i)
    pairs: set[tuple[int, int]] = set()
    for year_only, by_month in postings.values():
        lists = [year_only, *by_month.values()]
        if any(len(members) > MAX_POSTING for members in lists):
            continue
        for members in lists:
            pairs.update(_pairs(members, members))
        for members in by_month.values():
            pairs.update(_pairs(year_only, members))
    return pairs


def _pairs(xs: list[int], ys: list[int]) -> set[tuple[int, int]]:
    return {(min(x, y), max(x, y)) for x in xs for y in ys if x != y}


def merge_events(items: list[EventItem], doc_origin: Mapping[str, str]) -> list[Event]:
    """Merged events with support, sorted by key (see the module docstring for the rule)."""
    return events_of_groups(items, event_groups(items), doc_origin)


def events_of_groups(
    items: list[EventItem], groups: list[list[int]], doc_origin: Mapping[str, str]
) -> list[Event]:
    """One event per group of ``event_groups``, sorted by key."""
    drafts = [_event(items, group, doc_origin) for group in groups]
    drafts.sort(key=lambda e: (e.key, e.sources[0].doc, e.sources[0].start))
    for event, key in zip(drafts, unique_keys([e.key for e in drafts]), strict=True):
        event.key = key
    return drafts


def event_groups(items: list[EventItem]) -> list[list[int]]:
    """Indices of ``items`` that tell one happening, groups ordered by their smallest index."""
    blocks: dict[str, list[int]] = {}
    for i, item in enumerate(items):
        blocks.setdefault(item.parts[0] if item.parts else "", []).append(i)
    edges: list[tuple[float, int, int]] = []
    for year in sorted(blocks):
        if not year:
            continue
        for i, j in _candidate_pairs(items, blocks[year]):
            score = _edge_score(items[i], items[j])
            if score > 0:
                edges.append((-score, i, j))
    edges.sort()
    uf = UnionFind(len(items))
    finest = {i: item.parts for i, item in enumerate(items)}
    for _, i, j in edges:
        ri, rj = uf.find(i), uf.find(j)
        if ri == rj or not _compatible(finest[ri], finest[rj]):
            continue
        longer = max(finest[ri], finest[rj], key=len)
        finest[uf.union(ri, rj)] = longer
    return uf.groups()


def _event(items: list[EventItem], group: list[int], doc_origin: Mapping[str, str]) -> Event:
    members = [items[i] for i in group]
    counts = Counter(m.parts for m in members)
    parts = min(counts, key=lambda p: (-len(p), -counts[p], p))
    first = members[0]  # items are sorted by (doc, start): the earliest-keyed document
    entities = sorted({e for m in members for e in m.entities})
    date = "-".join(parts)
    return Event(
        key=stable_key("v", date, first.norm, "|".join(entities)),
        date=date,
        precision=_PRECISIONS.get(len(parts), "year"),
        summary=first.summary,
        entities=entities,
        sources=sorted_sources(m.source for m in members),
        support=count_support((m.doc for m in members), doc_origin),
    )


def merge_relations(
    analyses: list[DocAnalysis],
    mention_entities: Mapping[str, list[str | None]],
    doc_origin: Mapping[str, str],
) -> list[Relation]:
    """One relation per (source entity, type, target entity), sorted by key."""
    grouped: dict[tuple[str, str, str], list[tuple[str, int, int, str]]] = {}
    for analysis in analyses:
        for rel in analysis.relations:
            src = entity_lookup(mention_entities, analysis, rel.source)
            tgt = entity_lookup(mention_entities, analysis, rel.target)
            if src is None or tgt is None or src == tgt:
                continue
            rtype = " ".join(rel.type.lower().split())
            grouped.setdefault((src, rtype, tgt), []).append((analysis.doc, rel.start, rel.end, rel.text))
    relations: list[Relation] = []
    for (src, rtype, tgt), stated in grouped.items():
        stated.sort()
        relations.append(
            Relation(
                key=stable_key("r", src, rtype, tgt),
                source=src,
                target=tgt,
                type=rtype,
                text=stated[0][3],
                sources=sorted_sources(Source(d, s, e) for d, s, e, _ in stated),
                support=count_support((d for d, _, _, _ in stated), doc_origin),
            )
        )
    relations.sort(key=lambda r: r.key)
    return relations
