"""A throwaway PostgreSQL cluster for the tests: Debian's server binaries, a temporary folder,
a Unix socket in it (no TCP port), stopped and removed afterwards.

initdb refuses to run as root (CI runs as root), so the server then runs as Debian's ``postgres``
user through ``runuser``, in a folder that user owns.
"""

from __future__ import annotations

import glob
import itertools
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path


def postgres_bin() -> Path:
    """The newest installed server's binaries (Debian keeps them out of PATH)."""
    override = os.environ.get("BYLINE_PG_BIN")
    candidates = [override] if override else sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    for found in candidates:
        if found and (Path(found) / "initdb").exists():
            return Path(found)
    raise RuntimeError("PostgreSQL server binaries not found: install Debian's `postgresql` (make test does)")


@dataclass
class PostgresCluster:
    folder: Path
    as_user: list[str]
    bin: Path
    _names: itertools.count = field(default_factory=itertools.count)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://postgres@/{database}?host={self.folder}"

    def new_database(self, prefix: str = "t") -> str:
        """A fresh empty database; returns its URL. Its collation is ICU's English, as on many
        servers, so that an ORDER BY relying on the locale instead of code points shows."""
        import psycopg

        name = f"{prefix}_{os.getpid()}_{next(self._names)}"
        with psycopg.connect(self.url(), autocommit=True) as conn:
            conn.execute(
                f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'"
                f" LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8'".encode()
            )
        return self.url(name)

    def run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def stop(self) -> None:
        try:
            self.run(str(self.bin / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
        finally:
            shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> PostgresCluster:
    """initdb + pg_ctl start in a new temporary folder; the caller stops it."""
    binaries = postgres_bin()
    folder = Path(tempfile.mkdtemp(prefix="byline-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    os.chmod(folder, 0o755)
    cluster = PostgresCluster(folder, as_user, binaries)
    options = (
        f"-k {folder} -c listen_addresses='' -c fsync=off -c synchronous_commit=off"
        " -c full_page_writes=off -c max_connections=200 -c shared_buffers=32MB"
    )
    try:
        cluster.run(
            str(binaries / "initdb"),
            "-D",
            str(cluster.data),
            "-A",
            "trust",
            "-U",
            "postgres",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
            "--no-instructions",
        )
        cluster.run(
            str(binaries / "pg_ctl"),
            "-D",
            str(cluster.data),
            "-l",
            str(folder / "server.log"),
            "-o",
            options,
            "-w",
            "-t",
            "60",
            "start",
        )
    except subprocess.CalledProcessError as err:
        log = (folder / "server.log").read_text(errors="replace") if (folder / "server.log").exists() else ""
        shutil.rmtree(folder, ignore_errors=True)
        raise RuntimeError(
            f"could not start PostgreSQL: {err.stderr.decode(errors='replace')}\n{log}"
        ) from err
    return cluster
