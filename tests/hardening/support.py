"""Helpers the hardening suites share: running code without root's DAC override, building
through the CLI in a subprocess, and finding a process's children."""

from __future__ import annotations

import json
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[2]
FULL = os.environ.get("BYLINE_FULL_SUITES") == "1"  # the full-size suites (README: Reliability)


def unprivileged(fn: Callable[[], Any]) -> Any:
    """``fn()`` in a forked child without DAC override: as root the child becomes 'nobody'
    (the interpreter and every imported module are already in memory), otherwise it runs as
    the current user. Returns fn's JSON-able result; re-raises its failure as AssertionError."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # child
        os.close(read)
        try:
            if os.geteuid() == 0:
                nobody = pwd.getpwnam("nobody")
                os.setgroups([])
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
            payload = {"ok": fn()}
        except BaseException:  # noqa: BLE001 - reported to the parent
            payload = {"error": traceback.format_exc()}
        with os.fdopen(write, "w") as out:
            json.dump(payload, out)
        os._exit(0)
    os.close(write)
    with os.fdopen(read) as inp:
        data = inp.read()
    os.waitpid(pid, 0)
    result = json.loads(data)
    if "error" in result:
        raise AssertionError(result["error"])
    return result["ok"]


@contextmanager
def world_dir() -> Iterator[Path]:
    """A scratch folder that 'nobody' can reach (pytest's tmp_path is private to root)."""
    path = Path(tempfile.mkdtemp(prefix="byline-hardening-", dir="/tmp"))
    path.chmod(0o777)
    try:
        yield path
    finally:
        for sub in path.rglob("*"):
            if sub.is_dir() and not sub.is_symlink():
                sub.chmod(0o755)
        shutil.rmtree(path, ignore_errors=True)


def chattr(path: Path, flag: str) -> bool:
    """``chattr +i/-i``; False where the file system or the container does not allow it."""
    exe = shutil.which("chattr")
    if exe is None:
        return False
    return subprocess.run([exe, flag, str(path)], capture_output=True).returncode == 0


def byline_cmd(*args: str | Path) -> list[str]:
    return [sys.executable, "-m", "byline.cli", *(str(a) for a in args)]


def env() -> dict[str, str]:
    """The environment for byline subprocesses: this tree first on the path."""
    out = dict(os.environ)
    out["PYTHONPATH"] = os.pathsep.join([str(REPO), out.get("PYTHONPATH", "")]).rstrip(os.pathsep)
    return out


def children(pid: int) -> list[int]:
    """Processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[-1].split()
        if len(fields) > 1 and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


def alive(pid: int) -> bool:
    """True while ``pid`` exists and is not a zombie."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0]
    except OSError:
        return False
    return state != "Z"
