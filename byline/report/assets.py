"""The report's static parts: vendored scripts, styles, geometry, and how they are inlined safely.

Everything is read once from the package (``functools.lru_cache`` on read-only files) so a web
app rendering many pages does not touch the disk again.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources
from typing import Any

_STATIC = "static"


@lru_cache(maxsize=16)
def static_text(name: str) -> str:
    """A file of ``byline/report/static`` as text; a missing file names itself."""
    ref = resources.files("byline.report").joinpath(_STATIC, name)
    try:
        return ref.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise FileNotFoundError(f"byline/report/static/{name}: missing from the package") from None


@lru_cache(maxsize=1)
def world_countries() -> tuple[tuple[str, str], ...]:
    """(numeric ISO id, display name) of every country in the shipped geometry."""
    world = json.loads(static_text("countries-110m.json"))
    return tuple(
        (str(g["id"]), str(g["properties"]["name"]))
        for g in world["objects"]["countries"]["geometries"]
        if "id" in g
    )


def json_for_script(data: Any) -> str:
    """JSON that cannot end its ``<script type="application/json">`` element early.

    ``<``, ``>`` and ``&`` are written as \\u escapes, so neither ``</script>`` nor ``<!--``
    can appear in the element whatever the articles contain; JSON.parse reads them back.
    """
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )


def script_safe(code: str) -> str:
    """A vendored script as it goes inside ``<script>``: refuses code that would close it early."""
    if "</script" in code.lower():
        raise ValueError("a vendored script contains '</script' and cannot be inlined")
    return code


def csp_hash(code: str) -> str:
    """The Content-Security-Policy source expression allowing exactly this inline script."""
    digest = hashlib.sha256(code.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
