"""Benchmarks (``presslens bench ...``): throughput always next to a reference measured in the same run."""
