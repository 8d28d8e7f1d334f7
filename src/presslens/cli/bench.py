"""``presslens bench ...``: benchmarks as commands (a group: one command per benchmark), each measured
next to a reference in the same run."""

from __future__ import annotations

import json
from pathlib import Path

import typer
from rich.table import Table

from presslens.errors import OptionalDependencyError

from .common import err, fail, out, reporting_errors

bench_app = typer.Typer(help="Measure presslens's speed next to a reference measured in the same run.",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(bench_app, name="bench")


@bench_app.command("analyze")
def analyze(
    paths: list[Path] = typer.Argument(
        ..., help="Text or HTML files or folders to analyse (e.g. ../shared/data/polnear/dev/text)."),
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
    table = Table(title=f"{result['articles']} articles, {result['words']} words, "
                        f"{result['rounds']} rounds (median, min-max)")
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


@bench_app.command("web")
def web(
    article: Path = typer.Option(Path("examples/harbour_minister.txt"), "--article", exists=True, dir_okay=False,
                                 help="The article to store, show and analyse (text or HTML)."),
    connections: int = typer.Option(20, "--connections", "-c", min=1, max=1000, help="Concurrent connections."),
    seconds: float = typer.Option(10.0, "--seconds", min=0.5, help="How long each endpoint is loaded."),
    warmup: float = typer.Option(2.0, "--warmup", min=0.0, help="Seconds of load before measuring each endpoint."),
    directory: Path | None = typer.Option(None, "--dir", help="Where to put the temporary corpus."),
    json_out: bool = typer.Option(False, "--json", help="Print the results as JSON."),
) -> None:
    """Web UI: requests/s and latency of the article page and /api/analyze on loopback.

    Starts `presslens serve` (read-only, 127.0.0.1, a free port) over a temporary corpus holding the
    article, and loads each endpoint with CONNECTIONS keep-alive connections. Exit status 1 when any
    request failed (a non-2xx answer, a connection error or a timeout).
    """
    try:
        from presslens.web import create_app  # noqa: F401 (the server needs the web extra)
    except ImportError as e:
        raise fail(str(OptionalDependencyError("presslens bench web", "web"))) from e
    from presslens.bench.web import run_web_bench

    with reporting_errors():
        result = run_web_bench(article, connections=connections, seconds=seconds, warmup=warmup, directory=directory,
                               on_step=lambda message: err.print(f"[dim]{message}...[/]"))
    if json_out:
        out.print(json.dumps(result.as_dict()), markup=False, highlight=False, soft_wrap=True)
    else:
        table = Table(title=f"{connections} connections, {seconds:g} s per endpoint, article of "
                            f"{result.article_words} words (load average {result.load_average} on {result.cpus} CPUs)")
        for column in ("endpoint", "requests", "req/s", "p50 ms", "p90 ms", "p99 ms", "max ms", "errors"):
            table.add_column(column, justify="left" if column == "endpoint" else "right")
        for row in result.endpoints:
            table.add_row(f"{row.name}\n{row.method} {row.path}", f"{row.requests:,}", f"{row.requests_per_s:,.1f}",
                          f"{row.p50_ms:,.0f}", f"{row.p90_ms:,.0f}", f"{row.p99_ms:,.0f}", f"{row.max_ms:,.0f}",
                          str(row.errors) + (f" {row.error_kinds}" if row.errors else ""))
        out.print(table)
    if any(row.errors for row in result.endpoints):
        raise typer.Exit(1)
