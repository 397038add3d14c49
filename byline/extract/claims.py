"""Claims of one document: (subject mention, predicate, value) with the sentence stating them.

Predicates are short lemma-based phrases taken from the sentence, so that one fact worded
differently by different articles lands on the same predicate: the counted noun for counts
("4,000 troops" -> "troop"), the noun the amount belongs to for money ("a reward of $2m",
"a $5m reward" -> "reward"), the subject noun for bare figures ("the population stands at
120,000" -> "population"), "age" for ages, the verb's lemma for dated facts ("resigned in 2012"
-> "escape"), "designated_as" for designations.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Span, Token

from byline.extract.context import ENTITY_LABELS, PERSON_PRONOUNS, SPEECH_VERBS, DocContext
from byline.extract.dates import DateMatch
from byline.extract.layout import caption_spans, furniture_spans, inside
from byline.extract.nlp import doc_text
from byline.extract.quantities import QuantityMatch
from byline.model import DocClaim, Value

SUBJECT_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "FAC", "LOC"})
DESIGNATE_VERBS = frozenset(
    "designate declare label list classify categorize categorise proclaim brand deem".split()
)
# verbs that state no event of their own: having, counting, reaching a level
_NO_EVENT_VERBS = frozenset(
    "be have count boast number include comprise total own hold reach exceed top surpass stand "
    "remain become rise climb grow increase jump fall drop decline estimate put make get "
    "give do go see".split()
)
YEAR_RANGE = (1000, 2100)  # a bare four-digit number written onto a noun, read as its year
_PLACING_PREPOSITIONS = frozenset("in on at from into onto inside".split())  # "in the fourth pew"
_SINCE_WORDS = frozenset("after before since".split())
_COUNT_NOUNS = frozenset("number total count tally".split())
# verbs that make their object a lower bound: "the count has surpassed 8,000"
_PASSING_VERBS = frozenset("surpass exceed top pass cross eclipse".split())
_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.IGNORECASE)
# a clock time with its hedge: "at about 9:15 p.m.", "shortly after 6 a.m.", "at 11:20 a.m."
# (a bare "before 6 p.m." or "until 6 p.m." bounds a wait, it times no event)
_CLOCK = re.compile(
    r"(?i:\b(?P<hedge>about|around|approximately|roughly|nearly|almost|"
    r"(?:just|shortly|slightly|simply|right)\s+(?:before|after|earlier\s+than|later\s+than))\s+|"
    r"(?P<bare>before|after|until|till|by|from|between|since)\s+)?"
    r"\b(?P<h>1[0-2]|0?[1-9])(?::(?P<m>[0-5]\d))?\s?(?P<ap>[ap])\.?\s?m\b\.?"
)
_TIME_VERBS_SKIPPED = frozenset("say tell".split())  # "said at 3 p.m.": when it was said, no fact


def sentence_bounds(sent: Span) -> tuple[int, int, str]:
    """The sentence's span without surrounding whitespace, and its text."""
    text = sent.text
    start = sent.start_char + (len(text) - len(text.lstrip()))
    body = text.strip()
    return start, start + len(body), body


def find_claims(
    ctx: DocContext, quantities: Sequence[QuantityMatch], dates: Sequence[DateMatch]
) -> list[DocClaim]:
    """All claims of the document, in view offsets. O(q + d + n) for q quantities, d dates."""
    claims: list[DocClaim] = []
    date_spans = [(d.start, d.end) for d in dates]
    for q in quantities:
        if any(s < q.end and q.start < e for s, e in date_spans):
            continue
        claim = _quantity_claim(ctx, q, quantities)
        if claim is not None:
            claims.append(claim)
    claims.extend(_dated_claims(ctx, dates))
    claims.extend(_time_claims(ctx))
    claims.extend(_designations(ctx))
    return claims


def lemma(tok: Token) -> str:
    return (tok.lemma_ or tok.text).lower()


