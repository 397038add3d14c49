"""PostgreSQL only: its schema record, other programs' databases, connection errors, build locks."""

from __future__ import annotations

import threading

import psycopg
import pytest

from byline.store import StoreError, describe_store, open_store
from byline.store.postgres import SCHEMA_VERSION


def test_new_store_records_its_schema_and_indexes_text(postgres_url):
    open_store(postgres_url).close()
    with psycopg.connect(postgres_url) as conn:
        meta = dict(conn.execute("SELECT name, value FROM byline_meta").fetchall())
        kind = conn.execute(
            "SELECT data_type FROM information_schema.columns"
            " WHERE table_name = 'documents' AND column_name = 'search'"
        ).fetchone()
    assert meta == {"application": "byline", "schema_version": str(SCHEMA_VERSION)}
    assert kind == ("tsvector",)
    open_store(postgres_url).close()  # opening again migrates nothing and fails nothing


def test_another_programs_database_is_refused(postgres_url):
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute("CREATE TABLE invoices (id int)")
    with pytest.raises(StoreError, match="not a byline store"):
        open_store(postgres_url)


def test_newer_schema_and_missing_store_are_refused(postgres_url):
    with pytest.raises(StoreError, match="no byline store"):
        open_store(postgres_url, readonly=True)
    open_store(postgres_url).close()
    with psycopg.connect(postgres_url, autocommit=True) as conn:
        conn.execute(
            "UPDATE byline_meta SET value = %s WHERE name = 'schema_version'", (str(SCHEMA_VERSION + 1),)
        )
    with pytest.raises(StoreError, match="newer byline"):
        open_store(postgres_url)


def test_unreachable_server_says_why_without_the_password(tmp_path):
    url = f"postgresql://analyst:s3cret@/nowhere?host={tmp_path}"
    with pytest.raises(StoreError, match="cannot connect") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value)
    assert describe_store("postgresql://analyst:s3cret@db.example:5433/news") == (
        "postgresql://analyst:***@db.example:5433/news"
    )


def test_a_second_build_waits_for_the_first(postgres_url):
    first = open_store(postgres_url)
    second = open_store(postgres_url)
    build = first.start_build()
    started = threading.Event()
    got: list[int] = []

    def run_second() -> None:
        started.set()
        got.append(second.start_build())

    thread = threading.Thread(target=run_second)
    thread.start()
    started.wait()
    thread.join(1.0)
    assert thread.is_alive() and not got, "the second build did not wait for the lock"
    first.finish_build(build, {})
    thread.join(10)
    assert got and got[0] > build
    second.finish_build(got[0], {})
    first.close()
    second.close()


def test_a_build_that_dies_releases_its_lock(postgres_url):
    first = open_store(postgres_url)
    first.start_build()
    first.close()  # as when the build's process is killed: the session ends or is reset
    second = open_store(postgres_url)
    done = threading.Event()
    thread = threading.Thread(target=lambda: (second.start_build(), done.set()))
    thread.start()
    assert done.wait(10), "the lock of a closed session was not released"
    thread.join()
    second.close()


def test_pooled_connections_serve_many_opens(postgres_url):
    """serve opens the store per request: a pooled connection must stay usable across many
    opens (psycopg prepares a statement run five times; the pool's reset must not drop it)."""
    open_store(postgres_url).close()
    for _ in range(30):
        store = open_store(postgres_url, readonly=True)
        assert store.count_documents() == 0 and store.last_build() is None
        store.close()
    writer = open_store(postgres_url)  # a connection that was read-only is writable again
    writer.start_build()
    writer.close()


def test_stores_opened_at_once_on_an_empty_database_all_migrate_it(postgres_url):
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            open_store(postgres_url).close()
        except BaseException as err:  # noqa: BLE001 - collected for the assertion
            errors.append(err)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
