"""What claims, events and relations share about one parsed document.

Maps tokens to mentions and resolves the noun phrases that stand for an entity without naming
it ("the gang", "it", "his") by salience: the document's dominant organisation for a class
noun or "it", the most recent person for "he". General rules only, no names.

It also knows who only reports: the document's own outlet (``site``, names in a dateline or
credit line, the addressee of "told the X", the agent of "published by the X") and the
speaker of a statement ("X said", "according to X"). A reporter is never a claim's subject nor
the dominant organisation.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from byline.extract.entities import ORG_NOUNS
from byline.extract.layout import furniture_spans, heading_spans, inside
from byline.extract.names import name_key
from byline.extract.nlp import doc_text
from byline.model import Mention

PERSON_PRONOUNS = frozenset("he him his she her hers himself herself".split())
THING_PRONOUNS = frozenset("it its itself they them their theirs".split())
RELATIVE_PRONOUNS = frozenset("which who whom that whose".split())
ENTITY_LABELS = frozenset("PERSON ORG GPE LOC FAC NORP".split())
SPEECH_VERBS = frozenset(
    "say tell report state claim announce write add note confirm estimate reveal explain "
    "warn allege quote cite".split()
)
PUBLISH_VERBS = frozenset("publish republish print reprint broadcast air syndicate".split())
EARLY_SENTENCES = 3  # a name in the first sentences (or the headline) is what the story is about


@dataclass
class DocContext:
    """A parsed document with its mentions (view offsets). Built in O(n + m)."""

    sdoc: Doc
    mentions: list[Mention]
    token_mention: list[int] = field(default_factory=list)  # token index -> mention index or -1
    keys: list[str] = field(default_factory=list)
    dominant_org: str | None = None
    site: str | None = None  # the document's outlet (Document.site)
    outlets: set[str] = field(default_factory=set)  # keys of the outlet's names
    reporters: set[int] = field(default_factory=set)  # mentions that only report a statement

    def __post_init__(self) -> None:
        self.token_mention = [-1] * len(self.sdoc)
        self.keys = [name_key(m.text) for m in self.mentions]
        for i, m in enumerate(self.mentions):
            span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                if self.token_mention[tok.i] < 0 or m.alias_of is None:
                    self.token_mention[tok.i] = i
        for i, m in enumerate(self.mentions):  # an alias counts for its long form
            if m.alias_of is not None and 0 <= m.alias_of < len(self.mentions):
                self.keys[i] = self.keys[m.alias_of]
        self._find_reporters()
        self.dominant_org = self._salient_org()

    def _find_reporters(self) -> None:
        """Outlet keys and reporting mentions, from the site, the layout and the parse. O(n + m)."""
        text = doc_text(self.sdoc)
        if self.site:
            self.outlets.add(name_key(self.site))
        furniture = furniture_spans(text)
        for i, m in enumerate(self.mentions):
            if inside(m.start, m.end, furniture):
                self.reporters.add(i)
                if m.label == "ORG":
                    self.outlets.add(self.keys[i])
                continue
            span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            role = _reporting_role(span.root)
            if role is not None:
                self.reporters.add(i)
                if role == "outlet" and m.label == "ORG":
                    self.outlets.add(self.keys[i])
        self.reporters.update(i for i, k in enumerate(self.keys) if k in self.outlets)

    def _salient_org(self) -> str | None:
        """The organisation the document is about: mentions (aliases included), plus a bonus for
        a mention in the headline or first sentences and for a class noun ('X, a smuggling
        network'). Outlets never count. O(m)."""
        score: Counter[str] = Counter()
        sents = list(self.sdoc.sents)[:EARLY_SENTENCES]
        early_end = sents[-1].end_char if sents else 0
        first_heading = next(iter(heading_spans(doc_text(self.sdoc))), None)
        bonus: dict[str, int] = {}
        for i, (key, m) in enumerate(zip(self.keys, self.mentions, strict=True)):
            if m.label != "ORG" or key in self.outlets or not key or m.text.islower() or i in self.reporters:
                continue  # a lower-case "name" ('navy') is a common noun NER misread
            score[key] += 1
            b = 0
            if m.start < early_end or first_heading and inside(m.start, m.end, [first_heading]):
                b += 2
            if self._has_class_noun(i):
                b += 2
            bonus[key] = max(bonus.get(key, 0), b)
        for key, b in bonus.items():
            score[key] += b
        return max(sorted(score), key=lambda k: score[k]) if score else None

    def _has_class_noun(self, i: int) -> bool:
        m = self.mentions[i]
        span = self.sdoc.char_span(m.start, m.end, alignment_mode="expand")
        if span is None:
            return False
        root = span.root
        near = [c for c in root.children if c.dep_ == "appos"]
        if root.dep_ == "appos" or root.dep_ == "compound" and root.head.tag_ == "NN":
            near.append(root.head)  # 'the X gang' yes, 'X crews' no
        after = self.sdoc[span.end : span.end + 6]
        if len(after) > 2 and after[0].text == "," and after[1].pos_ == "DET":
            for tok in after[2:]:  # 'X, the smuggling organisation' (whatever the parse says)
                if tok.is_punct:
                    break
                near.append(tok)
        return any(
            t.lemma_.lower() in ORG_NOUNS and t.pos_ == "NOUN"
            for t in near
            if t.i not in range(span.start, span.end)
        )

    def subject_ok(self, i: int | None) -> bool:
        """A mention that may be a claim's subject (not an outlet, speaker or dateline)."""
        return i is not None and i not in self.reporters

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
                    relative = child.tag_ in ("WDT", "WP") and cur.dep_ == "relcl"
                    if relative and cur.head.pos_ in ("NOUN", "PROPN"):
                        return cur.head  # "the crisis that began": the antecedent, not "that"
                    return child
            if cur.dep_ in ("conj", "xcomp", "advcl", "ccomp", "acl", "relcl") and cur.head is not cur:
                if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                    return cur.head if cur.dep_ == "acl" else None
                cur = cur.head
            elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ in ("VERB", "AUX"):
                cur = cur.head.head  # "he was serving a term after being convicted": his subject
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


def _reporting_role(tok: Token) -> str | None:
    """'outlet' for 'told the X' / 'published by X' / 'X published'; 'speaker' for 'X said',
    'according to X', 'reported by X'; None otherwise."""
    head = tok.head
    lem = head.lemma_.lower()
    if tok.dep_ in ("nsubj", "nsubjpass") and lem in PUBLISH_VERBS:
        return "outlet"
    if tok.dep_ == "dobj" and lem == "tell":
        return "outlet"
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in PUBLISH_VERBS:
        return "outlet"
    if tok.dep_ == "nsubj" and lem in SPEECH_VERBS:
        return "speaker"
    if tok.dep_ == "pobj" and head.lower_ == "to" and head.head.lower_ == "according":
        return "speaker"
    if tok.dep_ == "pobj" and head.lower_ == "by" and head.head.lemma_.lower() in SPEECH_VERBS:
        return "speaker"
    return None
