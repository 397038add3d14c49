"""The dossier's data and page, without a browser: escaping, offsets, places, self-containment."""

from __future__ import annotations

import json
import re
from html import unescape

from byline.report import render_report
from byline.report.assets import csp_hash, json_for_script
from byline.report.places import locate, place_entities
from byline.report.view import (
    build_view,
    claim_words,
    marked_segments,
    safe_url,
    utf16_index,
    value_label,
)
from report.dossier_support import XSS_CLOSE, XSS_SCRIPT, XSS_URL, make_contract


def _data(html: str) -> dict:
    match = re.search(r'<script type="application/json" id="byline-data">(.*?)</script>', html, re.S)
    assert match, "the data element is missing"
    return json.loads(match.group(1))


def test_json_for_script_cannot_close_its_element() -> None:
    text = json_for_script({"t": XSS_CLOSE, "u": "a\u2028b"})
    assert "</" not in text and "<!--" not in text and "<" not in text
    assert json.loads(text) == {"t": XSS_CLOSE, "u": "a\u2028b"}


def test_only_http_urls_survive() -> None:
    assert safe_url("https://example.org/a?b=1") == "https://example.org/a?b=1"
    assert safe_url(" http://x.org ") == "http://x.org"
    for bad in [
        XSS_URL,
        "JaVaScRiPt:alert(1)",
        "data:text/html,x",
        "//x.org",
        "/local",
        'https://x.org/"onmouseover=1',
        None,
        3,
    ]:
        assert safe_url(bad) is None, bad


def test_utf16_offsets_count_astral_characters_twice() -> None:
    text = "a😀b😀c"
    to16 = utf16_index(text)
    assert [to16(i) for i in range(len(text) + 1)] == [0, 1, 3, 4, 6, 7]
    assert utf16_index("plain")(4) == 4


def test_marked_segments_mark_the_claims_words_only() -> None:
    claim = {
        "text": "The group has about 5,000 members",
        "subject": "e1",
        "value": {"type": "quantity", "amount": 5000, "unit": "member"},
    }
    words = claim_words(claim, ["North Ring"])
    passage = "Police said North Ring had 5,000 members and 300 cars."
    segs = marked_segments(passage, words)
    assert "".join(t for t, _ in segs) == passage
    marked = [t for t, m in segs if m]
    assert marked == ["North Ring", "5,000 members"]  # adjacent words share one mark


def test_value_labels_read_like_a_reader_says_them() -> None:
    assert (
        value_label({"type": "quantity", "amount": 5000, "unit": "member", "approximate": True}, {})
        == "≈ 5,000 members"
    )
    assert value_label({"type": "quantity", "amount": 1, "unit": "party"}, {}) == "1 party"
    assert value_label({"type": "quantity", "amount": 3, "unit": "party"}, {}) == "3 parties"
    assert value_label({"type": "quantity", "amount": 40, "unit": "km"}, {}) == "40 km"
    assert value_label({"type": "quantity", "amount": 3, "unit": "hours"}, {}) == "3 hours"
    assert value_label({"type": "quantity", "amount": 2, "unit": "bus"}, {}) == "2 buses"
    assert value_label({"type": "quantity", "amount": 12.5, "unit": "percent"}, {}) == "12.5%"
    assert value_label({"type": "quantity", "amount": 41, "unit": "age"}, {}) == "aged 41"
    assert value_label({"type": "quantity", "amount": 2, "unit": "percentage point"}, {}) == (
        "2 percentage points"
    )
    assert (
        value_label(
            {"type": "quantity", "amount": None, "low": 10_000_000, "high": 15_000_000, "currency": "USD"}, {}
        )
        == "USD 10,000,000–15,000,000"
    )
    assert value_label({"type": "date", "date": "2023-09"}, {}) == "2023-09"
    assert value_label({"type": "entity", "entity": "e2"}, {"e2": "Lena Ortiz"}) == "Lena Ortiz"


def test_places_are_found_offline() -> None:
    assert locate(["U.S."]) == {"kind": "country", "iso": "840"}
    assert locate(["Brazil"]) == {"kind": "country", "iso": "076"}
    chicago = locate(["Chicago"])
    assert chicago and chicago["kind"] == "point" and 41 < chicago["lat"] < 42.5
    assert locate(["Nowhere At All Xq"]) is None
    people = [{"id": "e1", "type": "PERSON", "name": "France", "mentions": []}]
    assert place_entities(people) == []  # only places are placed


