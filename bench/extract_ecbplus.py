"""Entity recall on ECB+ gold mentions: byline's mentions against raw spaCy NER, same run.

Usage: python3 bench/extract_ecbplus.py [--limit N] [--shared PATH]

Gold: mentions typed HUMAN_PART_PER / HUMAN_PART_ORG / HUMAN_PART_GPE and LOC_* (LOC_GEO,
LOC_FAC, LOC_OTHER). ECB+ gives a mention's text and sentence index, not offsets.

Matching rule (printed with the results): a gold mention is located at the first whole-word
occurrence of its text in its sentence (exact, else case-insensitive; mentions that cannot be located are
counted and left out); it is FOUND when a predicted mention overlaps that span by at least one
character. Recall = found / located. "named" restricts to gold mentions whose text starts with
an upper-case letter and is not only the sentence's first word (proper names, which NER is
for); "all" includes nominals ("the actress") that no name tagger is meant to find.

Both systems read the same parse of the same text: raw = spaCy's doc.ents (entity labels only,
and separately every label), byline = the mentions of ``analyze_parsed`` on that parse.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.extract import analyze_parsed, load_nlp  # noqa: E402
from byline.extract.entities import KEPT_LABELS  # noqa: E402
from byline.model import Document, TextView  # noqa: E402

GOLD_TYPES = ("HUMAN_PART_PER", "HUMAN_PART_ORG", "HUMAN_PART_GPE", "LOC_GEO", "LOC_FAC", "LOC_OTHER")
RULE = (
    "gold span = first whole-word occurrence of the gold text in its sentence (exact, else "
    "case-insensitive); "
    "found = any predicted mention overlapping it by >= 1 character"
)


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("BYLINE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"


def _locate(sentence: str, mention: str) -> int:
    """First whole-word occurrence (so "he" is not found inside "The"), exact case first."""
    pattern = r"(?<!\w)" + re.escape(mention) + r"(?!\w)"
    hit = re.search(pattern, sentence) or re.search(pattern, sentence, re.IGNORECASE)
    return hit.start() if hit else -1


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=0, help="only the first N documents (0 = all)")
    parser.add_argument("--shared", help="the shared/ folder (default: ../shared or $BYLINE_SHARED)")
    args = parser.parse_args()
    path = _shared(args.shared) / "data" / "ecbplus" / "ecbplus_docs.jsonl"
    if not path.is_file():
        sys.exit(f"{path}: ECB+ data not found (pass --shared)")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    if args.limit:
        records = records[: args.limit]
    nlp = load_nlp()
    found: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    unlocated = 0
    started = time.perf_counter()
    texts = [r["text"] for r in records]
    for rec, sdoc in zip(records, nlp.pipe(texts, batch_size=32), strict=True):
        text = rec["text"]
        starts = [0]
        for s in rec["sentences"][:-1]:
            starts.append(starts[-1] + len(s) + 1)
        doc = Document(key=rec["doc_id"], path=rec["doc_id"], text=text)
        byline = [(m.start, m.end) for m in analyze_parsed(doc, sdoc, TextView.identity(text)).mentions]
        raw_kept = [(e.start_char, e.end_char) for e in sdoc.ents if e.label_ in KEPT_LABELS]
        raw_all = [(e.start_char, e.end_char) for e in sdoc.ents]
        for m in rec["mentions"]:
            if m["type"] not in GOLD_TYPES:
                continue
            sentence = rec["sentences"][m["sentence"]]
            at = _locate(sentence, m["text"])
            if at < 0:
                unlocated += 1
                continue
            g0 = starts[m["sentence"]] + at
            g1 = g0 + len(m["text"])
            named = m["text"][:1].isupper() and not (at == 0 and len(m["text"].split()) == 1)
            group = "LOC_*" if m["type"].startswith("LOC_") else m["type"]
            for scope in ("all", "named") if named else ("all",):
                for bucket in (group, "overall"):
                    cell = found[f"{scope}|{bucket}"]
                    cell["gold"] += 1
                    for system, spans in (("byline", byline), ("raw", raw_kept), ("raw_all", raw_all)):
                        if any(s < g1 and g0 < e for s, e in spans):
                            cell[system] += 1
    elapsed = time.perf_counter() - started
    print(
        f"ECB+ entity recall: {len(records)} documents, {elapsed:.0f}s, "
        f"{unlocated} gold mentions not locatable"
    )
    print(f"matching rule: {RULE}")
    print("raw = spaCy doc.ents with entity labels (no DATE/CARDINAL/...); raw_all = every label")
    print(f"{'scope':6} {'type':16} {'gold':>6} {'byline':>8} {'raw':>8} {'raw_all':>8} {'byline-raw':>10}")
    worse = False
    for key in sorted(found, key=lambda k: (k.split("|")[0], k.split("|")[1] == "overall", k)):
        scope, bucket = key.split("|")
        cell = found[key]
        rec = {s: cell[s] / cell["gold"] for s in ("byline", "raw", "raw_all")}
        diff = rec["byline"] - rec["raw"]
        worse = worse or diff < 0
        print(
            f"{scope:6} {bucket:16} {cell['gold']:6d} {rec['byline']:8.3f} {rec['raw']:8.3f} "
            f"{rec['raw_all']:8.3f} {diff:+10.3f}"
        )
    print("byline recall is " + ("LOWER than raw spaCy somewhere" if worse else "never lower than raw spaCy"))


if __name__ == "__main__":
    main()
