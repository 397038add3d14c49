"""Whole-build throughput: ``byline build`` words/s over raw ``nlp.pipe`` words/s, same texts, one run.

Usage: python3 bench/build_throughput.py [--docs N] [--rounds R] [--shared PATH]

Rounds alternate: raw spaCy (the same model with all its components, ``nlp.pipe`` batch 64, in a
subprocess, model load excluded; once with spaCy's defaults, the goal's baseline, and once with
its layers on numpy's BLAS as byline loads them, so that the ratio can be read both ways), then
``byline build`` into a new store with one worker, with one worker and ``--no-repair``, and with
two workers (wall time of the whole command: model loading,
ingest, per-document and corpus stages, store). The best round of each counts, so a slow moment
of a shared machine favours no side. Also printed: the speed-up of two workers over one, the peak
RSS and PSS of the build's process tree (sampled every 0.1 s, summed over the main process
and its workers; PSS counts the pages forked workers share once), and the last one-worker
build's own ``--timings`` breakdown.
Also raw ``nlp.pipe`` in two processes at once, each on half the texts: the speed-up the machine's
two cores give spaCy itself, against which the two-worker build's speed-up reads.
Goals (issue #18): ratio >= 0.8 with one worker; >= 1.6x with two; <= 1 GB per worker.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

RAW = """
import json, os, sys, time
from byline.extract.nlp import load_nlp
import spacy
texts = [json.loads(line)["text"] for line in open(sys.argv[1], encoding="utf-8")]
part, parts = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (0, 1)
texts = texts[part::parts]
name = load_nlp().meta["lang"] + "_" + load_nlp().meta["name"]
if os.environ.get("RAW_NUMPY_BLAS"):  # the layers on numpy's BLAS, one thread, as byline loads them
    from thinc.api import use_ops
    from threadpoolctl import threadpool_limits
    threadpool_limits(1, user_api="blas")
    with use_ops("numpy", use_blis=False):
        nlp = spacy.load(name)
else:
    nlp = spacy.load(name)  # the same package, every component enabled, spaCy's defaults
list(nlp.pipe(texts[:5]))
if parts > 1:  # the processes start parsing together
    while time.time() < float(sys.argv[4]):
        time.sleep(0.01)
t0 = time.perf_counter()
for _ in nlp.pipe(texts, batch_size=64):
    pass
print(time.perf_counter() - t0)
"""


def _raw_parallel(script: Path, corpus: Path, processes: int) -> float:
    """Raw ``nlp.pipe`` in ``processes`` processes at once, each on its share of the texts
    (models loaded first, then all start together): the wall of the slowest, that is what this
    machine's cores give spaCy itself, the ceiling of a speed-up with as many workers."""
    start = time.time() + 12  # after every process has loaded its model
    procs = [
        subprocess.Popen(
            [sys.executable, str(script), str(corpus), str(k), str(processes), str(start)],
            stdout=subprocess.PIPE,
            text=True,
        )
        for k in range(processes)
    ]
    outs = [p.communicate()[0] for p in procs]
    return max(float(out.strip().splitlines()[-1]) for out in outs)


def _shared(arg: str | None) -> Path:
    if arg:
        return Path(arg)
    env = os.environ.get("BYLINE_SHARED")
    return Path(env) if env else ROOT.parent / "shared"


