"""Dated events of one document: a date expression governed by a verb, with who and where.

The summary is a short readable clause built from the parse (subject, verb group, object or
first complement, place), so a reader sees what happened without the whole sentence.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from spacy.tokens import Token

from byline.extract.claims import sentence_bounds
from byline.extract.context import ENTITY_LABELS, DocContext
from byline.extract.dates import DateMatch
from byline.extract.names import clean_surface
from byline.model import DocEvent

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_NP_KEEP = frozenset("det amod compound nummod poss nmod quantmod case neg advmod".split())
MAX_PHRASE = 8  # words of an event's object or place phrase kept in its summary
MIN_SUMMARY_WORDS = 2  # a one-word summary (a bare verb) says nothing; the clause is used instead
_METADATA_LINE = re.compile(
    r"\A\s*+(?:(?:first |last )?(?:published|updated|posted|modified))\b[^!?\n]{0,40}$", re.IGNORECASE
)


def find_events(ctx: DocContext, dates: Sequence[DateMatch]) -> list[DocEvent]:
    """One event per date expression that a verb governs. O(d * s) for d dates, s sentence length."""
    events: list[DocEvent] = []
    for d in dates:
        span = ctx.sdoc.char_span(d.start, d.end, alignment_mode="expand")
        if span is None or len(span) == 0:
            continue
        sent = span.sent
        if _METADATA_LINE.match(sent.text):
            continue  # "Published November 30, 2009": the page's own date, not an event
        verb = ctx.governing_verb(span.root)
        if verb is None and sent.root.pos_ in ("VERB", "AUX"):
            verb = sent.root
        if verb is None or verb.pos_ not in ("VERB", "AUX"):
            continue
        date_tokens = set(range(span.start, span.end))
        participants = ctx.mentions_in(sent, ENTITY_LABELS)
        subj = ctx.subject_of(verb)
        who = ctx.resolve(subj) if subj is not None else None
        if who is not None and who not in participants:
            participants.insert(0, who)
        summary = summarize(ctx, verb, subj, who, date_tokens)
        start, end, _ = sentence_bounds(sent)
        events.append(
            DocEvent(
                date=d.date,
                precision=d.precision,
                summary=summary,
                start=start,
                end=end,
                participants=tuple(participants),
                relative=d.relative,
                anchored=d.anchored,
                date_start=d.start,
                date_end=d.end,
            )
        )
    return events


def summarize(ctx: DocContext, verb: Token, subj: Token | None, who: int | None, skip: set[int]) -> str:
    """'Subject verb object (in place)' from the parse; pronouns replaced by the name."""
    parts: list[str] = []
    if subj is not None:
        if subj.pos_ == "PRON" and who is not None:
            parts.append(clean_surface(ctx.mentions[who].text))
        else:
            parts.append(phrase(subj, skip))
    group = [c for c in verb.children if c.dep_ in ("aux", "auxpass", "neg") and c.i < verb.i]
    group.append(verb)
    group.extend(c for c in verb.children if c.dep_ == "prt")
    parts.append(_text(sorted(group, key=lambda t: t.i)))
    obj = next((c for c in verb.children if c.dep_ in ("dobj", "attr", "oprd", "acomp")), None)
    if obj is not None and obj.tag_ in ("WDT", "WP") and verb.dep_ == "relcl" and verb.head.pos_ == "NOUN":
        obj = verb.head  # "the mercy that he did not show": the antecedent, not "that"
    if obj is not None and obj.i not in skip:
        parts.append(phrase(obj, skip))
    place = _place(ctx, verb, skip)
    if place:
        parts.append(place)
    elif obj is None:
        prep = next(
            (
                c
                for c in verb.children
                if c.dep_ in ("prep", "agent") and not any(t.i in skip for t in c.subtree)
            ),
            None,
        )
        pobj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if prep is not None and pobj is not None:
            parts.append(f"{prep.text} {phrase(pobj, skip)}")
        elif prep is not None and verb.lemma_ == "be":  # "was in and out of prison"
            parts.append(_text([t for t in prep.subtree if t.i not in skip and not t.is_punct][:MAX_PHRASE]))
    summary = " ".join(p for p in parts if p).strip()
    if len(summary.split()) >= MIN_SUMMARY_WORDS:
        return summary
    # too little to read ("shooting"): the clause's words around the verb instead
    sent = verb.sent
    words = [t for t in sent if t.i not in skip and not (t.is_punct and t.i == sent.end - 1)]
    at = next((k for k, t in enumerate(words) if t.i >= verb.i), 0)
    window = words[max(0, at - MAX_PHRASE) : at + MAX_PHRASE]
    while window and window[-1].pos_ in ("ADP", "CCONJ", "SCONJ", "DET", "PUNCT"):
        window.pop()  # "... shooting in" (the date was cut out after it)
    return _text(window).strip(" ,;:") or summary


def phrase(head: Token, skip: set[int] = frozenset()) -> str:  # type: ignore[assignment]
    """A compact noun phrase: the head with its modifiers and an 'of' complement, no clauses."""
    chosen = [head]
    for child in head.children:
        if child.dep_ in _NP_KEEP and child.i < head.i:
            chosen.extend(child.subtree)
        elif child.dep_ == "prep" and child.lower_ == "of":
            chosen.extend(list(child.subtree)[:MAX_PHRASE])
        elif child.dep_ == "conj" or child.dep_ == "cc":
            chosen.extend(t for t in child.subtree if t.dep_ not in ("relcl", "acl"))
    unique = {t.i: t for t in chosen if t.i not in skip and not t.is_punct}
    tokens = [unique[i] for i in sorted(unique)]
    return _text(tokens[-MAX_PHRASE * 2 :])


def _place(ctx: DocContext, verb: Token, skip: set[int]) -> str:
    for prep in verb.children:
        if prep.dep_ != "prep" or prep.lower_ not in ("in", "at", "into", "from", "to", "near"):
            continue
        for pobj in prep.children:
            if pobj.dep_ == "pobj" and pobj.i not in skip:
                m = ctx.mention_of(pobj)
                if m is not None and ctx.mentions[m].label in PLACE_LABELS:
                    return f"{prep.text} {phrase(pobj, skip)}"
    return ""


def _text(tokens: Iterable[Token]) -> str:
    """Tokens back to text, keeping the original spacing between neighbours."""
    out: list[str] = []
    prev: Token | None = None
    for tok in tokens:
        if prev is not None:
            out.append(prev.whitespace_ if tok.i == prev.i + 1 else " ")
        out.append(tok.text)
        prev = tok
    return "".join(out).strip()