def _quantity_claim(
    ctx: DocContext, q: QuantityMatch, quantities: Sequence[QuantityMatch]
) -> DocClaim | None:
    span = ctx.sdoc.char_span(q.start, q.end, alignment_mode="expand")
    if span is None or len(span) == 0 or inside(q.start, q.end, ctx_captions(ctx)):
        return None
    unit = q.value.unit
    if unit is None and q.refers_to is not None and 0 <= q.refers_to < len(quantities):
        unit = quantities[q.refers_to].value.unit
    predicate: str | None = None
    start, end, text = sentence_bounds(span.sent)
    value = bounded(q.value, q.bound or _passing_bound(span))
    if unit == "age":
        who = _age_subject(ctx, span)
        return None if who is None else DocClaim(who, "age", value, start, end, text)
    event: list[str] = []
    if q.ordinal:
        return _ordinal_claim(ctx, span, value)
    if unit and not q.value.currency and unit not in ("percent", "%"):
        predicate = unit.split()[-1].lower()
        counted = _counted_noun(span)
        if counted is not None:
            predicate = " ".join([*_modifiers(counted), predicate])
            event = _event(counted, span) or _timed_noun(counted, span)
    else:
        noun = _governing_noun(span)
        if noun is not None:
            predicate = noun.lower_ if noun.pos_ == "VERB" else lemma(noun)
            if noun.pos_ == "NOUN":
                predicate = " ".join([*_modifiers(noun), predicate])
            if q.bare and noun.pos_ == "NOUN":
                event = _change(span)
        elif _verb_of_count(span.root):  # "Hundreds were evacuated": the count's own verb
            predicate = _verb_of_count(span.root)[0]
        elif q.bare:
            return None  # a small bare number nothing in the parse measures
        if q.bare and (noun is None or noun.pos_ != "NOUN"):
            return None
    if not predicate:
        return None
    year = _year_of_noun(span, q)
    if year is not None:
        return year
    when = _time(span) if q.bare else []  # a running total ("the toll rose to 40") holds for a day
    predicate = " ".join([predicate, *event, *when])
    verb = ctx.governing_verb(span.root)
    negated = verb is not None and any(c.dep_ == "neg" for c in verb.children)
    contrasted = q.refers_to is not None
    return DocClaim(_subject(ctx, span), predicate, value, start, end, text, negated, contrasted)


def ctx_captions(ctx: DocContext) -> list[tuple[int, int]]:
    """The document's caption, credit and dateline lines (computed once per document)."""
    cached: list[tuple[int, int]] | None = getattr(ctx, "_byline_captions", None)
    if cached is None:
        cached = caption_spans(doc_text(ctx.sdoc)) + furniture_spans(doc_text(ctx.sdoc))
        ctx._byline_captions = cached  # type: ignore[attr-defined]
    return cached


def _year_of_noun(span: Span, q: QuantityMatch) -> DocClaim | None:
    """ "since a 1952 flood drowned 40 people": a year written onto an event noun dates that
    event; the noun and its verb name it ("flood drowned")."""
    amount = q.value.amount
    root = span.root
    if not q.bare or amount is None or not (YEAR_RANGE[0] <= amount <= YEAR_RANGE[1]) or len(span) != 1:
        return None
    noun = root.head
    if root.dep_ not in ("nummod", "compound", "amod") or noun.pos_ != "NOUN" or noun.i < root.i:
        return None
    words = [lemma(noun)]
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and _content_verb(noun.head):
        words.append(noun.head.lower_)
    start, end, text = sentence_bounds(span.sent)
    value = Value(type="date", date=str(int(amount)), precision="year")
    return DocClaim(None, " ".join(words), value, start, end, text)


def _passing_bound(span: Span) -> str | None:
    """A figure a verb passes ("surpassed 8,000", "has topped 300") is a lower bound."""
    root = span.root
    return "lower" if root.dep_ == "dobj" and lemma(root.head) in _PASSING_VERBS else None


def bounded(value: Value, bound: str | None) -> Value:
    """A bounding hedge as an open interval beside the stated amount: "more than 200" keeps
    amount 200 and gets low 200 (any amount above), "up to 12" gets high 12."""
    if value.amount is None or value.low is not None or value.high is not None:
        return value
    if bound == "lower":
        return replace(value, low=value.amount)
    if bound == "upper":
        return replace(value, high=value.amount)
    return value


def _counted_noun(span: Span) -> Token | None:
    """The noun a count counts: the span's last noun, or the noun the number modifies."""
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and not t.like_num]
    if nouns:
        return nouns[-1]
    root = span.root
    return root.head if root.dep_ == "nummod" and root.head.pos_ == "NOUN" else None


def _modifiers(noun: Token) -> list[str]:
    """Compound nouns before a unit noun that say which kind it counts ("death toll")."""
    return [
        c.lower_
        for c in noun.children
        if c.dep_ == "compound" and c.i < noun.i and c.pos_ == "NOUN" and not c.like_num
    ][-2:]


