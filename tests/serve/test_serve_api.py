"""The web app through its HTTP interface (no browser): views, JSON API, search, read-only."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from report.dossier_support import XSS_IMG, XSS_SCRIPT

from byline.serve import create_app
from byline.store import StoreError
from serve.server import build_xss_store

SEARCH_WORD = "behemoths"  # occurs in seed 004 only


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def seeds_store(request: pytest.FixtureRequest) -> Path | str:
    """The seeds' store on each backend: SQLite, and PostgreSQL (built there on Dask)."""
    return request.getfixturevalue("seeds_db" if request.param == "sqlite" else "seeds_pg")


@pytest.fixture(scope="module")
def client(seeds_store: Path | str) -> Iterator[TestClient]:
    with TestClient(create_app(seeds_store)) as c:
        yield c


@pytest.fixture(scope="module")
def xss_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_xss_store(tmp_path_factory.mktemp("xss"))


def test_dossier_is_served_with_a_search_form(client: TestClient) -> None:
    r = client.get("/")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert 'id="byline-data"' in r.text and 'action="search"' in r.text
    assert r.headers["x-content-type-options"] == "nosniff"


def test_documents_api_lists_the_seeds_and_their_texts(client: TestClient, seeds_contract: dict) -> None:
    docs = client.get("/api/documents").json()
    assert [d["id"] for d in docs] == [d["id"] for d in seeds_contract["documents"]]
    assert "text" not in docs[0]
    claim = seeds_contract["claims"][0]
    source = claim["sources"][0]
    doc = client.get(f"/api/documents/{source['doc']}").json()
    assert doc["text"][source["start"] : source["end"]].strip()
    assert client.get("/api/documents/d999").status_code == 404


def test_full_text_search_finds_a_seed_by_a_word_in_its_text(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": SEARCH_WORD}).json()
    assert [Path(h["path"]).name[:3] for h in hits] == ["004"]
    snippet, matches = hits[0]["snippet"], hits[0]["matches"]
    assert matches and all(snippet[a:b].lower() == SEARCH_WORD for a, b in matches)
    page = client.get("/search", params={"q": SEARCH_WORD})
    assert page.status_code == 200 and "<mark>" in page.text
    assert page.headers["content-security-policy"].startswith("default-src 'none'")
    assert client.get("/api/search", params={"q": "zzqxv nothingmatches"}).json() == []


def test_entity_search_matches_aliases(client: TestClient, seeds_contract: dict) -> None:
    entity = next(
        e
        for e in seeds_contract["entities"]
        if any(a.casefold() not in e["name"].casefold() for a in e["aliases"])
    )
    alias = next(a for a in entity["aliases"] if a.casefold() not in entity["name"].casefold())
    found = client.get("/api/entities", params={"q": alias.upper()}).json()
    assert entity["id"] in [e["id"] for e in found]
    page = client.get("/entities", params={"q": alias})
    assert f'data-entity="{entity["id"]}"' in page.text


def test_claims_api_filters(client: TestClient, seeds_contract: dict) -> None:
    contested = client.get("/api/claims", params={"status": "contested"}).json()
    assert len(contested) == sum(1 for c in seeds_contract["claims"] if c["status"] == "contested")
    subject = seeds_contract["claims"][0]["subject"]
    about = client.get("/api/claims", params={"entity": subject}).json()
    assert about and all(c["subject"] == subject for c in about)


def test_openapi_schema_describes_the_api(client: TestClient) -> None:
    schema = client.get("/openapi.json").json()
    assert {
        "/api/documents",
        "/api/documents/{doc_id}",
        "/api/entities",
        "/api/claims",
        "/api/search",
    } <= set(schema["paths"])
    assert "SearchHitOut" in schema["components"]["schemas"]


def _fingerprint(store_location: Path | str) -> str:
    if isinstance(store_location, Path):
        return hashlib.sha256(store_location.read_bytes()).hexdigest()
    from byline.export import render
    from byline.store import open_store

    store = open_store(store_location, readonly=True)
    try:
        last = store.last_build()
        return f"{last.id if last else None} {render(store, 'json')}"
    finally:
        store.close()


def test_the_app_is_read_only(client: TestClient, seeds_store: Path | str) -> None:
    before = _fingerprint(seeds_store)
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/documents").status_code == 405
    client.get("/api/search", params={"q": SEARCH_WORD})
    assert _fingerprint(seeds_store) == before


def test_a_missing_store_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError):
        create_app(tmp_path / "absent.db")


def test_hostile_strings_are_escaped_in_server_pages(xss_db: Path) -> None:
    with TestClient(create_app(xss_db)) as c:
        for url, params in [
            ("/search", {"q": "script"}),
            ("/entities", {"q": "alias"}),
            ("/documents/d1", {}),
            ("/", {}),
        ]:
            page = c.get(url, params=params).text
            assert XSS_SCRIPT not in page and XSS_IMG not in page, url
            assert 'href="javascript' not in page.lower() and 'href=" javascript' not in page
        assert "&lt;script&gt;" in c.get("/documents/d1").text
        names = [e["name"] for e in c.get("/api/entities", params={"q": "alias"}).json()]
        assert any(XSS_SCRIPT in n for n in names), "the hostile entity is found by its alias"


def test_snippet_markers_leave_brackets_in_the_text_alone() -> None:
    from byline.serve import snippet_parts
    from byline.store import MATCH_END, MATCH_START

    snippet = f"the [sic] {MATCH_START}harbour{MATCH_END} strike [2] {MATCH_START}ended{MATCH_END}"
    assert snippet_parts(snippet) == [
        ("the [sic] ", False),
        ("harbour", True),
        (" strike [2] ", False),
        ("ended", True),
    ]
    assert snippet_parts(f"cut {MATCH_START}off") == [("cut off", False)]


def test_a_rebuild_of_the_store_is_served_without_a_restart(tmp_path: Path) -> None:
    import shutil

    from conftest import EXAMPLES

    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    corpus, db = tmp_path / "corpus", tmp_path / "s.db"
    corpus.mkdir()
    for name in ("01_original_adriatic_courier.txt", "05_independent_tirana_observer.md"):
        shutil.copy(EXAMPLES / name, corpus)

    def rebuild() -> None:
        store = open_store(db)
        try:
            build(store, [corpus], BuildOptions(workers=1))
        finally:
            store.close()

    rebuild()
    with TestClient(create_app(db)) as c:
        assert len(c.get("/api/documents").json()) == 2
        shutil.copy(EXAMPLES / "03_rewrite_crime_digest.txt", corpus)
        rebuild()
        docs = c.get("/api/documents").json()
        assert len(docs) == 3
        assert len(c.get(f"/documents/{docs[-1]['id']}").text) > 1000
        assert c.get("/api/search", params={"q": "Kestrel"}).json()
