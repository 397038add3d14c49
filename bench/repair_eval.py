"""Benchmark of spun-text repair (byline.repair), all measured in one run.

    python3 bench/repair_eval.py [--spin-docs 300] [--rate 0.15] [--workers 2]

Prints: the spun seed's non-word tokens repaired to the right word (top-1 strict and lenient,
top-3); false repairs per 10,000 words on the four clean seeds and on every ECB+ article;
spinner generalisation on ECB+ (bench/spinner.py, a test-only spinner): swapped tokens restored
exactly, without a copy (non-word swaps, all swaps) and with an independently spun copy of the
same article to align with; timing per document.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from repair_gold import CLEAN_SEEDS, GOLD, NAMES, SPUN_SEED, seed_text  # noqa: E402
from spinner import spin  # noqa: E402

from byline.model import Repair  # noqa: E402
from byline.repair import RepairResources, load_repair_resources, repair_document  # noqa: E402

ECB = Path(__file__).resolve().parents[2] / "shared" / "data" / "ecbplus" / "ecbplus_docs.jsonl"
WORD = re.compile(r"[^\W\d_]+")
_RES: RepairResources | None = None


def _init() -> None:
    global _RES  # one resource load per worker process
    _RES = load_repair_resources()


def _words(text: str) -> int:
    return len(text.split())


def _covering(repairs: list[Repair], start: int, end: int) -> Repair | None:
    return next((r for r in repairs if r.start <= start and end <= r.end), None)


def eval_spun_seed(res: RepairResources) -> dict[str, object]:
    text = seed_text(SPUN_SEED)
    out = repair_document(text, res)
    n = strict = lenient = top3 = 0
    misses: list[str] = []
    for m in WORD.finditer(text):
        if m.group() not in GOLD:
            continue
        right, also = GOLD[m.group()]
        n += 1
        rep = _covering(out.repairs, m.start(), m.end())
        got = rep.replacement.lower() if rep else None
        strict += got == right.lower()
        lenient += got in {right.lower(), *(a.lower() for a in also)}
        any_rep = rep or _covering(out.flagged, m.start(), m.end())
        pool = [any_rep.replacement.lower(), *(c.lower() for c in any_rep.candidates[:2])] if any_rep else []
        top3 += right.lower() in pool or any(a.lower() in pool for a in also)
        if got != right.lower():
            misses.append(f"{m.group()}->{got or '(flagged: ' + ','.join(pool) + ')'} [{right}]")
    names_touched = [r.text for r in out.repairs if any(nm in r.text for nm in NAMES)]
    return {
        "tokens": n,
        "top1_strict": strict / n,
        "top1_lenient": lenient / n,
        "top3": top3 / n,
        "spin_score": out.spin_score,
        "names_touched": names_touched,
        "misses": Counter(misses).most_common(),
    }


def _clean_job(text: str) -> tuple[int, int, list[str], float]:
    assert _RES is not None
    t0 = time.perf_counter()
    out = repair_document(text, _RES)
    dt = time.perf_counter() - t0
    return _words(text), len(out.repairs), [f"{r.text}->{r.replacement}" for r in out.repairs], dt


def _spun_offsets(text: str, swaps: list[tuple[int, int, str, str]]) -> list[tuple[int, int, str, str]]:
    """The swaps' spans in the spun text (the spinner reports original offsets)."""
    shift = 0
    out = []
    for start, end, orig, rep in swaps:
        out.append((start + shift, start + shift + len(rep), orig, rep))
        shift += len(rep) - (end - start)
    return out


