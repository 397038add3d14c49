"""Injection from content and file names into the report and the web app.

A corpus whose file names, titles, texts and URLs carry script payloads is built by the real
pipeline; then (1) every web route is asked with payloads in its path and query (reflected
XSS, server errors), (2) the dossier file and the served app are opened in Chromium on every
view and document, and nothing may run. CI uses a few payloads; BYLINE_FULL_SUITES=1 uses
many mutations. (CSV and GraphML injection, defects 11 and 12, are the exports' own suites.)
"""

from __future__ import annotations

import json
import urllib.parse
from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from report.browser import XSS_PROBE, visit_all_views, watch
from serve.server import running

from byline.pipeline import BuildOptions, build
from byline.serve import create_app
from byline.store import open_store
from hardening.support import FULL

BASE_PAYLOADS = [
    "<script>window.__xss=1</script>",
    '<img src=x onerror="window.__xss=2">',
    "<svg onload=window.__xss=3>",
    "javascript:window.__xss=4",
    "</script><script>window.__xss=5</script><!--",
    '"\'><iframe srcdoc="<script>parent.__xss=6</script>">',
    "{{7*7}}[/x][bold]${window.__xss=7}",
    '<a href="javascript:window.__xss=8">x</a>',
]
WRAPPERS = ["{}", "x{}y", "{}{}", " {} ", "%{}", "\u202e{}", "{}\x00", "{}&amp;"]
PAYLOADS = [w.replace("{}", p) for p in BASE_PAYLOADS for w in WRAPPERS] if FULL else BASE_PAYLOADS
BODY = (
    "Officials in Brazil said the Harbor Group opened an office in Chicago in March 2021. "
    "The group's founder, Ana Ruiz, said it had about 5,000 members. {payload} "
    "Police in France said the group was small. Ana Ruiz denied it in a statement.\n"
)


def _hostile_store(folder: Path) -> Path:
    corpus = folder / "corpus"
    corpus.mkdir()
    names = ["<img src=x onerror=window.__xss=9>.txt", "<svg onload=window.__xss=10>.md", "[x]'\"`[bold].txt"]
    for i, name in enumerate(names):
        (corpus / name).write_text(BODY.format(payload=BASE_PAYLOADS[i]) + f"Item {i}.\n")
    (corpus / "page.html").write_text(
        f"<html><head><title>T {BASE_PAYLOADS[4]}</title></head><body><article><p>"
        + BODY.format(payload="&lt;script&gt;window.__xss=11&lt;/script&gt;")
        + "</p></article></body></html>"
    )
    records = [
        {"title": f"R {p}", "url": BASE_PAYLOADS[3], "text": BODY.format(payload=p)} for p in BASE_PAYLOADS
    ]
    (corpus / "records.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n")
    db = folder / "inj.db"
    store = open_store(db)
    try:
        build(store, [corpus], BuildOptions(workers=1))
    finally:
        store.close()
    return db


def _routes(payload: str) -> list[str]:
    q = urllib.parse.quote(payload, safe="")
    return [
        f"/search?q={q}",
        f"/entities?q={q}",
        f"/documents/{q}",
        f"/api/documents/{q}",
        f"/api/entities?q={q}",
        f"/api/claims?entity={q}&predicate={q}&status={q}",
        f"/api/search?q={q}",
        f"/{q}",
    ]


def test_no_reflected_script_and_no_server_error(injection_db: Path) -> None:
    db = injection_db
    requests = server_errors = reflected = 0
    with TestClient(create_app(db)) as client:
        for payload in PAYLOADS:
            for route in _routes(payload):
                response = client.get(route)
                requests += 1
                server_errors += response.status_code >= 500
                if "html" in response.headers.get("content-type", ""):
                    for raw in (
                        "<script>window.__xss",
                        "<img src=x",
                        "<svg onload",
                        "<iframe",
                        '<a href="javascript',
                    ):
                        reflected += raw in response.text
    print(
        "injection http:",
        json.dumps({"requests": requests, "server_errors": server_errors, "reflected": reflected}),
    )
    assert requests >= 8 * len(BASE_PAYLOADS)
    assert server_errors == 0 and reflected == 0


def test_report_and_web_app_run_nothing_from_the_corpus(
    browser: Any, injection_db: Path, tmp_path: Path
) -> None:
    from byline.export import build_contract, contract_texts
    from byline.report import render_report

    db = injection_db
    store = open_store(db, readonly=True)
    try:
        contract = build_contract(store)
        html = render_report(contract, contract_texts(store, contract))
    finally:
        store.close()
    report = tmp_path / "dossier.html"
    report.write_text(html, encoding="utf-8")
    doc_ids = [d["id"] for d in contract["documents"]]
    assert len(doc_ids) >= 10
    views = executions = 0
    page = browser.new_page(viewport={"width": 1300, "height": 900})
    watched = watch(page)
    with running(db) as base:
        for root in (report.as_uri(), base):
            page.goto(root)
            page.wait_for_selector("body[data-ready='1']")
            visit_all_views(page, root, "hardening-injection")
            views += 7
            executions += not page.evaluate(XSS_PROBE)
            for doc_id in doc_ids:
                page.goto(f"{root}#doc/{doc_id}")
                page.wait_for_selector("#view-doc .doc-text")
                views += 1
                executions += not page.evaluate(XSS_PROBE)
        for doc_id in doc_ids:
            page.goto(f"{base}documents/{doc_id}")
            page.wait_for_load_state("load")
            views += 1
            executions += not page.evaluate(XSS_PROBE)
    page.close()
    print("injection browser:", json.dumps({"views": views, "executions": executions}))
    assert executions == 0
    assert not [p for p in watched.problems if "dialog" in p or "__xss" in p], watched.problems
