"""Resolving mentions across a corpus into canonical entities.

Names are compared by folded key (accents, case, articles, possessives and abbreviation dots
removed); keys are then joined by general rules: aliases found in a document (acronyms,
nicknames), countries by ISO code, acronyms to the one long form whose initials they spell,
"X prison" with "X", and partial person names to the one full name that contains them. The
type is a weighted vote over every mention; the canonical name is the fullest well-formed form.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from byline.extract.entities import FAC_NOUNS, KEPT_LABELS, ORG_NOUNS
from byline.extract.names import (
    clean_surface,
    country_of,
    initials,
    is_acronym,
    name_key,
    parse_nickname,
)
from byline.model import DocAnalysis, Document, Entity, Source
from byline.textkit import UnionFind

# A rule or context cue is stronger evidence of a type than one NER decision.
SOURCE_WEIGHT = {"ner": 1.0}
CUE_WEIGHT = 3.0  # a rule or context cue's vote for a type, against 1.0 for one NER decision
PLACE_LABELS = frozenset({"GPE", "LOC"})


@dataclass
class _Node:
    votes: dict[str, float] = field(default_factory=lambda: defaultdict(float))
    forms: Counter[str] = field(default_factory=Counter)
    docs: set[str] = field(default_factory=set)
    country: str | None = None  # canonical country name


def mention_key(text: str, label: str) -> tuple[str, list[str], str | None]:
    """(key, extra keys that are aliases, country name) for one mention's text."""
    country = country_of(text, label)
    if country is not None:
        return f"country:{country.code}", [], country.name
    nick = parse_nickname(text)
    if nick is not None:
        return name_key(nick.full), [name_key(nick.nick_form)], None
    return name_key(text), [], None


def _keyed(text: str, label: str) -> tuple[str, list[str], str | None, str]:
    """:func:`mention_key` of a mention ("" for a key without a word character) and the form
    its node counts (a nickname's full name, else the cleaned surface)."""
    key, extra, country = mention_key(text, label)
    if not key or not re.search(r"\w", key):
        return "", [], None, ""
    nick = parse_nickname(text)
    return key, extra, country, nick.full if nick else clean_surface(text)


def resolve_entities(
    documents: list[Document], analyses: list[DocAnalysis]
) -> tuple[list[Entity], dict[str, list[str | None]]]:
    """Canonical entities of a corpus and, per document, each mention's entity key.

    Cost: O(M) to key M mentions (each distinct name and label keyed once), O(K log K) to
    sort K distinct keys and to link them (word-bag and prefix indexes, never all pairs of
    names), and person linking O(P * c) where c is how many full names share a word with a
    partial name (small).
    Keys are derived from type and canonical name, so a re-run gives identical output.
    """
    known = {d.key for d in documents}
    texts = {d.key: d.text for d in documents}
    uf: UnionFind[str] = UnionFind()
    nodes: dict[str, _Node] = defaultdict(_Node)
    per_doc: dict[str, list[str | None]] = {}
    seen: dict[tuple[str, str], tuple[str, list[str], str | None, str]] = {}  # names recur
    for analysis in analyses:
        if analysis.doc not in known:
            raise ValueError(f"analysis for unknown document {analysis.doc!r}")
        keys: list[str | None] = []
        for m in analysis.mentions:
            if m.label not in KEPT_LABELS:
                keys.append(None)
                continue
            keyed = seen.get((m.text, m.label))
            if keyed is None:
                keyed = seen[m.text, m.label] = _keyed(m.text, m.label)
            key, extra, country, form = keyed
            if not key:
                keys.append(None)
                continue
            node = nodes[key]
            node.votes[m.label] += SOURCE_WEIGHT.get(m.source, CUE_WEIGHT)
            node.forms[form] += 1
            node.docs.add(analysis.doc)
            node.country = country
            uf.find(key)
            for alias in extra:
                nodes[alias].docs.add(analysis.doc)
                uf.union(key, alias)
            keys.append(key)
        for m, mkey in zip(analysis.mentions, keys, strict=True):
            target = keys[m.alias_of] if m.alias_of is not None else None
            if mkey is not None and target is not None:
                uf.union(mkey, target)
        per_doc[analysis.doc] = keys

    for doc in sorted(texts):
        for a, b, surface_a, surface_b in _declared_aliases(texts[doc], nodes):
            for name, surface in ((a, surface_a), (b, surface_b)):
                if name not in nodes:  # a declared name no mention holds: kept as an alias
                    nodes[name].docs.add(doc)
                    nodes[name].forms[clean_surface(surface)] += 1
            uf.union(a, b)
    _link_acronyms(nodes, uf)
    _link_cores(nodes, uf)
    _link_word_bags(nodes, uf)
    _link_country_prefixed(nodes, uf)
    _link_truncated(nodes, uf)
    _link_persons(nodes, uf)
    return _build(nodes, uf, analyses, per_doc)


