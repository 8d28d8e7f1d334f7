"""The corpus database: one SQLite file in WAL mode, written by one process at a time.

Each article goes in with its attributions, entities, full-text entries and
MinHash bands in the same transaction as the batch it belongs to, so after a
crash (even ``kill -9``) an article is either completely there or not at all,
and a rerun stores exactly the ones missing. Uniqueness is enforced by the
database itself (unique indexes on the normalised URL and the content hash),
not only by checks before writing.

``synchronous=NORMAL`` with WAL keeps every committed transaction through a
process crash; only a power cut may lose the last commits (never corrupting
the file).
"""

from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

from presslens.errors import StoreError
from presslens.link.minhash import MinHasher, jaccard_estimate
from presslens.records import Analysis, Failure
from presslens.store.keys import day_of
from presslens.store.location import resolve_db_path
from presslens.store.migrations import migrate, version_of
from presslens.store.schema import (
    RECORD_TABLES,
    Column,
    RecordTable,
    article_columns,
    outlet_columns,
    table_columns,
    to_json,
)

__all__ = ["PreparedArticle", "Store", "WriteResult"]


@dataclass(frozen=True, slots=True)
class PreparedArticle:
    """An analysed article with the keys the store checks: what ingest workers hand back (plain data)."""

    analysis: Analysis
    content_hash: str
    url_key: str | None = None
    raw_hash: str | None = None
    #: MinHash signature as the bytes of a uint32 array, and how many shingles it summarises.
    signature: bytes = b""
    shingles: int = 0


@dataclass(frozen=True, slots=True)
class WriteResult:
    """What :meth:`Store.add` did: ``stored`` (``copy_of`` set for a near-copy) or ``duplicate``."""

    status: Literal["stored", "duplicate"]
    article_id: int
    reason: str = ""
    copy_of: int | None = None
    similarity: float | None = None


