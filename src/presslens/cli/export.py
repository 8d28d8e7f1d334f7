"""``presslens export``: the corpus tables as JSON Lines, CSV or Parquet files."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from presslens.corpus import Corpus

from .common import out, reporting_errors
from .corpus_common import db_option


class ExportFormat(str, enum.Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def register(app: typer.Typer) -> None:
    @app.command("export")
    def export(
        format: ExportFormat = typer.Option(ExportFormat.jsonl, "--format", "-f",
                                            help="jsonl, csv, or parquet (needs: pip install 'presslens[corpus]')."),
        out_dir: Path = typer.Option(Path("presslens-export"), "--out", "-o", help="Folder to write the files into."),
        tables: list[str] | None = typer.Option(None, "--table", "-t",
                                                help="Export only this table (repeatable); default: all."),
        db: Path | None = db_option(),
    ) -> None:
        """Write the corpus tables to OUT/<table>.<format>, for pandas, DuckDB or a spreadsheet.

        Every data table is written: articles, attributions, entities, speakers, outlets, and
        any record table added later (techniques, claims).
        """
        with reporting_errors(), Corpus(db, create=False) as corpus:
            written = corpus.export(out_dir, format=format.value, tables=tables or None)
        for path in written:
            out.print(str(path), markup=False)