# "X (English: Y)", "X, known as Y", "X, also called Y", "X, which translates to Y"
_NAME = r"""[A-Z][\w'’.\-]*(?:\s+(?:[A-Z][\w'’.\-]*|of|de|del|la|the|and|for)){0,6}"""
# "X (English: Y)", "X, known as Y", "X, also called Y", "X, which translates to Y"
_ALIAS_CUE = re.compile(
    rf"""(?P<a>{_NAME})[\s"“”'’,]*(?:\(\s*(?:in\s+)?English\s*[:,]?\s*|(?:also\s+|better\s+)?"""
    r"""(?:known|called|referred\s+to)\s+as\s+|also\s+called\s+|(?:which|that)\s+(?:translates|translated)"""
    rf"""\s+(?:to|as)\s+)[\s"“‘']*(?:the\s+)?(?P<b>{_NAME})"""
)
# two-letter words that read as country codes in upper case ("IN", "IT") but are words
_SHORT_WORDS = frozenset("in at by to is it no so do me my be as am go an or on of he we us".split()) - {"us"}
_BAG_FILLER = frozenset("of de del la le the for and".split())


def _declared_aliases(text: str, nodes: dict[str, _Node]) -> list[tuple[str, str, str, str]]:
    """Pairs of keys a text declares one entity ("X (English: Y)", "X, known as Y", "X, which
    translates to Y"), when one side is a name the corpus holds. O(n) in the text."""
    pairs: list[tuple[str, str, str, str]] = []  # (key a, key b, surface a, surface b)
    for m in _ALIAS_CUE.finditer(text):
        a, b = name_key(m["a"]), name_key(m["b"])
        a = next((a[i:] for i in range(len(a)) if (i == 0 or a[i - 1] == " ") and a[i:] in nodes), a)
        if not a or not b or a == b or (a not in nodes and b not in nodes):
            continue
        if any(n in nodes and _label(nodes[n]) == "PERSON" for n in (a, b)):
            continue  # people's nicknames are parsed as names already
        pairs.append((a, b, m["a"], m["b"]))
    return pairs


def _bag(key: str) -> frozenset[str]:
    return frozenset(w for w in key.split() if w not in _BAG_FILLER)


