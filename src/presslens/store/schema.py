"""Table layouts derived from the record classes in :mod:`presslens.records`.

A record's fields become columns: text, numbers and flags as they are, a
nested record (a span, a speaker) flattened into ``<field>_<subfield>``
columns, and lists as JSON text (declared ``JSON_TEXT``, which SQLite reads as
text and :mod:`presslens.store.export` decodes). So the database, the JSON
output and the Python API describe the same fields.

Every list of records an :class:`~presslens.records.Analysis` holds can be a
table: :data:`RECORD_TABLES` says which are. A new kind of record (techniques,
claims) is stored by adding a :class:`RecordTable` here and a migration in
:mod:`presslens.store.migrations` that calls :func:`create_record_table`;
until then it lives in each article's ``analysis`` JSON, which keeps
everything. The writer fills only the columns a table has, so a field added
to a record later waits in the JSON until a migration adds its column
(:func:`add_missing_columns`).
"""

from __future__ import annotations

import dataclasses
import json
import sqlite3
import types
import typing
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from operator import attrgetter
from typing import Any, Literal, Union, get_args, get_origin

from presslens import records

__all__ = [
    "JSON_TYPE",
    "RECORD_TABLES",
    "Column",
    "RecordTable",
    "add_missing_columns",
    "article_columns",
    "columns_of",
    "create_record_table",
    "outlet_columns",
    "plain",
    "table_columns",
    "to_json",
]

#: Declared type of columns holding JSON (TEXT affinity; the name tells export to decode them).
JSON_TYPE = "JSON_TEXT"

_SCALAR_TYPES = {str: "TEXT", int: "INTEGER", float: "REAL", bool: "INTEGER"}


@dataclass(frozen=True, slots=True)
class Column:
    """A column and how to get its value from a record."""

    name: str
    type: str
    get: Callable[[Any], Any]

    @property
    def sql(self) -> str:
        return f'"{self.name}" {self.type}'


def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls, vars(records))


