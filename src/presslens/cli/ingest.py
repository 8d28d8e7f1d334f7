"""``presslens ingest``: analyse inputs and store them in the corpus database."""

from __future__ import annotations

import time
from pathlib import Path

import typer

from presslens.config import Settings
from presslens.corpus import Corpus
from presslens.corpus.ingest import IngestProgress

from .common import err, out, progress, reporting_errors
from .corpus_common import db_option, print_json


def register(app: typer.Typer) -> None:
    @app.command("ingest")
    def ingest(
        paths: list[Path] = typer.Argument(..., help="Files or folders: text/HTML files, .jsonl, RSS/Atom feeds "
                                           "(.rss .atom .xml), WARC archives (.warc .warc.gz)."),
        db: Path | None = db_option(),
        workers: int = typer.Option(1, "--workers", "-w", min=1, help="Worker processes analysing in parallel."),
        model: str | None = typer.Option(None, "--model", help="spaCy model to use instead of en_core_web_sm."),
        json_out: bool = typer.Option(False, "--json", help="Print the summary as JSON."),
        show_duplicates: bool = typer.Option(False, "--show-duplicates",
                                             help="List every input skipped as a duplicate."),
    ) -> None:
        """Analyse articles and store each once in the corpus.

        An article already stored (same normalised URL, same input or same text) is skipped;
        a near-copy of a stored article (syndication) is stored linked to it. Inputs that fail
        are listed with the reason and skipped; nothing stored before is touched. Safe to stop
        at any moment: run it again and it finishes the job.
        """
        with reporting_errors():
            settings = Settings.from_env(model=model)
            with Corpus(db, settings=settings) as corpus, progress() as bar:
                task = bar.add_task("ingesting", total=None, rate="")
                started = time.perf_counter()

                def start(total: int) -> None:
                    bar.update(task, total=total)

                def tick(state: IngestProgress) -> None:
                    elapsed = max(time.perf_counter() - started, 1e-9)
                    bar.update(task, completed=state.done, rate=f"{state.done / elapsed:.1f} inputs/s")

                report = corpus.ingest(paths, workers=workers, on_start=start, on_progress=tick)
                path = corpus.path
        if json_out:
            print_json({"db": str(path), "stored": report.stored, "copies": report.copies,
                        "duplicates": len(report.duplicates), "failed": len(report.failures),
                        "failures": report.failures, "seconds": report.seconds})
        else:
            for failure in report.failures:
                err.print("failed ", style="bold red", end="")
                err.print(f"{failure.source}: {failure.reason}", markup=False)
            if show_duplicates:
                for source, why in report.duplicates:
                    err.print("duplicate ", style="yellow", end="")
                    err.print(f"{source}: {why}", markup=False)
            linked = f" ({report.copies} near-copies linked to their original)" if report.copies else ""
            out.print(f"stored {report.stored} article(s){linked}, skipped {len(report.duplicates)} duplicate(s), "
                      f"{len(report.failures)} failed, in {report.seconds:.1f} s -> {path}", markup=False)
        if report.failures and not report.stored and not report.duplicates:
            raise typer.Exit(1)
