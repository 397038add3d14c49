"""SQLite backend: one file, WAL journal, schema version in ``PRAGMA user_version``."""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Collection, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from byline.model import CorpusAnalysis, DocAnalysis, Document, from_plain, to_plain
from byline.store.base import MATCH_END, MATCH_START, BuildRecord, FileState, SearchHit, Store, StoreError

APPLICATION_ID = 0x42594C4E  # "BYLN": tells a byline store from any other SQLite file

# Each entry migrates from version i to i + 1. Append; never edit a released entry.
MIGRATIONS: list[str] = [
    """
    CREATE TABLE documents (
        key TEXT PRIMARY KEY,
        title TEXT, site TEXT, url TEXT, published TEXT, author TEXT,
        format TEXT NOT NULL,
        text TEXT NOT NULL,
        words INTEGER NOT NULL
    );
    CREATE TABLE records (          -- each path (file, or file#n for a record) that gave a document
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
        signature BLOB NOT NULL
    );
    CREATE TABLE corpus (name TEXT PRIMARY KEY, payload TEXT NOT NULL);
    CREATE TABLE builds (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started TEXT NOT NULL, finished TEXT, summary TEXT
    );
    CREATE TABLE failures (build INTEGER NOT NULL, path TEXT NOT NULL, reason TEXT NOT NULL);
    CREATE VIRTUAL TABLE documents_fts USING fts5(key UNINDEXED, title, text);
    """,
]
SCHEMA_VERSION = len(MIGRATIONS)
OPEN_RETRY_SECONDS = 30  # how long opening for writing retries past SQLite's deadlock guard


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class SQLiteStore(Store):
    def __init__(self, conn: sqlite3.Connection, path: Path) -> None:
        self._conn = conn
        self.path = path
        self._depth = 0

    def own_files(self) -> frozenset[Path]:
        base = self.path.resolve()
        return frozenset({base, *(base.with_name(base.name + s) for s in ("-wal", "-shm", "-journal"))})

    @classmethod
    def open(cls, path: Path, *, readonly: bool = False) -> SQLiteStore:
        if path.is_dir():
            raise StoreError(f"{path}: is a folder, not a byline store (give a file path, e.g. byline.db)")
        exists = path.exists()
        if readonly and not exists:
            raise StoreError(f"{path}: no such store (run `byline build CORPUS --db {path}` first)")
        if not exists and not path.parent.exists():
            raise StoreError(f"{path}: the folder {path.parent} does not exist")
        try:
            conn, app_id, version, tables = _connect(path, readonly)
        except sqlite3.DatabaseError as err:
            if not exists:
                raise StoreError(f"{path}: cannot create the store in {path.parent} ({err})") from None
            raise StoreError(f"{path}: not a byline store ({err})") from None
        if tables and app_id != APPLICATION_ID:
            conn.close()
            raise StoreError(f"{path}: not a byline store (an SQLite file of another program)")
        if version > SCHEMA_VERSION:
            conn.close()
            raise StoreError(
                f"{path}: made by a newer byline (schema {version}, this one reads up to "
                f"{SCHEMA_VERSION}); upgrade byline"
            )
        store = cls(conn, path)
        if not readonly:
            try:
                store._prepare_for_writing()
            except sqlite3.OperationalError as err:
                conn.close()
                if "readonly" in str(err) or "unable to open" in str(err):
                    raise StoreError(
                        f"{path}: the store cannot be written ({err}); a build needs write access to "
                        "the file and its folder (export, report, serve and info only read it)"
                    ) from None
                raise StoreError(f"{path}: the store cannot be used ({err})") from None
        elif version < SCHEMA_VERSION:
            conn.close()
            raise StoreError(f"{path}: an older store; run `byline build` once to upgrade it")
        conn.execute("PRAGMA foreign_keys=ON")
        return store

    def _prepare_for_writing(self) -> None:
        """WAL journal, the schema up to date, a write probe. Builds opening a new store at the
        same moment can meet SQLite's deadlock guard ("database is locked" at once, whatever
        the busy timeout, as when one switches the journal to WAL while another reads): such
        a step is tried again, for up to OPEN_RETRY_SECONDS."""
        deadline = time.monotonic() + OPEN_RETRY_SECONDS
        while True:
            try:
                self._conn.execute("PRAGMA journal_mode=WAL")
                self._conn.execute("PRAGMA synchronous=NORMAL")
                self._migrate()
                self._check_writable()
                return
            except sqlite3.OperationalError as err:
                if "locked" not in str(err) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Bring the schema up to date, one step a transaction. The version is read inside the
        write lock, so two builds opening a new store at once do not both create its tables."""
        while True:
            with self.transaction():
                version = self._conn.execute("PRAGMA user_version").fetchone()[0]
                if version >= SCHEMA_VERSION:
                    return
                for statement in _split_sql(MIGRATIONS[version]):
                    self._conn.execute(statement)
                self._conn.execute(f"PRAGMA user_version = {version + 1}")
                self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")

    def _check_writable(self) -> None:
        """Fail at open, not at the first write, when the file cannot be written (mode 444,
        an immutable file): rewrite the application id in a transaction that is rolled back."""
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            self._conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
            self._conn.execute("CREATE TABLE _byline_write_probe (x)")
        finally:
            self._conn.execute("ROLLBACK")

    @contextmanager
    def transaction(self) -> Iterator[None]:
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self._conn.execute("BEGIN IMMEDIATE")
        self._depth = 1
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        else:
            self._conn.execute("COMMIT")
        finally:
            self._depth = 0

    def close(self) -> None:
        self._conn.close()

    # -- files and documents -------------------------------------------------------------

    def file_state(self, file: str) -> FileState | None:
        row = self._conn.execute(
            "SELECT file, content_hash, status, error FROM files WHERE file = ?", (file,)
        ).fetchone()
        return FileState(*row) if row else None

    def replace_file(
        self,
        file: str,
        content_hash: str,
        documents: list[Document],
        *,
        error: str | None = None,
    ) -> list[str]:
        with self.transaction():
            status = "failed" if error else "ok"
            self._conn.execute(
                "INSERT INTO files(file, content_hash, status, error, updated) VALUES (?,?,?,?,?)"
                " ON CONFLICT(file) DO UPDATE SET content_hash=excluded.content_hash,"
                " status=excluded.status, error=excluded.error, updated=excluded.updated",
                (file, content_hash, status, error, _now()),
            )
            if error:
                return []
            old = [r[0] for r in self._conn.execute("SELECT doc FROM records WHERE file = ?", (file,))]
            self._conn.execute("DELETE FROM records WHERE file = ?", (file,))
            new_keys: list[str] = []
            for doc in documents:
                exists = self._conn.execute("SELECT 1 FROM documents WHERE key = ?", (doc.key,)).fetchone()
                if not exists:
                    self._conn.execute(
                        "INSERT INTO documents(key, title, site, url, published, author, format,"
                        " text, words) VALUES (?,?,?,?,?,?,?,?,?)",
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
                    )
                    self._conn.execute(
                        "INSERT INTO documents_fts(key, title, text) VALUES (?,?,?)",
                        (doc.key, doc.title or "", doc.text),
                    )
                    new_keys.append(doc.key)
                self._conn.execute(
                    "INSERT OR REPLACE INTO records(path, file, doc) VALUES (?,?,?)",
                    (doc.path, file, doc.key),
                )
            self._drop_orphans(set(old) - {d.key for d in documents})
            return new_keys

    def _drop_orphans(self, keys: set[str]) -> None:
        for key in sorted(keys):
            if self._conn.execute("SELECT 1 FROM records WHERE doc = ?", (key,)).fetchone():
                continue
            self._conn.execute("DELETE FROM analyses WHERE doc = ?", (key,))
            self._conn.execute("DELETE FROM documents_fts WHERE key = ?", (key,))
            self._conn.execute("DELETE FROM documents WHERE key = ?", (key,))

    def documents(self, keys: Collection[str] | None = None) -> list[Document]:
        where, params = "", tuple(keys or ())
        if keys is not None:  # SQLite allows 32,766 parameters: the pipeline asks for fewer
            where = f" WHERE d.key IN ({','.join('?' * len(params))})"
        rows = self._conn.execute(
            "SELECT d.*, (SELECT min(path) FROM records r WHERE r.doc = d.key) AS path"
            f" FROM documents d{where} ORDER BY path",
            params,
        ).fetchall()
        return [
            Document(
                key=r["key"],
                path=r["path"],
                text=r["text"],
                title=r["title"],
                site=r["site"],
                url=r["url"],
                published=r["published"],
                author=r["author"],
                format=r["format"],
            )
            for r in rows
        ]

    def document_paths(self) -> dict[str, list[str]]:
        paths: dict[str, list[str]] = {}
        for doc, path in self._conn.execute("SELECT doc, path FROM records ORDER BY doc, path"):
            paths.setdefault(doc, []).append(path)
        return paths

    def count_documents(self) -> int:
        return int(self._conn.execute("SELECT count(*) FROM documents").fetchone()[0])

    # -- analyses ------------------------------------------------------------------------

    def analysis_versions(self) -> dict[str, str]:
        return dict(self._conn.execute("SELECT doc, version FROM analyses").fetchall())

    def save_analysis(self, doc: str, version: str, analysis: DocAnalysis, signature: bytes | None) -> None:
        with self.transaction():
            if not self._conn.execute("SELECT 1 FROM documents WHERE key = ?", (doc,)).fetchone():
                return  # the document went away meanwhile (its file changed)
            if signature is None:  # the stored signature stays
                self._conn.execute(
                    "UPDATE analyses SET version = ?, payload = ? WHERE doc = ?",
                    (version, json.dumps(to_plain(analysis), sort_keys=True), doc),
                )
                return
            self._conn.execute(
                "INSERT OR REPLACE INTO analyses(doc, version, payload, signature) VALUES (?,?,?,?)",
                (doc, version, json.dumps(to_plain(analysis), sort_keys=True), signature),
            )

    def analyses(self) -> dict[str, DocAnalysis]:
        return {
            doc: from_plain(DocAnalysis, json.loads(payload))
            for doc, payload in self._conn.execute("SELECT doc, payload FROM analyses")
        }

    def signatures(self) -> dict[str, bytes]:
        return dict(self._conn.execute("SELECT doc, signature FROM analyses").fetchall())

    # -- corpus --------------------------------------------------------------------------

    def save_corpus(self, analysis: CorpusAnalysis, input_hash: str) -> None:
        with self.transaction():
            payload = json.dumps(to_plain(analysis), sort_keys=True)
            self._conn.execute(
                "INSERT OR REPLACE INTO corpus(name, payload) VALUES ('analysis', ?)", (payload,)
            )
            self._conn.execute(
                "INSERT OR REPLACE INTO corpus(name, payload) VALUES ('input_hash', ?)",
                (json.dumps(input_hash),),
            )

    def corpus(self) -> CorpusAnalysis | None:
        row = self._conn.execute("SELECT payload FROM corpus WHERE name = 'analysis'").fetchone()
        return from_plain(CorpusAnalysis, json.loads(row[0])) if row else None

    def corpus_input_hash(self) -> str | None:
        row = self._conn.execute("SELECT payload FROM corpus WHERE name = 'input_hash'").fetchone()
        return json.loads(row[0]) if row else None

    def stage_cache(self, name: str) -> str | None:
        row = self._conn.execute("SELECT payload FROM corpus WHERE name = ?", (f"cache:{name}",)).fetchone()
        return str(row[0]) if row else None

    def save_stage_cache(self, name: str, payload: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT OR REPLACE INTO corpus(name, payload) VALUES (?, ?)", (f"cache:{name}", payload)
            )

    # -- builds --------------------------------------------------------------------------

    def start_build(self) -> int:
        with self.transaction():
            cur = self._conn.execute("INSERT INTO builds(started) VALUES (?)", (_now(),))
            return int(cur.lastrowid or 0)

    def add_failure(self, build: int, path: str, reason: str) -> None:
        with self.transaction():
            self._conn.execute(
                "INSERT INTO failures(build, path, reason) VALUES (?,?,?)", (build, path, reason)
            )

    def finish_build(self, build: int, summary: dict[str, object]) -> None:
        with self.transaction():
            self._conn.execute(
                "UPDATE builds SET finished = ?, summary = ? WHERE id = ?",
                (_now(), json.dumps(summary, sort_keys=True), build),
            )

    def last_build(self) -> BuildRecord | None:
        row = self._conn.execute("SELECT * FROM builds ORDER BY id DESC LIMIT 1").fetchone()
        if not row:
            return None
        failures = [
            (r[0], r[1])
            for r in self._conn.execute(
                "SELECT path, reason FROM failures WHERE build = ? ORDER BY path", (row["id"],)
            )
        ]
        summary = json.loads(row["summary"]) if row["summary"] else {}
        return BuildRecord(row["id"], row["started"], row["finished"], summary, failures)

    # -- search --------------------------------------------------------------------------

    def search_documents(self, query: str, limit: int = 20) -> list[SearchHit]:
        terms = [t for t in "".join(c if c.isalnum() else " " for c in query).split() if t]
        if not terms:
            return []
        match = " ".join('"' + t.replace('"', "") + '"' for t in terms)
        rows = self._conn.execute(
            "SELECT f.key, snippet(documents_fts, 2, ?, ?, ' … ', 12) AS snip, d.title,"
            " (SELECT min(path) FROM records r WHERE r.doc = f.key) AS path"
            " FROM documents_fts f JOIN documents d ON d.key = f.key"
            " WHERE documents_fts MATCH ? ORDER BY rank, f.key LIMIT ?",
            (MATCH_START, MATCH_END, match, limit),
        ).fetchall()
        return [SearchHit(r["key"], r["path"], r["title"], r["snip"]) for r in rows]


def _connect(path: Path, readonly: bool) -> tuple[sqlite3.Connection, int, int, int]:
    """A connection and (application id, schema version, table count). A read-only store in
    a folder it cannot write (no room for WAL's shared-memory file) is opened immutable."""
    uris = [f"file:{path}?mode=ro", f"file:{path}?mode=ro&immutable=1"] if readonly else [f"file:{path}"]
    for i, uri in enumerate(uris):
        conn = sqlite3.connect(uri, uri=True, isolation_level=None, timeout=30)
        conn.row_factory = sqlite3.Row
        try:
            # one read transaction: the three from one snapshot (read one by one, a build creating
            # the store in between gave tables without their application id: "not a byline store")
            conn.execute("BEGIN")
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            conn.execute("COMMIT")
        except sqlite3.OperationalError:
            conn.close()
            if i + 1 < len(uris):
                continue
            raise
        except sqlite3.DatabaseError:
            conn.close()
            raise
        return conn, app_id, version, tables
    raise AssertionError("unreachable")


def _split_sql(script: str) -> list[str]:
    """Statements of a migration script (no semicolons inside our statements)."""
    out = []
    for part in script.split(";"):
        lines = [ln for ln in part.splitlines() if ln.strip() and not ln.strip().startswith("--")]
        if lines:
            out.append("\n".join(ln.split("--")[0] for ln in lines))
    return out
