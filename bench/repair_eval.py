"""Benchmark of spun-text repair (byline.repair), all measured in one run.

    python3 bench/repair_eval.py [--spin-docs 300] [--spin-offset 0] [--rate 0.15] [--workers 2]

Prints: the spun seed's non-word tokens repaired to the right word (top-1 strict and lenient,
top-3); false repairs per 10,000 words on the four clean seeds and on every ECB+ article,
alone and with up to three articles on the same event as related texts;
the spun seed with and without its sibling rewrites as context; spinner generalisation on ECB+
(bench/spinner.py via bench/repair_spinner.py, test-only): swapped tokens restored exactly (a)
alone, (b) with a rewritten sibling as context (40% of sentences dropped, shuffled, spun
independently), (c) with an independently spun near-verbatim copy aligned, (e) the same with a
second spun copy voting, (d) with the unspun
source aligned; extraction (entity
mentions and figures) on unspun vs spun vs repaired text; timing per document.
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

from repair_gold import CLEAN_SEEDS, GOLD, NAMES, SIBLINGS, SPUN_SEED, seed_text  # noqa: E402
from repair_spinner import rewrite_sibling, spin_with_swaps  # noqa: E402
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


def eval_spun_seed(res: RepairResources, context: tuple[str, ...] = ()) -> dict[str, object]:
    text = seed_text(SPUN_SEED)
    out = repair_document(text, res, context_texts=[seed_text(p) for p in context])
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


def _clean_context_job(args: tuple[str, list[str]]) -> tuple[int, int, list[str], float]:
    """A clean article repaired with up to three articles on the same event as related texts
    (as if provenance had linked them): their kept sentences and vocabulary must not turn an
    editor's wording into repairs."""
    assert _RES is not None
    text, related = args
    t0 = time.perf_counter()
    out = repair_document(text, _RES, context_texts=related)
    dt = time.perf_counter() - t0
    return _words(text), len(out.repairs), [f"{r.text}->{r.replacement}" for r in out.repairs], dt


def _restored(repairs: list[Repair], start: int, end: int, orig: str) -> bool:
    r = _covering(repairs, start, end)
    return r is not None and r.start == start and r.end == end and r.replacement.lower() == orig.lower()


def _spin_job(args: tuple[str, float, int]) -> dict[str, int]:
    """One ECB+ article spun, then repaired (a) alone, (b) with a rewritten sibling as context,
    (c) with an independently spun near-verbatim copy to align with, (e) the same plus a second
    spun copy that votes, (d) with the unspun source
    to align with (the original is in the corpus)."""
    assert _RES is not None
    text, rate, seed = args
    spun, spans = spin_with_swaps(text, rate, seed)
    sibling = rewrite_sibling(text, rate, seed + 104729)
    copy, _ = spin(text, rate, seed + 7919)
    copy2, _ = spin(text, rate, seed + 15485863)
    runs = {
        "alone": repair_document(spun, _RES),
        "sibling": repair_document(spun, _RES, context_texts=[sibling]),
        "aligned": repair_document(spun, _RES, copy_text=copy),
        "aligned2": repair_document(spun, _RES, copy_text=copy, other_copies=[copy2]),
        "source": repair_document(spun, _RES, copy_text=text),
    }
    c: Counter[str] = Counter()
    swapped = {(start, end) for start, end, _, _ in spans}
    for start, end, orig, rep in spans:
        nonword = _RES.freq(rep.lower()) == 0.0
        c["swaps"] += 1
        c["nonword_swaps"] += nonword
        for name, out in runs.items():
            ok = _restored(out.repairs, start, end, orig)
            c[f"restored_{name}"] += ok
            c[f"nonword_restored_{name}"] += ok and nonword
            c[f"realword_restored_{name}"] += ok and not nonword
    for name, out in runs.items():
        c[f"false_{name}"] = sum(1 for r in out.repairs if (r.start, r.end) not in swapped)
        hits = sum(1 for r in out.repairs if (r.start, r.end) in swapped)
        c[f"wrong_{name}"] = hits - c[f"restored_{name}"]
    c["words"] = _words(text)
    return dict(c)


_NLP = None