def _link_word_bags(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """The same name words in another order: "State Department" = "Department of State",
    "Harbor Band" = "Band of the Harbor". Not for people (given and family names swap meaning)."""
    bags: dict[frozenset[str], list[str]] = defaultdict(list)
    for key in sorted(nodes):
        bag = _bag(key)
        if len(bag) >= 2 and _label(nodes[key]) != "PERSON":
            bags[bag].append(key)
    for keys in bags.values():
        for other in keys[1:]:
            uf.union(keys[0], other)


def _link_country_prefixed(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """An agency named with or without its country: "U.S. State Department" = "State
    Department", when the rest is itself a name of two words or more in the corpus.

    Cost: O(K) for K keys (the reordered rest is looked up in an index of word bags, whose
    lists keep the keys' sorted order, so the first other key is the one a scan would find)."""
    by_bag: dict[frozenset[str], list[str]] = defaultdict(list)
    keys = sorted(nodes)
    for key in keys:
        by_bag[_bag(key)].append(key)
    for key in keys:
        words = key.split()
        for cut in (1, 2, 3):
            if len(words) - cut < 2:
                break
            head, rest = " ".join(words[:cut]), " ".join(words[cut:])
            forms = [head.title()] if head in _SHORT_WORDS else [head.upper(), head.title()]
            country = next((c for f in forms if (c := country_of(f, "GPE"))), None)
            if country is None:
                continue
            target = rest if rest in nodes else None
            if target is None:  # "US Department of State" = "State Department"
                target = next((k for k in by_bag.get(_bag(rest), ()) if k != key), None)
            if target is not None and _label(nodes[target]) not in ("GPE", "LOC", "NORP", "PERSON"):
                uf.union(key, target)
            break


def _link_truncated(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """A name the NER cut short ("Office of Budget" inside "Office of Budget
    Review"): an organisation's words are the start of exactly one longer organisation's.

    Cost: O(R log R) for R organisations of two words or more: in their sorted list the names
    that start with a given name's words follow one another, found by bisection."""
    orgs = sorted(k for k, n in nodes.items() if _label(n) == "ORG" and len(k.split()) >= 2)
    for key in orgs:
        if len(key.split()) < 3:  # two words ("Islamic State") stand alone
            continue
        prefix = key + " "
        at = bisect_left(orgs, prefix)
        if at < len(orgs) and orgs[at].startswith(prefix):
            if at + 1 == len(orgs) or not orgs[at + 1].startswith(prefix):  # exactly one longer
                uf.union(key, orgs[at])


def _label(node: _Node) -> str:
    return max(sorted(node.votes), key=lambda k: node.votes[k]) if node.votes else ""


def _link_acronyms(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """'ICE' joins the one long form in the corpus whose initials spell it."""
    by_initials: dict[str, set[str]] = defaultdict(set)
    for key, node in nodes.items():
        if len(key.split()) > 1 and _label(node) in ("ORG", "FAC", "GPE", "LOC", "NORP"):
            form = node.forms.most_common(1)[0][0] if node.forms else key
            by_initials[initials(form)].add(uf.find(key))
    for key, node in nodes.items():
        form = node.forms.most_common(1)[0][0] if node.forms else ""
        if form and is_acronym(form):
            roots = by_initials.get(form.replace(".", ""), set())
            if len(roots) == 1:
                uf.union(key, next(iter(roots)))


def _link_cores(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """'X prison' = 'X penitentiary' = 'X' (when 'X' is not a place or nationality)."""
    cores: dict[str, list[str]] = defaultdict(list)
    for key, node in nodes.items():
        words = key.split()
        if len(words) > 1 and words[-1] in FAC_NOUNS | ORG_NOUNS and _label(node) in ("FAC", "ORG"):
            cores[" ".join(words[:-1])].append(key)
    for core, keys in cores.items():
        fac = [k for k in keys if k.split()[-1] in FAC_NOUNS]
        for other in fac[1:]:
            uf.union(fac[0], other)
        base = nodes.get(core)
        if base is not None and base.votes and _label(base) not in ("NORP", "GPE", "LOC"):
            for k in keys:
                uf.union(core, k)


def _link_persons(nodes: dict[str, _Node], uf: UnionFind[str]) -> None:
    """Partial person names join the one full name containing them.

    'Navarro' or 'Medina Navarro' (a surname, two-part surnames included) and 'Ana Navarro'
    (given name + one surname) join 'Ana Medina Navarro' when every full name they fit belongs
    to one entity; an ambiguous partial name stays apart.
    """
    persons = [k for k, n in nodes.items() if _label(n) == "PERSON" and not k.startswith("country:")]
    full_by_word: dict[str, set[str]] = defaultdict(set)
    for key in persons:
        words = key.split()
        if len(words) > 1:
            for w in words:
                full_by_word[w].add(key)
    # a word mostly seen first in full names is a given name ("Ana"), not a surname
    position: dict[str, float] = defaultdict(float)
    for key in persons:
        words = key.split()
        weight = float(sum(nodes[key].forms.values()))
        if len(words) > 1:
            position[words[0]] += weight
            for w in words[1:]:
                position[w] -= weight
    given_names = {w for w, balance in position.items() if balance > 0}
    partial_ok = {k for k, n in nodes.items() if _label(n) in ("PERSON", "ORG", "WORK_OF_ART", "PRODUCT")}
    for key in sorted(partial_ok, key=lambda k: (-len(k.split()), k)):
        words = key.split()
        if len(words) == 1 and words[0] in given_names:
            continue  # "Ana" alone is a given name: too weak to pick one person
        candidates = [
            full for full in full_by_word.get(words[-1], ()) if full != key and _fits(words, full.split())
        ]
        if len(words) == 1 and _label(nodes[key]) != "PERSON" and not candidates:
            continue
        roots = {uf.find(c) for c in candidates}
        if len(roots) == 1:
            uf.union(key, next(iter(roots)))


def _fits(part: list[str], full: list[str]) -> bool:
    if len(part) >= len(full):
        return False
    if len(part) == 1:
        return part[0] in full[1:]
    if full[-len(part) :] == part:
        return True
    if part[0] != full[0]:
        return False
    it = iter(full)
    return all(w in it for w in part)


def _build(
    nodes: dict[str, _Node],
    uf: UnionFind[str],
    analyses: list[DocAnalysis],
    per_doc: dict[str, list[str | None]],
) -> tuple[list[Entity], dict[str, list[str | None]]]:
    """One entity a cluster of the union-find (its type and name voted by its members), then
    every mention attached to its entity."""
    clusters: dict[str, list[str]] = defaultdict(list)
    for key in nodes:
        clusters[uf.find(key)].append(key)
    entity_key: dict[str, str] = {}
    entities: dict[str, Entity] = {}
    for root in sorted(clusters):
        members = sorted(clusters[root])
        named = _type_and_name(nodes, members)
        if named is None:
            continue
        etype, name, forms = named
        base = f"{etype.lower()}:{re.sub(r'[^a-z0-9]+', '-', name_key(name)).strip('-') or 'x'}"
        new_key, n = base, 2
        while new_key in entities:
            new_key, n = f"{base}~{n}", n + 1
        aliases = sorted({f for f in forms if f != name})
        entities[new_key] = Entity(key=new_key, type=etype, name=name, aliases=aliases)
        for k in members:
            entity_key[k] = new_key
    mapping = _attach_mentions(analyses, per_doc, entity_key, entities)
    result = sorted(entities.values(), key=lambda e: e.key)
    for e in result:
        e.mentions.sort(key=lambda s: (s.doc, s.start, s.end))
        e.aliases.sort()
    return result, mapping


def _type_and_name(nodes: dict[str, _Node], members: list[str]) -> tuple[str, str, Counter[str]] | None:
    """A cluster's type (a country's is GPE; else the heaviest vote), its name and its forms;
    None when no member was ever typed."""
    votes: dict[str, float] = defaultdict(float)
    forms: Counter[str] = Counter()
    country: str | None = None
    for k in members:
        for label, weight in nodes[k].votes.items():
            votes[label] += weight
        forms.update(nodes[k].forms)
        country = country or nodes[k].country
    if not votes:
        return None
    etype = "GPE" if country else max(sorted(votes), key=lambda k: votes[k])
    word_docs: dict[str, set[str]] = defaultdict(set)
    for k in members:
        for form in nodes[k].forms:
            for word in name_key(form).split():
                word_docs[word].update(nodes[k].docs)
    name = country or _canonical(forms, {w: len(d) for w, d in word_docs.items()})
    return etype, name, forms


def _attach_mentions(
    analyses: list[DocAnalysis],
    per_doc: dict[str, list[str | None]],
    entity_key: dict[str, str],
    entities: dict[str, Entity],
) -> dict[str, list[str | None]]:
    """Each document's mentions mapped to their entity keys (None: no entity), the mentions
    recorded on their entities, and a quoted nickname kept as an alias as written."""
    mapping: dict[str, list[str | None]] = {}
    for analysis in analyses:
        row: list[str | None] = []
        for m, mkey in zip(analysis.mentions, per_doc[analysis.doc], strict=True):
            found = entity_key.get(mkey) if mkey is not None else None
            row.append(found)
            if found is None:
                continue
            entity = entities[found]
            entity.mentions.append(Source(analysis.doc, m.start, m.end))
            quoted = " ".join(m.text.split())
            if any(q in quoted for q in '"“”‘’') and quoted not in entity.aliases:
                entity.aliases.append(quoted)  # the nickname form as written
        mapping[analysis.doc] = row
    return mapping


def _canonical(forms: Counter[str], word_docs: dict[str, int]) -> str:
    """The fullest well-formed form: capitalised, no brackets, no acronym when a long form
    exists, and every word seen in this entity's names in more than one document when the
    entity spans several (so a garbled token or a headline's verb glued to a name loses)."""
    spread = max(word_docs.values(), default=1)

    def rank(form: str) -> tuple[int, int, int, int, str]:
        words = [w for w in name_key(form).split() if any(c.isalnum() for c in w)]
        well = (
            (form[:1].isupper() or form[:1].isdigit())
            and not any(c in form for c in "()[]")
            and " - " not in form
            and not form.isupper()
        )
        attested = spread < 2 or all(word_docs.get(w, 0) > 1 for w in words)
        if not attested:  # the full name the NER cut short elsewhere ("X of Y" in "X of Y Z")
            attested = any(
                o != form
                and name_key(form).startswith(name_key(o) + " ")
                and all(word_docs.get(w, 0) > 1 for w in name_key(o).split())
                for o in forms
            )
        return (int(well and attested), int(not is_acronym(form)), len(words), forms[form], form)

    return max(forms, key=rank)