def _spin_job(args: tuple[str, float, int]) -> dict[str, int]:
    assert _RES is not None
    text, rate, seed = args
    spun, swaps = spin(text, rate, seed)
    copy, _ = spin(text, rate, seed + 7919)
    spans = _spun_offsets(text, swaps)
    alone = repair_document(spun, _RES)
    aligned = repair_document(spun, _RES, copy_text=copy)
    c: Counter[str] = Counter()
    swapped = set()
    for start, end, orig, rep in spans:
        swapped.add((start, end))
        nonword = _RES.freq(rep.lower()) == 0.0
        c["swaps"] += 1
        c["nonword_swaps"] += nonword
        r = _covering(alone.repairs, start, end)
        ok = r is not None and r.start == start and r.end == end and r.replacement.lower() == orig.lower()
        c["restored_alone"] += ok
        c["nonword_restored_alone"] += ok and nonword
        r2 = _covering(aligned.repairs, start, end)
        ok2 = r2 is not None and r2.replacement.lower() == orig.lower()
        c["restored_aligned"] += ok2
    c["false_alone"] = sum(1 for r in alone.repairs if (r.start, r.end) not in swapped)
    c["wrong_alone"] = sum(1 for r in alone.repairs if (r.start, r.end) in swapped) - c["restored_alone"]
    c["words"] = _words(text)
    return dict(c)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spin-docs", type=int, default=300)
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--show", type=int, default=15, help="examples of false repairs to print")
    args = ap.parse_args()

    t0 = time.perf_counter()
    res = load_repair_resources()
    print(f"resources loaded in {time.perf_counter() - t0:.2f} s")

    seed = eval_spun_seed(res)
    print(f"\nspun seed {SPUN_SEED}: {seed['tokens']} non-word tokens (names excluded)")
    print(f"  top-1 strict  {seed['top1_strict']:.1%}   (the original word)")
    print(f"  top-1 lenient {seed['top1_lenient']:.1%}   (or a meaning-preserving one-step answer)")
    print(f"  top-3         {seed['top3']:.1%}")
    print(f"  spin score {seed['spin_score']}; names touched: {seed['names_touched'] or 'none'}")
    for miss, k in seed["misses"]:  # type: ignore[attr-defined]
        print(f"    miss x{k}: {miss}")

    clean_texts = [seed_text(p) for p in CLEAN_SEEDS]
    ecb = [json.loads(line)["text"] for line in ECB.open(encoding="utf-8")]
    with Pool(args.workers, initializer=_init) as pool:
        seeds_out = pool.map(_clean_job, clean_texts)
        t1 = time.perf_counter()
        ecb_out = pool.map(_clean_job, ecb, chunksize=8)
        ecb_wall = time.perf_counter() - t1
        spin_args = [(t, args.rate, i) for i, t in enumerate(ecb[: args.spin_docs])]
        spin_out = pool.map(_spin_job, spin_args, chunksize=4)

    for label, rows in (("clean seeds 000/001/003/004", seeds_out), (f"ECB+ ({len(ecb)} texts)", ecb_out)):
        words = sum(r[0] for r in rows)
        reps = sum(r[1] for r in rows)
        print(f"\n{label}: {reps} repairs in {words} words = {1e4 * reps / words:.2f} per 10k words")
        shown = [x for r in rows for x in r[2]][: args.show]
        if shown:
            print("  e.g. " + "; ".join(shown))
    mean_ms = 1000 * sum(r[3] for r in ecb_out) / len(ecb_out)
    print(
        f"  time: {mean_ms:.1f} ms per ECB+ document; {ecb_wall:.1f} s wall, {args.workers} workers"
    )

    tot: Counter[str] = Counter()
    for c in spin_out:
        tot.update(c)
    print(
        f"\nspinner on {len(spin_out)} ECB+ texts, rate {args.rate}: {tot['swaps']} swaps, "
        f"{tot['nonword_swaps']} of them non-words"
    )
    nonword_rate = tot["nonword_restored_alone"] / max(1, tot["nonword_swaps"])
    print(f"  non-word swaps restored exactly (no copy): {nonword_rate:.1%}")
    print(f"  all swaps restored exactly (no copy):      {tot['restored_alone'] / max(1, tot['swaps']):.1%}")
    print(
        f"  all swaps restored with an independently spun copy aligned: "
        f"{tot['restored_aligned'] / max(1, tot['swaps']):.1%}"
    )
    print(
        f"  wrong repairs of swapped tokens: {tot['wrong_alone']}; repairs of untouched tokens: "
        f"{tot['false_alone']} ({1e4 * tot['false_alone'] / max(1, tot['words']):.2f} per 10k words)"
    )


if __name__ == "__main__":
    main()
