"""The corpus store: an embedded SQLite database of analysed articles.

:mod:`.sqlite` holds the :class:`Store` (connection, writes, integrity),
:mod:`.schema` derives tables from the record classes, :mod:`.migrations`
versions them, :mod:`.keys` says when two articles are the same,
:mod:`.location` finds the default database file, :mod:`.export` writes
tables out as JSONL, CSV or Parquet.
"""

from __future__ import annotations

from presslens.store.location import default_db_path, resolve_db_path
from presslens.store.sqlite import PreparedArticle, Store, WriteResult

__all__ = ["PreparedArticle", "Store", "WriteResult", "default_db_path", "resolve_db_path"]