def _attribute(name: str, convert: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A getter of one field, converted (the writer calls these for every row: plain fields go through
    ``attrgetter``, in C)."""
    getter = attrgetter(name)
    if convert is _identity:
        return getter

    def get(record: Any) -> Any:
        return convert(getter(record))

    return get


def _nested(name: str, inner: Callable[[Any], Any]) -> Callable[[Any], Any]:
    """A getter through a field holding a record or ``None``."""

    def get(record: Any) -> Any:
        value = getattr(record, name)
        return None if value is None else inner(value)

    return get


def _identity(value: Any) -> Any:
    return value


def _as_int(value: Any) -> Any:
    return None if value is None else int(value)


_SCALARS = frozenset({str, int, float, bool, type(None)})
_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def plain(value: Any) -> Any:
    """What :func:`presslens.serialize.to_dict` returns, faster: field names are looked up once per class
    (the writer converts every span of every article)."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is tuple or kind is list:
        return [plain(item) for item in value]
    if kind is dict:
        return {key: plain(item) for key, item in value.items()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        _FIELD_NAMES[kind] = tuple(f.name for f in dataclasses.fields(value))
        return plain(value)
    return value


def to_json(value: Any) -> str:
    """A record (or tuple of records) as JSON text in the output schema."""
    return json.dumps(plain(value), ensure_ascii=False)


def _as_json(value: Any) -> Any:
    return None if value is None else to_json(value)


def columns_of(record_type: type, *, prefix: str = "", exclude: Sequence[str] = ()) -> list[Column]:
    """The columns a record class maps to (nested records flattened with ``<field>_`` prefixes)."""
    return list(_columns_of(record_type, prefix, tuple(exclude)))


@cache
def _columns_of(record_type: type, prefix: str, exclude: tuple[str, ...]) -> tuple[Column, ...]:
    columns: list[Column] = []
    hints = _hints(record_type)
    for f in dataclasses.fields(record_type):
        if f.name in exclude:
            continue
        tp = hints[f.name]
        if get_origin(tp) in (Union, types.UnionType):
            tp = next(a for a in get_args(tp) if a is not type(None))
        name = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(tp):
            for inner in columns_of(tp, prefix=f"{name}_"):  # type: ignore[arg-type]
                columns.append(Column(inner.name, inner.type, _nested(f.name, inner.get)))
        elif get_origin(tp) is Literal:
            columns.append(Column(name, "TEXT", _attribute(f.name, _identity)))
        elif tp in _SCALAR_TYPES:
            convert = _as_int if tp is bool else _identity
            columns.append(Column(name, _SCALAR_TYPES[tp], _attribute(f.name, convert)))
        else:  # tuples, lists, dicts: JSON text
            columns.append(Column(name, JSON_TYPE, _attribute(f.name, _as_json)))
    return tuple(columns)


@dataclass(frozen=True, slots=True)
class RecordTable:
    """A table of the records one :class:`~presslens.records.Analysis` field holds, one row per record.

    Rows carry ``row_id`` (the primary key) and ``article_id``; ``extra``
    columns are computed from the record (for search and display).
    """

    name: str
    field: str
    record: type
    extra: tuple[Column, ...] = ()
    #: SQL statements run after the table is created (indexes, full-text tables).
    after_create: tuple[str, ...] = ()

    def columns(self) -> list[Column]:
        return columns_of(self.record) + list(self.extra)


def _attribution_text(a: records.Attribution) -> str:
    return a.content_text


def _attribution_of(a: records.Attribution) -> str:
    return a.of


def _attribution_start(a: records.Attribution) -> int:
    return a.content[0].start if a.content else 0


def _attribution_end(a: records.Attribution) -> int:
    return a.content[-1].end if a.content else 0


def _mention_count(e: records.Entity) -> int:
    return len(e.mentions)


#: The Analysis fields stored as tables of their own. Export and the writer go through this list.
RECORD_TABLES: tuple[RecordTable, ...] = (
    RecordTable(
        "attributions", "attributions", records.Attribution,
        extra=(Column("text", "TEXT", _attribution_text), Column("content_of", "TEXT", _attribution_of),
               Column("content_start", "INTEGER", _attribution_start),
               Column("content_end", "INTEGER", _attribution_end),
               Column("speaker_id", "INTEGER REFERENCES speakers(id)", _identity)),
    ),
    RecordTable("entities", "entities", records.Entity, extra=(Column("mention_count", "INTEGER", _mention_count),)),
)


def article_columns() -> list[Column]:
    """Columns of ``articles`` taken from the :class:`~presslens.records.Article` record (the outlet
    goes to its own table)."""
    return columns_of(records.Article, exclude=("outlet",))


def outlet_columns() -> list[Column]:
    return columns_of(records.Outlet)


def create_record_table(connection: sqlite3.Connection, table: RecordTable) -> None:
    """Create ``table`` as its record class is now (call from a migration)."""
    columns = ",\n  ".join(c.sql for c in table.columns())
    connection.execute(
        f'CREATE TABLE "{table.name}" (\n  row_id INTEGER PRIMARY KEY,\n'
        f"  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,\n  {columns})"
    )
    connection.execute(f'CREATE INDEX "{table.name}_article" ON "{table.name}"(article_id)')
    for statement in table.after_create:
        connection.execute(statement)


def add_missing_columns(connection: sqlite3.Connection, table: RecordTable) -> list[str]:
    """Add the columns ``table``'s record has gained since the table was made (call from a migration)."""
    present = table_columns(connection, table.name)
    added = []
    for column in table.columns():
        if column.name not in present:
            connection.execute(f'ALTER TABLE "{table.name}" ADD COLUMN {column.sql}')
            added.append(column.name)
    return added


def table_columns(connection: sqlite3.Connection, table: str) -> dict[str, str]:
    """The columns a table has now, with their declared types."""
    return {row[1]: row[2] for row in connection.execute(f'PRAGMA table_info("{table}")')}
