"""The one error type of ingest: a file that cannot become documents, and why."""

from __future__ import annotations


class IngestError(Exception):
    """A file (or path) that could not be read; ``str(err)`` is ``"<path>: <reason>"``.

    The pipeline records the message as the failure of that file and goes on with the rest,
    so the reason must say in one line what is wrong and, where it can, what to do.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type[IngestError], tuple[str, str]]:
        # keep both attributes when the error crosses a process boundary (worker pools)
        return (IngestError, (self.path, self.reason))
