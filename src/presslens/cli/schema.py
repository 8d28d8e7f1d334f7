"""``presslens schema``: print the JSON Schema of ``--format json`` output."""

from __future__ import annotations

import json

import typer

from presslens.serialize import json_schema

from .common import out


def register(app: typer.Typer) -> None:
    @app.command("schema")
    def schema() -> None:
        """Print the JSON Schema (draft 2020-12) that `analyze --format json` output follows."""
        out.print_json(json.dumps(json_schema()))
