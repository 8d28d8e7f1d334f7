"""Versioned migrations of the corpus database.

The database's version is SQLite's ``user_version``. Each migration runs in
one transaction together with the version bump, so a database is always at
exactly one version; a database from a newer presslens is refused rather than
damaged. To store a new kind of record, append a migration, for example::

    Migration(2, "techniques table", lambda c: create_record_table(c, TECHNIQUES))

(with ``TECHNIQUES`` added to :data:`presslens.store.schema.RECORD_TABLES`).
Never edit a migration that has shipped.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass

from presslens.errors import StoreError
from presslens.store.schema import JSON_TYPE, RECORD_TABLES, article_columns, create_record_table, outlet_columns

__all__ = ["LATEST", "MIGRATIONS", "Migration", "migrate", "version_of"]


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    description: str
    apply: Callable[[sqlite3.Connection], None]


def _initial(c: sqlite3.Connection) -> None:
    outlet = ",\n  ".join(col.sql + (" NOT NULL UNIQUE" if col.name == "name" else "") for col in outlet_columns())
    c.execute(f"CREATE TABLE outlets (\n  id INTEGER PRIMARY KEY,\n  {outlet})")
    c.execute("""CREATE TABLE speakers (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  label TEXT,
  key TEXT NOT NULL UNIQUE)""")
    article = ",\n  ".join(col.sql for col in article_columns())
    c.execute(f"""CREATE TABLE articles (
  id INTEGER PRIMARY KEY,
  {article},
  outlet_id INTEGER REFERENCES outlets(id),
  day TEXT,
  url_key TEXT,
  content_hash TEXT NOT NULL,
  raw_hash TEXT,
  copy_of INTEGER REFERENCES articles(id),
  similarity REAL,
  minhash BLOB,
  shingles INTEGER,
  analysis {JSON_TYPE} NOT NULL,
  schema TEXT NOT NULL,
  ingested_at TEXT NOT NULL)""")
    c.execute("CREATE UNIQUE INDEX articles_url_key ON articles(url_key) WHERE url_key IS NOT NULL")
    c.execute("CREATE UNIQUE INDEX articles_content_hash ON articles(content_hash)")
    c.execute("CREATE INDEX articles_raw_hash ON articles(raw_hash)")
    c.execute("CREATE INDEX articles_day ON articles(day)")
    c.execute("CREATE INDEX articles_outlet ON articles(outlet_id)")
    c.execute("CREATE INDEX articles_copy_of ON articles(copy_of)")
    for table in RECORD_TABLES:
        create_record_table(c, table)
    # Full-text indexes over the tables' own text (external content: nothing is stored twice).
    tokenizer = "tokenize = 'unicode61 remove_diacritics 2'"
    c.execute(f"CREATE VIRTUAL TABLE _fts_articles USING fts5(title, body, content='articles', "
              f"content_rowid='id', {tokenizer})")
    c.execute(f"CREATE VIRTUAL TABLE _fts_attributions USING fts5(text, content='attributions', "
              f"content_rowid='row_id', {tokenizer})")
    c.execute("""CREATE TRIGGER _fts_articles_insert AFTER INSERT ON articles BEGIN
  INSERT INTO _fts_articles(rowid, title, body) VALUES (new.id, new.title, new.body); END""")
    c.execute("""CREATE TRIGGER _fts_articles_delete AFTER DELETE ON articles BEGIN
  INSERT INTO _fts_articles(_fts_articles, rowid, title, body) VALUES ('delete', old.id, old.title, old.body); END""")
    c.execute("""CREATE TRIGGER _fts_attributions_insert AFTER INSERT ON attributions BEGIN
  INSERT INTO _fts_attributions(rowid, text) VALUES (new.row_id, new.text); END""")
    c.execute("""CREATE TRIGGER _fts_attributions_delete AFTER DELETE ON attributions BEGIN
  INSERT INTO _fts_attributions(_fts_attributions, rowid, text) VALUES ('delete', old.row_id, old.text); END""")
    # MinHash LSH buckets for finding near-copies.
    c.execute("""CREATE TABLE _minhash_bands (
  band INTEGER NOT NULL,
  hash INTEGER NOT NULL,
  article_id INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
  PRIMARY KEY (band, hash, article_id)) WITHOUT ROWID""")
    # Inputs that failed, with why; cleared when the same input later goes in.
    c.execute("""CREATE TABLE _failures (
  source TEXT PRIMARY KEY,
  reason TEXT NOT NULL,
  error TEXT NOT NULL,
  at TEXT NOT NULL)""")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "outlets, speakers, articles, attributions, entities; full-text indexes; MinHash bands; failures",
              _initial),
)
LATEST = MIGRATIONS[-1].version


def version_of(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def migrate(connection: sqlite3.Connection, where: str) -> int:
    """Bring the database up to :data:`LATEST`; returns the version it had. ``where`` names it in errors.

    The connection must be in autocommit mode (``isolation_level=None``).
    """
    start = version_of(connection)
    if start > LATEST:
        raise StoreError(f"{where}: the database is at schema version {start}, newer than this presslens "
                         f"understands ({LATEST}); upgrade presslens")
    for migration in MIGRATIONS:
        if migration.version <= start:
            continue
        connection.execute("BEGIN IMMEDIATE")
        try:
            # Another process may have migrated while we waited for the lock.
            if version_of(connection) >= migration.version:
                connection.execute("ROLLBACK")
                continue
            migration.apply(connection)
            connection.execute(f"PRAGMA user_version = {migration.version}")
            connection.execute("COMMIT")
        except sqlite3.Error as e:
            connection.execute("ROLLBACK")
            raise StoreError(f"{where}: migration {migration.version} ({migration.description}) failed: {e}") from e
    return start
