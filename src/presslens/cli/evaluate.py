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


@eval_app.command("checkworthy")
def checkworthy(
    file: Path = typer.Argument(..., help="A CheckThat! TSV file: Sentence_id<TAB>Text<TAB>class_label (Yes/No)."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    mode: str = typer.Option("best", "--mode", help="best (accurate when its extra is installed, else fast), "
                             "fast or accurate."),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score check-worthiness (F1, precision and recall of the Yes class, and accuracy); says which mode ran."""
    from presslens.eval.checkworthy import evaluate_checkworthy
    from presslens.nlp.checkworthiness import load_checkworthiness, score_texts
    from presslens.nlp.pipeline import load_model

    with reporting_errors():
        scorer = load_checkworthiness(mode)
        nlp = load_model(Settings.from_env(model=model))

        def predict(texts: list[str]) -> list[bool]:
            return [bool(score >= scorer.threshold) for score in score_texts(nlp, scorer, texts)]

        result: dict[str, object] = dict(evaluate_checkworthy(file, predict))
        result["mode"] = scorer.mode
    _print(result, format)