def test_view_passages_quote_the_sources_exactly() -> None:
    contract, texts = make_contract(12)
    view = build_view(contract, texts)
    for claim, source_claim in zip(view["claims"], contract["claims"], strict=True):
        assert len(claim["passages"]) == len(source_claim["sources"])
        for passage, source in zip(claim["passages"], source_claim["sources"], strict=True):
            quoted = "".join(t for t, _ in passage["segs"])
            assert quoted == texts[source["doc"]][source["start"] : source["end"]]
            assert any(m for _, m in passage["segs"]), "the claim's words are marked"
    spun = [d for d in view["docs"] if d["repairs"]]
    assert spun and all(d["text"][r["s"] : r["e"]] == "mayer" for d in spun for r in d["repairs"])


def test_report_is_self_contained_and_its_scripts_are_pinned_by_hash() -> None:
    contract, texts = make_contract(12)
    html = render_report(contract, texts)
    assert not re.search(r"<(script|link|img|iframe)[^>]*\s(src|href)=", html, re.I)
    policy = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html)
    assert policy
    rules = unescape(policy.group(1))
    assert "default-src 'none'" in rules and "unsafe-inline" not in rules.split("style-src")[0]
    scripts = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(scripts) == 4
    for code in scripts:
        assert csp_hash(code) in rules
    data = _data(html)
    assert len(data["docs"]) == 12 and data["claims"] and data["places"]


def test_xss_strings_never_reach_the_markup() -> None:
    contract, texts = make_contract(6, xss=True)
    html = render_report(contract, texts)
    assert XSS_SCRIPT not in html and "<img" not in html and "<svg" not in html
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in html  # the escaped story label
    data = _data(html)
    assert any(XSS_SCRIPT in d["title"] for d in data["docs"]), "payloads kept as data"
    assert all(d["url"] is None for d in data["docs"] if d["rawUrl"] == XSS_URL)


def test_the_dossier_is_named_after_its_largest_story() -> None:
    contract, texts = make_contract(6)
    ids = [d["id"] for d in contract["documents"]]
    contract["stories"] = [
        {"id": "s1", "documents": ids[:1], "label": "Small Story"},
        {"id": "s2", "documents": ids[1:], "label": "Main Story"},
    ]
    html = render_report(contract, texts)
    assert re.search(r"<title>[^<]*Main Story[^<]*</title>", html)


def test_durations_are_marked_and_left_out_of_the_key_figures(browser) -> None:  # type: ignore[no-untyped-def]
    contract, texts = make_contract(6)
    first = contract["claims"][0]
    first["value"] = {**first["value"], "unit": "hours", "amount": 3}
    view = build_view(contract, texts)
    assert [c["duration"] for c in view["claims"]][:1] == [True]
    assert not any(c["duration"] for c in view["claims"][1:])
    page = browser.new_page()
    page.set_content(render_report(contract, texts))
    figures = page.locator(".card .figure").all_inner_texts()
    page.close()
    assert figures and "3 hours" not in figures


def test_a_bound_reads_as_a_bound() -> None:
    assert value_label(
        {"type": "quantity", "amount": 200, "low": 200, "unit": "member", "approximate": True}, {}
    ) == ("more than 200 members")
    assert value_label({"type": "quantity", "amount": 10, "high": 10, "unit": "hour"}, {}) == "up to 10 hours"


def _disputed(n_docs: int = 6) -> tuple[dict, dict]:  # type: ignore[type-arg]
    contract, texts = make_contract(n_docs)
    quantities = [c for c in contract["claims"] if c["value"]["type"] == "quantity"]
    a, b = quantities[0], quantities[1]
    a["conflicts"], b["conflicts"] = [b["id"]], [a["id"]]
    a["status"] = b["status"] = "contested"
    a["support"], b["support"] = {"documents": 3, "origins": 1}, {"documents": 1, "origins": 1}
    return contract, texts


def test_a_disputed_figure_is_one_figure_with_its_values_side_by_side() -> None:
    contract, texts = _disputed()
    view = build_view(contract, texts)
    (dispute,) = view["disputes"]
    assert [v["support"]["documents"] for v in dispute["values"]] == [3, 1]  # most supported first
    ids = {v["claim"] for v in dispute["values"]}
    assert {c["dispute"] for c in view["claims"] if c["id"] in ids} == {dispute["id"]}


def test_the_dossier_shows_one_card_per_disputed_figure(browser) -> None:  # type: ignore[no-untyped-def]
    contract, texts = _disputed()
    page = browser.new_page()
    page.set_content(render_report(contract, texts))
    contested = page.locator(".card.contested").all_inner_texts()
    page.evaluate("location.hash = '#contradictions'")
    sides = page.locator("#view-contradictions .conflict .side").count()
    blocks = page.locator("#view-contradictions .conflict").count()
    page.close()
    assert len(contested) == 1 and " | " in contested[0] and "3 documents, 1 origin" in contested[0]
    assert (blocks, sides) == (1, 2)
