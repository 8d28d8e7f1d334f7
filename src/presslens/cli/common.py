"""What every command shares: the Typer app, consoles, and error reporting."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from presslens.errors import PresslensError

__all__ = ["app", "err", "fail", "out", "progress", "reporting_errors"]

app = typer.Typer(
    name="presslens",
    help="Read news the way a fact-checker has to: who said what, in whose voice, how, and where it travelled.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

out = Console(soft_wrap=False, highlight=False)
# Messages on standard error are one line each, whatever the terminal width.
err = Console(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> typer.Exit:
    err.print(f"[bold red]error:[/] {message}", markup=True, highlight=False)
    return typer.Exit(code)


@contextmanager
def reporting_errors() -> Iterator[None]:
    """Turn presslens's own errors into a one-line message and exit status 1."""
    try:
        yield
    except PresslensError as e:
        err.print("error: ", style="bold red", end="")
        err.print(str(e), markup=False)
        raise typer.Exit(1) from e


def progress(transient: bool = True) -> Progress:
    """A progress bar on standard error with rate and time left (hidden when not a terminal)."""
    return Progress(
        TextColumn("[progress.description]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("{task.fields[rate]}"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=err,
        transient=transient,
        disable=not sys.stderr.isatty(),
    )
