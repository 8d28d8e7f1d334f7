"""``presslens eval ...``: score presslens on annotated data in the documented layouts."""

from __future__ import annotations

import enum
import json
from pathlib import Path

import typer

from presslens.analyzer import Analyzer
from presslens.config import Settings

from .common import out, progress, reporting_errors


class ScoreFormat(str, enum.Enum):
    json = "json"
    text = "text"


eval_app = typer.Typer(help="Score presslens on annotated data (see the README for each layout and metric).",
                       no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(eval_app, name="eval")


def _print(result: dict[str, object], format: ScoreFormat) -> None:
    if format is ScoreFormat.json:
        out.print(json.dumps(result), markup=False, highlight=False, soft_wrap=True)
    else:
        out.print_json(json.dumps(result))


@eval_app.command("attribution")
def attribution(
    directory: Path = typer.Argument(..., help="A folder in PolNeAR layout: text/*.txt and attributions/*.ann."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N documents."),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score attribution (source, cue, content spans and relations) against brat gold."""
    from presslens.eval.attribution import evaluate_attribution

    with reporting_errors():
        analyzer = Analyzer(Settings.from_env(model=model))
        with progress() as bar:
            task = bar.add_task("scoring attribution", total=None, rate="")

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate_attribution(directory, analyzer, limit=limit, on_progress=tick)
    _print(result, format)


@eval_app.command("techniques")
def techniques(
    articles: Path = typer.Option(..., "--articles", help="A folder of article<ID>.txt files (PTC layout)."),
    labels: Path = typer.Option(..., "--labels", help="Gold labels in the PTC technique format: "
                                "id<TAB>technique<TAB>start<TAB>end."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N articles."),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score persuasion techniques: span identification (official SemEval-2020 Task 11 partial-credit
    measure) and technique classification on the gold spans."""
    from presslens.eval.techniques import evaluate_techniques

    with reporting_errors():
        analyzer = Analyzer(Settings.from_env(model=model))
        with progress() as bar:
            task = bar.add_task("scoring techniques", total=None, rate="")

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate_techniques(articles, labels, analyzer, limit=limit, on_progress=tick)
    _print(result, format)
