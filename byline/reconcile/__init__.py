"""Reconcile: each fact once, with how many documents and independent origins state it.

The corpus stage after extraction and provenance. It merges the per-document claims, events
and relations that say the same thing, counts their support (distinct documents, distinct
origin groups among them), flags contradictions between claims, and gives every claim a
status. The rules live in the submodules: ``values`` (same / compatible / conflicting values),
``predicates`` (equivalent predicates), ``grouping`` (blocking and clustering), ``claims``,
``events`` and ``facts`` (one figure within one story is one fact; ``people`` for units).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from byline.model import Claim, DocAnalysis, Event, Relation
from byline.reconcile.claims import collect_claims, merge_claims
from byline.reconcile.events import collect_events, event_groups, events_of_groups, merge_relations
from byline.reconcile.facts import fact_links
from byline.reconcile.predicates import predicates_equivalent
from byline.reconcile.values import values_compatible, values_conflict, values_same

__all__ = [
    "ReconcileResult",
    "predicates_equivalent",
    "reconcile",
    "values_compatible",
    "values_conflict",
    "values_same",
]


@dataclass
class ReconcileResult:
    claims: list[Claim]
    events: list[Event]
    relations: list[Relation]


def reconcile(
    analyses: list[DocAnalysis],
    mention_entities: dict[str, list[str | None]],
    doc_origin: dict[str, str],
    *,
    doc_story: dict[str, str] | None = None,
) -> ReconcileResult:
    """Merge, count and compare the claims, events and relations of a whole corpus.

    ``mention_entities[doc][i]`` is the entity key of mention ``i`` of that document (None when
    unresolved); ``doc_origin[doc]`` its origin group (a document missing there is its own
    origin). ``doc_story[doc]`` its story (documents about one happening or subject; a document
    missing there, or every document when None, is a story of its own): within one story, and
    within one merged event, a specific figure or date is one fact whatever subject or predicate
    states it (``facts``). The result depends only on the content, not on the order of
    ``analyses``; every list is sorted by key.

    Cost: O(N log N) for N claims, events and relations in all, plus small quadratic work inside
    blocks: per subject, pairs of distinct predicate word sets of equal size and prefixes; per
    predicate class, pairs of value clusters; per year, event pairs sharing an informative
    summary word or participant; per story and per event, the linking of ``facts``. Never all
    pairs of claims.
    """
    origin: Mapping[str, str] = doc_origin
    ordered = sorted(analyses, key=lambda a: a.doc)
    event_items = collect_events(ordered, mention_entities)
    groups = event_groups(event_items)
    items = collect_claims(ordered, mention_entities)
    links = fact_links(items, doc_story or {}, event_items, groups)
    claims = merge_claims(items, origin, links, doc_story)
    events = events_of_groups(event_items, groups, origin)
    relations = merge_relations(ordered, mention_entities, origin)
    return ReconcileResult(claims=claims, events=events, relations=relations)
