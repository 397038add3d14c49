"""Extraction throughput: byline's words/s over raw ``nlp.pipe`` words/s, same texts, same run.

Usage: python3 bench/throughput.py [--docs N] [--batch-size B] [--rounds R] [--shared PATH]

Both sides use the pipeline ``load_nlp()`` returns (the same components, one process); the raw
side only iterates ``nlp.pipe``, the byline side runs ``analyze_documents`` (the same parse plus
dates, quantities, mentions, claims, events, relations). Rounds alternate raw/byline and the
best round of each counts, so a slow moment of the machine does not favour either side.
Goal: ratio >= 0.8.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from byline.extract import analyze_documents, load_nlp  # noqa: E402
from byline.model import Document, TextView  # noqa: E402


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("BYLINE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300, help="ECB+ documents to use (plus the seeds)")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--shared", help="the shared/ folder (default: ../shared or $BYLINE_SHARED)")
    args = parser.parse_args()
    shared = _shared(args.shared)
    ecb = shared / "data" / "ecbplus" / "ecbplus_docs.jsonl"
    seeds = sorted((shared / "seeds").glob("*.txt"))
    if not ecb.is_file() or not seeds:
        sys.exit(f"{shared}: ECB+ data or seeds not found (pass --shared)")
    with ecb.open(encoding="utf-8") as lines:
        texts = [json.loads(line)["text"] for _, line in zip(range(args.docs), lines, strict=False)]
    texts += [p.read_text(encoding="utf-8") for p in seeds]
    items: list[tuple[Document, TextView | None]] = [
        (Document(key=f"d{i}", path=f"d{i}", text=t), None) for i, t in enumerate(texts)
    ]
    words = sum(len(t.split()) for t in texts)
    nlp = load_nlp()
    analyze_documents(items[:5], nlp)  # warm up both code paths
    raw_best = byline_best = float("inf")
    for _ in range(args.rounds):
        t0 = time.perf_counter()
        for _doc in nlp.pipe(texts, batch_size=args.batch_size):
            pass
        raw_best = min(raw_best, time.perf_counter() - t0)
        t0 = time.perf_counter()
        analyze_documents(items, nlp, batch_size=args.batch_size)
        byline_best = min(byline_best, time.perf_counter() - t0)
    raw_wps, byline_wps = words / raw_best, words / byline_best
    print(
        f"texts: {len(texts)} ({args.docs} ECB+ + {len(seeds)} seeds), {words} words, "
        f"pipeline {nlp.pipe_names}, batch {args.batch_size}, best of {args.rounds} rounds"
    )
    print(f"raw nlp.pipe      : {raw_wps:9.0f} words/s")
    print(f"byline extraction : {byline_wps:9.0f} words/s")
    ratio = byline_wps / raw_wps
    print(f"ratio byline/raw  : {ratio:.3f} (goal >= 0.8: {'met' if ratio >= 0.8 else 'NOT met'})")


if __name__ == "__main__":
    main()
