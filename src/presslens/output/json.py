"""Analyses as JSON in the documented schema (see ``presslens schema``)."""

from __future__ import annotations

import json

from presslens.records import Analysis, Failure
from presslens.serialize import to_dict

__all__ = ["dumps"]


def dumps(record: Analysis | Failure, *, pretty: bool = False) -> str:
    """One analysis (or failure) as a JSON document; compact, one line, unless ``pretty``."""
    data = to_dict(record)
    if isinstance(record, Failure):
        data = {"schema": "presslens.failure/1", **data}
    return json.dumps(data, ensure_ascii=False, indent=2 if pretty else None)
