"""``presslens db ...``: the corpus database itself."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.table import Table

from presslens.corpus import Corpus

from .common import out, reporting_errors
from .corpus_common import db_option, print_json

db_app = typer.Typer(help="The corpus database: counts, integrity.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(db_app, name="db")


@db_app.command("stats")
def stats(
    db: Path | None = db_option(),
    json_out: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
) -> None:
    """Counts of articles (originals and near-copies), attributions, speakers, entities, outlets, failures."""
    with reporting_errors(), Corpus(db, create=False) as corpus:
        counts = corpus.stats()
    if json_out:
        print_json(counts)
        return
    table = Table(show_header=False, box=None, padding=(0, 1))
    for key, value in counts.items():
        table.add_row(key, f"{value:,}" if isinstance(value, int) else str(value))
    out.print(table)


@db_app.command("check")
def check(db: Path | None = db_option()) -> None:
    """Check the database file and its full-text indexes; exit status 1 if anything is wrong."""
    with reporting_errors(), Corpus(db, create=False) as corpus:
        problems = corpus.store.integrity()
    for problem in problems:
        out.print(problem, markup=False)
    if problems != ["ok"]:
        raise typer.Exit(1)
