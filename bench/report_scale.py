"""How the dossier scales: a synthetic 1,000-document contract (about 550 words a document,
origins, copies, repairs, claims, events, relations), rendered; prints the file size, the render
time, and in headless Chromium (Debian's) the time to the load event, to the page's first view
being ready, and to the network and claims views. A 100-document run in the same process gives
the ratios.

Run: python3 bench/report_scale.py [--docs 1000] [--small 100]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "tests"))
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402
from report.dossier_support import launch, make_contract  # noqa: E402

from byline.report import render_report  # noqa: E402
from byline.report.places import locate  # noqa: E402


def measure(n_docs: int, browser: Any, folder: Path) -> dict[str, float]:
    contract, texts = make_contract(n_docs, filler=20)
    t0 = time.perf_counter()
    html = render_report(contract, texts)
    render_s = time.perf_counter() - t0
    path = folder / f"dossier-{n_docs}.html"
    path.write_text(html, encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(path.as_uri(), wait_until="load")
    timing = page.evaluate("""() => {
        const n = performance.getEntriesByType('navigation')[0];
        return {load: n.loadEventStart, dom: n.domContentLoadedEventEnd};
    }""")
    t1 = time.perf_counter()
    page.goto(path.as_uri() + "#network")
    page.wait_for_function("document.getElementById('graph').dataset.nodes !== undefined")
    network_s = time.perf_counter() - t1
    t2 = time.perf_counter()
    page.goto(path.as_uri() + "#claims")
    page.wait_for_selector("tr.claim")
    claims_s = time.perf_counter() - t2
    page.close()
    if errors:
        raise SystemExit(f"{path}: page errors: {errors}")
    return {
        "docs": n_docs,
        "claims": len(contract["claims"]),
        "bytes": len(html.encode("utf-8")),
        "render_s": render_s,
        "load_ms": float(timing["load"]),
        "dom_ms": float(timing["dom"]),
        "network_s": network_s,
        "claims_s": claims_s,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--small", type=int, default=100)
    args = parser.parse_args()
    t0 = time.perf_counter()
    locate(["Paris"])  # load the place tables once (read-only caches), timed apart
    print(f"place tables loaded in {time.perf_counter() - t0:.2f} s (once per process)")
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = launch(p)
        try:
            measure(10, browser, Path(tmp))  # warm the browser up; not reported
            small = measure(args.small, browser, Path(tmp))
            large = measure(args.docs, browser, Path(tmp))
        finally:
            browser.close()
    for r in (small, large):
        print(
            f"{r['docs']:>5} documents, {r['claims']:>5} claims: "
            f"{r['bytes'] / 1e6:6.2f} MB, render {r['render_s']:.2f} s, "
            f"DOMContentLoaded {r['dom_ms']:.0f} ms, load event {r['load_ms']:.0f} ms, "
            f"network view {r['network_s']:.2f} s, claims view {r['claims_s']:.2f} s"
        )
    k = large["docs"] / small["docs"]
    print(
        f"ratios {large['docs']}/{small['docs']} documents (x{k:.0f}): "
        f"size x{large['bytes'] / small['bytes']:.1f}, "
        f"render x{large['render_s'] / small['render_s']:.1f}, "
        f"load event x{large['load_ms'] / small['load_ms']:.1f}"
    )


if __name__ == "__main__":
    main()