def _content_verb(tok: Token) -> bool:
    return tok.pos_ == "VERB" and lemma(tok) not in _NO_EVENT_VERBS and lemma(tok) not in SPEECH_VERBS


def _event(noun: Token, span: Span) -> list[str]:
    """The event or state a counted noun takes part in, from the parse: the verb it is the
    subject or object of ("40 people drowned by a flood": drowned, flood), the participle or
    relative clause on it ("140 members sent to ..."), or the noun it counts time of ("days of
    talks", "days after the storm"). Light and possessive verbs carry no event, nor does a
    clause with its own subject ("greeted the 11 players, his voice gone": the voice's), nor
    does a named doer's verb ("X sent 4,000 troops": the count is X's, whatever the verb)."""
    words: list[str] = []
    head = noun.head
    if noun.dep_ in ("nsubj", "nsubjpass", "dobj") and _content_verb(head):
        agent = _agent(head, noun)
        if noun.dep_ != "dobj" or agent is not None:  # "X sent 4,000 troops": X's troops
            words.append(head.lower_)
        if agent is not None:
            words.append(agent)
    elif noun.dep_ == "dobj" and lemma(head) in SPEECH_VERBS and (source := _source(head)):
        words += [head.lower_, source]  # "X reported 2,310 cases": X's own count, maybe partial
    elif noun.dep_ == "pobj" and head.lower_ == "by" and head.head.pos_ == "VERB":
        words += [head.head.lower_, "by"]  # "grew by 12 people": a change, not a level
    elif noun.dep_ == "pobj" and head.lower_ == "of" and head.head.i in range(span.start, span.end):
        words += _verb_of_count(head.head)  # "hundreds of residents were evacuated": the count's verb
    if noun.dep_ == "npadvmod":  # "6 days after the storm (hit)": the time since what
        words += _since(head)
    for child in noun.children:
        absolute = _absolute(noun, child)
        if (
            child.dep_ in ("acl", "relcl")
            and _content_verb(child)
            and child.lower_ not in words
            and not absolute
        ):
            words.append(child.lower_)
        elif child.dep_ == "prep" and child.lower_ in ("of", "after", "before", "since"):
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None and obj.i not in range(span.start, span.end):
                words += ([] if child.lower_ == "of" else [child.lower_]) + [lemma(obj)]
    return words[:3]


_DURATION_UNITS = frozenset("second minute hour day night week month year decade century".split())


def _timed_noun(unit: Token, span: Span) -> list[str]:
    """The noun a duration is written onto ("a three-week campaign", "a year-long strike"): a span
    of time is known by what lasts it."""
    head = unit.head
    if head.pos_ == "ADJ" and head.dep_ == "amod" and head.i in range(span.start, span.end):
        unit, head = head, head.head  # "year-long": the adjective carries the unit
    if (
        lemma(span.root) in _DURATION_UNITS | {"long"}
        and unit.dep_ in ("amod", "compound", "nmod")
        and head.pos_ == "NOUN"
        and head.i not in range(span.start, span.end)
    ):
        return [lemma(head)]
    return []


_PARTICLES = frozenset("away off out up down back".split())  # adverbs that complete a verb
# verbs whose meaning is in their complement ("took to the roads", "came out"): no event
_LIGHT_VERBS = frozenset("take make get give go come put set keep turn".split())


def _absolute(noun: Token, clause: Token) -> bool:
    """A clause on the noun with a subject of its own, set off by a comma ("the 11 players, his
    voice gone"): it tells about its own subject, not about what is counted."""
    own = any(g.dep_ in ("nsubj", "nsubjpass") and g.tag_ not in ("WDT", "WP") for g in clause.children)
    between = noun.doc[min(noun.i, clause.i) : max(noun.i, clause.i)]
    return own and (clause.dep_ == "acl" or any(t.text == "," for t in between))


def _verb_of_count(tok: Token) -> list[str]:
    """The content verb a count is the subject of, as stated ("Hundreds were trapped")."""
    head = tok.head
    if tok.dep_ in ("nsubj", "nsubjpass") and _content_verb(head) and lemma(head) not in _LIGHT_VERBS:
        particle = [  # "passed away", "wiped out"
            c.lower_
            for c in head.children
            if c.dep_ == "prt" or (c.dep_ == "advmod" and c.lower_ in _PARTICLES and c.i == head.i + 1)
        ]
        return [" ".join([head.lower_, *particle[:1]])]
    return []


