"""Driving a page in Debian's Chromium: collect every console error, page error and dialog, and
check the dossier's interactive parts the way a reader uses them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from report.dossier_support import artifact

XSS_PROBE = "window.__xss === undefined && !document.querySelector('script[src], img, iframe')"


@dataclass
class Watched:
    page: Any
    problems: list[str] = field(default_factory=list)


def watch(page: Any) -> Watched:
    """Record console errors and warnings, uncaught errors and dialogs (an XSS alert fires one)."""
    watched = Watched(page)

    def on_console(msg: Any) -> None:
        if msg.type in ("error", "warning"):
            watched.problems.append(f"console {msg.type}: {msg.text}")

    def on_dialog(dialog: Any) -> None:
        watched.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    page.on("console", on_console)
    page.on("pageerror", lambda e: watched.problems.append(f"page error: {e}"))
    page.on("dialog", on_dialog)
    return watched


def visit_all_views(page: Any, base: str, prefix: str) -> None:
    """Open every view by its route and write a screenshot of each."""
    for view in ["overview", "timeline", "network", "map", "claims", "sources", "contradictions"]:
        page.goto(f"{base}#{view}")
        page.wait_for_selector(f"#view-{view}:not([hidden])")
        if view == "network":
            page.wait_for_function("document.getElementById('graph').dataset.nodes !== undefined")
        page.wait_for_timeout(150)
        page.screenshot(path=str(artifact(f"{prefix}-{view}.png")))


def graph_counts(page: Any) -> tuple[int, int]:
    page.goto(page.url.split("#")[0] + "#network")
    page.wait_for_function("document.getElementById('graph').dataset.nodes !== undefined")
    data = page.evaluate("Object.assign({}, document.getElementById('graph').dataset)")
    return int(data["nodes"]), int(data["edges"])


def click_busiest_node(page: Any) -> str:
    """Click the node with most edges; returns its label (the panel must then show it)."""
    graph_counts(page)
    target = page.evaluate("""() => {
        const cy = document.getElementById('graph').bylineGraph;
        const n = cy.nodes().sort((a, b) => b.degree() - a.degree())[0];
        const p = n.renderedPosition();
        return {x: p.x, y: p.y, label: n.data('label')};
    }""")
    box = page.locator("#graph").bounding_box()
    page.mouse.click(box["x"] + target["x"], box["y"] + target["y"])
    return str(target["label"])


def open_first_claim(page: Any) -> str:
    """Click the first claim row; returns the text of the first passage it reveals."""
    page.goto(page.url.split("#")[0] + "#claims")
    row = page.locator("tr.claim").first
    row.click()
    detail = page.locator("tr.claim + tr.claim-detail").first
    detail.locator("blockquote.passage").first.wait_for(state="visible")
    return str(detail.locator("blockquote.passage").first.inner_text())


def mentioned_countries(page: Any) -> list[str]:
    page.goto(page.url.split("#")[0] + "#map")
    page.wait_for_selector("#map svg")
    return list(
        page.eval_on_selector_all("#map path.mentioned", "els => els.map(e => e.getAttribute('data-name'))")
    )
