"""``presslens train ...``: train the shipped models from their pinned data (needs the ``train`` extra)."""

from __future__ import annotations

import json
import time
from pathlib import Path

import typer
from rich.progress import TaskID

from presslens.models import model_dir

from .common import err, out, progress, reporting_errors

train_app = typer.Typer(help="Train presslens's shipped models from their pinned data sets (needs the 'train' extra).",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("attribution")
def attribution(
    data: Path = typer.Option(..., "--data",
                              help="PolNeAR folder holding train/ and dev/ (text/ and attributions/ each)."),
    out_dir: Path = typer.Option(..., "--out", help="Folder to write the model and its card to."),
    allow_other_data: bool = typer.Option(False, "--allow-other-data",
                                          help="Train even if the data's hash differs from the pinned one."),
    accurate: bool = typer.Option(False, "--accurate", help="Also train the accurate mode: a MiniLM tagger with "
                                  "adapters, blended in on dev (needs the accurate and train-torch extras)."),
    accurate_only: bool = typer.Option(False, "--accurate-only", help="Train only the accurate mode, beside the "
                                       "fast model already in --out."),
    encoder_epochs: int = typer.Option(2, "--encoder-epochs", min=1, help="Passes of the accurate tagger."),
    refit_blend: bool = typer.Option(False, "--refit-blend", help="Refit only the accurate mode's blend and "
                                     "calibration on dev, for the tagger already in --out."),
) -> None:
    """Train the attribution model (cue, extent, source and content models) and write its model card; with
    --accurate, also the accurate mode."""
    from presslens.train.attribution import train_attribution
    from presslens.train.piece_tagger import PieceTaggerOptions

    with reporting_errors(), progress(transient=False) as bar:
        tasks: dict[str, TaskID] = {}

        def tick(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total, rate="")
            bar.update(tasks[label], completed=done, total=total)

        options = PieceTaggerOptions(epochs=encoder_epochs) if accurate or accurate_only or refit_blend else None
        card = train_attribution(data, out_dir, allow_other_data=allow_other_data, progress=tick, accurate=options,
                                 fast=not (accurate_only or refit_blend), refit_blend=refit_blend,
                                 step=lambda message: err.print(message, markup=False, highlight=False))
    if "accurate" in card:
        scores = card["accurate"]["dev_scores"]
        out.print(f"accurate mode: PolNeAR dev exact F1 source {scores['source']['exact']['f1']:.3f}, cue "
                  f"{scores['cue']['exact']['f1']:.3f}, content {scores['content']['exact']['f1']:.3f} (overlap "
                  f"{scores['content']['overlap']['f1']:.3f})")
    if accurate_only or refit_blend:
        return
    scores = card["dev_scores"]
    out.print(f"wrote {out_dir} in {card['training_seconds']} s; PolNeAR dev exact F1: "
              f"source {scores['source']['exact']['f1']:.3f}, cue {scores['cue']['exact']['f1']:.3f}, "
              f"content {scores['content']['exact']['f1']:.3f} (overlap {scores['content']['overlap']['f1']:.3f})")


@train_app.command("checkworthy")
def checkworthy(
    data: Path = typer.Option(..., "--data", help="Folder with the CheckThat! 2024 Task 1 English TSV files "
                              "(train, dev, dev-test)."),
    out_dir: Path = typer.Option(..., "--out", help="Folder to write the weights and model card to "
                                 "(src/presslens/models/checkworthy to update the shipped model)."),
    fast_only: bool = typer.Option(False, "--fast-only", help="Train only the fast mode (no MiniLM embeddings)."),
    cache: Path | None = typer.Option(None, "--cache", help="Folder to keep sentence features and embeddings "
                                      "between runs."),
    allow_other_data: bool = typer.Option(False, "--allow-other-data", help="Train even if the data's hash differs "
                                          "from the pinned one."),
) -> None:
    """Train the check-worthiness models (fast, and accurate with the 'accurate' extra) and write a model card."""
    from presslens.train.checkworthy import TrainOptions, train_checkworthy

    started = time.perf_counter()

    def step(message: str) -> None:
        err.print(f"[{time.perf_counter() - started:6.0f}s] {message}", markup=False)

    with reporting_errors():
        options = TrainOptions(accurate=not fast_only, cache=cache, allow_other_data=allow_other_data)
        card = train_checkworthy(data, out_dir, options, on_step=step)
    out.print(json.dumps({"out": str(out_dir), "scores": card["scores"], "training_time_s": card["training_time_s"]}),
              markup=False, highlight=False, soft_wrap=True)


@train_app.command("techniques")
def techniques(
    data: Path = typer.Option(..., "--data", help="The PTC folder: train-articles/ and train-task2-TC.labels."),
    out_dir: Path = typer.Option(model_dir("techniques"), "--out", help="Where to write the model."),
    epochs: int = typer.Option(1, "--epochs", min=1, help="Passes of the tagger over the training articles."),
    seed: int = typer.Option(0, "--seed"),
    accurate: bool = typer.Option(False, "--accurate", help="Also train the accurate span tagger (MiniLM with "
                                  "adapters; needs the accurate and train-torch extras)."),
    accurate_only: bool = typer.Option(False, "--accurate-only", help="Train only the accurate span tagger, "
                                       "beside the fast model already in --out."),
    encoder_epochs: int = typer.Option(3, "--encoder-epochs", min=1, help="Passes of the accurate tagger."),
    refit: bool = typer.Option(False, "--refit", help="Keep the accurate tagger's adapters already in --out; "
                               "only tune its decoding and fit its technique classifier again (minutes, not an "
                               "hour)."),
    allow_other_data: bool = typer.Option(False, "--allow-other-data",
                                          help="Train even if the data's hash is not the pinned one."),
) -> None:
    """Train the persuasion-technique tagger and classifier on the PTC training split (and, with --accurate,
    the accurate span tagger and its technique classifier)."""
    from presslens.train.technique_encoder import EncoderOptions
    from presslens.train.techniques import TrainOptions, train_techniques

    with reporting_errors():
        options = TrainOptions(epochs=epochs, seed=seed, allow_other_data=allow_other_data,
                               fast=not (accurate_only or refit), accurate=accurate or accurate_only or refit,
                               refit=refit, encoder=EncoderOptions(epochs=encoder_epochs, seed=seed))
        card = train_techniques(data, out_dir, options,
                                progress=lambda message: err.print(message, markup=False, highlight=False))
    scores = card["scores_dev_split"]
    summary = f"dev split SI F1 {scores['si']['f1']:.3f}, TC micro-F1 {scores['tc']['micro_f1']:.3f}"
    if "accurate" in card:
        accurate_scores = card["accurate"]["scores_dev_split"]
        summary += f"; accurate SI F1 {accurate_scores['si']['f1']:.3f}"
        if "tc" in accurate_scores:
            summary += f", TC micro-F1 {accurate_scores['tc']['micro_f1']:.3f}"
    out.print(f"wrote {out_dir}: {summary}", markup=False, highlight=False)