def _recall_job(args: tuple[str, float, int]) -> dict[str, int]:
    """Entities and figures extracted from the unspun article, and how many of them extraction
    still finds in the spun text and in the repaired text (alone and with a sibling)."""
    global _NLP  # one spaCy load per worker process
    from byline.extract import analyze_document, load_nlp
    from byline.model import Document, TextView

    assert _RES is not None
    if _NLP is None:
        _NLP = load_nlp()
    text, rate, seed = args
    spun, _ = spin_with_swaps(text, rate, seed)
    sibling = rewrite_sibling(text, rate, seed + 104729)

    def found(view: TextView) -> set[tuple[str, str]]:
        got = analyze_document(Document(key="d", path="d", text=view.original), _NLP, view)
        keys = {("ent", m.text.lower()) for m in got.mentions}
        keys |= {("num", f"{c.value.amount}") for c in got.claims if c.value.type == "quantity"}
        return keys

    ref = found(TextView.identity(text))
    views = {
        "spun": TextView.identity(spun),
        "repaired": TextView.from_repairs(spun, repair_document(spun, _RES).repairs),
        "repaired_sibling": TextView.from_repairs(
            spun, repair_document(spun, _RES, context_texts=[sibling]).repairs
        ),
    }
    c = Counter({"ref": len(ref)})
    for name, view in views.items():
        c[name] = len(ref & found(view))
    return dict(c)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--spin-docs", type=int, default=300)
    ap.add_argument(
        "--spin-offset", type=int, default=0, help="first ECB+ text spun (e.g. 300: a held-out slice)"
    )
    ap.add_argument("--rate", type=float, default=0.15)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--recall-docs", type=int, default=100, help="ECB+ texts for extraction recall")
    ap.add_argument("--show", type=int, default=15, help="examples of false repairs to print")
    args = ap.parse_args()

    t0 = time.perf_counter()
    res = load_repair_resources()
    print(f"resources loaded in {time.perf_counter() - t0:.2f} s")

    for context in ((), SIBLINGS):
        t1 = time.perf_counter()
        seed = eval_spun_seed(res, context)
        label = f"context = seeds {'/'.join(context)}" if context else "no context"
        print(f"\nspun seed {SPUN_SEED}, {label}: {seed['tokens']} non-word tokens (names excluded)")
        print(f"  top-1 strict  {seed['top1_strict']:.1%}   (the original word)")
        print(f"  top-1 lenient {seed['top1_lenient']:.1%}   (or a meaning-preserving one-step answer)")
        print(f"  top-3         {seed['top3']:.1%}")
        print(f"  spin score {seed['spin_score']}; names touched: {seed['names_touched'] or 'none'}")
        print(f"  {1000 * (time.perf_counter() - t1):.0f} ms")
        for miss, k in seed["misses"]:  # type: ignore[attr-defined]
            print(f"    miss x{k}: {miss}")

    clean_texts = [seed_text(p) for p in CLEAN_SEEDS]
    rows = [json.loads(line) for line in ECB.open(encoding="utf-8")]
    ecb = [row["text"] for row in rows]
    by_event: dict[str, list[int]] = {}
    for k, row in enumerate(rows):
        by_event.setdefault(row["cluster_id"], []).append(k)
    with_context = [
        (ecb[k], [ecb[j] for j in by_event[row["cluster_id"]] if j != k][:3])
        for k, row in enumerate(rows)
        if len(by_event[row["cluster_id"]]) > 1
    ]
    with Pool(args.workers, initializer=_init) as pool:
        seeds_out = pool.map(_clean_job, clean_texts)
        t1 = time.perf_counter()
        ecb_out = pool.map(_clean_job, ecb, chunksize=8)
        ecb_wall = time.perf_counter() - t1
        ecb_ctx_out = pool.map(_clean_context_job, with_context, chunksize=8)
        first = args.spin_offset
        spin_args = [(t, args.rate, first + i) for i, t in enumerate(ecb[first : first + args.spin_docs])]
        spin_out = pool.map(_spin_job, spin_args, chunksize=4)
        rec_args = spin_args[: args.recall_docs]
        rec_out = pool.map(_recall_job, rec_args, chunksize=4) if rec_args else []

    for label, out in (
        ("clean seeds 000/001/003/004", seeds_out),
        (f"ECB+ ({len(ecb)} texts)", ecb_out),
        (f"ECB+ with up to 3 same-event texts as context ({len(with_context)} texts)", ecb_ctx_out),
    ):
        words = sum(r[0] for r in out)
        reps = sum(r[1] for r in out)
        print(f"\n{label}: {reps} repairs in {words} words = {1e4 * reps / words:.2f} per 10k words")
        shown = [x for r in out for x in r[2]][: args.show]
        if shown:
            print("  e.g. " + "; ".join(shown))
    mean_ms = 1000 * sum(r[3] for r in ecb_out) / len(ecb_out)
    print(f"  time: {mean_ms:.1f} ms per ECB+ document; {ecb_wall:.1f} s wall, {args.workers} workers")

    tot: Counter[str] = Counter()
    for c in spin_out:
        tot.update(c)
    print(
        f"\nspinner on {len(spin_out)} ECB+ texts from #{args.spin_offset}, rate {args.rate}: "
        f"{tot['swaps']} swaps, {tot['nonword_swaps']} of them non-words"
    )
    real = tot["swaps"] - tot["nonword_swaps"]
    for name, label in (
        ("alone", "(a) no context"),
        ("sibling", "(b) a rewritten sibling as context"),
        ("aligned", "(c) a near-verbatim copy aligned"),
        ("aligned2", "(e) two independently spun copies, one aligned, one voting"),
        ("source", "(d) the unspun source aligned"),
    ):
        print(
            f"  {label}: all swaps {tot[f'restored_{name}'] / max(1, tot['swaps']):.1%}, "
            f"non-words {tot[f'nonword_restored_{name}'] / max(1, tot['nonword_swaps']):.1%}, "
            f"real words {tot[f'realword_restored_{name}'] / max(1, real):.1%}; "
            f"wrong {tot[f'wrong_{name}']}, untouched tokens repaired {tot[f'false_{name}']} "
            f"({1e4 * tot[f'false_{name}'] / max(1, tot['words']):.2f} per 10k words)"
        )
    if rec_out:
        r: Counter[str] = Counter()
        for c in rec_out:
            r.update(c)
        print(
            f"\nextraction on {len(rec_out)} ECB+ texts: {r['ref']} entity mentions and figures from "
            f"the unspun texts; share still found:"
        )
        for name in ("spun", "repaired", "repaired_sibling"):
            print(f"  {name}: {r[name] / max(1, r['ref']):.1%}")


if __name__ == "__main__":
    main()
