"""The dossier's data as the page's script reads it, computed from the "byline/1" contract.

The browser indexes strings in UTF-16 units while the contract's offsets are code points, so
every offset the page uses is converted here; quoted passages arrive pre-cut with the claim's
words marked, so the page never has to tokenise. Nothing here produces HTML: the page builds
its DOM with text nodes only. Cost: O(total text + sources) for a corpus.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Callable
from typing import Any

from byline.reconcile.values import TIME_UNITS, fold_unit
from byline.report.places import place_entities

CONTEXT = 90  # characters of context either side of a quoted passage
MAX_PASSAGE = 700  # longer passages are cut around their marked words
_WORD = re.compile(r"[^\W_](?:[\w'’.,-]*[^\W_])?")
_STOP = frozenset(
    "a an and are as at be been by for from had has have in is it its of on or that the their "
    "this to was were which with about over than some more less".split()
)


def safe_url(url: object) -> str | None:
    """The URL if it is plain http(s); anything else (javascript:, data:, relative) is dropped."""
    if not isinstance(url, str):
        return None
    url = url.strip()
    if re.match(r"(?i)^https?://[^\s\"'<>`]+$", url) is None:
        return None
    return url


def utf16_index(text: str) -> Callable[[int], int]:
    """Code-point offset -> UTF-16 offset for ``text`` (identity when it has no astral chars)."""
    astral = [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]
    if not astral:
        return lambda i: i
    return lambda i: i + bisect_left(astral, i)


def _norm(token: str) -> str:
    return token.casefold().replace(",", "").rstrip(".")


def claim_words(claim: dict[str, Any], names: list[str]) -> set[str]:
    """The words that make a claim: its sentence, value and subject's names, minus stop words."""
    words = set()
    for text in [claim.get("text") or "", value_label(claim.get("value") or {}, {}), *names]:
        for token in _WORD.findall(text):
            norm = _norm(token)
            if norm and norm not in _STOP:
                words.add(norm)
    value = claim.get("value") or {}
    for key in ("amount", "low", "high"):
        if isinstance(value.get(key), int | float):
            words.add(_norm(f"{value[key]:g}" if value[key] < 1e15 else str(value[key])))
    return words


def marked_segments(passage: str, words: set[str]) -> list[list[Any]]:
    """``passage`` split into [text, marked] pieces, marked where a word of ``words`` stands."""
    segments: list[list[Any]] = []
    last = 0
    for match in _WORD.finditer(passage):
        if _norm(match.group()) not in words:
            continue
        gap = passage[last : match.start()]
        if segments and segments[-1][1] == 1 and not gap.strip():
            segments[-1][0] += gap + match.group()  # one mark for "3,000 members"
        else:
            if gap:
                segments.append([gap, 0])
            segments.append([match.group(), 1])
        last = match.end()
    if last < len(passage):
        segments.append([passage[last:], 0])
    return segments


def _cut(passage: str, segments: list[list[Any]]) -> list[list[Any]]:
    """Keep a long passage readable: trim unmarked text beyond ``MAX_PASSAGE`` characters."""
    if len(passage) <= MAX_PASSAGE:
        return segments
    out, budget = [], MAX_PASSAGE
    for text, marked in segments:
        if not marked and len(text) > budget:
            text = text[: max(budget, 40)] + " … " if budget > 0 else " … "
        out.append([text, marked])
        budget -= len(text)
    return out


