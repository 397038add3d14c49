"""The web app in headless Chromium against a real uvicorn on 127.0.0.1: the dossier's views,
a search by a word of a seed's text, and a hostile corpus that must execute nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from report.browser import (
    XSS_PROBE,
    click_busiest_node,
    graph_counts,
    mentioned_countries,
    open_first_claim,
    visit_all_views,
    watch,
)
from report.dossier_support import XSS_SCRIPT, artifact

from serve.server import build_xss_store, running
from serve.test_serve_api import SEARCH_WORD


@pytest.mark.parametrize("seeds_store", ["seeds_db", "seeds_pg"])  # SQLite; PostgreSQL built on Dask
def test_web_app_views_and_search_in_the_browser(browser: Any, seeds_store: str, request: Any) -> None:
    with running(request.getfixturevalue(seeds_store)) as base:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        watched = watch(page)
        page.goto(base)
        page.wait_for_selector("body[data-ready='1']")
        visit_all_views(page, base, "serve-seeds")
        nodes, edges = graph_counts(page)
        assert nodes >= 5 and edges >= 1
        label = click_busiest_node(page)
        assert page.locator("#graph-panel h3").inner_text() == label
        assert open_first_claim(page).strip()
        assert "Venezuela" in mentioned_countries(page)

        page.goto(base)
        page.fill("form.search input[name=q]", SEARCH_WORD)
        page.click("form.search button")
        page.wait_for_selector("#hit-count")
        hits = page.locator("li.hit")
        assert hits.count() == 1
        assert page.locator("li.hit mark").first.inner_text().lower() == SEARCH_WORD
        page.screenshot(path=str(artifact("serve-seeds-search.png")))
        hits.first.locator("a.doc-link").click()
        page.wait_for_selector("#view-doc .doc-text")
        assert SEARCH_WORD in page.locator("#view-doc .doc-text").inner_text()
        page.screenshot(path=str(artifact("serve-seeds-document.png")))

        page.goto(base + "entities?q=maduro")
        assert page.locator("#entities tr[data-entity]").count() >= 1
        assert watched.problems == []
        page.close()


def test_web_app_executes_nothing_from_a_hostile_corpus(browser: Any, tmp_path: Path) -> None:
    db = build_xss_store(tmp_path)
    with running(db) as base:
        page = browser.new_page(viewport={"width": 1300, "height": 900})
        watched = watch(page)
        page.goto(base)
        visit_all_views(page, base, "serve-xss")
        click_busiest_node(page)
        open_first_claim(page)
        for path in [
            "search?q=script",
            "search?q=img",
            "entities?q=alias",
            "documents/d1",
            "#doc/d1",
            "#doc/d3",
        ]:
            page.goto(base + path)
            page.wait_for_load_state("load")
            assert page.evaluate(XSS_PROBE), path
            assert page.eval_on_selector_all(
                "a[href]", "els => els.every(a => !/^\\s*javascript:/i.test(a.getAttribute('href')))"
            ), path
        page.goto(base + "entities?q=alias")
        assert XSS_SCRIPT in page.locator("#entities").inner_text()
        page.screenshot(path=str(artifact("serve-xss-entities.png")))
        assert watched.problems == []
        page.close()
