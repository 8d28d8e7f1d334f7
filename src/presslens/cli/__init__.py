"""The ``presslens`` command: thin Typer commands over the Python API.

One module per command group; each registers its commands on ``app`` here.
Only this package prints.
"""

from __future__ import annotations

from presslens.cli import analyze, bench, db, evaluate, export, ingest, query, schema, serve, train
from presslens.cli.common import app

__all__ = ["app", "main"]

analyze.register(app)
schema.register(app)
evaluate.register(app)
ingest.register(app)
query.register(app)
db.register(app)
export.register(app)
bench.register(app)
train.register(app)
serve.register(app)


def main() -> None:
    app()
