"""Patterns on user text are linear: every compiled module-level regex of the packages that read
article text, and the functions built on them, run on hostile inputs of 64 KB, 256 KB and 1 MB
after ingest's cuts, as a build sees them (uncut, several patterns are quadratic in the length
of one token: that is why the cuts come first). A linear pattern takes ~4x longer for 4x
the input; the table prints the 1 MB time and the 1 MB / 256 KB ratio, and FAILs anything over
the budget. The last rows run a whole per-document analysis (repair + spaCy + signature) on a
1 MB hostile document against the analysis budget. Also prints, for contrast, the URL pattern
of 721298b on 5k/10k/20k characters (quadratic).

Run: python3 bench/hostile_inputs.py [--budget 2.0] [--no-analysis]
"""

from __future__ import annotations

import argparse
import importlib
import pkgutil
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from byline.ingest.limits import cut_long_runs  # noqa: E402

SIZES = (64_000, 256_000, 1_000_000)
SCREEN = (2_000, 8_000)  # a pattern first shows it is linear here before it gets 1 MB
OLD_URL_MARK = r"https?\s*:|www\s*\.|\w\.\s?(?:com|net|org|gov|edu|html?|php|aspx)\b|(?:\S+\s+/\s+){2}"


def hostile(size: int) -> dict[str, str]:
    """Inputs that make backtracking patterns and tokenizers work hardest."""
    unit = "iVBORw0KGgoAAAANSUhEUgAA+/"
    return {
        "one long token": "A" * size,
        "base64 blob": (unit * (size // len(unit) + 1))[:size],
        "punctuation run": ">" * size,
        "spaced slashes": ("a / " * (size // 4 + 1))[:size],
        "newlines": "\n" * size,
        "spaces": "x" + " " * size + "y",
        "open tags": ("<div>" * (size // 5 + 1))[:size],
        "open brackets": "[" * size,
        "quotes": '"' * size,
        "digits and dots": ("1." * (size // 2 + 1))[:size],
        "capitalised words": ("Aa " * (size // 3 + 1))[:size],
        "colons": ("a: " * (size // 3 + 1))[:size],
    }


def patterns() -> list[tuple[str, re.Pattern[str]]]:
    found = []
    for package in (
        "byline.ingest",
        "byline.repair",
        "byline.extract",
        "byline.provenance",
        "byline.reconcile",
    ):
        pkg = importlib.import_module(package)
        for module in pkgutil.iter_modules(pkg.__path__):
            mod = importlib.import_module(f"{package}.{module.name}")
            for name, value in vars(mod).items():
                if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                    found.append((f"{package}.{module.name}.{name}", value))
    return found


def timed(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def scan(pattern: re.Pattern[str], text: str) -> None:
    for _ in pattern.finditer(text):
        pass


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--budget", type=float, default=2.0, help="seconds allowed for one pattern on 1 MB")
    parser.add_argument("--no-analysis", action="store_true")
    args = parser.parse_args()
    inputs = {size: hostile(size) for size in SIZES}
    cut = {size: {k: cut_long_runs(v)[0] for k, v in texts.items()} for size, texts in inputs.items()}
    started = time.perf_counter()

    print("721298b's URL pattern on one token (quadratic):")
    old = re.compile(OLD_URL_MARK, re.I)
    for n in (5_000, 10_000, 20_000):
        print(f"  {n:>6} chars: {timed(lambda n=n: old.search('A' * n)):.2f} s")

    from byline.repair.tokens import url_spans

    functions: list[tuple[str, Callable[[str], object]]] = [
        ("repair.tokens.url_spans", url_spans),
        ("ingest.limits.cut_long_runs", cut_long_runs),
    ]
    worst: list[tuple[float, str, str, str]] = []
    screen = {n: {k: cut_long_runs(v)[0] for k, v in hostile(n).items()} for n in SCREEN}
    fails = 0
    slow = []
    checked = 0
    for name, pattern in patterns():
        for kind in cut[SIZES[0]]:
            small, mid = (
                min(timed(lambda p=pattern, x=screen[n][kind]: scan(p, x)) for _ in range(3)) for n in SCREEN
            )
            if mid > 0.05 and mid / max(small, 0.002) > 8:  # 4x the input, >8x the time: superlinear
                slow.append((mid, name, kind, f"superlinear: {small:.3f} s at 2 KB, {mid:.3f} s at 8 KB"))
                print(f"  SLOW {name} on {kind}: {slow[-1][3]}", flush=True)
                continue
            times = [timed(lambda p=pattern, x=cut[n][kind]: scan(p, x)) for n in SIZES]
            checked += 1
            worst.append((times[-1], name, kind, f"{times[-1] / max(times[-2], 1e-4):.1f}"))
            if times[-1] > args.budget:
                slow.append((times[-1], name, kind, "over budget at 1 MB"))
    fails += len(slow)
    print(f"\n{checked} pattern x input pairs run to 1 MB (after the cuts); slow: {len(slow)}")
    for _t, name, kind, why in sorted(slow, reverse=True):
        print(f"  SLOW {name} on {kind}: {why}")
    print("  slowest on 1 MB (seconds, 1 MB / 256 KB ratio):")
    for t, name, kind, ratio in sorted(worst, reverse=True)[:8]:
        print(f"    {t:6.3f} s  x{ratio:>5}  {name} on {kind}")
    print("\nfunctions on 1 MB (cut input):")
    for name, fn in functions:
        for kind, text in cut[SIZES[2]].items():
            t = timed(lambda f=fn, x=text: f(x))
            if t > args.budget:
                fails += 1
            print(f"  {'FAIL' if t > args.budget else 'ok  '} {t:6.3f} s  {name} on {kind}")
    if not args.no_analysis:
        from byline.ingest.meta import make_document
        from byline.pipeline import DEFAULT_DOC_BUDGET, Analyzer

        analyzer = Analyzer()
        print(f"\nwhole per-document analysis on 1 MB documents (budget {DEFAULT_DOC_BUDGET:g} s):")
        prose = "The ferry board met on Tuesday and agreed to extend the winter service. "
        for kind in ("base64 blob", "punctuation run", "spaced slashes"):
            text = prose * 50 + "\n\n" + inputs[SIZES[2]][kind][:1_000_000] + "\n\n" + prose * 50
            doc = make_document(text, f"{kind}.txt", "txt")
            t = timed(lambda d=doc: analyzer.analyze(d))
            over = t > DEFAULT_DOC_BUDGET
            fails += over
            print(f"  {'FAIL' if over else 'ok  '} {t:6.1f} s  {kind} ({len(doc.text):,} chars after cuts)")
    total = time.perf_counter() - started
    print(f"\n{'PASS' if not fails else 'FAIL'}: {fails} over budget ({total:.0f} s in all)")


if __name__ == "__main__":
    main()
