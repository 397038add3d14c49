"""PostgreSQL backend: the same tables as SQLite, PostgreSQL's own full-text search, a shared pool.

Why these choices:
- Connections come from one ``psycopg_pool.ConnectionPool`` per URL and process: ``serve`` opens
  the store for every search request, and a pooled connection costs no handshake. A store's
  ``close()`` gives its connection back (``RESET ALL`` and ``pg_advisory_unlock_all`` clear its
  session settings and locks).
- Search is a ``tsvector`` column the server maintains (``GENERATED ... STORED``, GIN index),
  queried with ``websearch_to_tsquery`` (quotes, ``or``, ``-word``; never a syntax error) and
  snippets from ``ts_headline``. The ``simple`` configuration (no stemming, no stop words) finds
  what SQLite's FTS5 index finds, so a store answers alike on both backends.
- Concurrent builds wait: ``start_build`` takes a session advisory lock that ``finish_build``
  (or the end of the session, e.g. a killed build) releases. The second build then reads the
  first one's documents (content keys, row-level upserts: never a second row) and runs the
  corpus stages on the union. Migrations take a transaction advisory lock.
- Text is ordered with ``COLLATE "C"`` (code points), as SQLite and Python order it, whatever the
  server's locale: exports are byte-identical across backends.
"""

from __future__ import annotations

import atexit
import json
import logging
import threading
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg
from psycopg_pool import ConnectionPool

from byline.model import CorpusAnalysis, DocAnalysis, Document, from_plain, to_plain
from byline.store.base import MATCH_END, MATCH_START, BuildRecord, FileState, SearchHit, Store, StoreError

log = logging.getLogger(__name__)

# Advisory lock keys (64-bit; "BYLN" + a role) so byline's locks never meet another program's.
MIGRATION_LOCK = 0x42594C4E_00000001  # held by the transaction that migrates the schema
BUILD_LOCK = 0x42594C4E_00000002  # held by the session of the build writing the store

# Tuning constants
TS_CONFIG = "simple"  # no stemming or stop words: the same hits as SQLite's FTS5 index
TS_MAX_CHARS = 262_144  # text indexed per document: a tsvector is capped at 1 MB; news is far shorter
POOL_MAX = 8  # connections per URL and process: serve's concurrent searches beyond it wait
POOL_TIMEOUT = 30.0  # seconds to wait for a connection (server down, pool exhausted)
HEADLINE = (  # ts_headline options: about a dozen words around the match, like SQLite's snippet
    f"StartSel={MATCH_START}, StopSel={MATCH_END}, MinWords=8, MaxWords=16, "
    'MaxFragments=0, FragmentDelimiter=" … "'
)

