"""The dossier in headless Chromium (Debian's, via playwright): it loads cleanly, the network
and the map are drawn, a claim opens on its passage, and hostile articles execute nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from byline.report import render_report
from report.browser import (
    XSS_PROBE,
    click_busiest_node,
    graph_counts,
    mentioned_countries,
    open_first_claim,
    visit_all_views,
    watch,
)
from report.dossier_support import XSS_SCRIPT, artifact, make_contract


@pytest.fixture(scope="module")
def seeds_report(seeds_contract: dict, seeds_db: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from byline.export import contract_texts
    from byline.store import open_store

    store = open_store(seeds_db, readonly=True)
    try:
        texts = contract_texts(store, seeds_contract)
    finally:
        store.close()
    out = tmp_path_factory.mktemp("report") / "seeds.html"
    out.write_text(render_report(seeds_contract, texts), encoding="utf-8")
    return out


def test_seed_report_loads_cleanly_with_graph_map_and_passages(
    browser: Any, seeds_report: Path, seeds_contract: dict
) -> None:
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    watched = watch(page)
    base = seeds_report.as_uri()
    page.goto(base)
    page.wait_for_selector("body[data-ready='1']")
    visit_all_views(page, base, "report-seeds")

    nodes, edges = graph_counts(page)
    assert nodes >= 5 and edges >= 1, (nodes, edges)
    label = click_busiest_node(page)
    assert page.locator("#graph-panel h3").inner_text() == label

    quoted = open_first_claim(page)
    first = seeds_contract["claims"][0]
    assert quoted.strip(), "the claim opened on an empty passage"
    page.screenshot(path=str(artifact("report-seeds-claim-open.png")))
    source = first["sources"][0]
    assert source["doc"] in {d["id"] for d in seeds_contract["documents"]}

    countries = set(mentioned_countries(page))
    assert {"Venezuela", "Colombia", "Chile", "Peru", "United States of America"} <= countries
    assert page.locator("#map circle.marker").count() >= len(countries)

    page.goto(base + f"#doc/{source['doc']}/{source['start']}-{source['end']}")
    hit = page.locator("#view-doc mark.hit").first
    hit.wait_for(state="visible")
    assert hit.inner_text().strip()
    page.screenshot(path=str(artifact("report-seeds-document.png")))
    assert watched.problems == []
    page.close()


def test_spun_seed_shows_its_repairs_as_a_diff(
    browser: Any, seeds_report: Path, seeds_contract: dict
) -> None:
    spun = [d for d in seeds_contract["documents"] if d["repairs"]]
    assert spun, "the seeds' spun copy has repairs"
    doc = spun[0]
    page = browser.new_page()
    page.goto(seeds_report.as_uri() + f"#doc/{doc['id']}")
    page.wait_for_selector("#view-doc .doc-text")
    assert page.locator("#view-doc .repair del").count() == len(doc["repairs"])
    first = doc["repairs"][0]
    assert page.locator("#view-doc .repair ins").first.inner_text() == first["replacement"]
    assert page.locator("#view-doc .repair del").first.inner_text() == first["text"]
    page.close()


def test_synthetic_report_filters_sorts_and_shows_contradictions(browser: Any, tmp_path: Path) -> None:
    contract, texts = make_contract(24)
    path = tmp_path / "synthetic.html"
    path.write_text(render_report(contract, texts), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    watched = watch(page)
    page.goto(path.as_uri() + "#claims")
    rows = page.locator("#claim-rows")
    assert int(rows.get_attribute("data-count") or 0) == len(contract["claims"])
    page.select_option("select[name=status]", "contested")
    contested = [c for c in contract["claims"] if c["status"] == "contested"]
    assert contested and int(rows.get_attribute("data-count") or 0) == len(contested)
    page.select_option("select[name=status]", "")
    page.locator("th[data-sort=support]").click()  # ascending support now
    first = page.locator("tr.claim").first.locator(".badge").inner_text()
    least = min(c["support"]["documents"] for c in contract["claims"])
    assert first.startswith(f"{least} document")
    page.goto(path.as_uri() + "#contradictions")
    assert page.locator(".conflict").count() == sum(len(c["conflicts"]) for c in contract["claims"]) // 2
    assert page.locator(".conflict .side").first.locator("blockquote.passage").count() >= 1
    page.goto(path.as_uri() + "#sources")
    assert page.locator(".tree li.origin").count() == len(contract["origins"])
    assert page.locator(".tree .kind.spun").count() == sum(
        1 for d in contract["documents"] for x in d["derived_from"] if x["kind"] == "spun"
    )
    assert watched.problems == []
    page.close()


def test_xss_corpus_renders_as_text_and_executes_nothing(browser: Any, tmp_path: Path) -> None:
    contract, texts = make_contract(6, xss=True)
    path = tmp_path / "xss.html"
    path.write_text(render_report(contract, texts), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    watched = watch(page)
    base = path.as_uri()
    page.goto(base)
    visit_all_views(page, base, "report-xss")
    click_busiest_node(page)
    open_first_claim(page)
    page.goto(base + "#doc/d1")
    page.wait_for_selector("#view-doc .doc-text")
    assert XSS_SCRIPT in page.locator("#view-doc .doc-title").inner_text()
    assert page.locator("#view-doc a[href^='javascript']").count() == 0
    assert page.eval_on_selector_all(
        "a[href]", "els => els.every(a => /^(#|https?:)/.test(a.getAttribute('href')))"
    )
    page.screenshot(path=str(artifact("report-xss-document.png")))
    page.goto(base + "#overview")
    assert page.evaluate(XSS_PROBE)
    assert [p for p in watched.problems if "__xss" in p or "dialog" in p] == []
    assert watched.problems == []
    page.close()