def _tree_memory(pid: int) -> tuple[int, int]:
    """Resident and proportional (PSS: shared pages divided among their sharers) bytes of
    ``pid`` and all its descendants, from /proc. Forked workers share the models they inherit:
    RSS counts those pages once per process, PSS once in all."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as fh:
                ppid = int(fh.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    rss = pss = 0
    stack = [pid]
    while stack:
        p = stack.pop()
        stack.extend(children.get(p, []))
        try:
            with open(f"/proc/{p}/smaps_rollup") as fh:
                for line in fh:
                    if line.startswith("Rss:"):
                        rss += int(line.split()[1]) * 1024
                    elif line.startswith("Pss:"):
                        pss += int(line.split()[1]) * 1024
        except (OSError, IndexError, ValueError):
            pass
    return rss, pss


def _run(cmd: list[str], env: dict[str, str] | None = None) -> tuple[float, tuple[int, int], str]:
    """Wall seconds, peak tree RSS and PSS in bytes, and stdout of one command."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env={**os.environ, **(env or {})}
    )
    peak = (0, 0)
    while proc.poll() is None:
        rss, pss = _tree_memory(proc.pid)
        peak = (max(peak[0], rss), max(peak[1], pss))
        time.sleep(0.1)
    out = proc.stdout.read() if proc.stdout else ""
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0, 1):
        sys.exit(f"{' '.join(cmd)} failed ({proc.returncode}):\n{out[-2000:]}")
    return elapsed, peak, out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=982, help="ECB+ documents (default: all 982)")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--shared", help="the shared/ folder (default: ../shared or $BYLINE_SHARED)")
    args = parser.parse_args()
    ecb = _shared(args.shared) / "data" / "ecbplus" / "ecbplus_docs.jsonl"
    if not ecb.is_file():
        sys.exit(f"{ecb}: not found (pass --shared)")
    work = Path(tempfile.mkdtemp(prefix="byline-throughput-"))
    corpus = work / "ecbplus.jsonl"
    with ecb.open(encoding="utf-8") as lines, corpus.open("w", encoding="utf-8") as fh:
        for _, line in zip(range(args.docs), lines, strict=False):
            fh.write(json.dumps({"text": json.loads(line)["text"]}) + "\n")
    words = sum(len(json.loads(line)["text"].split()) for line in corpus.open(encoding="utf-8"))
    (work / "raw.py").write_text(RAW, encoding="utf-8")
    byline = [str(Path(sys.executable).parent / "byline")]
    configs = {
        "byline build, 1 worker": ["--workers", "1"],
        "byline build, 1 worker, --no-repair": ["--workers", "1", "--no-repair"],
        "byline build, 2 workers": ["--workers", "2"],
    }
    warm = work / "warm.jsonl"  # a first build fills byline's repair cache: no round pays for it
    warm.write_text("".join(corpus.open(encoding="utf-8").readlines()[:3]), encoding="utf-8")
    _run([*byline, "build", str(warm), "--db", str(work / "warm.db")])
    best: dict[str, float] = {}
    peaks: dict[str, tuple[int, int]] = {}
    timings = ""
    for r in range(args.rounds):
        raw, _, out = _run([sys.executable, str(work / "raw.py"), str(corpus)])
        best["raw"] = min(best.get("raw", float("inf")), float(out.strip().splitlines()[-1]))
        elapsed, _, out = _run([sys.executable, str(work / "raw.py"), str(corpus)], {"RAW_NUMPY_BLAS": "1"})
        best["raw, numpy BLAS"] = min(
            best.get("raw, numpy BLAS", float("inf")), float(out.strip().splitlines()[-1])
        )
        best["raw, 2 processes"] = min(
            best.get("raw, 2 processes", float("inf")), _raw_parallel(work / "raw.py", corpus, 2)
        )
        for name, extra in configs.items():
            db = work / f"r{r}-{len(extra)}-{extra[-1]}.db"
            elapsed, peak, out = _run([*byline, "build", str(corpus), "--db", str(db), "--timings", *extra])
            best[name] = min(best.get(name, float("inf")), elapsed)
            old = peaks.get(name, (0, 0))
            peaks[name] = (max(old[0], peak[0]), max(old[1], peak[1]))
            if extra == ["--workers", "1"]:
                timings = out[out.find("stage timings") :]
        print(f"round {r + 1}: " + ", ".join(f"{k} {v:.1f} s" for k, v in best.items()), flush=True)
    print(f"\n{args.docs} ECB+ documents, {words} words, best of {args.rounds} alternating rounds")
    print(f"{'raw nlp.pipe (all components, batch 64)':42s} {words / best['raw']:8.0f} words/s")
    for name in configs:
        ratio = best["raw"] / best[name]
        print(
            f"{name:42s} {words / best[name]:8.0f} words/s  ratio {ratio:.2f}  "
            f"peak RSS {peaks[name][0] / 1e6:.0f} MB, PSS {peaks[name][1] / 1e6:.0f} MB"
        )
    one, two = best["byline build, 1 worker"], best["byline build, 2 workers"]
    ratio = best["raw"] / one
    met = {True: "met", False: "NOT met"}
    print(f"\nwhole build / raw spaCy, 1 worker: {ratio:.2f} (goal >= 0.8: {met[ratio >= 0.8]})")
    print(f"speed-up of 2 workers over 1: {one / two:.2f}x (goal >= 1.6: {met[one / two >= 1.6]})")
    numpy_ratio = best["raw, numpy BLAS"] / one
    print(
        f"whole build / raw spaCy with numpy's BLAS (as byline loads the model), 1 worker: {numpy_ratio:.2f}"
        f" (raw spaCy itself: {best['raw'] / best['raw, numpy BLAS']:.2f}x faster that way)"
    )
    raw2 = best["raw"] / best["raw, 2 processes"]
    print(f"raw nlp.pipe in 2 processes at once over 1: {raw2:.2f}x (what the cores give spaCy itself)")
    print(f"load average at the end: {os.getloadavg()[0]:.2f} (other work on the machine slows both sides)")
    print("\nlast one-worker build, its own breakdown (byline build --timings):")
    print(timings.strip())


if __name__ == "__main__":
    main()
