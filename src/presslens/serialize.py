"""Records to plain data and back, and the JSON Schema generated from the records.

One description of the output: the dataclasses in :mod:`presslens.records`.
``to_dict`` walks them, ``from_dict`` rebuilds them from their type hints, and
``json_schema`` derives the published schema from the same hints, so the three
cannot drift apart.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin

from presslens import records
from presslens.errors import DataFormatError

__all__ = ["from_dict", "json_schema", "to_dict"]

T = TypeVar("T")


def to_dict(record: Any) -> Any:
    """A record (or tuple of records) as JSON-ready dicts, lists and scalars."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, tuple | list):
        return [to_dict(item) for item in record]
    if isinstance(record, dict):
        return {key: to_dict(value) for key, value in record.items()}
    return record


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def from_dict(cls: type[T], data: Any) -> T:
    """Rebuild a record of type ``cls`` from :func:`to_dict` output.

    Raises :class:`DataFormatError` naming the first field that does not fit.
    """
    return _build(cls, data, cls.__name__)  # type: ignore[no-any-return]


def _build(tp: Any, value: Any, where: str) -> Any:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        options = get_args(tp)
        if value is None and type(None) in options:
            return None
        inner = [o for o in options if o is not type(None)]
        return _build(inner[0], value, where)
    if origin is Literal:
        if value not in get_args(tp):
            raise DataFormatError(f"{where}: {value!r} is not one of {get_args(tp)}")
        return value
    if origin is tuple:
        if not isinstance(value, list | tuple):
            raise DataFormatError(f"{where}: expected a list, got {type(value).__name__}")
        item_type = get_args(tp)[0]
        return tuple(_build(item_type, v, f"{where}[{i}]") for i, v in enumerate(value))
    if origin is dict:
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise DataFormatError(f"{where}: expected an object, got {type(value).__name__}")
        hints = _hints(tp)
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name in value:
                kwargs[f.name] = _build(hints[f.name], value[f.name], f"{where}.{f.name}")
        try:
            return tp(**kwargs)
        except TypeError as e:
            raise DataFormatError(f"{where}: {e}") from e
    if tp is float and isinstance(value, int):
        return float(value)
    if isinstance(tp, type) and not isinstance(value, tp):
        raise DataFormatError(f"{where}: expected {tp.__name__}, got {type(value).__name__}")
    return value


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of ``Analysis.to_dict()`` output."""
    defs: dict[str, Any] = {}
    root = _schema_of(records.Analysis, defs)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://presslens.invalid/schema/{records.SCHEMA_VERSION}.json",
        "title": "presslens analysis",
        "description": records.Analysis.__doc__,
        **root,
        "$defs": defs,
    }


_SCALARS = {str: "string", int: "integer", float: "number", bool: "boolean"}


def _schema_of(tp: Any, defs: dict[str, Any]) -> dict[str, Any]:
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        return {"anyOf": [_schema_of(option, defs) for option in get_args(tp)]}
    if origin is Literal:
        return {"enum": list(get_args(tp))}
    if origin is tuple:
        return {"type": "array", "items": _schema_of(get_args(tp)[0], defs)}
    if origin is dict:
        return {"type": "object"}
    if tp is type(None):
        return {"type": "null"}
    if tp in _SCALARS:
        return {"type": _SCALARS[tp]}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        name = tp.__name__
        if name not in defs:
            defs[name] = {}  # placeholder against recursion
            hints = _hints(tp)
            fields = dataclasses.fields(tp)
            defs[name] = {
                "type": "object",
                "description": (tp.__doc__ or "").strip(),
                "properties": {f.name: _schema_of(hints[f.name], defs) for f in fields},
                "required": [f.name for f in fields],
                "additionalProperties": False,
            }
        if name == "Analysis":
            return {"$ref": "#/$defs/Analysis"}
        return {"$ref": f"#/$defs/{name}"}
    raise TypeError(f"no JSON schema for type {tp!r}")
