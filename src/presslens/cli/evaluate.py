"""``presslens eval ...``: score presslens on annotated data in the documented layouts."""

from __future__ import annotations

import enum
import json
import time
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
    mode: str = typer.Option("best", "--mode", help="Attribution model: best (accurate when its extra is "
                             "installed, else fast), fast or accurate."),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score attribution (source, cue, content spans and relations) against brat gold; says which mode ran."""
    from presslens.eval.attribution import evaluate_attribution

    with reporting_errors():
        analyzer = Analyzer(Settings.from_env(model=model, attribution_mode=mode))
        with progress() as bar:
            task = bar.add_task("scoring attribution", total=None, rate="")

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate_attribution(directory, analyzer, limit=limit, on_progress=tick)
        finder = analyzer.nlp.get_pipe("presslens_attribution")
        result["mode"] = getattr(finder, "mode", "fast")
    _print(result, format)


@eval_app.command("speakers")
def speakers(
    directory: Path = typer.Argument(..., help="A folder in PolNeAR layout (text/ and attributions/)."),
    gold: Path = typer.Option(Path("evaluation/speakers/polnear_dev_speakers.tsv"), "--gold",
                              help="TSV of canonical speakers per gold relation "
                                   "(see evaluation/speakers/GUIDELINES.md)."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score speaker resolution: canonical names for gold source mentions, and end to end."""
    from presslens.eval.speakers import evaluate_speakers

    with reporting_errors():
        analyzer = Analyzer(Settings.from_env(model=model))
        with progress() as bar:
            task = bar.add_task("scoring speakers", total=None, rate="")
            result = evaluate_speakers(directory, gold, analyzer,
                                       on_progress=lambda done, total: bar.update(task, completed=done, total=total))
    _print(result, format)


@eval_app.command("extraction")
def extraction(
    directory: Path = typer.Argument(..., help="A folder in WCXB layout (html/<id>.html.gz, ground-truth/<id>.json) "
                                               "or AEB layout (html/<id>.html.gz, ground-truth.json)."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N pages."),
) -> None:
    """Score article extraction from HTML (body shingle P/R/F1, title, author, date) next to trafilatura's defaults."""
    from presslens.eval.extraction import evaluate_extraction

    with reporting_errors(), progress() as bar:
        task = bar.add_task("extracting pages", total=None, rate="")
        started = time.monotonic()

        def tick(done: int, total: int) -> None:
            rate = done / max(time.monotonic() - started, 1e-9)
            bar.update(task, completed=done, total=total, rate=f"{rate:.1f} pages/s")

        result = evaluate_extraction(directory, limit=limit, on_progress=tick)
    _print(result, format)


@eval_app.command("stories")
def stories(
    directory: Path = typer.Argument(..., help="A folder in ECB+ layout: <topic>/<topic>_<n>ecb.xml and "
                                     "..._<n>ecbplus.xml."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    cv: int | None = typer.Option(None, "--cv", min=2, help="Instead of scoring the defaults, tune the clustering "
                                  "with this many folds of cross-validation over topics; report CV and full scores."),
) -> None:
    """Score story clustering (BCubed and pairwise P/R/F1) on ECB+ layout.

    All documents are clustered together, across topics; each topic's ecb documents are one
    gold story and its ecbplus documents another.
    """
    from presslens.eval.stories import cross_validate, evaluate_stories

    with reporting_errors():
        if cv is None:
            result = evaluate_stories(directory)
        else:
            with progress() as bar:
                task = bar.add_task("cross-validating", total=None, rate="")

                def tick(done: int, total: int) -> None:
                    bar.update(task, completed=done, total=total)

                result = cross_validate(directory, folds=cv, on_progress=tick)
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


@eval_app.command("techniques")
def techniques(
    articles: Path = typer.Option(..., "--articles", help="A folder of article<ID>.txt files (PTC layout)."),
    labels: Path = typer.Option(..., "--labels", help="Gold labels in the PTC technique format: "
                                "id<TAB>technique<TAB>start<TAB>end."),
    format: ScoreFormat = typer.Option(ScoreFormat.json, "--format", "-f"),
    limit: int | None = typer.Option(None, "--limit", help="Score only the first N articles."),
    mode: str = typer.Option("best", "--mode", help="Span tagger: best (accurate when its extra is installed, "
                             "else fast), fast or accurate."),
    model: str | None = typer.Option(None, "--model", help="spaCy model to use."),
) -> None:
    """Score persuasion techniques: span identification (official SemEval-2020 Task 11 partial-credit
    measure) and technique classification on the gold spans; says which span tagger ran."""
    from presslens.eval.techniques import evaluate_techniques

    with reporting_errors():
        analyzer = Analyzer(Settings.from_env(model=model, techniques_mode=mode))
        with progress() as bar:
            task = bar.add_task("scoring techniques", total=None, rate="")

            def tick(done: int, total: int) -> None:
                bar.update(task, completed=done, total=total)

            result = evaluate_techniques(articles, labels, analyzer, limit=limit, on_progress=tick)
    _print(result, format)
