"""The byline command: build, export, info (and report, serve).

Exit codes: 0 everything went in; 1 some inputs failed (the rest is stored); 2 bad usage or a
store that cannot be used. A user's mistake gets one clear line, never a traceback.
"""

from __future__ import annotations

import os
import re
import sys
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn
from rich.table import Table

from byline.stages import describe_stages
from byline.store import Store, StoreError, describe_store, open_store

if TYPE_CHECKING:
    from byline.pipeline import BuildOptions, BuildSummary

app = typer.Typer(
    help=(
        "Turn a pile of news articles into a sourced dossier: build a store from files and folders, "
        "then read it as a report, a web app or an export. Shell completion: "
        "byline --install-completion."
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

# Characters that must not reach a terminal raw from a file name or a reason: C0/C1 controls
# (escape sequences), DEL, and bidi overrides and isolates (which reorder what is shown).
_UNSHOWABLE = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def shown(text: object) -> str:
    """Text from files or users, safe to print: controls as \\xNN / \\uNNNN, Rich markup inert."""
    plain = _UNSHOWABLE.sub(
        lambda m: f"\\x{ord(m.group()):02x}" if ord(m.group()) < 0x100 else f"\\u{ord(m.group()):04x}",
        str(text),
    )
    return escape(plain)


# Text, not Path: a Path would fold the "//" of a postgresql:// URL.
DbOption = Annotated[
    str, typer.Option("--db", help="The byline store: an SQLite file, or postgresql://user:pass@host/dbname.")
]


def _print_version(value: bool) -> None:
    if value:
        from byline import __version__

        out.print(f"byline {__version__}", highlight=False)
        raise typer.Exit()


@app.callback()
def _main(
    version: Annotated[
        bool,
        typer.Option("--version", callback=_print_version, is_eager=True, help="Print the version and exit."),
    ] = False,
) -> None:
    """Turn a pile of news articles into a sourced dossier."""


def _open(db: str, *, readonly: bool) -> Store:
    try:
        return open_store(db, readonly=readonly)
    except StoreError as e:
        err.print(f"[red]error:[/red] {shown(e)}", highlight=False)
        raise typer.Exit(2) from None


class _RichProgress:
    """Progress bars on a terminal; silent when output is piped (CI, scripts)."""

    LABELS = {
        "ingest": "Reading files",
        "analyse": "Analysing documents",
        "corpus": "Provenance, entities, claims",
    }

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.tasks: dict[str, TaskID] = {}

    def start(self, stage: str, total: int | None) -> None:
        if self.progress is not None:
            self.tasks[stage] = self.progress.add_task(self.LABELS.get(stage, stage), total=total)

    def advance(self, stage: str, amount: int = 1) -> None:
        if self.progress is not None and stage in self.tasks:
            self.progress.advance(self.tasks[stage], amount)

    def finish(self, stage: str) -> None:
        if self.progress is not None and stage in self.tasks:
            task = self.progress.tasks[self.tasks[stage]]
            self.progress.update(self.tasks[stage], total=task.completed or 1, completed=task.completed or 1)


_STAGES_HELP = describe_stages()


class Executor(StrEnum):
    local = "local"
    dask = "dask"


@app.command()
def build(
    corpus: Annotated[list[Path], typer.Argument(help="Files and folders (walked recursively).")],
    db: DbOption = "byline.db",
    workers: Annotated[
        int,
        typer.Option(
            help="Worker processes for the per-document stages; 0 (the default) means auto: "
            "one a CPU core, at most 4."
        ),
    ] = 0,
    max_bytes: Annotated[
        int,
        typer.Option(
            min=1,
            help="Largest file read, in bytes (default 20000000, 20 MB); larger files are "
            "refused and named, the rest goes in.",
        ),
    ] = 20_000_000,
    model: Annotated[
        str | None,
        typer.Option(
            help="spaCy model that parses the text and finds the names (the NER model): an "
            "installed package name or a folder (default: the bundled small English model). "
            "Checked when the build starts; nothing is downloaded."
        ),
    ] = None,
    repair: Annotated[
        bool,
        typer.Option(
            help="Detect and repair spun text (--no-repair: keep the text as it is, faster; "
            "the same as --skip-stage repair)."
        ),
    ] = True,
    skip_stage: Annotated[
        list[str] | None,
        typer.Option(
            "--skip-stage",
            metavar="NAME",
            help="Do not run this stage (repeatable); the stages that need it are skipped too, "
            "and the stored analyses get another identity (a later full build analyses again). "
            + _STAGES_HELP,
        ),
    ] = None,
    timings: Annotated[
        bool,
        typer.Option(
            "--timings", help="Print the seconds each stage took (per-document stages summed over workers)."
        ),
    ] = False,
    executor: Annotated[
        Executor, typer.Option(help="Where per-document stages run: local processes or a Dask cluster.")
    ] = Executor.local,
    scheduler: Annotated[
        str | None,
        typer.Option(help="Dask scheduler address (tcp://HOST:PORT); implies --executor dask."),
    ] = None,
    doc_budget: Annotated[
        float, typer.Option(min=0, help="Seconds of analysis per document before it fails (0: no limit).")
    ] = 300.0,
) -> None:
    """Ingest CORPUS into the store and run every stage (only new or changed files are processed)."""
    from byline.pipeline import BuildOptions, default_workers

    if not any(os.path.lexists(p) for p in corpus):  # a typo must not leave an empty store behind
        for given in corpus:
            err.print(f"[red]error:[/red] {shown(given)}: no such file or folder", highlight=False)
        raise typer.Exit(2)
    options = BuildOptions(
        workers=workers or default_workers(),
        max_bytes=max_bytes,
        model=model,
        repair=repair,
        skip=frozenset(skip_stage or ()),
        doc_budget=doc_budget,
    )
    if executor is Executor.dask or scheduler:  # a scheduler address only makes sense on Dask
        options.executor, options.scheduler = "dask", scheduler
        options.notify = lambda text: err.print(text, highlight=False, soft_wrap=True)
    summary = _run_build(db, corpus, options)
    _print_summary(summary, db, timings)
    if summary.failures:
        raise typer.Exit(1)


def _run_build(db: str, corpus: list[Path], options: BuildOptions) -> BuildSummary:
    """The build with progress bars on a terminal; a stage, model or executor that cannot be
    used is one error line and exit code 2 (stage and model checked before the store is made)."""
    from byline.extract.nlp import ModelNotFound, check_model
    from byline.pipeline import ExecutorError
    from byline.pipeline import build as run_build
    from byline.stages import StageError

    try:  # a stage or model that does not exist must not leave an empty store behind either
        options.plan()
        check_model(options.model)
    except (StageError, ModelNotFound) as e:
        err.print(f"[red]error:[/red] {shown(e)}", highlight=False)
        raise typer.Exit(2) from None
    store = _open(db, readonly=False)
    try:
        if out.is_terminal:
            columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn())
            with Progress(*columns, console=out, transient=True) as bar:
                return run_build(store, corpus, options, _RichProgress(bar))
        return run_build(store, corpus, options, _RichProgress(None))
    except (ExecutorError, StageError, ModelNotFound) as e:
        err.print(f"[red]error:[/red] {shown(e)}", highlight=False)
        raise typer.Exit(2) from None
    finally:
        store.close()


def _print_summary(summary: BuildSummary, db: str, timings: bool) -> None:
    """Failures and warnings on stderr, duplicates and the counts (and timings) on stdout."""
    for path, reason in summary.failures:
        err.print(f"[red]failed:[/red] {shown(path)}: {shown(reason)}", highlight=False, soft_wrap=True)
    for warning in summary.warnings:
        err.print(f"[yellow]warning:[/yellow] {shown(warning)}", highlight=False, soft_wrap=True)
    for path, same in summary.duplicates:
        out.print(
            f"duplicate: {shown(path)} has the same text as {shown(same)}", highlight=False, soft_wrap=True
        )
    table = Table(title=f"byline build → {shown(describe_store(db))}", show_header=False)
    for key, value in summary.as_dict().items():
        table.add_row(key.replace("_", " "), str(value))
    out.print(table)
    if timings:
        out.print(_timings_table(summary.timings))


def _timings_table(timings: dict[str, float]) -> Table:
    """Seconds per stage, in pipeline order; stages a build did not run are left out."""
    order = ["ingest", "repair", "parse", "extraction", "signatures", "store", "provenance"]
    order += [
        "re-analysis",
        "re-repair",
        "re-parse",
        "re-extraction",
        "re-signatures",
        "entities",
        "reconcile",
    ]
    table = Table(title="stage timings (s)", show_header=False)
    for stage in order + sorted(set(timings) - set(order)):
        if stage in timings:
            table.add_row(stage, f"{timings[stage]:.2f}")
    return table


_FORMAT_HELP = (
    "json: the byline/1 contract (docs/contract.md); ftm: FollowTheMoney entities, one a line "
    "(Aleph, ftm tools); graphml: the entity graph (Gephi, yEd, Cytoscape); csv: one table a kind "
    "(documents, entities, claims, events, relations, repairs) in a folder, or a zip."
)


class ExportFormat(StrEnum):
    json = "json"
    ftm = "ftm"
    graphml = "graphml"
    csv = "csv"


@app.command()
def export(
    db: DbOption,
    format: Annotated[
        ExportFormat, typer.Option("--format", "-f", help="What to write. " + _FORMAT_HELP)
    ] = ExportFormat.json,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (default: stdout). For csv: a folder, or a zip when it ends in .zip.",
        ),
    ] = None,
) -> None:
    """Export what the store holds: json (the byline/1 contract), ftm, graphml or csv."""
    from byline.export import csv_zip, render, render_csv, write_csv

    if format is ExportFormat.csv and output is None and sys.stdout.isatty():
        err.print("[red]error:[/red] csv is several tables: give -o FOLDER or -o FILE.zip", highlight=False)
        raise typer.Exit(2)
    store = _open(db, readonly=True)
    try:
        if format is ExportFormat.csv:
            tables = render_csv(store)
        else:
            text = render(store, format.value)
    finally:
        store.close()
    if output is None:
        if format is ExportFormat.csv:
            sys.stdout.flush()
            sys.stdout.buffer.write(csv_zip(tables))
        else:
            sys.stdout.write(text)
    else:
        try:
            if format is ExportFormat.csv:
                write_csv(tables, output)
            else:
                output.write_text(text, encoding="utf-8")
        except OSError as e:
            err.print(
                f"[red]error:[/red] {shown(output)}: cannot write ({shown(e.strerror)})", highlight=False
            )
            raise typer.Exit(2) from None
        err.print(f"wrote {shown(output)}", highlight=False)


