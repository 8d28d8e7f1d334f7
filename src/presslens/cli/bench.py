"""``presslens bench ...``: throughput measured next to a reference in the same run."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .common import err, out, reporting_errors

bench_app = typer.Typer(help="Benchmarks: presslens's speed next to a reference measured in the same run.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")


@bench_app.command("analyze")
def analyze(
    paths: list[Path] = typer.Argument(..., help="Text or HTML files or folders to analyse (e.g. ../shared/data/polnear/dev/text)."),
    rounds: int = typer.Option(3, "--rounds", min=1, help="Timed rounds per side (after one warm-up round)."),
    limit: int | None = typer.Option(None, "--limit", help="Use only the first N articles."),
    as_json: bool = typer.Option(False, "--json", help="Print the result as JSON."),
) -> None:
    """Articles/s and words/s of the full analysis next to bare en_core_web_sm nlp.pipe, and their ratio."""
    from presslens.bench.analyze import bench_analyze

    with reporting_errors():
        result = bench_analyze(paths, rounds=rounds, limit=limit,
                               on_round=lambda name, n: err.print(f"round {n} {name} done", style="dim"))
    if as_json:
        out.print(json.dumps(result), markup=False, highlight=False, soft_wrap=True)
        return
    table = Table(title=f"{result['articles']} articles, {result['words']} words, {result['rounds']} rounds (median, min-max)")
    table.add_column("")
    table.add_column("articles/s", justify="right")
    table.add_column("words/s", justify="right")
    for name in ("spacy", "presslens"):
        row = result[name]
        assert isinstance(row, dict)
        table.add_row(f"{'bare ' + str(result['model']) if name == 'spacy' else 'presslens analysis'}",
                      f"{row['articles_per_s']} ({row['articles_per_s_min']}-{row['articles_per_s_max']})",
                      f"{row['words_per_s']}")
    out.print(table)
    out.print(f"ratio presslens / bare spaCy: [bold]{result['ratio']}[/]")
