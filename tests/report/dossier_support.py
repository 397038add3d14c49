"""Synthetic "byline/1" contracts for the report and web-app tests and the scale benchmark.

A generated corpus is realistic in shape: stories, origin groups whose copies are verbatim, spun
or rewritten, repairs in the spun copies, entities with exact mention offsets, numeric claims
merged across documents with support counts and a contradiction, dated events and relations.
Also: the XSS corpus, where every string an article controls carries a payload, and helpers to
drive Debian's Chromium through playwright.
"""

from __future__ import annotations

import random
from collections import defaultdict
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "artifacts"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]

PEOPLE = ["Ana Ruiz", "Tom Becker", "Lena Ortiz", "Omar Haddad", "Mei Chen", "Paul Novak"]
ORGS = ["Harbor Group", "North Ring", "Civic Watch", "Delta Fund"]
PLACES = ["Brazil", "Kenya", "Chicago", "France", "Texas", "Lagos", "Peru", "Japan"]
FIRST = ["Rosa", "Ivan", "Nora", "Felix", "Sara", "Hugo", "Alma", "Dario", "Ines", "Kofi"]
LAST = ["Duarte", "Moreau", "Okafor", "Lindqvist", "Tanaka", "Mendez", "Kowal", "Haddad", "Reyes", "Brandt"]
SITES = ["example-news.com", "daily-post.org", "wire-report.net", "citizen-times.com"]
FILLER = (
    "Officials did not respond to requests for comment on the matter. Local residents "
    "described a tense week, with shops closing early and schools moving classes online. "
)

XSS_SCRIPT = "<script>window.__xss=1</script>"
XSS_IMG = '<img src=x onerror="window.__xss=2">'
XSS_SVG = "<svg onload=window.__xss=3>"
XSS_URL = "javascript:window.__xss=4"
XSS_CLOSE = "</script><script>window.__xss=5</script><!--"


class _Doc:
    def __init__(self, doc_id: str) -> None:
        self.id = doc_id
        self.parts: list[str] = []
        self.length = 0

    def add(self, text: str) -> tuple[int, int]:
        start = self.length
        self.parts.append(text)
        self.length += len(text)
        return start, self.length

    @property
    def text(self) -> str:
        return "".join(self.parts)


