"""Typed relations between the mentions of one document, from dependency patterns.

Verb classes (lemma sets: lead/head/run -> leader_of; arrest/detain -> arrested_in ...) and
relational nouns ("the leader of Y", "members of Y", "a presence in X", "a reward for")
decide the type; the parse decides which mentions fill the two roles. No names anywhere.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Token

from byline.extract.claims import lemma, sentence_bounds
from byline.extract.context import DocContext
from byline.extract.names import country_of
from byline.model import DocRelation

LEAD_VERBS = frozenset("lead head run command direct found chair rule mastermind".split())
LEADER_NOUNS = frozenset(
    "leader boss head chief founder commander chairman chairwoman ringleader kingpin ceo "
    "director leadership".split()
)
OPERATE_VERBS = frozenset("operate expand spread extend broaden establish move branch grow".split())
PRESENCE_NOUNS = frozenset("presence operation cell node branch foothold stronghold activity".split())
ALLY_VERBS = frozenset("ally partner cooperate collaborate work team align join".split())
ALLY_NOUNS = frozenset("partnership alliance ally partner".split())
ARREST_VERBS = frozenset("arrest rearrest detain capture apprehend catch nab".split())
ESCAPE_VERBS = frozenset("escape flee".split())
ESCAPE_NOUNS = frozenset({"escape", "breakout", "jailbreak"})
COMPARE_VERBS = frozenset("compare liken equate".split())
COMPARE_NOUNS = frozenset("comparison parallel".split())
SANCTION_WORDS = frozenset({"sanction"})
REWARD_NOUNS = frozenset({"reward", "bounty"})

GROUP = frozenset({"ORG"})
ACTOR = frozenset({"PERSON", "ORG", "GPE"})
PLACE = frozenset({"GPE", "LOC", "FAC"})
REGION = frozenset({"GPE", "LOC"})


class _Found:
    """Relations of one document, deduplicated per sentence."""

    def __init__(self, ctx: DocContext) -> None:
        self.ctx = ctx
        self.items: dict[tuple[int, int, str, int], DocRelation] = {}

    def add(
        self,
        src: int | None,
        tgt: int | None,
        kind: str,
        at: Token,
        src_labels: frozenset[str] = ACTOR,
        tgt_labels: frozenset[str] = ACTOR,
    ) -> None:
        if src is None or tgt is None or src == tgt:
            return
        ms, mt = self.ctx.mentions[src], self.ctx.mentions[tgt]
        if ms.label not in src_labels or mt.label not in tgt_labels:
            return
        if self.ctx.keys[src] == self.ctx.keys[tgt]:
            return
        start, end, text = sentence_bounds(at.sent)
        self.items.setdefault((src, tgt, kind, start), DocRelation(src, tgt, kind, start, end, text))


def find_relations(ctx: DocContext) -> list[DocRelation]:
    """All relations of the document, in view offsets. O(n) over tokens, O(s) per match."""
    found = _Found(ctx)
    for tok in ctx.sdoc:
        if tok.pos_ in ("VERB", "AUX"):
            if not _hypothetical(tok):
                _verb(ctx, found, tok)
        elif tok.pos_ == "NOUN":
            _noun(ctx, found, tok)
    for i, m in enumerate(ctx.mentions):
        if m.label in ("FAC", "ORG", "GPE", "LOC"):
            _located(ctx, found, i)
    return sorted(found.items.values(), key=lambda r: (r.start, r.source, r.target, r.type))


HYPOTHETICAL = frozenset("could might may would should".split())


def _hypothetical(verb: Token) -> bool:
    """The verb states a possibility, not a fact: "they could partner with X", "X may open"."""
    return any(c.dep_ == "aux" and c.lower_ in HYPOTHETICAL for c in verb.children)


def _np(
    ctx: DocContext, tok: Token | None, labels: frozenset[str] = ACTOR, heads_only: bool = False
) -> list[int]:
    """Mentions a noun phrase stands for: itself resolved, else names inside it (lists too);
    ``heads_only`` skips names inside its modifiers ('runs a hotel in X' does not run X)."""
    if tok is None:
        return []
    resolved = ctx.resolve(tok)
    if resolved is not None and ctx.mentions[resolved].label in labels:
        found = [resolved]
        for conj in tok.conjuncts:
            m = ctx.resolve(conj)
            if m is not None and m not in found and ctx.mentions[m].label in labels:
                found.append(m)
        return found
    if heads_only:
        return []
    subtree = list(tok.subtree)[:25]
    return ctx.mentions_in(subtree, labels)


def _pobjs(tok: Token, preps: tuple[str, ...]) -> list[Token]:
    out: list[Token] = []
    for child in tok.children:
        if child.dep_ in ("prep", "agent") and child.lower_ in preps:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def _child(tok: Token, *deps: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ in deps), None)


@dataclass(frozen=True)
class _Clause:
    """A verb and its roles: the grammatical subject, who acts (the agent of a passive), and
    who or what is acted on."""

    verb: Token
    lemma: str
    subj: Token | None
    actor: Token | None
    patient: Token | None


def _clause(ctx: DocContext, verb: Token) -> _Clause:
    subj = ctx.subject_of(verb)
    passive = _child(verb, "auxpass") is not None or verb.tag_ == "VBN" and verb.dep_ == "acl"
    agent = next(iter(_pobjs(verb, ("by",))), None)
    patient = (
        (subj if _child(verb, "nsubjpass") is not None else verb.head if verb.dep_ == "acl" else None)
        if passive
        else _child(verb, "dobj")
    )
    return _Clause(verb, lemma(verb), subj, agent if passive else subj, patient)


def _verb(ctx: DocContext, found: _Found, verb: Token) -> None:
    """The relation a verb states (the first kind its lemma and roles match), then a comparison
    its object may make ("drew a comparison with")."""
    c = _clause(ctx, verb)
    for matches, relate in _VERB_RELATIONS:
        if matches(c):
            relate(ctx, found, c)
            break
    dobj = _child(verb, "dobj")
    if dobj is not None and lemma(dobj) in COMPARE_NOUNS:
        for a in _np(ctx, c.subj, ACTOR):
            for obj in _pobjs(dobj, ("to", "with")) + _pobjs(verb, ("to", "with")):
                for b in _np(ctx, obj, ACTOR):
                    found.add(a, b, "compared_to", verb)


def _leads(ctx: DocContext, found: _Found, c: _Clause) -> None:
    for leader in _np(ctx, c.actor, frozenset({"PERSON"})):
        for org in _np(ctx, c.patient, frozenset({"ORG", "GPE"}), heads_only=True):
            found.add(leader, org, "leader_of", c.verb)


def _operates(ctx: DocContext, found: _Found, c: _Clause) -> None:
    for org in _np(ctx, c.subj, GROUP):
        for obj in _pobjs(c.verb, ("in", "into", "to", "across", "throughout")):
            for place in _np(ctx, obj, REGION):
                found.add(org, place, "operates_in", c.verb)


def _allies(ctx: DocContext, found: _Found, c: _Clause) -> None:
    for a in _np(ctx, c.subj, GROUP):
        for obj in _pobjs(c.verb, ("with", "alongside")):
            for b in _np(ctx, obj, GROUP):
                found.add(a, b, "allied_with", c.verb)


def _sanctions(ctx: DocContext, found: _Found, c: _Clause) -> None:
    for target in _np(ctx, c.patient, ACTOR):
        for by in _np(ctx, c.actor, ACTOR):
            found.add(target, by, "sanctioned_by", c.verb)


def _arrests(ctx: DocContext, found: _Found, c: _Clause) -> None:
    arrested = _np(ctx, c.patient, frozenset({"PERSON", "ORG"}))
    for obj in _pobjs(c.verb, ("in", "at")):
        for place in _np(ctx, obj, PLACE):
            for who in arrested:
                found.add(who, place, "arrested_in", c.verb, ACTOR, PLACE)


def _escapes(ctx: DocContext, found: _Found, c: _Clause) -> None:
    _escape(ctx, found, c.verb, _np(ctx, c.subj, frozenset({"PERSON"})))


def _compares(ctx: DocContext, found: _Found, c: _Clause) -> None:
    for a in _np(ctx, c.patient, ACTOR):
        for obj in _pobjs(c.verb, ("to", "with")):
            for b in _np(ctx, obj, ACTOR):
                found.add(a, b, "compared_to", c.verb)


# The kinds of relation a verb states, tried in this order: (does the clause state it, add it).
_VERB_RELATIONS: tuple[
    tuple[Callable[[_Clause], bool], Callable[[DocContext, _Found, _Clause], None]], ...
] = (
    (lambda c: c.lemma in LEAD_VERBS and not _object_predicate(c.verb, c.patient), _leads),
    (lambda c: c.lemma in OPERATE_VERBS, _operates),
    (lambda c: c.lemma in ALLY_VERBS, _allies),
    (lambda c: c.lemma in SANCTION_WORDS, _sanctions),
    (lambda c: c.lemma in ARREST_VERBS, _arrests),
    (
        lambda c: (
            c.lemma in ESCAPE_VERBS or c.lemma == "break" and any(t.lower_ == "out" for t in c.verb.children)
        ),
        _escapes,
    ),
    (lambda c: c.lemma in COMPARE_VERBS, _compares),
)


def _noun(ctx: DocContext, found: _Found, noun: Token) -> None:
    lem = lemma(noun)
    if lem in LEADER_NOUNS:
        _leader_noun(ctx, found, noun, lem)
    elif lem == "member":
        person = _holder(ctx, noun)
        for org in _np(ctx, next(iter(_pobjs(noun, ("of",))), None), GROUP):
            found.add(person, org, "member_of", noun, frozenset({"PERSON"}), GROUP)
    elif lem in PRESENCE_NOUNS:
        owner = _owner(ctx, noun)
        for obj in _pobjs(noun, ("in", "into", "across", "throughout")):
            for place in _np(ctx, obj, REGION):
                found.add(owner, place, "operates_in", noun, GROUP, REGION)
    elif lem in ALLY_NOUNS:
        owner = _owner(ctx, noun)
        for obj in _pobjs(noun, ("with",)):
            for b in _np(ctx, obj, GROUP):
                found.add(owner, b, "allied_with", noun, GROUP, GROUP)
    elif lem in REWARD_NOUNS:
        _reward(ctx, found, noun)
    elif lem in ESCAPE_NOUNS:  # "the escape of X (from Y)", "X's escape"
        who = _child(noun, "poss") or next(iter(_pobjs(noun, ("of",))), None)
        _escape(ctx, found, noun, _np(ctx, who, frozenset({"PERSON"})))
    elif lem in SANCTION_WORDS:
        owner = _owner(ctx, noun)
        for obj in _pobjs(noun, ("against", "on")):
            for target in _np(ctx, obj, ACTOR):
                found.add(target, owner, "sanctioned_by", noun)


def _holder(ctx: DocContext, noun: Token) -> int | None:
    """Who a role noun describes: 'X, the leader', 'the leader, X', 'X is the leader', 'leader X'."""
    if noun.dep_ == "appos":
        return ctx.mention_of(noun.head)
    for child in noun.children:
        if child.dep_ == "appos" and (m := ctx.mention_of(child)) is not None:
            return m
    if noun.dep_ == "attr":
        subj = _child(noun.head, "nsubj")
        return ctx.resolve(subj) if subj is not None else None
    if noun.dep_ == "compound":
        return ctx.mention_of(noun.head)
    return None


def _owner(ctx: DocContext, noun: Token) -> int | None:
    """Whose a noun is: its possessor, else the subject of the verb it belongs to."""
    poss = _child(noun, "poss")
    if poss is not None:
        return ctx.resolve(poss)
    verb = ctx.governing_verb(noun)
    subj = ctx.subject_of(verb) if verb is not None else None
    return ctx.resolve(subj) if subj is not None else None


def _leader_noun(ctx: DocContext, found: _Found, noun: Token, lem: str) -> None:
    if lem == "leadership":
        leader_tok = _child(noun, "poss") or next(iter(_pobjs(noun, ("of",))), None)
        leader = ctx.resolve(leader_tok) if leader_tok is not None else None
        verb = ctx.governing_verb(noun)
        subj = ctx.subject_of(verb) if verb is not None else None
        org = ctx.resolve(subj) if subj is not None else None
        found.add(leader, org, "leader_of", noun, frozenset({"PERSON"}), GROUP)
        return
    leader = _holder(ctx, noun)
    orgs: list[int] = []
    poss = _child(noun, "poss") or next(
        (c for c in noun.children if c.dep_ == "nmod" and any(g.dep_ == "case" for g in c.children)), None
    )
    if poss is not None and (m := ctx.resolve(poss)) is not None:
        orgs.append(m)
    orgs.extend(_np(ctx, next(iter(_pobjs(noun, ("of",))), None), frozenset({"ORG", "GPE"})))
    for org in orgs:
        found.add(leader, org, "leader_of", noun, frozenset({"PERSON"}), frozenset({"ORG", "GPE"}))


def _object_predicate(verb: Token, patient: Token | None) -> bool:
    """'declared X a terrorist group', 'named X the winner': the verb assigns X a description
    (an object complement, or a noun glued to the object without a comma), not leadership."""
    if any(c.dep_ in ("oprd", "xcomp", "ccomp", "dative") for c in verb.children):
        return True
    if patient is None:
        return False
    return any(
        c.dep_ == "appos"
        and c.pos_ == "NOUN"
        and c.i > patient.i
        and not any(t.text == "," for t in patient.doc[patient.i + 1 : c.left_edge.i])
        for c in patient.children
    )


def _escape(ctx: DocContext, found: _Found, at: Token, escapers: list[int]) -> None:
    """'X escaped from/out of Y', 'X fled Y', 'X broke out of Y'; without a named place, the
    facility named in the same or the previous sentence is the place of detention."""
    if not escapers:
        return
    places: list[int] = []
    for obj in _pobjs(at, ("from", "out", "of")) + [c for c in at.children if c.dep_ == "dobj"]:
        places.extend(_np(ctx, obj, PLACE))
    for prep in (c for c in at.children if c.lower_ == "out"):  # 'broke out of Y': 'of' hangs on 'out'
        for obj in _pobjs(prep, ("of",)):
            places.extend(_np(ctx, obj, PLACE))
    if not places:
        sent = at.sent
        places = ctx.mentions_in(sent, frozenset({"FAC"}))
        if not places and sent.start > 0:
            places = ctx.mentions_in(ctx.sdoc[sent.start - 1].sent, frozenset({"FAC"}))
        places = places[-1:]
    for who in escapers:
        for place in places:
            found.add(who, place, "escaped_from", at, ACTOR, PLACE)


def _reward(ctx: DocContext, found: _Found, noun: Token) -> None:
    """'X offered a reward for (information on) Y' / 'a reward from X' -> offered_reward_for."""
    offerer: int | None = None
    src = next(iter(_pobjs(noun, ("from",))), None)
    if src is not None:
        offerer = ctx.resolve(src)
    elif noun.dep_ in ("dobj", "nsubjpass"):
        subj = ctx.subject_of(noun.head)
        offerer = ctx.resolve(subj) if subj is not None else None
    target: int | None = None
    scope = list(noun.subtree)
    if noun.dep_ == "dobj":  # "offered a reward for (the capture of) X": 'for' hangs on the verb
        scope.extend(t for obj in _pobjs(noun.head, ("for",)) for t in obj.subtree)
    for tok in scope:
        m = ctx.mention_of(tok)
        if m is not None and ctx.mentions[m].label == "PERSON":
            target = m
            break
        if tok.dep_ == "poss" and tok.pos_ == "PRON":
            target = ctx.resolve(tok)
            break
    if target is None:
        cur = noun
        for _ in range(6):
            if cur.dep_ == "relcl" and (m := ctx.mention_of(cur.head)) is not None:
                target = m
                break
            if cur.head is cur:
                break
            cur = cur.head
    found.add(offerer, target, "offered_reward_for", noun, ACTOR, frozenset({"PERSON", "ORG"}))


def _located(ctx: DocContext, found: _Found, i: int) -> None:
    """'the X prison in Y', 'X (in) the state of Y', 'City, Country' -> located_in."""
    m = ctx.mentions[i]
    span = ctx.sdoc.char_span(m.start, m.end, alignment_mode="expand")
    if span is None:
        return
    root = span.root
    if m.label in ("FAC", "ORG"):
        for obj in _pobjs(root, ("in", "at", "near")):
            place = next(iter(_np(ctx, obj, REGION)), None)
            found.add(i, place, "located_in", root, frozenset({"FAC", "ORG"}), REGION)
    elif m.label == "GPE" and country_of(m.text, m.label) is None:
        for child in root.children:
            if child.dep_ in ("appos", "npadvmod") and child.i > root.i:
                j = ctx.mention_of(child)
                if j is not None and country_of(ctx.mentions[j].text, ctx.mentions[j].label):
                    found.add(i, j, "located_in", root, REGION, REGION)
