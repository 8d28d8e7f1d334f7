"""``presslens train ...``: reproduce the shipped models from their pinned data."""

from __future__ import annotations

from pathlib import Path

import typer

from .common import out, progress, reporting_errors

train_app = typer.Typer(help="Train presslens's models (needs the 'train' extra: pip install 'presslens\\[train]').",
                        no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(train_app, name="train")


@train_app.command("attribution")
def attribution(
    data: Path = typer.Option(..., "--data", help="PolNeAR folder holding train/ and dev/ (text/ and attributions/ each)."),
    out_dir: Path = typer.Option(..., "--out", help="Folder to write the model and its card to."),
    allow_other_data: bool = typer.Option(False, "--allow-other-data",
                                          help="Train even if the data's hash differs from the pinned one."),
) -> None:
    """Train the attribution model (cue, extent, source and content models) and write its model card."""
    from presslens.train.attribution import train_attribution

    with reporting_errors(), progress(transient=False) as bar:
        tasks: dict[str, int] = {}

        def tick(label: str, done: int, total: int) -> None:
            if label not in tasks:
                tasks[label] = bar.add_task(label, total=total, rate="")
            bar.update(tasks[label], completed=done, total=total)

        card = train_attribution(data, out_dir, allow_other_data=allow_other_data, progress=tick)
    scores = card["dev_scores"]
    out.print(f"wrote {out_dir} in {card['training_seconds']} s; PolNeAR dev exact F1: "
              f"source {scores['source']['exact']['f1']:.3f}, cue {scores['cue']['exact']['f1']:.3f}, "
              f"content {scores['content']['exact']['f1']:.3f} (overlap {scores['content']['overlap']['f1']:.3f})")
