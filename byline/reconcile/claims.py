"""Merge per-document claims into corpus claims, count their support, flag contradictions.

Claims are grouped by subject, then by predicate class (``predicates``), then by value type;
only inside such a group are values clustered and clusters compared, so the cost is
O(N log N) for N document claims plus, per subject, the pairs of its distinct predicate word
sets that share a block (same size, same word prefixes), plus, per predicate class, the pairs
of its value clusters (a handful). Never all pairs of claims.

Rules the module decides:
- Subject ``None`` (no entity fits): such claims merge among themselves on an identical
  predicate key and the same value, but never take part in a conflict (they may well be about
  different things).
- A negated claim ("did not resign in 2009") forms its own claim, with predicate "not ...",
  and contradicts the positive claim of the same subject, predicate class and a compatible value.
- Entity and date values conflict only when no single document states two different entities
  (or two incompatible dates) for that subject and predicate: then the predicate admits
  several values ("sells in Norway, Japan"; "opened ... in 2001", "opened ... in 2005").
  Quantities conflict inside one document only when it sets one against the other ("1,200
  staff; others put it at a third of that" is a disagreement the article reports); otherwise
  one article's two counts are of two things ("two jurors" spoke, "nine jurors" voted), and
  durations conflict only when the predicate names their event, inside one story (a unit of
  time is no fact by itself).
- With stories (``doc_story``), quantities conflict only when documents of one story state them
  (a count holds for a time; a named subject's dates and entities hold in any story), and only
  when their predicate names more than a bare noun ("people evacuated", "casualty count") or the text
  sets one against the other ("half that figure");
  claims with no subject then also conflict inside a story when the predicate names an event.
- Two clusters conflict only when no pair of their stated values is compatible, and never when
  one passage states both ("seven life terms and four terms without parole": two things told
  apart, not a disagreement).
- Linked claims (``facts``: one specific figure or date within one story or event) become one
  claim after conflicts are marked: its subject and predicate are the most stated among its
  sources, its conflicts the union of its parts' (so conflicts stay strict).
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from byline.model import Claim, DocAnalysis, DocClaim, Source, Value
from byline.reconcile.common import UnionFind, count_support, sorted_sources, stable_key, unique_keys
from byline.reconcile.grouping import cluster_values, predicate_classes
from byline.reconcile.predicates import PredicateKey, phrase_words, predicate_key
from byline.reconcile.values import (
    TIME_UNITS,
    canonical,
    date_parts,
    fold_unit,
    in_common_unit,
    measure_of,
    normalise_text,
)
from byline.reconcile.values import values_compatible as _compatible
from byline.reconcile.values import values_conflict as _conflict


@dataclass(frozen=True)
class ClaimItem:
    """One document claim with its subject and value entity resolved to corpus keys."""

    doc: str
    start: int
    end: int
    subject: str | None
    predicate: str  # as stated, lowercased and whitespace-collapsed
    key: PredicateKey
    negated: bool
    value: Value  # for entity values, ``entity`` is cleared: compare ``ref`` instead
    ref: str  # entity values: "e:<entity key>" or "m:<mention text>"; otherwise ""
    text: str
    vkey: str = ""  # canonical(value), computed once
    contrasted: bool = False  # DocClaim.contrasted

    @property
    def source(self) -> Source:
        return Source(self.doc, self.start, self.end)

    @cached_property
    def order(self) -> tuple[str, int, int, str, bool, str, str, str, str, str]:
        """A total order on the content (two items equal here are interchangeable)."""
        return (
            self.doc,
            self.start,
            self.end,
            self.predicate,
            self.negated,
            self.vkey,
            self.ref,
            self.subject or "",
            self.text,
            repr(self.value),
        )


def _order(item: ClaimItem) -> tuple[str, int, int, str, bool, str, str, str, str, str]:
    return item.order


@dataclass
class _Cluster:
    subject: str | None
    label: PredicateKey
    negated: bool
    items: list[ClaimItem]
    conflicts: set[int] = field(default_factory=set)


def entity_lookup(
    mention_entities: Mapping[str, list[str | None]], analysis: DocAnalysis, index: int | None
) -> str | None:
    """The entity key of mention ``index`` of this document (None when unresolved)."""
    if index is None:
        return None
    if index < 0 or index >= len(analysis.mentions):
        raise ValueError(
            f"document {analysis.doc}: mention index {index} out of range ({len(analysis.mentions)} mentions)"
        )
    keys = mention_entities.get(analysis.doc, [])
    return keys[index] if index < len(keys) else None


def collect_claims(
    analyses: list[DocAnalysis], mention_entities: Mapping[str, list[str | None]]
) -> list[ClaimItem]:
    """Every document claim as a ``ClaimItem``, in a canonical order (input order irrelevant)."""
    items: list[ClaimItem] = []
    for analysis in analyses:
        for claim in analysis.claims:
            items.append(_item(analysis, claim, mention_entities))
    items.sort(key=_order)
    return items


def _item(
    analysis: DocAnalysis, claim: DocClaim, mention_entities: Mapping[str, list[str | None]]
) -> ClaimItem:
    subject = entity_lookup(mention_entities, analysis, claim.subject)
    value = claim.value
    ref = ""
    if value.type == "entity":
        key = entity_lookup(mention_entities, analysis, value.entity)
        if key is not None:
            ref = "e:" + key
        elif value.entity is not None:
            ref = "m:" + normalise_text(analysis.mentions[value.entity].text)
        else:
            ref = "m:" + normalise_text(value.text)
        text = value.text
        if text is None and value.entity is not None:
            text = analysis.mentions[value.entity].text
        value = dataclasses.replace(value, entity=None, text=text)
    predicate = " ".join(claim.predicate.lower().split())
    return ClaimItem(
        doc=analysis.doc,
        start=claim.start,
        end=claim.end,
        subject=subject,
        predicate=predicate,
        key=predicate_key(predicate),
        negated=claim.negated,
        value=value,
        ref=ref,
        text=claim.text,
        vkey=canonical(value),
        contrasted=claim.contrasted,
    )


def merge_claims(
    items: list[ClaimItem],
    doc_origin: Mapping[str, str],
    links: Sequence[Sequence[int]] = (),
    doc_story: Mapping[str, str] | None = None,
) -> list[Claim]:
    """Merged claims with support, conflicts and status, sorted by key (see module rules).

    ``links`` are groups of indices of ``items`` known to state one fact (``facts``): their
    clusters become one claim after the conflicts are marked, so conflicts stay strict.
    ``doc_story``: when given, two figures conflict only when two documents of one story state
    them (a figure holds for a time; two stories are two times), and figures with no subject
    may conflict inside one story when their predicate names an event besides the counted noun.
    """
    clusters: list[_Cluster] = []
    by_subject: dict[str | None, list[ClaimItem]] = {}
    for item in items:
        by_subject.setdefault(item.subject, []).append(item)
    for subject in sorted(by_subject, key=lambda s: (s is None, s or "")):
        group = by_subject[subject]
        classes = predicate_classes([i.key for i in group], fuzzy=subject is not None)
        by_class: dict[PredicateKey, list[ClaimItem]] = {}
        for item, label in zip(group, classes, strict=True):
            by_class.setdefault(label, []).append(item)
        for label in sorted(by_class):
            base = len(clusters)
            for cluster in _class_clusters(subject, label, by_class[label], doc_story):
                cluster.conflicts = {base + j for j in cluster.conflicts}  # local -> global
                clusters.append(cluster)
    return _to_claims(_join_linked(clusters, items, links), doc_origin)


def _set_against(a: _Cluster, b: _Cluster) -> bool:
    """One of the two figures is stated relative to another ("others put it at half that")."""
    return any(i.contrasted for c in (a, b) for i in c.items)


def _one_story(a: _Cluster, b: _Cluster, doc_story: Mapping[str, str] | None) -> bool:
    """Some document of ``a`` and some of ``b`` belong to one story (always, without stories)."""
    if doc_story is None:
        return True
    stories_a = {doc_story.get(i.doc, "doc:" + i.doc) for i in a.items}
    return any(doc_story.get(i.doc, "doc:" + i.doc) in stories_a for i in b.items)


def _has_identity(label: PredicateKey, items: Sequence[ClaimItem] = ()) -> bool:
    """A predicate that names more than the counted noun ("people killed", "day talks",
    "casualty count"): two words in its key, or in one stated phrasing of it."""
    if len(label.words) >= 2:
        return True
    return any(len(phrase_words(i.predicate)) >= 2 for i in items)


def _join_linked(
    clusters: list[_Cluster], items: list[ClaimItem], links: Sequence[Sequence[int]]
) -> list[_Cluster]:
    """Clusters holding linked items, joined: the most stated subject (resolved first, ties by
    key), the predicate class of the chosen display predicate, the union of their conflicts."""
    if not links:
        return clusters
    position = {id(item): c for c, cluster in enumerate(clusters) for item in cluster.items}
    uf = UnionFind(len(clusters))
    for group in links:
        for i in group[1:]:
            uf.union(position[id(items[group[0]])], position[id(items[i])])
    groups = uf.groups()
    new_index = {c: g for g, members in enumerate(groups) for c in members}
    joined: list[_Cluster] = []
    for g, members in enumerate(groups):
        parts = [clusters[c] for c in members]
        conflicts = {new_index[j] for p in parts for j in p.conflicts} - {g}
        if len(parts) == 1:
            joined.append(
                _Cluster(parts[0].subject, parts[0].label, parts[0].negated, parts[0].items, conflicts)
            )
            continue
        stated = [i for p in parts for i in p.items]
        counts = Counter(i.subject for i in stated)
        subject = min(counts, key=lambda s: (s is None, -counts[s], s or ""))
        label = predicate_key(_display_predicate(stated, False))
        joined.append(_Cluster(subject, label, parts[0].negated, stated, conflicts))
    return joined


def _class_clusters(
    subject: str | None,
    label: PredicateKey,
    items: list[ClaimItem],
    doc_story: Mapping[str, str] | None = None,
) -> list[_Cluster]:
    """Cluster one predicate class by value, then mark the conflicts among its clusters."""
    out: list[_Cluster] = []
    for vtype in sorted({i.value.type for i in items}):
        for negated in (False, True):
            members = [i for i in items if i.value.type == vtype and i.negated == negated]
            if not members:
                continue
            keys = [i.ref if vtype == "entity" else "" for i in members]
            for idx in cluster_values([i.value for i in members], keys):
                out.append(_Cluster(subject, label, negated, [members[k] for k in idx]))
    if subject is None and (doc_story is None or not _has_identity(label, items)):
        return out
    multi_valued = _multi_valued(items)
    identified = _has_identity(label, items)
    passages = [{(i.doc, i.start, i.end) for i in c.items} for c in out]
    for a in range(len(out)):
        for b in range(a + 1, len(out)):
            if passages[a] & passages[b]:
                continue  # one sentence states both: it tells two things apart ("7 ... and 4 ...")
            quantities = out[a].items[0].value.type == "quantity"
            if (quantities or subject is None) and not _one_story(out[a], out[b], doc_story):
                continue  # a count holds for a time; a dated fact of a named subject does not
            if quantities and doc_story is not None and not identified and not _set_against(out[a], out[b]):
                continue  # "19 seasons" and "four seasons" of one man: a bare noun is no identity
            if _counts_of_different_things(
                out[a], out[b], _has_identity(label, items) and doc_story is not None
            ):
                continue
            if _clusters_conflict(out[a], out[b], multi_valued):
                out[a].conflicts.add(b)
                out[b].conflicts.add(a)
    return out


def _counts_of_different_things(a: _Cluster, b: _Cluster, timed_event: bool = False) -> bool:
    """Two quantity clusters that say nothing against each other: durations (a unit of time is
    no identity: "485 years" of a sentence, "three years" of a manhunt), or values that one
    document states both of without setting one against the other (its "two jurors" and "nine
    jurors" are two groups; "others put it at half that figure" is a disagreement it reports)."""
    x, y = a.items[0].value, b.items[0].value
    if x.type != "quantity" or y.type != "quantity":
        return False
    if (fold_unit(x.unit) in TIME_UNITS or fold_unit(y.unit) in TIME_UNITS) and not timed_event:
        return True  # a duration is an identity only with its event ("days of talks")
    docs_a = {i.doc for i in a.items}
    both = docs_a & {i.doc for i in b.items}
    contrasted = {i.doc for c in (a, b) for i in c.items if i.contrasted}
    return bool(both - contrasted)


def _multi_valued(items: list[ClaimItem]) -> set[str]:
    """Value types one document states several incompatible values of, for this class.

    Only entity and date values: a document naming two leaders or two years for one verb
    speaks of several things (the predicate repeats), not of a contradiction.
    """
    per_doc: dict[tuple[str, str], list[ClaimItem]] = {}
    for item in items:
        if not item.negated and item.value.type in ("entity", "date"):
            per_doc.setdefault((item.doc, item.value.type), []).append(item)
    repeated: set[str] = set()
    for (_, vtype), stated in per_doc.items():
        if vtype == "entity":
            if len({i.ref for i in stated if i.ref.startswith("e:")}) > 1:
                repeated.add(vtype)
        elif any(_conflict(x.value, y.value) for x in stated for y in stated):
            repeated.add(vtype)
    return repeated


def _clusters_conflict(a: _Cluster, b: _Cluster, multi_valued: set[str]) -> bool:
    if a.items[0].value.type != b.items[0].value.type or (a.negated and b.negated):
        return False
    vtype = a.items[0].value.type
    pairs = [(x, y) for x in _distinct(a) for y in _distinct(b)]
    if a.negated or b.negated:  # a denial: contradicts a positive claim of a compatible value
        if vtype == "entity":
            return any(x.ref == y.ref for x, y in pairs)
        return any(_compatible(x.value, y.value) for x, y in pairs)
    if vtype == "entity":
        ra, rb = a.items[0].ref, b.items[0].ref
        return vtype not in multi_valued and ra != rb and ra.startswith("e:") and rb.startswith("e:")
    if vtype in multi_valued:
        return False
    return all(_conflict(x.value, y.value) for x, y in pairs)


def _distinct(cluster: _Cluster) -> list[ClaimItem]:
    """One item per distinct value (comparisons need values, not every repetition)."""
    seen: dict[tuple[str, str], ClaimItem] = {}
    for item in cluster.items:
        seen.setdefault((item.vkey, item.ref), item)
    return [seen[k] for k in sorted(seen)]


def representative(items: list[ClaimItem]) -> ClaimItem:
    """The item whose value stands for the cluster.

    Dates: the finest precision, then the most stated. Others: a value in its common unit
    over one converted to it (a figure linked across "40 degrees Celsius" and "104 degrees
    Fahrenheit" shows in Celsius), then the most stated, then the exact over the approximate.
    Ties by canonical form (deterministic).
    """
    counts = Counter(i.vkey for i in items)
    by_value: dict[str, ClaimItem] = {}
    for item in sorted(items, key=_order):
        by_value.setdefault(item.vkey, item)  # the earliest stating it

    def rank(c: str) -> tuple[int, bool, int, int, str]:
        v = by_value[c].value
        fineness = -len(date_parts(v)) if v.type == "date" else 0
        converted = v.type == "quantity" and in_common_unit(v)[0] != measure_of(v)
        return (fineness, converted, -counts[c], int(v.approximate), c)

    return by_value[min(by_value, key=rank)]


_LIGHT_VERBS = frozenset("make do have take get give be go put set".split())


def _display_predicate(items: list[ClaimItem], negated: bool) -> str:
    """The most stated predicate; ties: the value's unit noun, then not a light verb, then the shortest."""
    counts = Counter(i.predicate for i in items)
    rep = representative(items).value
    units = {fold_unit(rep.unit)} if rep.type == "quantity" and rep.unit else set()

    def rank(p: str) -> tuple[int, bool, bool, int, str]:
        return (-counts[p], fold_unit(p) not in units, p in _LIGHT_VERBS, len(p), p)

    best = min(counts, key=rank)
    return ("not " + best) if negated else best


def _to_claims(clusters: list[_Cluster], doc_origin: Mapping[str, str]) -> list[Claim]:
    drafts: list[tuple[str, Claim, int]] = []
    for index, cluster in enumerate(clusters):
        rep = representative(cluster.items)
        first = min(cluster.items, key=_order)
        value_entity = rep.ref[2:] if rep.ref.startswith("e:") else None
        raw_key = stable_key(
            "c",
            cluster.subject or "",
            cluster.label.text,
            "negated" if cluster.negated else "",
            rep.vkey,
            rep.ref,
        )
        claim = Claim(
            key=raw_key,
            subject=cluster.subject,
            predicate=_display_predicate(cluster.items, cluster.negated),
            text=first.text,
            value=rep.value,
            sources=sorted_sources(i.source for i in cluster.items),
            support=count_support((i.doc for i in cluster.items), doc_origin),
            value_entity=value_entity,
        )
        drafts.append((raw_key, claim, index))
    drafts.sort(key=lambda d: (d[0], d[1].sources[0].doc, d[1].sources[0].start))
    final = unique_keys([d[0] for d in drafts])
    key_of = {d[2]: k for d, k in zip(drafts, final, strict=True)}
    claims: list[Claim] = []
    for (_, claim, index), key in zip(drafts, final, strict=True):
        claim.key = key
        claim.conflicts = sorted(key_of[j] for j in clusters[index].conflicts)
        if claim.conflicts:
            claim.status = "contested"
        elif claim.support.origins >= 2:
            claim.status = "corroborated"
        else:
            claim.status = "single-origin"
        claims.append(claim)
    return claims
