"""How far byline's key figures can be trusted: the wild set built and scored against its gold
annotation of numeric figures (``../shared/data/wild/figures.json``, described in FIGURES.md).

One run builds the corpus into a temporary store with ``byline build``, exports it with
``byline export --format json`` and reports:
- mention recall: gold mentions found as a claim source (a source of the mention's document
  overlapping the mention's quote, whose claim value agrees with the mention's value);
- merge precision / recall over pairs of found mentions: two mentions share a claim (predicted)
  against two mentions of one gold figure (gold). Recall is given over all gold pairs (a mention
  not found cannot merge) and over the pairs whose two mentions were both found;
- contradiction precision over flagged pairs of claims (true when the two claims hold mentions of
  one gold figure marked ``disagreement`` with incompatible gold values), and recall over the
  gold disagreements (found when one flagged pair is true for it).

Run: python3 bench/figures_eval.py [--corpus DIR] [--show]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import defaultdict
from itertools import combinations
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from byline.store import open_store  # noqa: E402

WILD = REPO.parent / "shared" / "data" / "wild"
VALUE_TOLERANCE = 0.02  # relative: a claim's amount and a gold value this close are one value
ABOUT = 0.15  # relative width of "about" in the gold bounds (FIGURES.md rule 9)


def build_and_export(corpus: Path, tmp: Path) -> tuple[dict[str, Any], dict[str, str]]:
    """The byline/1 export of ``corpus`` and each document's text by path."""
    db = tmp / "figures.db"
    out = tmp / "figures.json"
    env = dict(os.environ, PYTHONPATH=str(REPO) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    cli = [sys.executable, "-m", "byline.cli"]
    subprocess.run([*cli, "build", str(corpus), "--db", str(db)], check=True, env=env, capture_output=True)
    subprocess.run([*cli, "export", "--db", str(db), "--format", "json", "-o", str(out)], check=True, env=env)
    store = open_store(db)
    texts = {str(Path(d.path).resolve()): d.text for d in store.documents()}
    store.close()
    return json.loads(out.read_text(encoding="utf-8")), texts


def gold_interval(m: dict[str, Any]) -> tuple[float, float] | None:
    """A gold numeric mention as the interval of values it allows (None for dates and times)."""
    v, low, high, bound = m["value"], m["low"], m["high"], m["bound"]
    if isinstance(v, str) or isinstance(low, str) or isinstance(high, str):
        return None
    if v is None:
        return (float(low if low is not None else -math.inf), float(high if high is not None else math.inf))
    v = float(v)
    if bound in ("more than", "at least"):
        return (v, math.inf) if bound == "at least" else (math.nextafter(v, math.inf), math.inf)
    if bound == "up to":
        return (-math.inf, v)
    if bound == "about" or m["approx"]:
        return (v * (1 - ABOUT), v * (1 + ABOUT))
    return (v, v)


def gold_compatible(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two gold mentions of one figure can both hold."""
    ia, ib = gold_interval(a), gold_interval(b)
    if ia is None or ib is None:
        return str(a["value"]) == str(b["value"])
    return ia[0] <= ib[1] and ib[0] <= ia[1]


def _close(x: float, y: float) -> bool:
    return abs(x - y) <= VALUE_TOLERANCE * max(abs(x), abs(y), 1e-9)


def value_matches(m: dict[str, Any], value: dict[str, Any]) -> bool:
    """Whether a claim value states the gold mention's number (as stated or converted)."""
    gold = m["value"]
    if value["type"] == "date":
        date = value.get("date") or ""
        if isinstance(gold, str):
            return date == gold or (len(gold) == 5 and date.endswith("T" + gold))
        return isinstance(gold, int) and date[:4] == str(gold)
    if value["type"] != "quantity" or isinstance(gold, str):
        return False
    stated = [x for x in (value.get("amount"), value.get("low"), value.get("high")) if x is not None]
    targets = [float(x) for x in (gold, m.get("stated_value")) if isinstance(x, (int, float))]
    if any(_close(s, t) for s in stated for t in targets):
        return True
    if gold is None and m["low"] is not None and m["high"] is not None:
        return any(float(m["low"]) <= s <= float(m["high"]) for s in stated)
    return False


def locate(text: str, quote: str) -> tuple[int, int] | None:
    """The quote's span in the document text (whitespace runs folded when the exact quote fails)."""
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    words = quote.split()
    if not words:
        return None
    import re

    rx = re.compile(r"\s+".join(re.escape(w) for w in words))
    found = rx.search(text)
    return (found.start(), found.end()) if found else None


def score(
    export: dict[str, Any], texts: dict[str, str], figures: list[dict[str, Any]], corpus: Path
) -> dict[str, Any]:
    doc_of_path = {str(Path(d["path"]).resolve()): d["id"] for d in export["documents"]}
    by_doc: dict[str, list[tuple[int, int, dict[str, Any]]]] = defaultdict(list)
    for claim in export["claims"]:
        for s in claim["sources"]:
            by_doc[s["doc"]].append((s["start"], s["end"], claim))
    mentions: list[tuple[str, dict[str, Any]]] = [(f["id"], m) for f in figures for m in f["mentions"]]
    found: dict[int, str] = {}  # mention index -> claim id
    unlocated = 0
    for k, (_, m) in enumerate(mentions):
        path = str((corpus / m["file"]).resolve())
        doc = doc_of_path.get(path)
        span = locate(texts.get(path, ""), m["quote"]) if doc else None
        if span is None:
            unlocated += 1
            continue
        qs, qe = span
        hits = sorted(
            (c["id"] for s, e, c in by_doc[doc or ""] if s < qe and qs < e and value_matches(m, c["value"])),
            key=lambda cid: int(cid[1:]) if cid[1:].isdigit() else cid,
        )
        if hits:
            found[k] = hits[0]
    # merges
    tp = fp = gold_pairs = gold_found_pairs = 0
    for a, b in combinations(range(len(mentions)), 2):
        same_gold = mentions[a][0] == mentions[b][0]
        gold_pairs += same_gold
        if a in found and b in found:
            gold_found_pairs += same_gold
            if found[a] == found[b]:
                tp += same_gold
                fp += not same_gold
    # contradictions
    claim_mentions: dict[str, list[int]] = defaultdict(list)
    for k, cid in found.items():
        claim_mentions[cid].append(k)
    disputed = {f["id"] for f in figures if f["disagreement"]}
    flagged = sorted({tuple(sorted((c["id"], o))) for c in export["claims"] for o in c.get("conflicts", [])})
    true_pairs: list[tuple[str, str]] = []
    hit_figures: set[str] = set()
    for x, y in flagged:
        figs = {
            mentions[i][0]
            for i in claim_mentions[x]
            for j in claim_mentions[y]
            if mentions[i][0] == mentions[j][0]
            and mentions[i][0] in disputed
            and not gold_compatible(mentions[i][1], mentions[j][1])
        }
        if figs:
            true_pairs.append((x, y))
            hit_figures |= figs
    n_mentions = len(mentions)
    return {
        "mentions": n_mentions,
        "mentions_found": len(found),
        "unlocated": unlocated,
        "mention_recall": len(found) / n_mentions if n_mentions else 0.0,
        "merge_pairs": tp + fp,
        "merge_precision": tp / (tp + fp) if tp + fp else 0.0,
        "merge_recall": tp / gold_pairs if gold_pairs else 0.0,
        "merge_recall_found": tp / gold_found_pairs if gold_found_pairs else 0.0,
        "gold_pairs": gold_pairs,
        "contradictions_flagged": len(flagged),
        "contradictions_true": len(true_pairs),
        "contradiction_precision": len(true_pairs) / len(flagged) if flagged else 0.0,
        "disagreements": len(disputed),
        "disagreements_found": len(hit_figures),
        "contradiction_recall": len(hit_figures) / len(disputed) if disputed else 0.0,
        "_flagged": flagged,
        "_true": true_pairs,
        "_found": found,
        "_mentions": mentions,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=WILD / "corpus")
    parser.add_argument("--figures", type=Path, default=WILD / "figures.json")
    parser.add_argument("--show", action="store_true", help="print flagged pairs and missed mentions")
    args = parser.parse_args()
    figures = json.loads(args.figures.read_text(encoding="utf-8"))
    with tempfile.TemporaryDirectory(prefix="figures-eval-") as tmp:
        export, texts = build_and_export(args.corpus.resolve(), Path(tmp))
    r = score(export, texts, figures, args.corpus.resolve())
    print(f"claims in the export:     {len(export['claims'])}")
    print(
        f"mention recall:           {r['mentions_found']}/{r['mentions']} = {r['mention_recall']:.2f}"
        f"  (quotes not located: {r['unlocated']})"
    )
    print(f"merge precision:          {r['merge_precision']:.2f}  ({r['merge_pairs']} merged pairs)")
    print(
        f"merge recall:             {r['merge_recall']:.2f}  over {r['gold_pairs']} gold pairs"
        f"  ({r['merge_recall_found']:.2f} over pairs of found mentions)"
    )
    print(
        f"contradiction precision:  {r['contradiction_precision']:.2f}"
        f"  ({r['contradictions_true']} of {r['contradictions_flagged']} flagged pairs true)"
    )
    print(
        f"contradiction recall:     {r['contradiction_recall']:.2f}"
        f"  ({r['disagreements_found']} of {r['disagreements']} gold disagreements)"
    )
    if args.show:
        claims = {c["id"]: c for c in export["claims"]}
        true = set(r["_true"])
        for x, y in r["_flagged"]:
            print(f"\n{'TRUE ' if (x, y) in true else 'FALSE'} {x} x {y}")
            for cid in (x, y):
                c = claims[cid]
                print(f"   {c['predicate']!r} {c['value']} :: {c['text'][:120]!r}")
        print("\nmissed mentions:")
        for k, (fid, m) in enumerate(r["_mentions"]):
            if k not in r["_found"]:
                print(f"   {fid}: {m['file']}: {m['quote']!r}")


if __name__ == "__main__":
    main()
