"""``presslens train ...``: produce the shipped models from their pinned training data."""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.models import model_dir

from .common import err, out, reporting_errors

train_app = typer.Typer(help="Train presslens's models from their (pinned) training data.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("techniques")
def techniques(
    data: Path = typer.Option(..., "--data", help="The PTC folder: train-articles/ and train-task2-TC.labels."),
    out_dir: Path = typer.Option(model_dir("techniques"), "--out", help="Where to write the model."),
    epochs: int = typer.Option(1, "--epochs", min=1, help="Passes of the tagger over the training articles."),
    seed: int = typer.Option(0, "--seed"),
    allow_other_data: bool = typer.Option(False, "--allow-other-data",
                                          help="Train even if the data's hash is not the pinned one."),
) -> None:
    """Train the persuasion-technique tagger and classifier on the PTC training split."""
    from presslens.train.techniques import TrainOptions, train_techniques

    with reporting_errors():
        options = TrainOptions(epochs=epochs, seed=seed, allow_other_data=allow_other_data)
        card = train_techniques(data, out_dir, options,
                                progress=lambda message: err.print(message, markup=False, highlight=False))
    scores = card["scores_dev_split"]
    out.print(f"wrote {out_dir}: dev split SI F1 {scores['si']['f1']:.3f}, TC micro-F1 {scores['tc']['micro_f1']:.3f} "
              f"({card['training_time_minutes']} min)", markup=False, highlight=False)
