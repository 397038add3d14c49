"""A real uvicorn server for browser tests: 127.0.0.1, a free port, a thread, bounded start and
stop. Also the XSS store: a corpus whose titles, texts, URLs and entity names carry payloads."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import uvicorn
from report.dossier_support import XSS_CLOSE, XSS_IMG, XSS_SCRIPT, XSS_SVG, XSS_URL

from byline.serve import create_app


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def running(db: Path, timeout: float = 20.0) -> Iterator[str]:
    """Serve the app over ``db``; yields its base URL; stops the server on exit."""
    port = free_port()
    config = uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + timeout
    while not server.started:
        assert thread.is_alive(), "the server died while starting"
        assert time.monotonic() < deadline, "the server did not start in time"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.should_exit = True
        thread.join(timeout)
        assert not thread.is_alive(), "the server did not stop"


XSS_BODY = (
    "Officials in Brazil said the Harbor Group opened an office in Chicago in March 2021. "
    "The group's founder, Ana Ruiz, said it had about 5,000 members. {payload} "
    "Police in France said the group was small. Ana Ruiz denied it in a statement. "
)


def build_xss_store(folder: Path) -> Path:
    """A store built by the real pipeline from hostile records, then given hostile entity names
    and aliases (names come from NER, which will not produce markup on its own)."""
    from byline.pipeline import BuildOptions, build
    from byline.store import open_store

    records = [
        {
            "title": f"Report {XSS_SCRIPT} {XSS_CLOSE}",
            "url": XSS_URL,
            "text": XSS_BODY.format(payload=XSS_IMG + " " + XSS_SCRIPT),
        },
        {
            "title": f"Second {XSS_IMG}",
            "url": "https://example.org/ok",
            "text": XSS_BODY.format(payload=XSS_SVG + " javascript:window.__xss=6"),
        },
        {
            "title": f"Third {XSS_SVG}",
            "url": " JaVaScRiPt:window.__xss=7",
            "text": XSS_BODY.format(payload='<a href="javascript:window.__xss=8">x</a>'),
        },
    ]
    corpus = folder / "xss.jsonl"
    corpus.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    db = folder / "xss.db"
    store = open_store(db)
    try:
        summary = build(store, [corpus], BuildOptions(workers=1))
        assert not summary.failures, summary.failures
        analysis = store.corpus()
        assert analysis is not None and analysis.entities, "the XSS corpus yielded no entities"
        first = analysis.entities[0]
        analysis.entities[0] = replace(
            first, name=f"{first.name} {XSS_SCRIPT}", aliases=[*first.aliases, f"alias {XSS_IMG}"]
        )
        with store.transaction():
            store.save_corpus(analysis, store.corpus_input_hash() or "")
    finally:
        store.close()
    return db