# Each entry migrates from version i to i + 1. Append; never edit a released entry.
MIGRATIONS: list[str] = [
    f"""
    CREATE TABLE byline_meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        title TEXT, site TEXT, url TEXT, published TEXT, author TEXT,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        words INTEGER NOT NULL,
        search tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('{TS_CONFIG}', coalesce(title, '')), 'A')
            || setweight(to_tsvector('{TS_CONFIG}', left(text, {TS_MAX_CHARS})), 'B')
        ) STORED
    );
    CREATE INDEX documents_search ON documents USING GIN (search);
    CREATE TABLE records (
        path TEXT PRIMARY KEY,
        file TEXT NOT NULL,
        doc TEXT NOT NULL REFERENCES documents(key)
    );
    CREATE INDEX records_file ON records(file);
    CREATE INDEX records_doc ON records(doc);
    CREATE TABLE files (
        file TEXT PRIMARY KEY,
        content_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        error TEXT,
        updated TEXT NOT NULL
    );
    CREATE TABLE analyses (
        doc TEXT PRIMARY KEY REFERENCES documents(key),
        version TEXT NOT NULL,
        payload TEXT NOT NULL,
        signature BYTEA NOT NULL
    );
    CREATE TABLE corpus (name TEXT PRIMARY KEY, payload TEXT NOT NULL);
    CREATE TABLE builds (
        id BIGSERIAL PRIMARY KEY,
        started TEXT NOT NULL, finished TEXT, summary TEXT
    );
    CREATE TABLE failures (build BIGINT NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL);
    INSERT INTO byline_meta(name, value) VALUES ('application', 'byline');
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)


def redact(url: str) -> str:
    """The URL without its password, for messages and titles."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username}:***@{host}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


_pools: dict[str, ConnectionPool] = {}  # one pool per URL and process (see the module docstring)
_pools_lock = threading.Lock()


def _pool(url: str) -> ConnectionPool:
    with _pools_lock:
        pool = _pools.get(url)
        if pool is None:
            _check_connection(url)  # the server's own reason, now, rather than a pool timeout later
            pool = ConnectionPool(
                url,
                min_size=1,
                max_size=POOL_MAX,
                timeout=POOL_TIMEOUT,
                kwargs={"autocommit": True},
                reset=_reset,
                open=False,
                name="byline",
            )
            pool.open(wait=False)
            _pools[url] = pool
        return pool


def _reset(conn: psycopg.Connection[Any]) -> None:
    """A connection given back: session settings and advisory locks cleared for the next user.
    (Not DISCARD ALL: it would also drop the statements psycopg has prepared and still uses.)"""
    conn.execute("RESET ALL")
    conn.execute("SELECT pg_advisory_unlock_all()")


@atexit.register
def _close_pools() -> None:
    with _pools_lock:
        for pool in _pools.values():
            pool.close(timeout=2)
        _pools.clear()


class PostgresStore(Store):
    def __init__(self, conn: psycopg.Connection[Any], url: str, pool: ConnectionPool | None) -> None:
        self._conn = conn
        self.url = url
        self._pool = pool
        self._build_lock = False

    @classmethod
    def open(cls, url: str, *, readonly: bool = False) -> PostgresStore:
        shown = redact(url)
        pool = _pool(url)
        try:
            conn = pool.getconn()
        except Exception as err:  # noqa: BLE001 - PoolTimeout or a closed pool, said to the user
            raise StoreError(f"{shown}: cannot connect ({err})") from None
        store = cls(conn, url, pool)
        try:
            version = store._schema_version()
            if version > SCHEMA_VERSION:
                raise StoreError(
                    f"{shown}: made by a newer byline (schema {version}, this one reads up to "
                    f"{SCHEMA_VERSION}); upgrade byline"
                )
            if readonly:
                if version == 0:
                    raise StoreError(
                        f"{shown}: no byline store there (run `byline build CORPUS --db URL` first)"
                    )
                if version < SCHEMA_VERSION:
                    raise StoreError(f"{shown}: an older store; run `byline build` once to upgrade it")
                conn.execute("SET default_transaction_read_only = on")
            else:
                store._migrate()
        except BaseException:
            store.close()
            raise
        return store

    def _schema_version(self) -> int:
        """0 for an empty database; refuses a database that holds another program's tables."""
        # One statement, one snapshot: a build migrating the same database meanwhile is seen
        # either not at all or entirely.
        has_meta, tables = self._rows(
            "SELECT count(*) FILTER (WHERE c.relname = 'byline_meta'), count(*) FROM pg_class c"
            " JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'f')"
        )[0]
        if not has_meta:
            if tables:
                raise StoreError(f"{redact(self.url)}: not a byline store (the database holds other tables)")
            return 0
        value = self._one("SELECT value FROM byline_meta WHERE name = 'schema_version'")
        return int(value) if value is not None else 0

    def _migrate(self) -> None:
        with self.transaction():
            self._conn.execute("SELECT pg_advisory_xact_lock(%s)", (MIGRATION_LOCK,))
            for target in range(self._schema_version(), SCHEMA_VERSION):  # read again under the lock
                self._conn.execute(MIGRATIONS[target].encode())
                self._conn.execute(
                    "INSERT INTO byline_meta(name, value) VALUES ('schema_version', %s)"
                    " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
                    (str(target + 1),),
                )

    def _one(self, sql: str, params: tuple[Any, ...] = ()) -> Any:
        row = self._conn.execute(sql.encode(), params).fetchone()
        return row[0] if row else None

    def _rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        return self._conn.execute(sql.encode(), params).fetchall()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """A transaction; nested calls are savepoints (psycopg), rolled back with the outer one."""
        with self._conn.transaction():
            yield

    def close(self) -> None:
        if self._pool is not None and not self._conn.closed:
            self._pool.putconn(self._conn)  # the pool's reset releases the build lock
        else:
            self._conn.close()
        self._pool = None

    # -- files and documents -------------------------------------------------------------

    def file_state(self, file: str) -> FileState | None:
        rows = self._rows("SELECT file, content_hash, status, error FROM files WHERE file = %s", (file,))
        return FileState(*rows[0]) if rows else None

    def replace_file(
        self,
        file: str,
        content_hash: str,
        documents: list[Document],
        *,
        error: str | None = None,
    ) -> list[str]:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO files(file, content_hash, status, error, updated) VALUES (%s,%s,%s,%s,%s)"
                " ON CONFLICT (file) DO UPDATE SET content_hash = excluded.content_hash,"
                " status = excluded.status, error = excluded.error, updated = excluded.updated",
                (file, content_hash, "failed" if error else "ok", error, _now()),
            )
            if error:
                return []
            old = [r[0] for r in self._rows("SELECT doc FROM records WHERE file = %s", (file,))]
            self._conn.execute("DELETE FROM records WHERE file = %s", (file,))
            new_keys: list[str] = []
            for doc in documents:
                inserted = self._conn.execute(
                    "INSERT INTO documents(key, title, site, url, published, author, format, text, words)"
                    " VALUES (%s,%s,%s,%s,%s,%s,%s,%s,%s) ON CONFLICT (key) DO NOTHING RETURNING key",
                    (
                        doc.key,
                        doc.title,
                        doc.site,
                        doc.url,
                        doc.published,
                        doc.author,
                        doc.format,
                        doc.text,
                        doc.words,
                    ),
                ).fetchone()
                if inserted:
                    new_keys.append(doc.key)
                self._conn.execute(
                    "INSERT INTO records(path, file, doc) VALUES (%s,%s,%s)"
                    " ON CONFLICT (path) DO UPDATE SET file = excluded.file, doc = excluded.doc",
                    (doc.path, file, doc.key),
                )
            self._drop_orphans(set(old) - {d.key for d in documents})
            return new_keys

    def _drop_orphans(self, keys: set[str]) -> None:
        for key in sorted(keys):
            if self._one("SELECT 1 FROM records WHERE doc = %s", (key,)):
                continue
            self._conn.execute("DELETE FROM analyses WHERE doc = %s", (key,))
            self._conn.execute("DELETE FROM documents WHERE key = %s", (key,))

    def documents(self, keys: Collection[str] | None = None) -> list[Document]:
        where, params = "", tuple[Any, ...]()
        if keys is not None:
            where, params = " WHERE d.key = ANY(%s)", (list(keys),)
        cur = self._conn.execute(
            "SELECT d.key, d.title, d.site, d.url, d.published, d.author, d.format, d.text,"
            ' (SELECT min(path COLLATE "C") FROM records r WHERE r.doc = d.key) AS path'
            f" FROM documents d{where} ORDER BY path",  # min() of a "C" expression keeps "C"
            params,
        )
        return [
            Document(
                key=key,
                path=path,
                text=text,
                title=title,
                site=site,
                url=url,
                published=published,
                author=author,
                format=fmt,
            )
            for key, title, site, url, published, author, fmt, text, path in cur
        ]

    def document_paths(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        for doc, path in self._rows(
            'SELECT doc, path FROM records ORDER BY doc COLLATE "C", path COLLATE "C"'
        ):
            paths.setdefault(doc, []).append(path)
        return paths

    def count_documents(self) -> int:
        return int(self._one("SELECT count(*) FROM documents"))

    # -- analyses ------------------------------------------------------------------------

    def analysis_versions(self) -> dict[str, str]:
        return dict(self._rows('SELECT doc, version FROM analyses ORDER BY doc COLLATE "C"'))

    def save_analysis(self, doc: str, version: str, analysis: DocAnalysis, signature: bytes | None) -> None:
        payload = json.dumps(to_plain(analysis), sort_keys=True)
        with self.transaction():
            if signature is None:  # the stored signature stays
                self._conn.execute(
                    "UPDATE analyses SET version = %s, payload = %s WHERE doc = %s", (version, payload, doc)
                )
                return
            # Only while the document exists (its file may have changed meanwhile); one row a document.
            self._conn.execute(
                "INSERT INTO analyses(doc, version, payload, signature)"
                " SELECT key, %s, %s, %s FROM documents WHERE key = %s"
                " ON CONFLICT (doc) DO UPDATE SET version = excluded.version,"
                " payload = excluded.payload, signature = excluded.signature",
                (version, payload, signature, doc),
            )

    def analyses(self) -> dict[str, DocAnalysis]:
        return {
            doc: from_plain(DocAnalysis, json.loads(payload))
            for doc, payload in self._rows('SELECT doc, payload FROM analyses ORDER BY doc COLLATE "C"')
        }

    def signatures(self) -> dict[str, bytes]:
        return {
            doc: bytes(sig)
            for doc, sig in self._rows('SELECT doc, signature FROM analyses ORDER BY doc COLLATE "C"')
        }

    # -- corpus --------------------------------------------------------------------------

    def save_corpus(self, analysis: CorpusAnalysis, input_hash: str) -> None:
        payload = json.dumps(to_plain(analysis), sort_keys=True)
        with self.transaction():
            for name, value in (("analysis", payload), ("input_hash", json.dumps(input_hash))):
                self._conn.execute(
                    "INSERT INTO corpus(name, payload) VALUES (%s, %s)"
                    " ON CONFLICT (name) DO UPDATE SET payload = excluded.payload",
                    (name, value),
                )

    def corpus(self) -> CorpusAnalysis | None:
        payload = self._one("SELECT payload FROM corpus WHERE name = 'analysis'")
        return from_plain(CorpusAnalysis, json.loads(payload)) if payload is not None else None

    def corpus_input_hash(self) -> str | None:
        payload = self._one("SELECT payload FROM corpus WHERE name = 'input_hash'")
        return json.loads(payload) if payload is not None else None

    def stage_cache(self, name: str) -> str | None:
        payload = self._one("SELECT payload FROM corpus WHERE name = %s", (f"cache:{name}",))
        return str(payload) if payload is not None else None

    def save_stage_cache(self, name: str, payload: str) -> None:
        with self.transaction():
            self._conn.execute(
                b"INSERT INTO corpus(name, payload) VALUES (%s, %s)"
                b" ON CONFLICT (name) DO UPDATE SET payload = excluded.payload",
                (f"cache:{name}", payload),
            )

    # -- builds --------------------------------------------------------------------------

    def start_build(self) -> int:
        """Waits while another build writes this store (a session advisory lock, released by
        ``finish_build`` or when that build's connection ends, killed or not)."""
        if not self._build_lock:
            if not self._one("SELECT pg_try_advisory_lock(%s)", (BUILD_LOCK,)):
                log.warning("%s: another build is writing this store; waiting for it", redact(self.url))
                self._conn.execute("SELECT pg_advisory_lock(%s)", (BUILD_LOCK,))
            self._build_lock = True
        with self.transaction():
            return int(self._one("INSERT INTO builds(started) VALUES (%s) RETURNING id", (_now(),)))

    def add_failure(self, build: int, path: str, reason: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO failures(build, path, reason) VALUES (%s,%s,%s)", (build, path, reason)
            )

    def finish_build(self, build: int, summary: dict[str, object]) -> None:
        with self.transaction():
            self._conn.execute(
                "UPDATE builds SET finished = %s, summary = %s WHERE id = %s",
                (_now(), json.dumps(summary, sort_keys=True), build),
            )
        if self._build_lock:
            self._conn.execute("SELECT pg_advisory_unlock(%s)", (BUILD_LOCK,))
            self._build_lock = False

    def last_build(self) -> BuildRecord | None:
        rows = self._rows("SELECT id, started, finished, summary FROM builds ORDER BY id DESC LIMIT 1")
        if not rows:
            return None
        build, started, finished, summary = rows[0]
        failures = [
            (path, reason)
            for path, reason in self._rows(
                'SELECT path, reason FROM failures WHERE build = %s ORDER BY path COLLATE "C"', (build,)
            )
        ]
        return BuildRecord(int(build), started, finished, json.loads(summary) if summary else {}, failures)

    # -- search --------------------------------------------------------------------------

    def search_documents(self, query: str, limit: int = 20) -> list[SearchHit]:
        """Best ``limit`` documents by ``ts_rank``; snippets only for those. O(matches) via GIN."""
        query = query.replace("\x00", " ")  # PostgreSQL text refuses NUL; it means nothing here
        if not any(c.isalnum() for c in query):
            return []
        rows = self._rows(
            f"""
            WITH q AS (SELECT websearch_to_tsquery('{TS_CONFIG}', %s) AS q),
            best AS (
                SELECT d.key, ts_rank(d.search, q.q) AS rank FROM documents d, q
                WHERE d.search @@ q.q ORDER BY rank DESC, d.key COLLATE "C" LIMIT %s
            )
            SELECT d.key, d.title,
                (SELECT min(path COLLATE "C") FROM records r WHERE r.doc = d.key),
                ts_headline('{TS_CONFIG}', left(d.text, {TS_MAX_CHARS}), q.q, %s)
            FROM best JOIN documents d ON d.key = best.key, q
            ORDER BY best.rank DESC, d.key COLLATE "C"
            """,
            (query, limit, HEADLINE),
        )
        return [SearchHit(key, path, title, snippet) for key, title, path, snippet in rows]


def _check_connection(url: str) -> None:
    try:
        psycopg.connect(url, connect_timeout=5).close()
    except psycopg.Error as err:
        lines = str(err).strip().splitlines()
        reason = lines[-1] if lines else type(err).__name__
        raise StoreError(f"{redact(url)}: cannot connect ({reason})") from None
