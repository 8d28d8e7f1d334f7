"""Tables out of the store as JSON Lines, CSV or Parquet, for pandas, DuckDB and spreadsheets.

Every data table is exported, found in the database itself rather than
listed here, so record tables added by later migrations (techniques,
claims, ...) are exported without changing this module. Internal tables
(names starting with ``_``: full-text indexes, MinHash bands, failures) and
binary columns are left out; so is the full ``analysis`` JSON except in JSON
Lines, where JSON columns become nested values (in CSV and Parquet they stay
JSON text). Parquet needs pyarrow (the ``corpus`` extra).
"""

from __future__ import annotations

import csv
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, Literal

from presslens.errors import ConfigError, OptionalDependencyError, StoreError
from presslens.store.schema import JSON_TYPE, table_columns
from presslens.store.sqlite import Store

__all__ = ["FORMATS", "export", "exportable_tables"]

Format = Literal["jsonl", "csv", "parquet"]
FORMATS: tuple[str, ...] = ("jsonl", "csv", "parquet")
_FIRST = ("articles", "attributions", "entities", "speakers", "outlets")
_BATCH = 5000


def exportable_tables(store: Store) -> list[str]:
    """The data tables, the main ones first, then any others by name."""
    names = [r[0] for r in store.connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%' "
        "AND substr(name, 1, 1) != '_'")]
    return [n for n in _FIRST if n in names] + sorted(n for n in names if n not in _FIRST)


def _columns(store: Store, table: str, format: str) -> dict[str, str]:
    columns = table_columns(store.connection, table)
    return {name: kind for name, kind in columns.items()
            if "BLOB" not in kind.upper() and not (name == "analysis" and format != "jsonl")}


def _rows(store: Store, table: str, columns: Sequence[str]) -> Iterator[list[sqlite3.Row]]:
    names = ", ".join(f'"{c}"' for c in columns)
    cursor = store.connection.cursor()
    cursor.row_factory = sqlite3.Row
    cursor.execute(f'SELECT {names} FROM "{table}" ORDER BY rowid')
    while batch := cursor.fetchmany(_BATCH):
        yield batch


def export(store: Store, out: Path, *, format: str = "jsonl", tables: Sequence[str] | None = None) -> list[Path]:
    """Write ``out/<table>.<format>`` for each table; returns the paths written."""
    if format not in FORMATS:
        raise ConfigError(f"export format must be one of {', '.join(FORMATS)}, not {format!r}")
    available = exportable_tables(store)
    chosen = list(tables) if tables else available
    unknown = [t for t in chosen if t not in available]
    if unknown:
        raise ConfigError(f"no table {', '.join(unknown)} in {store.path}; tables: {', '.join(available)}")
    writer = {"jsonl": _write_jsonl, "csv": _write_csv, "parquet": _write_parquet}[format]
    if format == "parquet":
        _pyarrow()
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StoreError(f"{out}: cannot create the export folder ({e.strerror or e})") from e
    written = []
    for table in chosen:
        path = out / f"{table}.{format}"
        partial = path.with_name(path.name + ".partial")
        writer(store, table, _columns(store, table, format), partial)
        os.replace(partial, path)  # a reader never sees a half-written file
        written.append(path)
    return written


def _write_jsonl(store: Store, table: str, columns: dict[str, str], path: Path) -> None:
    json_columns = {c for c, kind in columns.items() if kind.upper() == JSON_TYPE}
    with path.open("w", encoding="utf-8") as handle:
        for batch in _rows(store, table, list(columns)):
            for row in batch:
                record: dict[str, Any] = {}
                for name in columns:
                    value = row[name]
                    record[name] = json.loads(value) if name in json_columns and value is not None else value
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")


def _write_csv(store: Store, table: str, columns: dict[str, str], path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(columns))
        for batch in _rows(store, table, list(columns)):
            writer.writerows([["" if row[c] is None else row[c] for c in columns] for row in batch])


def _pyarrow() -> Any:
    try:
        import pyarrow
        import pyarrow.parquet
    except ImportError as e:
        raise OptionalDependencyError("exporting Parquet", "corpus") from e
    return pyarrow


def _write_parquet(store: Store, table: str, columns: dict[str, str], path: Path) -> None:
    pa = _pyarrow()
    import pyarrow.parquet as pq

    def arrow_type(kind: str) -> Any:
        kind = kind.upper()
        if "INT" in kind:
            return pa.int64()
        if any(k in kind for k in ("REAL", "FLOA", "DOUB")):
            return pa.float64()
        return pa.string()

    schema = pa.schema([(name, arrow_type(kind)) for name, kind in columns.items()])
    with pq.ParquetWriter(path, schema) as writer:
        wrote = False
        for batch in _rows(store, table, list(columns)):
            arrays = {name: [row[name] for row in batch] for name in columns}
            writer.write_table(pa.Table.from_pydict(arrays, schema=schema))
            wrote = True
        if not wrote:
            writer.write_table(schema.empty_table())
