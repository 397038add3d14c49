"""HTML pages: article text without page furniture, metadata, date fallbacks."""

from __future__ import annotations

from pathlib import Path

import pytest

from byline.ingest import IngestError, read_file
from byline.ingest.html import read_html, visible_body_text

ARTICLE_PARAGRAPHS = [
    "Pilots who guide container ships into the port of Brindlehaven stopped work on Tuesday "
    "morning, leaving fourteen vessels anchored outside the breakwater as talks over pay "
    "collapsed for the third time this year.",
    "The Brindlehaven Pilots Association, which represents 212 licensed pilots, said its "
    "members had not received a pay rise since 2019 and that staffing had fallen by a quarter "
    "while traffic through the harbour rose sharply.",
    "Port director Anselm Fairweather said the authority had offered a 4 percent increase and "
    "called the stoppage irresponsible, warning that perishable cargo was at risk.",
    "Union officials said the walkout would continue until an independent mediator was "
    "appointed, and that ferries carrying medical supplies would still be piloted into port.",
]

MESSY_PAGE = f"""<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Harbour pilots walk out over pay | The Coastal Ledger</title>
<meta property="og:site_name" content="The Coastal Ledger">
<meta property="og:title" content="Harbour pilots walk out over pay">
<meta property="article:published_time" content="2024-11-05T08:30:00Z">
<meta name="author" content="Maren Olsvik">
<link rel="canonical" href="https://www.coastalledger.example/news/harbour-pilots-strike">
<style>.banner{{color:red}} body{{font-family:sans-serif}}</style>
<script>window.dataLayer=[];function track(){{console.log("tracking pixel loaded")}}</script>
</head><body>
<div id="cookie-banner" class="cookie-consent">We use cookies to improve your experience.
<button>Accept all cookies</button></div>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li>
<li><a href="/sport">Sport</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>
<div class="ad-slot advertisement">Advertisement: Buy discount ferry tickets now!</div>
<main><article>
<h1>Harbour pilots walk out over pay</h1>
<p class="byline">By Maren Olsvik</p>
<p>{ARTICLE_PARAGRAPHS[0]}</p>
<!-- editor: check the vessel count before publishing -->
<p>{ARTICLE_PARAGRAPHS[1]}</p>
<p>{ARTICLE_PARAGRAPHS[2]}</p>
<script>track("article-view")</script>
<p>{ARTICLE_PARAGRAPHS[3]}</p>
</article></main>
<aside class="related"><h2>Related stories</h2><ul>
<li><a href="/a">Ferry fares to rise in spring</a></li>
<li><a href="/b">Dock cranes replaced after storm</a></li>
<li><a href="/c">Fish market opens new hall</a></li></ul></aside>
<footer><p>&copy; 2024 The Coastal Ledger. All rights reserved.</p>
<p><a href="/privacy">Privacy policy</a> | <a href="/terms">Terms of use</a></p></footer>
</body></html>
"""

BOILERPLATE = [
    "cookies",
    "Accept all",
    "Advertisement",
    "Sport",
    "Weather",
    "Related stories",
    "Ferry fares to rise",
    "All rights reserved",
    "Privacy policy",
    "tracking pixel",
    "dataLayer",
    "font-family",
    "editor: check",
]


def _write(tmp_path: Path, name: str, html: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(html.encode(encoding))
    return path


def test_messy_page_keeps_the_article_and_drops_the_furniture(tmp_path: Path) -> None:
    (doc,) = read_file(_write(tmp_path, "pilots.html", MESSY_PAGE), "pilots.html")
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in doc.text
    for junk in BOILERPLATE:
        assert junk not in doc.text, junk
    assert doc.title == "Harbour pilots walk out over pay"
    assert doc.site == "The Coastal Ledger"
    assert doc.published == "2024-11-05"
    assert doc.url == "https://www.coastalledger.example/news/harbour-pilots-strike"
    assert doc.author == "Maren Olsvik"
    assert doc.format == "html"
    assert doc.path == "pilots.html"


def test_fallback_body_text_drops_scripts_styles_nav_and_banners() -> None:
    text = visible_body_text(MESSY_PAGE)
    for paragraph in ARTICLE_PARAGRAPHS:
        assert paragraph in text
    for junk in BOILERPLATE:
        assert junk not in text, junk


def test_fallback_is_used_when_trafilatura_finds_nothing(monkeypatch: pytest.MonkeyPatch) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    doc = read_html(MESSY_PAGE, "p.html")
    assert ARTICLE_PARAGRAPHS[1] in doc.text
    assert "Related stories" not in doc.text
    assert doc.published == "2024-11-05"  # htmldate, straight from the page
    assert doc.title == "Harbour pilots walk out over pay | The Coastal Ledger"


def _short_page(head: str, body_extra: str = "") -> str:
    return (
        f"<html><head><title>Lighthouse keeper retires</title>{head}</head><body><article>"
        f"<h1>Lighthouse keeper retires</h1>{body_extra}"
        "<p>After forty-one years tending the lamp at Skerry Point, the island's last "
        "lighthouse keeper handed over the keys to the coast guard, which will run the light "
        "remotely from the mainland.</p><p>Neighbours gathered on the jetty to thank him, and "
        "the school presented a painting of the tower made by its youngest pupils.</p>"
        "</article></body></html>"
    )


def test_date_from_a_time_element_only(tmp_path: Path) -> None:
    page = _short_page("", '<p>Posted <time datetime="2023-07-14">14 July</time></p>')
    (doc,) = read_file(_write(tmp_path, "l.html", page), "l.html")
    assert doc.published == "2023-07-14"
    assert doc.site is None and doc.url is None


def test_date_from_a_meta_tag_only(tmp_path: Path) -> None:
    page = _short_page('<meta name="date" content="2022-02-03">')
    (doc,) = read_file(_write(tmp_path, "m.html", page), "m.html")
    assert doc.published == "2022-02-03"


def test_dates_in_the_article_body_are_not_publication_dates(tmp_path: Path) -> None:
    page = _short_page("", "<p>The lamp was first lit on 12 March 1911.</p>")
    (doc,) = read_file(_write(tmp_path, "n.html", page), "n.html")
    assert doc.published is None


def test_site_falls_back_to_the_canonical_host(tmp_path: Path) -> None:
    page = _short_page('<link rel="canonical" href="https://www.islandnews.example/keeper">')
    (doc,) = read_file(_write(tmp_path, "c.html", page), "c.html")
    assert doc.site == "islandnews.example"
    assert doc.url == "https://www.islandnews.example/keeper"


def test_declared_legacy_charset(tmp_path: Path) -> None:
    page = _short_page('<meta charset="windows-1252">', "<p>The keeper’s “last watch” at the café.</p>")
    (doc,) = read_file(_write(tmp_path, "w.html", page, "cp1252"), "w.html")
    assert "The keeper’s “last watch” at the café." in doc.text


def test_page_without_text_is_empty(tmp_path: Path) -> None:
    page = "<html><head><title>x</title><script>var a = 1;</script></head><body> </body></html>"
    with pytest.raises(IngestError) as err:
        read_file(_write(tmp_path, "e.html", page), "e.html")
    assert err.value.path == "e.html"
    assert "empty" in err.value.reason
