"""Benchmarks run by ``presslens bench ...``: one module per benchmark, each returning plain results
the CLI prints. Every benchmark warms up first and reports its spread, and speeds are always shown next
to a reference measured in the same run."""

from __future__ import annotations
