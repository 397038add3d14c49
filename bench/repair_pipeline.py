"""Spun-text repair through the whole pipeline (`byline build`), not one document at a time.

    python3 bench/repair_pipeline.py [--articles 40] [--workers 2]

For each of three corpora built from ECB+ articles (from #500, every third one) spun by the
test-only spinner (bench/spinner.py, 15% of eligible words), it runs `byline build` and
`byline export` and prints the share of swapped tokens restored exactly:

- "original + 1 spun copy": each article beside one spun copy (also: repairs made in the
  originals, all of them false);
- "2 spun copies": two independently spun copies of each article, the original absent;
- "3 spun copies": three, the original absent.

Here provenance decides which documents are copies of which, and the corpus stage decides which
documents are spun and what evidence each gets (bench/repair_eval.py hands that evidence over
directly).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from repair_spinner import spin_with_swaps  # noqa: E402

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
RATE = 0.15


def run(texts: list[str], copies: int, with_original: bool, workers: int, tmp: Path) -> dict[str, float]:
    truth: dict[str, tuple[str, list[tuple[int, int, str, str]]]] = {}
    originals: dict[str, str] = {}
    corpus = tmp / f"corpus_{copies}_{int(with_original)}.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i, text in enumerate(texts):
            if with_original:
                originals[f"o{i}"] = text
                fh.write(json.dumps({"id": f"o{i}", "title": f"o{i}", "text": text}) + "\n")
            for k in range(copies):
                spun, swaps = spin_with_swaps(text, RATE, 1000 * i + k)
                truth[f"s{i}_{k}"] = (spun, swaps)
                fh.write(json.dumps({"id": f"s{i}_{k}", "title": f"s{i}_{k}", "text": spun}) + "\n")
    db, out = tmp / f"{corpus.stem}.db", tmp / f"{corpus.stem}.json"
    t0 = time.perf_counter()
    subprocess.run(
        ["byline", "build", str(corpus), "--db", str(db), "--workers", str(workers)],
        check=True,
        capture_output=True,
    )
    seconds = time.perf_counter() - t0
    subprocess.run(["byline", "export", "--db", str(db), "-o", str(out)], check=True, capture_output=True)
    swaps = restored = wrong = in_originals = original_words = 0
    for doc in json.loads(out.read_text(encoding="utf-8"))["documents"]:
        title = doc["title"]
        if title in originals:
            in_originals += len(doc["repairs"])
            original_words += len(originals[title].split())
            continue
        if title not in truth:
            continue  # an identical spun text stored once
        by_span = {(r["start"], r["end"]): r["replacement"].lower() for r in doc["repairs"]}
        for start, end, orig, _ in truth[title][1]:
            swaps += 1
            got = by_span.get((start, end))
            restored += got == orig.lower()
            wrong += got is not None and got != orig.lower()
    return {
        "restored": restored / max(1, swaps),
        "swaps": swaps,
        "wrong": wrong,
        "in_originals": in_originals,
        "per_10k": 1e4 * in_originals / max(1, original_words),
        "seconds": seconds,
    }


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--articles", type=int, default=40)
    ap.add_argument("--workers", type=int, default=2)
    args = ap.parse_args()
    rows = [json.loads(line)["text"] for line in ECB.open(encoding="utf-8")]
    texts = [rows[500 + 3 * i] for i in range(args.articles)]
    with tempfile.TemporaryDirectory() as tmp:
        for label, copies, with_original in (
            ("original + 1 spun copy", 1, True),
            ("2 spun copies", 2, False),
            ("3 spun copies", 3, False),
        ):
            r = run(texts, copies, with_original, args.workers, Path(tmp))
            extra = (
                f"; repairs in the originals {r['in_originals']:.0f} ({r['per_10k']:.2f} per 10k words)"
                if with_original
                else ""
            )
            print(
                f"{label} ({args.articles} articles): {r['restored']:.1%} of {r['swaps']:.0f} swaps "
                f"restored, {r['wrong']:.0f} wrong{extra}; build {r['seconds']:.0f} s"
            )


if __name__ == "__main__":
    main()
