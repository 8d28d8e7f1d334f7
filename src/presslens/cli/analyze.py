"""``presslens analyze``: who said what in articles, as a report, JSON or brat standoff."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from presslens.analyzer import Analyzer
from presslens.config import Settings
from presslens.ingest import read_articles
from presslens.output import dumps, render_report, write_brat
from presslens.records import Analysis, Failure

from .common import err, fail, out, reporting_errors


class OutputFormat(str, enum.Enum):
    text = "text"
    json = "json"
    brat = "brat"


def register(app: typer.Typer) -> None:
    @app.command("analyze")
    def analyze(
        paths: list[str] = typer.Argument(...,
                                          help="Text or HTML files, directories of them, or - for standard input."),
        format: OutputFormat = typer.Option(OutputFormat.text, "--format", "-f",
                                            help="text: a report; json: one JSON object per article per line; "
                                                 "brat: standoff files (needs --out)."),
        out_dir: Path | None = typer.Option(None, "--out", "-o", help="Folder for brat output."),
        pretty: bool = typer.Option(False, "--pretty", help="Indent JSON output."),
        model: str | None = typer.Option(None, "--model", help="spaCy model to use instead of en_core_web_sm."),
    ) -> None:
        """Analyse articles: attributions, resolved speakers and whose voice each part is in.

        Inputs that cannot be read are reported on standard error, one line each, and skipped;
        the exit status is 1 only when no input could be analysed.
        """
        if format is OutputFormat.brat and out_dir is None:
            raise fail("--format brat writes .txt/.ann files: give a folder with --out DIR", 2)
        with reporting_errors():
            settings = Settings.from_env(model=model)
            analyzer = Analyzer(settings)
            succeeded = failed = 0
            for result in analyzer.analyze_many(read_articles(paths, settings)):
                if isinstance(result, Failure):
                    failed += 1
                    err.print("skipped ", style="bold red", end="")
                    err.print(f"{result.source}: {result.reason}", markup=False)
                    continue
                succeeded += 1
                _emit(result, format, out_dir, pretty)
        if succeeded == 0:
            raise typer.Exit(1)
        if failed:
            err.print(f"{succeeded} analysed, {failed} skipped", style="dim")


def _emit(analysis: Analysis, format: OutputFormat, out_dir: Path | None, pretty: bool) -> None:
    for note in analysis.article.notes:
        err.print("note ", style="yellow", end="")
        err.print(f"{analysis.article.source}: {note}", markup=False)
    if format is OutputFormat.json:
        out.print(dumps(analysis, pretty=pretty), markup=False, highlight=False, soft_wrap=True)
    elif format is OutputFormat.brat:
        assert out_dir is not None
        name = Path(analysis.article.source or "article").stem
        text_path, ann_path = write_brat(analysis, out_dir, name)
        err.print(f"wrote {text_path} and {ann_path}", markup=False)
    else:
        out.print(render_report(analysis))
