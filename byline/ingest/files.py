"""Finding corpus files and opening them safely: only regular files, links never followed out.

Symlink policy (documented in the README): inside a given folder, symbolic links are not
followed at all, neither to files nor to folders. A link can lead out of the corpus (to
``/etc/passwd``), loop, dangle, or hide its target under another name, and a corpus folder
that a scraper or an adversary filled is not trusted to point somewhere safe. Each link is
named in a warning, so nothing is skipped without a word; a user who wants the target read
names it (or its folder) on the command line, where a path is taken as given.

Only regular files are read: pipes, sockets and devices in a folder are skipped with a
warning, and when named on the command line they fail with a reason. Opening never blocks
(``O_NONBLOCK``) and the type is checked on the open descriptor (``fstat``), so a file
swapped for a pipe between the walk and the read cannot hang the build.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from byline.ingest.errors import IngestError

_FOLDER_DOCS = ("readme", "license", "licence")
_KINDS = (
    (stat.S_ISFIFO, "named pipe"),
    (stat.S_ISCHR, "character device"),
    (stat.S_ISBLK, "block device"),
    (stat.S_ISSOCK, "socket"),
    (stat.S_ISDIR, "folder"),
)


def kind_of(mode: int) -> str:
    """A file type in words ("named pipe", "character device", ...)."""
    for test, name in _KINDS:
        if test(mode):
            return name
    return "special file"


def not_regular(display_path: str, mode: int) -> IngestError:
    return IngestError(display_path, f"not a regular file ({kind_of(mode)}); byline reads only regular files")


def open_regular(path: Path, display_path: str) -> BinaryIO:
    """A binary stream on ``path`` when it is a regular file; IngestError otherwise.

    O_NONBLOCK keeps a pipe without a writer from blocking the open; the check is on the
    descriptor itself, so what is read is what was checked.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise IngestError(display_path, "no such file or folder") from None
    except OSError as err:
        raise IngestError(display_path, f"unreadable: {err.strerror or err}") from err
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise not_regular(display_path, mode)
        os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def read_regular(path: Path, display_path: str, max_bytes: int) -> bytes:
    """The bytes of a regular file of at most ``max_bytes`` (IngestError otherwise).

    Reads at most ``max_bytes + 1`` bytes, so a file that grows while it is read cannot
    exhaust memory either.
    """
    with open_regular(path, display_path) as stream:
        data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise IngestError(
            display_path,
            f"oversized: over the limit of {max_bytes:,} bytes (raise it with --max-bytes)",
        )
    return data


class Walk:
    """The files under the given paths, with what was skipped (warnings) and what failed.

    ``files`` yields (file, path for display). Folders are walked recursively in sorted name
    order; hidden entries (names starting with ".") and a folder's own documentation files
    (README*, LICENSE*, LICENCE*, any case) are passed over silently: a corpus folder that
    explains itself should not count its explanation as an article. Links and special files
    are named in ``skipped``; a folder that cannot be read is named in ``failures`` and the
    walk goes on with its siblings. Cost: O(entries) ``lstat`` calls.
    """

    def __init__(self) -> None:
        self.skipped: list[tuple[str, str]] = []
        self.failures: list[IngestError] = []

    def files(self, paths: list[Path]) -> Iterator[tuple[Path, str]]:
        for given in paths:
            if not os.path.lexists(given):
                self.failures.append(IngestError(str(given), "no such file or folder"))
            elif given.is_dir():
                yield from self._walk(given)
            else:
                yield given, str(given)

    def _walk(self, folder: Path) -> Iterator[tuple[Path, str]]:
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as err:
            self.failures.append(IngestError(str(folder), f"unreadable folder: {err.strerror or err}"))
            return
        for entry in entries:
            if entry.name.startswith(".") or entry.name.lower().startswith(_FOLDER_DOCS):
                continue
            child = folder / entry.name
            try:
                if entry.is_symlink():
                    self.skipped.append((str(child), _link_reason(child)))
                elif entry.is_dir(follow_symlinks=False):
                    yield from self._walk(child)
                elif entry.is_file(follow_symlinks=False):
                    yield child, str(child)
                else:
                    mode = entry.stat(follow_symlinks=False).st_mode
                    self.skipped.append((str(child), f"skipped: not a regular file ({kind_of(mode)})"))
            except OSError as err:
                self.failures.append(IngestError(str(child), f"unreadable: {err.strerror or err}"))


def _link_reason(link: Path) -> str:
    try:
        target = os.readlink(link)
    except OSError:
        target = "?"
    return (
        f"skipped: symbolic link to {target} (links in folders are not followed; "
        "name the target on the command line to read it)"
    )
