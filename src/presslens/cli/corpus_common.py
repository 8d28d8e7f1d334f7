"""Options and helpers the corpus commands share."""

from __future__ import annotations

import json
from typing import Any

import typer

from presslens.serialize import to_dict

from .common import out

__all__ = ["DB_HELP", "db_option", "print_json"]

DB_HELP = ("The corpus database (default: $PRESSLENS_DB, else presslens.db in the per-user data folder, "
           "e.g. ~/.local/share/presslens/).")


def db_option() -> Any:
    return typer.Option(None, "--db", help=DB_HELP, show_default=False)


def print_json(data: Any) -> None:
    """Records or plain data as one JSON document on standard output."""
    out.print(json.dumps(to_dict(data), ensure_ascii=False), markup=False, highlight=False, soft_wrap=True)

