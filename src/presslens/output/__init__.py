"""Rendering analyses: JSON (the documented schema), a Rich terminal report, brat standoff."""

from presslens.output.brat import write_brat
from presslens.output.json import dumps
from presslens.output.text import render_report

__all__ = ["dumps", "render_report", "write_brat"]
