"""The ``presslens`` command: thin Typer commands over the Python API.

One module per command group; each registers its commands on ``app`` here.
Only this package prints.
"""

from __future__ import annotations

import typer

from presslens.cli import analyze, evaluate, schema, train
from presslens.cli.common import app

__all__ = ["app", "main"]

analyze.register(app)
schema.register(app)
evaluate.register(app)
train.register(app)


def main() -> None:
    app()