def _ordinal_claim(ctx: DocContext, span: Span, value: Value) -> DocClaim | None:
    """A position is known by what it places: "the 12th-floor office" (floor office),
    "stood in the fourth pew" (pew stood), "a shop on the 3rd deck" (deck shop). An ordinal that
    is no place ("her third marriage", "after the second round") gives no figure."""
    nouns = [t for t in span if t.pos_ in ("NOUN", "PROPN") and not t.like_num]
    if not nouns:
        return None
    noun = nouns[-1]
    head = noun.head
    if noun.dep_ in ("compound", "amod", "nmod") and head.pos_ == "NOUN":
        kinds = [
            lemma(c) for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" and c.i > noun.i
        ]
        place = " ".join([*kinds, lemma(head)])  # "the 14th-floor press gallery": press gallery
    elif noun.dep_ == "pobj" and head.dep_ == "prep" and head.lower_ in _PLACING_PREPOSITIONS:
        place = lemma(head.head)
        if head.head.pos_ == "VERB":  # who sat there: "her cousins stood in the fourth pew"
            who = _common_noun(ctx.subject_of(head.head))
            if who is not None:
                place += " " + lemma(who)
    else:  # "her third marriage failed", "the fourth coach": a sequence, not a place
        return None
    start, end, text = sentence_bounds(span.sent)
    # no subject: the predicate says what is placed and who sits there, while the sitters'
    # names vary with each article ("his parents", "Ann and Bo Lee, who sat ...")
    return DocClaim(None, f"{lemma(noun)} {place}", value, start, end, text)


def _common_noun(tok: Token | None) -> Token | None:
    """The common noun a phrase names its referents by: "her cousins, Ann and Bo Lee, who ...":
    "cousins" (names in apposition or conjunction climb to it); None when there is none."""
    for _ in range(4):
        if tok is None or tok.pos_ == "NOUN":
            return tok
        if tok.pos_ != "PROPN" or tok.dep_ not in ("conj", "appos", "compound", "flat") or tok.head is tok:
            return None
        tok = tok.head
    return None