class _Passages:
    """Quotes of sources with context, in both offset systems."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.index: dict[str, Callable[[int], int]] = {}

    def u16(self, doc: str, offset: int) -> int:
        if doc not in self.index:
            self.index[doc] = utf16_index(self.texts[doc])
        return self.index[doc](offset)

    def quote(self, source: dict[str, Any], words: set[str] | None) -> dict[str, Any] | None:
        doc = source.get("doc")
        text = self.texts.get(doc or "")
        if text is None:
            return None
        start = max(0, min(int(source["start"]), len(text)))
        end = max(start, min(int(source["end"]), len(text)))
        passage = text[start:end]
        before = text[max(0, start - CONTEXT) : start]
        after = text[end : end + CONTEXT]
        segments = marked_segments(passage, words) if words else [[passage, 0]]
        return {
            "doc": doc,
            "s": self.u16(doc, start),  # type: ignore[arg-type]
            "e": self.u16(doc, end),  # type: ignore[arg-type]
            "before": ("…" + before.split(None, 1)[-1]) if start > CONTEXT else before,
            "segs": _cut(passage, segments),
            "after": (after.rsplit(None, 1)[0] + "…") if len(text) > end + CONTEXT else after,
        }


def _number(x: float) -> str:
    return f"{int(x):,}" if float(x).is_integer() else f"{x:,.6g}"


def plural(unit: str) -> str:
    """The plural of a counted noun ("member" -> "members", "party" -> "parties"; the last word of
    a multi-word unit); units too short or without a vowel to be nouns ("km", "mph") stay."""
    head, _, rest = unit.rpartition(" ")
    word = rest
    if len(word) < 3 or not word.isalpha() or not word.islower() or not set(word) & set("aeiouy"):
        return unit
    if word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return unit  # already plural ("hours")
    if word.endswith(("s", "x", "z", "ch", "sh")):
        word += "es"
    elif word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        word = word[:-1] + "ies"
    else:
        word += "s"
    return f"{head} {word}" if head else word


def value_label(value: dict[str, Any], entity_names: dict[str, str]) -> str:
    """A claim's value as a reader says it: "≈ 5,000 members", "USD 5,000,000", "12%", "aged 41",
    "2023-09"."""
    kind = value.get("type")
    if kind == "quantity":
        if value.get("amount") is not None:
            number = _number(value["amount"])
            if value.get("low") == value["amount"] and value.get("high") is None:
                number = "more than " + number  # a bound: "more than 200", "at least 44"
            elif value.get("high") == value["amount"] and value.get("low") is None:
                number = "up to " + number
        elif value.get("low") is not None or value.get("high") is not None:
            low, high = value.get("low"), value.get("high")
            number = "–".join(_number(x) if x is not None else "?" for x in (low, high))
        else:
            number = "?"
        unit = value.get("unit") or ""
        if unit == "percent":
            number, unit = number + "%", ""
        elif unit == "age":
            number, unit = "aged " + number, ""
        elif value.get("amount") != 1:
            unit = plural(unit)
        parts = [value.get("currency") or "", number, unit]
        text = " ".join(p for p in parts if p)
        bounded = value.get("amount") is not None and (
            value.get("low") is not None or value.get("high") is not None
        )
        return ("≈ " + text) if value.get("approximate") and not bounded else text
    if kind == "date":
        date = str(value.get("date") or "")
        return date[1:] if date.startswith("T") else date  # a clock time: "T21:15" reads "21:15"
    if kind == "entity":
        return entity_names.get(value.get("entity") or "", "?")
    return str(value.get("text") or "")


def _support(item: dict[str, Any]) -> dict[str, int]:
    support = item.get("support") or {}
    return {"documents": int(support.get("documents", 0)), "origins": int(support.get("origins", 0))}


def build_view(contract: dict[str, Any], texts: dict[str, str]) -> dict[str, Any]:
    """Everything the page shows, as plain JSON-able data."""
    passages = _Passages(texts)
    entities = contract.get("entities", [])
    names = {e["id"]: e["name"] for e in entities}
    aliases = {e["id"]: [e["name"], *e.get("aliases", [])] for e in entities}
    docs = [_document(d, texts, passages) for d in contract.get("documents", [])]
    claims = [_claim(claim, names, aliases, passages) for claim in contract.get("claims", [])]
    events = [_event(v, passages) for v in contract.get("events", [])]
    relations = [
        _relation(r, passages) for r in contract.get("relations", []) if r.get("source") and r.get("target")
    ]
    return {
        "docs": docs,
        "disputes": disputes(claims),
        "origins": contract.get("origins", []),
        "stories": contract.get("stories", []),
        "entities": [_entity(e) for e in entities],
        "claims": claims,
        "events": events,
        "relations": relations,
        "places": place_entities(entities),
    }


def _claim(
    claim: dict[str, Any], names: dict[str, str], aliases: dict[str, list[str]], passages: _Passages
) -> dict[str, Any]:
    """A claim as the page shows it: its value in words, support, and quoted passages."""
    words = claim_words(claim, aliases.get(claim.get("subject") or "", []))
    quotes = [passages.quote(s, words) for s in claim.get("sources", [])]
    return {
        "id": claim["id"],
        "subject": claim.get("subject"),
        "subjectName": names.get(claim.get("subject") or "", ""),
        "predicate": claim.get("predicate", ""),
        "text": claim.get("text", ""),
        "value": value_label(claim.get("value") or {}, names),
        "valueType": (claim.get("value") or {}).get("type", "text"),
        "duration": fold_unit((claim.get("value") or {}).get("unit")) in TIME_UNITS,
        "valueEntity": (claim.get("value") or {}).get("entity"),
        "status": claim.get("status") or ("contested" if claim.get("conflicts") else "single-origin"),
        "support": _support(claim),
        "conflicts": claim.get("conflicts", []),
        "passages": [q for q in quotes if q],
    }


def _event(v: dict[str, Any], passages: _Passages) -> dict[str, Any]:
    return {
        "id": v["id"],
        "date": v.get("date", ""),
        "precision": v.get("precision"),
        "summary": v.get("summary", ""),
        "entities": v.get("entities", []),
        "support": _support(v),
        "passages": [q for q in (passages.quote(s, None) for s in v.get("sources", [])) if q],
    }


def _relation(r: dict[str, Any], passages: _Passages) -> dict[str, Any]:
    return {
        "id": r["id"],
        "source": r.get("source"),
        "target": r.get("target"),
        "type": r.get("type", ""),
        "text": r.get("text", ""),
        "support": _support(r),
        "passages": [q for q in (passages.quote(s, None) for s in r.get("sources", [])) if q],
    }


def disputes(claims: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each disputed figure once, its values side by side with their support ("44 dead: 3
    documents, 1 origin; at least 47: 1 document"): the claims joined by conflicts, most
    supported value first. Marks each claim with its dispute's id. O(c + k) for c claims and
    k conflicts."""
    by_id = {c["id"]: c for c in claims}
    seen: set[str] = set()
    out: list[dict[str, Any]] = []
    for claim in claims:
        if claim["id"] in seen or not claim["conflicts"]:
            continue
        group, stack = [], [claim["id"]]
        while stack:
            cid = stack.pop()
            if cid in seen or cid not in by_id:
                continue
            seen.add(cid)
            group.append(by_id[cid])
            stack.extend(by_id[cid]["conflicts"])
        group.sort(key=lambda c: (-c["support"]["origins"], -c["support"]["documents"], c["id"]))
        predicates = Counter(c["predicate"] for c in group)
        dispute_id = group[0]["id"]
        for c in group:
            c["dispute"] = dispute_id
        out.append(
            {
                "id": dispute_id,
                "predicate": max(sorted(predicates), key=lambda p: predicates[p]),
                "subjectName": next((c["subjectName"] for c in group if c["subjectName"]), ""),
                "values": [
                    {
                        "claim": c["id"],
                        "value": c["value"],
                        "support": c["support"],
                        "passages": c["passages"],
                    }
                    for c in group
                ],
            }
        )
    return out


