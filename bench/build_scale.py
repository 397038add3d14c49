"""Scaling of a whole build, and the cost of an increment, on a corpus like a real collection.

    python3 bench/build_scale.py [--sizes 1000 3000 10000] [--workers 2] [--increment 0.02]

The corpus: the 982 real ECB+ articles, then synthetic articles made from them until the size
is reached, one kind in turn: a mash-up of runs of sentences from articles of different topics,
a sentence shuffle, a truncation, a real-word swap of some words for others of the corpus, a
spun copy (bench/spinner.py), a verbatim reprint with a new header. Each size is built from
scratch with ``byline build --workers N`` (wall time of the command); then 2% more new synthetic
articles are added to that store and built again (the increment). Prints, per size: documents,
words, build seconds, seconds per 1k documents, the increment's seconds and its share of the
full build (wall, and CPU seconds of the build's process tree, steadier on a shared machine);
then t(largest)/t(smallest) against the size ratio (goal: t(10k)/t(1k) <= 11) and
the increment's share (goal <= 10%).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from spinner import spin  # noqa: E402

KINDS = ("mashup", "shuffle", "truncation", "swap", "spun", "reprint")


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("BYLINE_SHARED")
    return Path(env) if env else Path(__file__).resolve().parent.parent.parent / "shared"


def load(shared: Path) -> list[dict]:
    rows = []
    with (shared / "data" / "ecbplus" / "ecbplus_docs.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            rows.append({"text": row["text"], "topic": row["topic"], "sentences": row["sentences"]})
    return rows


def synthetic(rows: list[dict], n: int, seed: int) -> list[str]:
    """``n`` new articles made from the real ones, the kinds in turn (deterministic in seed)."""
    rng = random.Random(seed)
    vocabulary = sorted({w for r in rows[:200] for w in r["text"].split() if w.isalpha() and w.islower()})
    out: list[str] = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        base = rng.choice(rows)
        sentences = list(base["sentences"])
        if kind == "mashup":
            other = rng.choice([r for r in rows if r["topic"] != base["topic"]])
            k, j = (
                rng.randint(1, max(1, len(sentences) // 2)),
                rng.randint(1, max(1, len(other["sentences"]) // 2)),
            )
            text = " ".join(sentences[:k] + other["sentences"][:j] + sentences[k:])
        elif kind == "shuffle":
            rng.shuffle(sentences)
            text = " ".join(sentences)
        elif kind == "truncation":
            text = " ".join(sentences[: max(1, int(len(sentences) * rng.uniform(0.3, 0.8)))])
        elif kind == "swap":
            words = base["text"].split()
            for _ in range(max(1, len(words) // 25)):
                words[rng.randrange(len(words))] = rng.choice(vocabulary)
            text = " ".join(words)
        elif kind == "spun":
            text, _ = spin(base["text"], 0.15, seed * 100_003 + i)
        else:
            text = f"Published by wire service {rng.randint(1, 99)} (reprint {i}).\n\n{base['text']}"
        out.append(f"{text}\n\n[generated article {seed}-{i}]")
    return out


# documents a .jsonl file: a 10k corpus in one file would pass byline's 20 MB file limit
FILE_DOCUMENTS = 1000


def write(folder: Path, texts: list[str]) -> int:
    """``texts`` as .jsonl files of FILE_DOCUMENTS records in a new ``folder``; their words."""
    folder.mkdir()
    for part, first in enumerate(range(0, len(texts), FILE_DOCUMENTS)):
        with (folder / f"part-{part:03d}.jsonl").open("w", encoding="utf-8") as fh:
            for text in texts[first : first + FILE_DOCUMENTS]:
                fh.write(json.dumps({"text": text}) + "\n")
    return sum(len(t.split()) for t in texts)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)  # the build and its reaped workers
    return usage.ru_utime + usage.ru_stime


def timed_build(byline: str, inputs: list[Path], db: Path, workers: int) -> tuple[float, float]:
    """Wall seconds of the command, and the CPU seconds of its process tree (on a shared machine
    the wall time follows the other loads; the CPU time much less)."""
    t0, c0 = time.perf_counter(), _children_cpu()
    proc = subprocess.run(
        [byline, "build", *map(str, inputs), "--db", str(db), "--workers", str(workers)],
        capture_output=True,
        text=True,
    )
    if proc.returncode not in (0, 1):
        sys.exit(f"build failed ({proc.returncode}):\n{proc.stdout[-2000:]}\n{proc.stderr[-2000:]}")
    if proc.returncode == 1:  # some file or document failed: said, as it changes what was timed
        print(f"  (the build reported failures: {proc.stderr.strip()[-600:]})", flush=True)
    return time.perf_counter() - t0, _children_cpu() - c0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 3000])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--increment", type=float, default=0.02)
    parser.add_argument("--shared", help="the shared/ folder (default: ../shared or $BYLINE_SHARED)")
    args = parser.parse_args()
    rows = load(_shared(args.shared))
    byline = str(Path(sys.executable).parent / "byline")
    work = Path(tempfile.mkdtemp(prefix="byline-scale-"))
    results = []
    for size in args.sizes:
        texts = [r["text"] for r in rows[:size]] + synthetic(rows, max(0, size - len(rows)), seed=size)
        corpus = work / f"corpus-{size}"
        words = write(corpus, texts)
        db = work / f"store-{size}.db"
        full, full_cpu = timed_build(byline, [corpus], db, args.workers)
        extra = work / f"increment-{size}"
        write(extra, synthetic(rows, max(1, int(size * args.increment)), seed=size + 7))
        increment, increment_cpu = timed_build(byline, [corpus, extra], db, args.workers)
        results.append((size, words, full, increment))
        print(
            f"{size:6d} documents {words:9d} words: build {full:7.1f} s ({full / size * 1e3:6.1f} s per 1k), "
            f"+{args.increment:.0%} increment {increment:6.1f} s ({increment / full:.1%} of the build); "
            f"CPU: build {full_cpu:7.1f} s, increment {increment_cpu:6.1f} s "
            f"({increment_cpu / full_cpu:.1%})",
            flush=True,
        )
    (small, _, t_small, _), (large, _, t_large, _) = results[0], results[-1]
    if large > small:
        print(
            f"t({large})/t({small}) = {t_large / t_small:.2f} for a size ratio of {large / small:.1f} "
            f"(goal for 10k/1k: <= 11)"
        )
    worst = max(inc / full for _, _, full, inc in results)
    print(
        f"largest increment share: {worst:.1%} (goal <= 10%); workers {args.workers}; "
        f"load average {os.getloadavg()[0]:.2f}"
    )


if __name__ == "__main__":
    main()