class Store:
    """The corpus database at ``path`` (see :mod:`presslens.store.location` for the default).

    ``create=False`` refuses a path with no database instead of making one.
    Near-copies: an article whose estimated Jaccard similarity (word 5-grams)
    with a stored one reaches ``near_copy``, or that is contained in it to
    ``containment`` (trimmed versions), is stored linked to it (``copy_of``).
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True,
                 near_copy: float = 0.7, containment: float = 0.9, hasher: MinHasher | None = None) -> None:
        self.path = resolve_db_path(path)
        self.near_copy, self.containment = near_copy, containment
        self.hasher = hasher or MinHasher()
        if not self.path.exists() and not create:
            raise StoreError(f"{self.path}: no corpus database here; create one with `presslens ingest PATH --db "
                             f"{self.path}` (or set PRESSLENS_DB)")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.connection = sqlite3.connect(self.path, isolation_level=None, timeout=60)
        except (OSError, sqlite3.Error) as e:
            raise StoreError(f"{self.path}: cannot open the corpus database ({e})") from e
        try:
            self._setup()
        except sqlite3.DatabaseError as e:
            self.connection.close()
            raise StoreError(f"{self.path}: not a usable presslens database ({e})") from e
        self._outlets: dict[str, int] = {}
        self._speakers: dict[str, int] = {}
        self._insert_sql: dict[str, tuple[str, list[Column]]] = {}

    def _setup(self) -> None:
        c = self.connection
        c.execute("PRAGMA busy_timeout = 60000")
        mode = c.execute("PRAGMA journal_mode = WAL").fetchone()[0]
        if str(mode).lower() != "wal":
            raise StoreError(f"{self.path}: SQLite could not switch the database to WAL mode (got {mode!r})")
        c.execute("PRAGMA synchronous = NORMAL")
        c.execute("PRAGMA cache_size = -32768")  # 32 MiB: the indexes a growing corpus writes into stay in memory
        c.execute("PRAGMA foreign_keys = ON")
        try:
            c.execute("CREATE VIRTUAL TABLE temp._presslens_fts_probe USING fts5(x)")
            c.execute("DROP TABLE temp._presslens_fts_probe")
        except sqlite3.OperationalError as e:
            raise StoreError(f"this Python's SQLite ({sqlite3.sqlite_version}) has no FTS5 full-text search, which "
                             "the corpus needs; use a Python built with FTS5 (the python.org and most Linux "
                             "builds are)") from e
        migrate(c, str(self.path))

    # -- life cycle -------------------------------------------------------------

    def close(self) -> None:
        self.connection.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """One write transaction: everything inside is committed together or not at all."""
        self.connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self.connection.execute("ROLLBACK")
            # Ids cached inside the transaction may belong to rows that no longer exist.
            self._outlets.clear()
            self._speakers.clear()
            raise
        else:
            self.connection.execute("COMMIT")

    @property
    def version(self) -> int:
        return version_of(self.connection)

    # -- reading ------------------------------------------------------------------

    def query(self, sql: str, params: Sequence[Any] | dict[str, Any] = ()) -> list[sqlite3.Row]:
        """Rows of a read query, addressable by column name."""
        cursor = self.connection.cursor()
        cursor.row_factory = sqlite3.Row
        return cursor.execute(sql, params).fetchall()

    def known(self, *, url_key: str | None = None, raw_hash: str | None = None,
              content_hash: str | None = None) -> tuple[int, str] | None:
        """The stored article with this URL, raw input or content, and which key matched."""
        checks = (("url_key", url_key, "same URL"), ("raw_hash", raw_hash, "same input"),
                  ("content_hash", content_hash, "same content"))
        for column, value, why in checks:
            if value is None:
                continue
            row = self.connection.execute(f"SELECT id FROM articles WHERE {column} = ? LIMIT 1", (value,)).fetchone()
            if row is not None:
                return int(row[0]), why
        return None

    def analysis(self, article_id: int) -> Analysis:
        """The full analysis stored for an article."""
        row = self.connection.execute("SELECT analysis FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise StoreError(f"{self.path}: no article {article_id}")
        return Analysis.from_dict(json.loads(row[0]))

    def counts(self) -> dict[str, int]:
        """How many of each thing the corpus holds."""
        one = self.connection.execute
        return {
            "articles": one("SELECT count(*) FROM articles").fetchone()[0],
            "originals": one("SELECT count(*) FROM articles WHERE copy_of IS NULL").fetchone()[0],
            "copies": one("SELECT count(*) FROM articles WHERE copy_of IS NOT NULL").fetchone()[0],
            "attributions": one("SELECT count(*) FROM attributions").fetchone()[0],
            "speakers": one("SELECT count(*) FROM speakers").fetchone()[0],
            "entities": one("SELECT count(*) FROM entities").fetchone()[0],
            "outlets": one("SELECT count(*) FROM outlets").fetchone()[0],
            "failures": one("SELECT count(*) FROM _failures").fetchone()[0],
        }

    def failures(self) -> list[Failure]:
        return [Failure(r[0], r[1], r[2]) for r in
                self.connection.execute("SELECT source, reason, error FROM _failures ORDER BY source")]

    def integrity(self) -> list[str]:
        """``PRAGMA integrity_check`` plus the full-text indexes' own check; ``["ok"]`` when sound."""
        problems = [r[0] for r in self.connection.execute("PRAGMA integrity_check")]
        for table in ("_fts_articles", "_fts_attributions"):
            try:
                self.connection.execute(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")
            except sqlite3.DatabaseError as e:
                problems.append(f"{table}: {e}")
        return problems if problems != ["ok"] else ["ok"]

    # -- writing ------------------------------------------------------------------

    def add(self, item: PreparedArticle) -> WriteResult:
        """Store one analysed article, unless the corpus has it already. Call inside :meth:`transaction`."""
        existing = self.known(url_key=item.url_key, content_hash=item.content_hash)
        if existing is not None:
            return WriteResult("duplicate", existing[0], f"{existing[1]} as article {existing[0]}")
        bands = self.hasher.band_hashes(np.frombuffer(item.signature, dtype=np.uint32)) if item.signature else []
        copy_of, similarity = self._near_copy(item, bands)
        article = item.analysis.article
        outlet_id = self._outlet_id(item.analysis)
        values: dict[str, Any] = {
            "outlet_id": outlet_id, "day": day_of(article.published), "url_key": item.url_key,
            "content_hash": item.content_hash, "raw_hash": item.raw_hash, "copy_of": copy_of,
            "similarity": similarity, "minhash": item.signature or None, "shingles": item.shingles,
            "analysis": to_json(item.analysis),
            "schema": item.analysis.schema, "ingested_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        sql, columns = self._insert("articles", article_columns(), list(values))
        cursor = self.connection.execute(sql, [c.get(article) for c in columns] + list(values.values()))
        article_id = int(cursor.lastrowid or 0)
        for table in RECORD_TABLES:
            self._add_records(table, article_id, item.analysis)
        if bands:
            self.connection.executemany("INSERT OR IGNORE INTO _minhash_bands(band, hash, article_id) VALUES (?, ?, ?)",
                                        [(band, h, article_id) for band, h in bands])
        if article.source:
            self.connection.execute("DELETE FROM _failures WHERE source = ?", (article.source,))
        return WriteResult("stored", article_id, copy_of=copy_of, similarity=similarity)

    def record_failure(self, failure: Failure) -> None:
        """Remember an input that failed and why (replacing what an earlier run said about it)."""
        self.connection.execute(
            "INSERT INTO _failures(source, reason, error, at) VALUES (?, ?, ?, ?) ON CONFLICT(source) DO UPDATE "
            "SET reason = excluded.reason, error = excluded.error, at = excluded.at",
            (failure.source, failure.reason, failure.error, time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))

    def forget_failure(self, source: str) -> None:
        self.connection.execute("DELETE FROM _failures WHERE source = ?", (source,))

    def _near_copy(self, item: PreparedArticle, bands: list[tuple[int, int]]) -> tuple[int | None, float | None]:
        if not bands:
            return None, None
        placeholders = ", ".join("(?, ?)" for _ in bands)
        # A join from the band values, so each band is one lookup in the (band, hash) primary key.
        candidates = self.connection.execute(
            f"SELECT a.id, a.copy_of, a.minhash, a.shingles FROM articles a WHERE a.id IN ("
            f"SELECT b.article_id FROM (VALUES {placeholders}) AS v "
            f"JOIN _minhash_bands b ON b.band = v.column1 AND b.hash = v.column2)",
            [v for pair in bands for v in pair]).fetchall()
        best: tuple[float, int] | None = None
        for article_id, copy_of, signature, shingles in candidates:
            if not signature:
                continue
            jaccard = jaccard_estimate(item.signature, signature)
            if self._is_copy(jaccard, item.shingles, shingles or 0) and (best is None or jaccard > best[0]):
                best = (jaccard, int(copy_of or article_id))
        return (best[1], round(best[0], 3)) if best else (None, None)

    def _is_copy(self, jaccard: float, size_a: int, size_b: int) -> bool:
        if jaccard >= self.near_copy:
            return True
        smaller = min(size_a, size_b)
        if jaccard < 0.3 or smaller < 20:
            return False
        # |A ∩ B| = J (|A| + |B|) / (1 + J): the share of the shorter text found in the longer one.
        return jaccard * (size_a + size_b) / ((1 + jaccard) * smaller) >= self.containment

    def _outlet_id(self, analysis: Analysis) -> int | None:
        outlet = analysis.article.outlet
        if outlet is None or not outlet.name.strip():
            return None
        if outlet.name in self._outlets:
            return self._outlets[outlet.name]
        row = self.connection.execute("SELECT id FROM outlets WHERE name = ?", (outlet.name,)).fetchone()
        if row is None:
            sql, columns = self._insert("outlets", outlet_columns(), [])
            row = (self.connection.execute(sql, [c.get(outlet) for c in columns]).lastrowid,)
        self._outlets[outlet.name] = int(row[0])
        return int(row[0])

    def _speaker_id(self, name: str, label: str | None) -> int:
        key = " ".join(name.casefold().split())
        if key in self._speakers:
            return self._speakers[key]
        row = self.connection.execute("SELECT id FROM speakers WHERE key = ?", (key,)).fetchone()
        if row is None:
            row = (self.connection.execute("INSERT INTO speakers(name, label, key) VALUES (?, ?, ?)",
                                           (name, label, key)).lastrowid,)
        self._speakers[key] = int(row[0])
        return int(row[0])

    def _add_records(self, table: RecordTable, article_id: int, analysis: Analysis) -> None:
        records = getattr(analysis, table.field, ())
        if not records:
            return
        sql, columns = self._insert(table.name, table.columns(), ["article_id"])
        labels = {e.id: e.label for e in analysis.entities}
        rows = []
        for record in records:
            row: list[Any] = []
            for column in columns:
                if column.name == "speaker_id":
                    speaker = getattr(record, "speaker", None)
                    row.append(self._speaker_id(speaker.name, labels.get(speaker.entity or "")) if speaker else None)
                else:
                    row.append(column.get(record))
            rows.append([*row, article_id])
        self.connection.executemany(sql, rows)

    def _insert(self, table: str, derived: list[Column], extra: list[str]) -> tuple[str, list[Column]]:
        """An INSERT for the derived columns the table really has (a newer record's extra fields wait in
        the analysis JSON until a migration adds their columns), followed by ``extra`` columns."""
        key = f"{table}:{','.join(extra)}"
        if key not in self._insert_sql:
            present = table_columns(self.connection, table)
            columns = [c for c in derived if c.name in present]
            names = ", ".join(f'"{n}"' for n in [c.name for c in columns] + extra)
            marks = ", ".join("?" for _ in range(len(columns) + len(extra)))
            self._insert_sql[key] = (f'INSERT INTO "{table}" ({names}) VALUES ({marks})', columns)
        return self._insert_sql[key]


def database_size(path: Path) -> int:
    """Bytes on disk of the database with its WAL file."""
    return sum(p.stat().st_size for p in (path, path.with_name(path.name + "-wal")) if p.exists())
