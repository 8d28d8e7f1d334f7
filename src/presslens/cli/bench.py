"""``presslens bench ...``: benchmarks as commands (a group: one command per benchmark)."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from .common import err, out

bench_app = typer.Typer(help="Measure presslens's speed (see each command's help for what is timed).",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")


@bench_app.command("store")
def store(
    articles: int = typer.Option(2000, "--articles", min=10, help="Articles per write run."),
    attributions: int = typer.Option(100_000, "--attributions", min=100, help="Quotes in the store searched."),
    queries: int = typer.Option(200, "--queries", min=10, help="Search queries timed."),
    runs: int = typer.Option(3, "--runs", min=1, help="Write runs (after one warm-up); the median is reported."),
    directory: Path | None = typer.Option(None, "--dir", help="Where to put the temporary databases."),
    json_out: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Corpus store: write rate and search latency, on synthetic articles.

    Ingest write rate with analysis excluded (bar: >= 500 articles/s) and search latency over
    100,000 stored quotes (bar: median < 50 ms). Exit status 1 when a bar is missed.
    """
    from presslens.bench.store import as_dict, run_store_bench

    def step(message: str) -> None:
        err.print(f"[dim]{message}...[/]")

    result = run_store_bench(articles=articles, attributions=attributions, queries=queries, runs=runs,
                             directory=directory, on_step=step)
    data = as_dict(result)
    if json_out:
        out.print(json.dumps(data), markup=False, highlight=False, soft_wrap=True)
    else:
        table = Table(show_header=False, box=None, padding=(0, 1))
        table.add_row("write rate", f"{result.write_rate:,.0f} articles/s (runs: "
                      f"{', '.join(f'{r:,.0f}' for r in result.write_rate_runs)}; {result.write_articles:,} each)")
        table.add_row("write rate per CPU-second", f"{result.write_rate_per_cpu_second:,.0f} articles "
                      f"(load average {result.load_average} on {result.cpus} CPUs)")
        table.add_row("fingerprint (in workers)", f"{result.fingerprint_ms:.2f} ms per article, not in the rate")
        table.add_row("search latency", f"median {result.search_median_ms:.2f} ms, p95 {result.search_p95_ms:.2f} ms "
                      f"({result.search_queries} queries, median {result.search_median_hits:.0f} hits of 20 "
                      f"shown, {result.search_attributions:,} quotes, {result.search_articles:,} articles)")
        table.add_row("reference: LIKE scan", f"median {result.like_median_ms:.2f} ms")
        for bar, ok in result.bars().items():
            table.add_row(bar, "[green]pass[/]" if ok else "[red]FAIL[/]")
        out.print(table)
    if not all(result.bars().values()):
        raise typer.Exit(1)
