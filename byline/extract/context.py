"""What claims, events and relations share about one parsed document.

Maps tokens to mentions and resolves the noun phrases that stand for an entity without naming
it ("the gang", "it", "his") by salience: the document's dominant organisation for a class
noun or "it", the most recent person for "he". General rules only, no names.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from byline.extract.entities import ORG_NOUNS
from byline.extract.names import fold
from byline.model import Mention

PERSON_PRONOUNS = frozenset("he him his she her hers himself herself".split())
THING_PRONOUNS = frozenset("it its itself they them their theirs".split())
RELATIVE_PRONOUNS = frozenset("which who whom that whose".split())
ENTITY_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP".split())


@dataclass
class DocContext:
    """A parsed document with its mentions (view offsets). Built in O(n + m)."""

    sdoc: Doc
    mentions: list[Mention]
    token_mention: list[int] = field(default_factory=list)  # token index -> mention index or -1
    keys: list[str] = field(default_factory=list)
    dominant_org: str | None = None

    def __post_init__(self) -> None:
        self.token_mention = [-1] * len(self.sdoc)
        self.keys = [fold(m.text) for m in self.mentions]
        for i, m in enumerate(self.mentions):
            span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                if self.token_mention[tok.i] < 0 or m.alias_of is None:
                    self.token_mention[tok.i] = i
        orgs = Counter(k for k, m in zip(self.keys, self.mentions, strict=True) if m.label == "ORG")
        if orgs:
            self.dominant_org = max(sorted(orgs), key=lambda k: orgs[k])

    def mention_of(self, tok: Token) -> int | None:
        i = self.token_mention[tok.i]
        return i if i >= 0 else None

    def mentions_in(self, span: Span | list[Token], labels: frozenset[str] = ENTITY_LABELS) -> list[int]:
        seen: list[int] = []
        for tok in span:
            i = self.token_mention[tok.i]
            if i >= 0 and i not in seen and self.mentions[i].label in labels:
                seen.append(i)
        return seen

    def resolve(self, tok: Token, depth: int = 0) -> int | None:
        """The mention a noun phrase headed by ``tok`` stands for, or None."""
        if depth > 4:
            return None
        direct = self.mention_of(tok)
        if direct is not None:
            return direct
        for child in tok.children:
            if child.dep_ in ("compound", "appos", "flat") and (m := self.mention_of(child)) is not None:
                return m
        lower = tok.lower_
        if lower in RELATIVE_PRONOUNS and tok.head.dep_ == "relcl":
            return self.resolve(tok.head.head, depth + 1)
        if lower in PERSON_PRONOUNS:
            return self.previous(tok, "PERSON")
        if tok.dep_ == "appos":
            return self.resolve(tok.head, depth + 1)
        definite = any(c.lower_ in ("the", "its", "this") or c.dep_ == "case" for c in tok.children)
        if lower in THING_PRONOUNS or (tok.pos_ == "NOUN" and tok.lemma_.lower() in ORG_NOUNS and definite):
            return self.dominant(tok)  # "the gang", "the gang's", "it": the document's main group
        return None

    def previous(self, tok: Token, label: str) -> int | None:
        """The last mention of ``label`` starting before ``tok`` (salience by recency)."""
        best: int | None = None
        for i, m in enumerate(self.mentions):
            if m.start >= tok.idx:
                break
            if m.label == label and m.alias_of is None:
                best = i
        return best

    def dominant(self, tok: Token) -> int | None:
        """The dominant organisation's mention nearest before ``tok`` (or its first one)."""
        if self.dominant_org is None:
            return None
        chosen: int | None = None
        for i, (key, m) in enumerate(zip(self.keys, self.mentions, strict=True)):
            if key != self.dominant_org or m.label != "ORG":
                continue
            if chosen is None or m.start < tok.idx:
                chosen = i
        return chosen

    def subject_of(self, verb: Token) -> Token | None:
        """The grammatical subject of ``verb``, inherited along conjunctions and up clauses."""
        cur: Token | None = verb
        for _ in range(6):
            if cur is None:
                return None
            for child in cur.children:
                if child.dep_ in ("nsubj", "nsubjpass"):
                    return child
            if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl") and cur.head is not cur:
                if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return cur.head if cur.dep_ == "acl" else None
                cur = cur.head
            else:
                return None
        return None

    def governing_verb(self, tok: Token) -> Token | None:
        """The nearest verb above ``tok`` in its sentence."""
        cur = tok
        for _ in range(12):
            if cur.pos_ in ("VERB", "AUX") and cur is not tok:
                return cur
            if cur.head is cur:
                return cur if cur.pos_ in ("VERB", "AUX") else None
            cur = cur.head
        return None
