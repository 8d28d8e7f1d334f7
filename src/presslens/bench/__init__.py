"""Benchmarks run by ``presslens bench ...``: one module per benchmark, each returning plain results
the CLI prints. Every benchmark warms up first and reports its spread, not just one number."""

from __future__ import annotations