def _entity(entity: dict[str, Any]) -> dict[str, Any]:
    mentions = entity.get("mentions", [])
    return {
        "id": entity["id"],
        "type": entity.get("type", ""),
        "name": entity.get("name", ""),
        "aliases": entity.get("aliases", []),
        "mentions": len(mentions),
        "docs": len({m["doc"] for m in mentions}),
    }


def doc_title(doc: dict[str, Any]) -> str:
    """How a document is named to a reader: its title with its repairs applied (the contract's
    ``readable_title``), else the title as ingested."""
    return str(doc.get("readable_title") or doc.get("title") or "")


def _document(doc: dict[str, Any], texts: dict[str, str], passages: _Passages) -> dict[str, Any]:
    text = texts.get(doc["id"], "")
    repairs = []
    for r in doc.get("repairs", []):
        start, end = int(r["start"]), int(r["end"])
        if doc["id"] in texts and 0 <= start <= end <= len(text):
            repairs.append(
                {
                    "s": passages.u16(doc["id"], start),
                    "e": passages.u16(doc["id"], end),
                    "replacement": r.get("replacement", ""),
                    "confidence": r.get("confidence"),
                    "method": r.get("method", ""),
                }
            )
    kinds = Counter(d.get("kind") for d in doc.get("derived_from", []))
    return {
        "id": doc["id"],
        "title": doc_title(doc),
        "publishedTitle": doc.get("title") or "",  # as published: spun when the text was
        "site": doc.get("site") or "",
        "url": safe_url(doc.get("url")),
        "rawUrl": doc.get("url") or "",
        "published": doc.get("published") or "",
        "path": doc.get("relative_path") or doc.get("path") or "",
        "words": doc.get("words", 0),
        "origin": doc.get("origin"),
        "derived_from": doc.get("derived_from", []),
        "kinds": dict(kinds),
        "repairs": repairs,
        "duplicates": doc.get("duplicates", []),
        "text": text,
    }