@app.command()
def report(
    db: DbOption,
    output: Annotated[Path, typer.Option("--output", "-o", help="The HTML file to write.")] = Path(
        "dossier.html"
    ),
) -> None:
    """Write the dossier: one self-contained HTML file (opens offline)."""
    from byline.export import build_contract, contract_texts
    from byline.report import render_report

    store = _open(db, readonly=True)
    try:
        contract = build_contract(store)
        html = render_report(contract, contract_texts(store, contract))
    finally:
        store.close()
    try:
        output.write_text(html, encoding="utf-8")
    except OSError as e:
        err.print(f"[red]error:[/red] {shown(output)}: cannot write ({shown(e.strerror)})", highlight=False)
        raise typer.Exit(2) from None
    out.print(f"dossier written to {shown(output.resolve())}", highlight=False, soft_wrap=True)


@app.command()
def serve(
    db: DbOption,
    host: Annotated[str, typer.Option(help="Address to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(min=1, max=65535, help="Port to listen on.")] = 8000,
) -> None:
    """Browse the store in a local web app (read-only), with search and a JSON API."""
    import uvicorn

    from byline.serve import create_app

    _open(db, readonly=True).close()  # a clear error before the server starts
    out.print(
        f"byline serving {shown(describe_store(db))} at http://{shown(host)}:{port}/  (Ctrl+C to stop)",
        highlight=False,
    )
    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


@app.command()
def info(db: DbOption) -> None:
    """Print what the store holds and the last build's failures."""
    store = _open(db, readonly=True)
    try:
        _print_info(store, db)
    finally:
        store.close()


def _print_info(store: Store, db: str) -> None:
    corpus = store.corpus()
    table = Table(title=f"byline store {shown(describe_store(db))}", show_header=False)
    table.add_row("documents", str(store.count_documents()))
    rows: dict[str, Any] = {}
    if corpus is not None:
        rows = {
            "origins": len(corpus.origins),
            "stories": len(corpus.stories),
            "entities": len(corpus.entities),
            "claims": len(corpus.claims),
            "contested claims": sum(1 for c in corpus.claims if c.conflicts),
            "events": len(corpus.events),
            "relations": len(corpus.relations),
            "derivations": len(corpus.derivations),
        }
    analyses = store.analyses()
    rows["repairs"] = sum(len(a.repairs) for a in analyses.values())
    for key, value in rows.items():
        table.add_row(key, str(value))
    last = store.last_build()
    if last is not None:
        table.add_row("last build", shown(f"{last.started} → {last.finished or 'interrupted'}"))
    for name, value in _limit_rows():
        table.add_row(name, shown(value))
    out.print(table)
    if last is not None and last.failures:
        out.print(f"[red]{len(last.failures)} failed in the last build:[/red]")
        for path, reason in last.failures:
            out.print(f"  {shown(path)}: {shown(reason)}", highlight=False, soft_wrap=True)


def _limit_rows() -> list[tuple[str, str]]:
    """The resource limits a build applies, so a user knows what is cut or refused."""
    from byline.ingest.limits import describe_limits
    from byline.pipeline import describe_build_limits

    return [*describe_limits(), *describe_build_limits()]


def main() -> None:  # pragma: no cover - console entry
    app()


if __name__ == "__main__":  # pragma: no cover
    app()
