"""How many contradictions byline flags on real news: each of the first ECB+ topics built as its
own corpus (every article of one topic: two or more related events), counting claims, contested
claims and conflicting pairs. ECB+ has no gold for contradictions, so this is a count for
spot checks (--show prints the pairs), not a precision.

Run: python3 bench/conflicts_ecbplus.py [--topics 12] [--show N]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from byline.pipeline import BuildOptions, build  # noqa: E402
from byline.store import open_store  # noqa: E402

ECB = REPO.parent / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--topics", type=int, default=12)
    parser.add_argument("--show", type=int, default=0, help="conflicting pairs to print per topic")
    args = parser.parse_args()
    by_topic: dict[int, list[dict[str, str]]] = {}
    for line in ECB.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["topic"] <= args.topics:
            text = doc.get("text") or " ".join(doc["sentences"])
            by_topic.setdefault(doc["topic"], []).append({"id": doc["doc_id"], "text": text})
    totals = [0, 0, 0, 0]
    print(f"{'topic':>5} {'docs':>5} {'claims':>7} {'contested':>10} {'pairs':>6}")
    with tempfile.TemporaryDirectory() as tmp:
        for topic, docs in sorted(by_topic.items()):
            corpus = Path(tmp) / f"topic{topic}.jsonl"
            corpus.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")
            store = open_store(Path(tmp) / f"topic{topic}.db")
            build(store, [corpus], BuildOptions())
            analysis = store.corpus()
            store.close()
            assert analysis is not None
            claims = analysis.claims
            contested = [c for c in claims if c.conflicts]
            pairs = sorted({tuple(sorted((c.key, o))) for c in contested for o in c.conflicts})
            row = [len(docs), len(claims), len(contested), len(pairs)]
            totals = [a + b for a, b in zip(totals, row, strict=True)]
            print(f"{topic:>5} {row[0]:>5} {row[1]:>7} {row[2]:>10} {row[3]:>6}")
            by_key = {c.key: c for c in claims}
            for a, b in pairs[: args.show]:
                for key in (a, b):
                    print(f"        {by_key[key].predicate}: {by_key[key].text[:110]}")
                print()
    print(f"{'all':>5} {totals[0]:>5} {totals[1]:>7} {totals[2]:>10} {totals[3]:>6}")


if __name__ == "__main__":
    main()