def _since(head: Token) -> list[str]:
    """The event a span of time is measured from: "after the storm" or "after the storm hit"."""
    if head.dep_ == "prep" and head.lower_ in _SINCE_WORDS:
        obj = next((c for c in head.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
        return [head.lower_, lemma(obj)] if obj is not None else []
    mark = next((c for c in head.children if c.dep_ == "mark" and c.lower_ in _SINCE_WORDS), None)
    if mark is None:
        return []
    subj = next(
        (c for c in head.children if c.dep_ in ("nsubj", "nsubjpass") and c.pos_ == "NOUN" and c.i > mark.i),
        None,
    )
    return [mark.lower_, lemma(subj)] if subj is not None else []


def _source(verb: Token) -> str | None:
    """Who reports a count it is the object of: the verb's named or common-noun subject."""
    subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    if subj is None or subj.pos_ not in ("PROPN", "NOUN"):
        return None
    parts = [c.lower_ for c in subj.children if c.dep_ == "compound" and c.i < subj.i]
    return " ".join([*parts, subj.lower_])


def _agent(verb: Token, noun: Token) -> str | None:
    """The common-noun doer of the event a count is the object of ("a flood drowned ...")."""
    for child in verb.children:
        if child is noun:
            continue
        if child.dep_ == "nsubj" and noun.dep_ == "dobj" and child.pos_ == "NOUN":
            return lemma(child)
        if child.dep_ == "agent":
            obj = next((c for c in child.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None)
            if obj is not None:
                return lemma(obj)
    return None


def _time(span: Span) -> list[str]:
    """The day a figure holds for, where the clause states it ("by Tuesday the toll had
    risen to 65"): a one-word date the governing verb takes ("Monday", "yesterday")."""
    verb = span.root.head
    for _ in range(4):
        if verb.pos_ in ("VERB", "AUX") or verb.head is verb:
            break
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return []
    for child in verb.children:
        cands = [child] if child.dep_ in ("npadvmod", "tmod") else []
        if child.dep_ == "prep" and child.lower_ in ("on", "by"):
            cands = [c for c in child.children if c.dep_ == "pobj"]
        for tok in cands:
            if tok.ent_type_ == "DATE" and tok.is_alpha and tok.i not in range(span.start, span.end):
                return [tok.lower_]
    return []


def _change(span: Span) -> list[str]:
    """A bare figure reached "by" a verb is a change ("grew by 12"); "to" or "at" a level."""
    root = span.root
    prep = root.head if root.dep_ == "pobj" else None
    if prep is not None and prep.lower_ == "by" and prep.head.pos_ == "VERB":
        return [prep.head.lower_, "by"]
    return []


def _counted_of(noun: Token) -> Token:
    """ "the number of deaths" counts deaths: a count noun stands for its "of" complement."""
    if lemma(noun) in _COUNT_NOUNS:
        of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        obj = next((c for c in of.children if c.dep_ == "pobj" and c.pos_ == "NOUN"), None) if of else None
        if obj is not None:
            return obj
    return noun


def _governing_noun(span: Span) -> Token | None:
    """The noun an amount belongs to ("profits of $10m", "a $5m reward", "income estimated at")."""
    inside = range(span.start, span.end)
    tok = span.root
    for _ in range(8):
        head = tok.head
        if head is tok:
            return None
        if head.i in inside or head.pos_ in ("ADP", "NUM", "SYM", "CCONJ", "ADV", "DET", "PART", "ADJ"):
            tok = head
            continue
        if head.pos_ == "NOUN":
            return head
        if head.pos_ in ("VERB", "AUX"):
            if head.dep_ == "acl" and head.head.pos_ == "NOUN":
                return head.head
            subj = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
            if subj is not None and subj.pos_ == "NOUN" and subj.i not in inside:
                return _counted_of(subj)
            return head if tok.dep_ in ("dobj", "attr", "npadvmod") else None
        return None
    return None


def _subject(ctx: DocContext, span: Span) -> int | None:
    """The entity a figure is about, from the parse only: the clause's subject, else the count's
    possessor or organisation ("members of X"). Never the nearest name: a name beside a figure
    is as often its reporter or a bystander as its owner; no subject is better than a wrong one."""
    inside = set(range(span.start, span.end))
    verb = ctx.governing_verb(span.root)
    for step in range(3):
        if verb is None or (step > 0 and lemma(verb) in SPEECH_VERBS):
            break  # "X said 40 died": X tells the figure, it is not X's
        subj = ctx.subject_of(verb)
        if (
            subj is not None
            and subj.i not in inside
            and subj.head.i not in inside
            and subj.i != span.root.head.i
        ):
            resolved = ctx.resolve(subj)
            if ctx.subject_ok(resolved) and ctx.mentions[resolved].label in SUBJECT_LABELS:  # type: ignore[index]
                return resolved
            inner = [
                i for i in ctx.mentions_in(list(subj.subtree), SUBJECT_LABELS - {"NORP"}) if ctx.subject_ok(i)
            ]
            if inner:
                return inner[0]
        verb = ctx.governing_verb(verb)
    return _owner_of_count(ctx, span)


def _owner_of_count(ctx: DocContext, span: Span) -> int | None:
    """'N members of X' and 'X's N members': the counted noun's complement or possessor."""
    noun = span.root.head if span.root.dep_ == "nummod" else span.root
    prep = span.root.head if span.root.dep_ == "pobj" else None
    if prep is not None and prep.head.pos_ == "VERB":  # "put its membership at 2,500": its
        obj = next((c for c in prep.head.children if c.dep_ == "dobj"), None)
        if obj is not None:
            noun = obj
    for tok in [noun, *noun.children]:
        if tok.dep_ == "poss" and tok.lower_ not in PERSON_PRONOUNS:  # "her four siblings": whose
            # "her" is, recency cannot tell (the names listed beside the count are its relatives)
            found = ctx.resolve(tok)
            if ctx.subject_ok(found):
                return found
    for prep in (c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "in", "within")):
        for obj in (c for c in prep.children if c.dep_ == "pobj"):
            found = ctx.resolve(obj)
            if ctx.subject_ok(found) and ctx.mentions[found].label == "ORG":  # type: ignore[index]
                return found
    return None


def _age_subject(ctx: DocContext, span: Span) -> int | None:
    """The person an age belongs to: the name right before ("Name, 41,") or the one the
    "41-year-old" modifies (the next name in the sentence)."""
    persons = ctx.mentions_in(span.sent, frozenset({"PERSON"}))
    before = [i for i in persons if ctx.mentions[i].end <= span.start_char]
    if before and span.start_char - ctx.mentions[before[-1]].end <= 3:
        return before[-1]
    after = [i for i in persons if ctx.mentions[i].start >= span.end_char]
    return after[0] if after else (before[-1] if before else None)


def _dated_claims(ctx: DocContext, dates: Sequence[DateMatch]) -> list[DocClaim]:
    """'X escaped in 2012' -> (X, escape, 2012) when the verb's subject is a named entity."""
    claims: list[DocClaim] = []
    for d in dates:
        span = ctx.sdoc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or len(span) == 0 or inside(d.start, d.end, ctx_captions(ctx)):
            continue
        verb = ctx.governing_verb(span.root)
        if verb is None or verb.pos_ != "VERB" or lemma(verb) in SPEECH_VERBS:
            continue
        subj = ctx.subject_of(verb)
        who = ctx.resolve(subj) if subj is not None else None
        if who is None or ctx.mentions[who].label not in ENTITY_LABELS - {"NORP"}:
            continue
        start, end, text = sentence_bounds(span.sent)
        value = Value(type="date", date=d.date, precision=d.precision)
        negated = any(c.dep_ == "neg" for c in verb.children)
        claims.append(DocClaim(who, lemma(verb), value, start, end, text, negated))
    return claims


def _time_claims(ctx: DocContext) -> list[DocClaim]:
    """ "posted the results at about 9:15 p.m." -> (None, "post result", T21:15): the clock time
    of the event the clause tells, known by its verb and object (whoever the sentence names).
    A time the text only bounds ("before 6 p.m.", "until 6 p.m.") or a saying's time is no fact.
    O(n) in the text."""
    claims: list[DocClaim] = []
    text = doc_text(ctx.sdoc)
    for m in _CLOCK.finditer(text):
        if m["bare"] or inside(m.start(), m.end(), ctx_captions(ctx)):
            continue
        hour = int(m["h"]) % 12 + (12 if m["ap"].lower() == "p" else 0)
        clock = f"T{hour:02d}:{m['m'] or '00'}"
        span = ctx.sdoc.char_span(m.start("h"), m.end(), alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        verb = ctx.governing_verb(span.root)
        if verb is None or verb.pos_ != "VERB" or lemma(verb) in _TIME_VERBS_SKIPPED:
            continue
        words = [lemma(verb)]
        obj = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass") and c.pos_ == "NOUN"), None)
        if obj is not None:
            words.append(lemma(obj))
        start, end, sentence = sentence_bounds(span.sent)
        value = Value(type="date", date=clock, approximate=m["hedge"] is not None)
        negated = any(c.dep_ == "neg" for c in verb.children)
        claims.append(DocClaim(None, " ".join(words), value, start, end, sentence, negated))
    return claims


def _designations(ctx: DocContext) -> list[DocClaim]:
    """'designated X as a terrorist organisation', 'declared X a ...', 'the designation of X as'."""
    claims: list[DocClaim] = []
    for tok in ctx.sdoc:
        lem = lemma(tok)
        target: Token | None = None
        label: Token | None = None
        if tok.pos_ == "VERB" and lem in DESIGNATE_VERBS:
            target = next((c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")), None)
            label = _as_phrase(tok) or next(
                (
                    c
                    for c in tok.children
                    if c.dep_ in ("oprd", "ccomp", "xcomp", "attr") and c.pos_ == "NOUN"
                ),
                None,
            )
            if label is None and target is not None:
                label = next(
                    (c for c in target.children if c.dep_ in ("appos", "amod") and c.pos_ == "NOUN"), None
                )
        elif tok.pos_ == "NOUN" and lem == "designation":
            of = next((c for c in tok.children if c.lower_ == "of"), None)
            target = next((c for c in of.children if c.dep_ == "pobj"), None) if of else None
            label = _as_phrase(tok) or (_as_phrase(target) if target is not None else None)
        if target is None or label is None:
            continue
        who = ctx.resolve(target)
        if who is None:
            continue
        words = [t.text for t in label.subtree if not t.is_punct]
        phrase = _ARTICLE.sub("", " ".join(words)).lower()
        start, end, text = sentence_bounds(tok.sent)
        claims.append(DocClaim(who, "designated_as", Value(type="text", text=phrase), start, end, text))
    return claims


def _as_phrase(tok: Token) -> Token | None:
    prep = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ == "as"), None)
    return next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
