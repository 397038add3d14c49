"""Scaling of the provenance stage: 1k, 10k and 100k documents with planted copies.

    python3 bench/provenance_scale.py [--sizes 1000 10000 100000] [--workers 2]

Documents are generated from ECB+ texts by a word-trigram chain trained on all its sentences
(distinct documents with real vocabulary, names and numbers); 5% of them get a planted copy
(verbatim with a new header, truncation, sentence shuffle, extractive summary, or spun by
bench/spinner.py). Each size runs in its own process, so the peak RSS is that size's.
Prints per size: signature time (worker processes), build_provenance time,
recall of planted copies, peak RSS; then t(100k)/t(10k). Wall and CPU times both: on a shared
machine the CPU time is the steadier figure.
"""

from __future__ import annotations

import argparse
import random
import resource
import subprocess
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from provenance_eval import DEFAULT_DATA, load, plant  # noqa: E402

from byline.model import Document  # noqa: E402
from byline.provenance import build_provenance, document_signature  # noqa: E402
from byline.provenance.signature import DocSignature  # noqa: E402

COPY_KINDS = ["header", "truncation", "shuffle", "summary", "spun"]


def trigram_model(rows: list[dict]) -> tuple[dict[tuple[str, str], list[str]], list[tuple[str, str]]]:
    model: dict[tuple[str, str], list[str]] = defaultdict(list)
    starts = []
    for r in rows:
        for s in r["sentences"]:
            toks = s.split()
            if len(toks) < 6 or s.startswith("http"):
                continue
            seq = ["<s>", "<s>", *toks, "</s>"]
            starts.append((seq[2], seq[3]))
            for a, b, c in zip(seq, seq[1:], seq[2:], strict=False):
                model[(a, b)].append(c)
    return dict(model), starts


def generate(model: dict, starts: list, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    docs = []
    for _ in range(n):
        sents = []
        for _ in range(rng.randint(6, 16)):
            a, b = "<s>", "<s>"
            out = []
            while len(out) < 45:
                c = rng.choice(model[(a, b)])
                if c == "</s>":
                    break
                out.append(c)
                a, b = b, c
            if len(out) >= 4:
                sents.append(" ".join(out))
        docs.append("\n".join(sents))
    return docs


def signature_of(doc: Document) -> DocSignature:
    return document_signature(doc)


def run(size: int, model: dict, starts: list, workers: int, seed: int) -> tuple[float, ...]:
    rng = random.Random(seed)
    n_copies = size // 20
    texts = generate(model, starts, size - n_copies, seed)
    docs = [Document(key=f"g{i:06d}", path=f"g{i}", text=t) for i, t in enumerate(texts)]
    planted = []
    for i, src in enumerate(rng.sample(range(len(docs)), n_copies)):
        kind = COPY_KINDS[i % len(COPY_KINDS)]
        sents = docs[src].text.split("\n")
        key = f"c{i:06d}"
        docs.append(Document(key=key, path=key, text=plant(kind, sents, rng, i)))
        planted.append((key, docs[src].key, kind))
    t0 = time.perf_counter()
    with ProcessPoolExecutor(workers) as pool:
        sigs = {d.key: s for d, s in zip(docs, pool.map(signature_of, docs, chunksize=64), strict=True)}
    t1 = time.perf_counter()
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    sig_cpu = children.ru_utime + children.ru_stime
    c1 = time.process_time()
    result = build_provenance(docs, sigs)
    t2 = time.perf_counter()
    build_cpu = time.process_time() - c1
    origin = {d: o.key for o in result.origins for d in o.documents}
    linked = {(min(d.doc, d.parent), max(d.doc, d.parent)) for d in result.derivations}
    found = sum((min(k, s), max(k, s)) in linked for k, s, _ in planted)
    same_origin = sum(origin[k] == origin[s] for k, s, _ in planted)
    false = len(linked) - found
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{size:>7} docs: signatures {t1 - t0:7.1f}s (CPU {sig_cpu:.1f}s in {workers} workers)  "
        f"build_provenance {t2 - t1:7.1f}s (CPU {build_cpu:.1f}s)  "
        f"recall {found / len(planted):.3f} (same origin {same_origin / len(planted):.3f})  "
        f"other links {false}  origins {len(result.origins)}  stories {len(result.stories)}  "
        f"peak RSS {peak:.0f} MB",
        flush=True,
    )
    print(f"RESULT {t1 - t0} {t2 - t1} {sig_cpu} {build_cpu}", flush=True)
    return t1 - t0, t2 - t1, sig_cpu, build_cpu


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--seed", type=int, default=5)
    ap.add_argument("--one", type=int, help="run one size in this process (peak RSS is then per size)")
    args = ap.parse_args()
    if args.one:
        model, starts = trigram_model(load(DEFAULT_DATA))
        run(args.one, model, starts, args.workers, args.seed)
        return
    times: dict[int, tuple[float, ...]] = {}
    for size in args.sizes:
        cmd = [sys.executable, __file__, "--one", str(size), "--workers", str(args.workers)]
        out = subprocess.run([*cmd, "--seed", str(args.seed)], capture_output=True, text=True, check=True)
        for line in out.stdout.splitlines():
            if line.startswith("RESULT "):
                times[size] = tuple(map(float, line.split()[1:]))
            else:
                print(line, flush=True)
    sizes = sorted(times)
    for small, big in zip(sizes, sizes[1:], strict=False):
        print(
            f"t({big})/t({small}): build_provenance {times[big][1] / times[small][1]:.2f} "
            f"(CPU {times[big][3] / times[small][3]:.2f}), signatures {times[big][0] / times[small][0]:.2f} "
            f"(CPU {times[big][2] / times[small][2]:.2f}), "
            f"total {(times[big][0] + times[big][1]) / (times[small][0] + times[small][1]):.2f}"
        )


if __name__ == "__main__":
    main()
