"""The dossier: one self-contained HTML page (inline styles, scripts, data; no network).

Article strings never pass through HTML here: they ride in a JSON data element (escaped so it
cannot close early) and the page's script puts them in the DOM as text nodes. Jinja2 renders the
shell with autoescape on, and a Content-Security-Policy allows only the page's own inline
scripts, by hash, so an injected script could not run even if it reached the DOM.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import jinja2

from byline.report.assets import csp_hash, json_for_script, script_safe, static_text
from byline.report.view import build_view

__all__ = ["render_report", "render_dossier", "template_env"]

_SCRIPTS = ("topojson-client.min.js", "cytoscape.min.js", "viz.js", "app.js")


@lru_cache(maxsize=1)
def template_env() -> jinja2.Environment:
    """The Jinja2 environment over byline/report/templates (autoescape always on)."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("byline.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def render_report(contract: dict[str, Any], texts: dict[str, str]) -> str:
    """The dossier of ``contract`` (schema "byline/1"); ``texts`` maps document ids to the
    original texts its offsets index into. Returns one HTML page that opens offline."""
    return render_dossier(contract, texts)


def render_dossier(
    contract: dict[str, Any], texts: dict[str, str], *, search_action: str | None = None
) -> str:
    """The dossier page; the web app passes ``search_action`` to add its search form."""
    view = build_view(contract, texts)
    view["meta"] = {"schema": contract.get("schema", ""), "live": search_action is not None}
    scripts = [script_safe(static_text(name)) for name in _SCRIPTS]
    policy = "; ".join(
        [
            "default-src 'none'",
            "script-src " + " ".join(csp_hash(code) for code in scripts),
            "style-src 'unsafe-inline'",
            "img-src data:",
            "base-uri 'none'",
            "form-action " + ("'self'" if search_action else "'none'"),
        ]
    )
    return (
        template_env()
        .get_template("dossier.html.j2")
        .render(
            csp=policy,
            css=static_text("style.css"),
            data_json=json_for_script(view),
            world_json=static_text("countries-110m.json").replace("<", "\\u003c"),
            scripts=scripts,
            search_action=search_action,
            title=_title(contract),
        )
    )


def _title(contract: dict[str, Any]) -> str:
    """Named after the largest story (the first of equals, in contract order)."""
    stories = contract.get("stories") or []
    main = max(stories, key=lambda s: len(s.get("documents") or []), default=None)
    label = main.get("label") if main else None
    return f"Dossier: {label}" if label else "Dossier"