def make_contract(
    n_docs: int, *, seed: int = 7, xss: bool = False, filler: int = 2
) -> tuple[dict[str, Any], dict[str, str]]:
    """A contract of ``n_docs`` documents and the texts its offsets index into."""
    rng = random.Random(seed)
    people, orgs, places = list(PEOPLE), list(ORGS), list(PLACES)
    if xss:
        people[0] = "Ana " + XSS_SCRIPT
        orgs[0] = "Harbor " + XSS_IMG
        places.append("Kenya" + XSS_SVG)
    names = [("PERSON", n) for n in people] + [("ORG", n) for n in orgs] + [("GPE", n) for n in places]
    ent_id = {name: f"e{i}" for i, (_, name) in enumerate(names, 1)}
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    claim_sources: dict[tuple[str, str, float], list[dict[str, Any]]] = defaultdict(list)
    claim_text: dict[tuple[str, str, float], str] = {}
    event_sources: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    rel_sources: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    documents, texts, origin_of = [], {}, {}
    origins: list[dict[str, Any]] = []
    for i in range(1, n_docs + 1):
        doc = _Doc(f"d{i}")
        group = (i - 1) // 3
        origin = f"o{group + 1}"
        origin_of[doc.id] = origin
        root = f"d{group * 3 + 1}"
        if doc.id == root:
            origins.append({"id": origin, "documents": [], "root": root})
        origins[-1]["documents"].append(doc.id)
        person, org = people[group % len(people)], orgs[group % len(orgs)]
        place = places[(group + i) % len(places)]
        title = f"{org} expands in {place}"
        if xss:
            title = f"{title} {XSS_SCRIPT} {XSS_CLOSE}"
        doc.add(title + "\n\n")

        def name(text: str, kind: str, d: _Doc = doc) -> None:
            start, end = d.add(text)
            mentions[text].append({"doc": d.id, "start": start, "end": end})

        s0 = doc.length
        name(person, "PERSON")
        doc.add(" said ")
        name(org, "ORG")
        members = 5000 if group % 4 else 2500
        doc.add(f" has about {members:,} members in ")
        name(place, "GPE")
        doc.add(". ")
        key = (ent_id[org], "members", float(members))
        claim_sources[key].append({"doc": doc.id, "start": s0, "end": doc.length - 1})
        claim_text[key] = f"{org} has about {members:,} members"
        rel_sources[(ent_id[person], "leader_of", ent_id[org])].append(
            {"doc": doc.id, "start": s0, "end": doc.length - 1}
        )
        s1 = doc.length
        year = 2019 + group % 5
        doc.add(f"In March {year}, ")
        name(org, "ORG")
        doc.add(" opened an office in ")
        name(place, "GPE")
        funds = 1_000_000 * (1 + group % 7)
        doc.add(f" with ${funds // 1_000_000}m in funding. ")
        event_sources[(f"{year}-03", f"{org} opened an office in {place}")].append(
            {"doc": doc.id, "start": s1, "end": doc.length - 1}
        )
        fkey = (ent_id[org], "funding", float(funds))
        claim_sources[fkey].append({"doc": doc.id, "start": s1, "end": doc.length - 1})
        claim_text[fkey] = f"{org} received ${funds // 1_000_000}m in funding"
        rel_sources[(ent_id[org], "operates_in", ent_id[place])].append(
            {"doc": doc.id, "start": s1, "end": doc.length - 1}
        )
        spokesperson = f"{FIRST[group % 10]} {LAST[(group // 10) % 10]}"
        s2 = doc.length
        doc.add("Police spokesperson ")
        name(spokesperson, "PERSON")
        doc.add(f" said {12 + group} people linked to ")
        name(org, "ORG")
        doc.add(" were arrested. ")
        akey = (ent_id.setdefault(spokesperson, f"e{len(ent_id) + 1}"), "arrests", float(12 + group))
        claim_sources[akey].append({"doc": doc.id, "start": s2, "end": doc.length - 1})
        claim_text[akey] = f"{12 + group} people were arrested"
        rel_sources[(ent_id[spokesperson], "spokesperson_about", ent_id[org])].append(
            {"doc": doc.id, "start": s2, "end": doc.length - 1}
        )
        if spokesperson not in {n for _, n in names}:
            names.append(("PERSON", spokesperson))
        if xss:
            doc.add(f"A reader wrote {XSS_IMG} and {XSS_SCRIPT} and {XSS_URL} here. ")
        for _ in range(filler):
            doc.add(FILLER)
        repairs = []
        kind = ["verbatim", "spun", "rewrite"][(i - 1) % 3] if doc.id != root else None
        if kind == "spun":
            start, end = doc.add("The mayer recieved the report. ")
            repairs.append(
                {
                    "start": start + 4,
                    "end": start + 9,
                    "text": "mayer",
                    "replacement": "mayor",
                    "confidence": 0.91,
                    "method": "thesaurus",
                }
            )
        texts[doc.id] = doc.text
        url: str | None = f"https://{SITES[i % len(SITES)]}/story/{i}"
        if xss and i % 2:
            url = XSS_URL
        documents.append(
            {
                "id": doc.id,
                "path": f"corpus/{i:04d}.txt",
                "title": title,
                "site": SITES[i % len(SITES)],
                "url": url,
                "published": f"{year}-04-{1 + i % 28:02d}",
                "words": len(doc.text.split()),
                "origin": origin,
                "derived_from": (
                    [{"doc": root, "kind": kind, "score": round(rng.uniform(0.4, 0.99), 3)}] if kind else []
                ),
                "repairs": repairs,
                "key": f"k{i:06d}",
                "duplicates": [],
            }
        )

    def support(sources: list[dict[str, Any]]) -> dict[str, int]:
        docs = {s["doc"] for s in sources}
        return {"documents": len(docs), "origins": len({origin_of[d] for d in docs})}

    entities = [
        {
            "id": ent_id[n],
            "type": t,
            "name": n,
            "aliases": [n.split()[-1]] if t == "PERSON" else [],
            "mentions": mentions[n],
        }
        for t, n in names
        if mentions[n]
    ]
    claims = []
    for cid, (key, sources) in enumerate(sorted(claim_sources.items()), 1):
        subject, predicate, amount = key
        claims.append(
            {
                "id": f"c{cid}",
                "subject": subject,
                "predicate": predicate,
                "text": claim_text[key],
                "value": {
                    "type": "quantity",
                    "amount": int(amount),
                    "low": None,
                    "high": None,
                    "unit": "member" if predicate == "members" else None,
                    "currency": "USD" if predicate == "funding" else None,
                    "approximate": predicate == "members",
                },
                "sources": sources,
                "support": support(sources),
                "conflicts": [],
            }
        )
    by_slot = defaultdict(list)
    for c in claims:
        by_slot[(c["subject"], c["predicate"])].append(c)
    for group_claims in by_slot.values():
        for c in group_claims:
            c["conflicts"] = [o["id"] for o in group_claims if o is not c]
    for c in claims:
        c["status"] = (
            "contested"
            if c["conflicts"]
            else "corroborated"
            if c["support"]["origins"] > 1
            else "single-origin"
        )
    events = [
        {
            "id": f"v{i}",
            "date": date,
            "precision": "month",
            "summary": summary,
            "entities": [],
            "sources": sources,
            "support": support(sources),
        }
        for i, ((date, summary), sources) in enumerate(sorted(event_sources.items()), 1)
    ]
    relations = [
        {
            "id": f"r{i}",
            "source": s,
            "target": t,
            "type": rtype,
            "text": f"{rtype}",
            "sources": sources,
            "support": support(sources),
        }
        for i, ((s, rtype, t), sources) in enumerate(sorted(rel_sources.items()), 1)
    ]
    stories = [
        {
            "id": "s1",
            "documents": [d["id"] for d in documents],
            "label": "Expansion " + (XSS_SCRIPT if xss else "story"),
        }
    ]
    contract = {
        "schema": "byline/1",
        "documents": documents,
        "origins": origins,
        "stories": stories,
        "entities": entities,
        "claims": claims,
        "events": events,
        "relations": relations,
    }
    return contract, texts


def launch(playwright: Any) -> Any:
    """Debian's Chromium, headless (never a downloaded browser)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)


def artifact(name: str) -> Path:
    """Where a test writes a screenshot (git-ignored <repo>/artifacts/)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS / name
