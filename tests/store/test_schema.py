"""Tables derived from records, and how a later record type is added through a migration."""

import sqlite3
from dataclasses import dataclass

from presslens.records import Attribution
from presslens.store import Store
from presslens.store.export import exportable_tables
from presslens.store.schema import JSON_TYPE, RecordTable, add_missing_columns, columns_of, create_record_table
from tests.factories import prepared


def test_columns_flatten_nested_records_and_keep_lists_as_json():
    columns = {c.name: c.type for c in columns_of(Attribution)}
    assert columns["kind"] == "TEXT" and columns["confidence"] == "REAL"
    assert columns["cue_start"] == "INTEGER" and columns["speaker_name"] == "TEXT"
    assert columns["content"] == JSON_TYPE


@dataclass(frozen=True, slots=True)
class Technique:  # stands in for a record type a later issue adds
    id: str
    technique: str
    confidence: float = 1.0


@dataclass(frozen=True, slots=True)
class TechniqueV2:
    id: str
    technique: str
    confidence: float = 1.0
    explanation: str | None = None


def test_a_new_record_table_via_migration_is_written_and_exported(tmp_path):
    store = Store(tmp_path / "c.db")
    table = RecordTable("techniques", "techniques", Technique)
    with store.transaction():
        create_record_table(store.connection, table)
    assert "techniques" in exportable_tables(store)
    with store.transaction():
        article_id = store.add(prepared("Some body text for the article, long enough to hash.")).article_id
        store._add_records(table, article_id, _WithTechniques((Technique("T1", "loaded_language", 0.8),)))
    row = store.query("SELECT * FROM techniques")[0]
    assert (row["id"], row["technique"], row["article_id"]) == ("T1", "loaded_language", article_id)
    # The record gains a field later: a migration adds the column.
    with store.transaction():
        assert add_missing_columns(store.connection, RecordTable("techniques", "techniques", TechniqueV2)) == \
            ["explanation"]
    assert "explanation" in {r[1] for r in store.connection.execute("PRAGMA table_info(techniques)")}
    store.close()


@dataclass(frozen=True)
class _WithTechniques:
    techniques: tuple[Technique, ...]
    entities: tuple[()] = ()


def test_internal_tables_are_not_exported(tmp_path):
    with Store(tmp_path / "c.db") as store:
        tables = exportable_tables(store)
    assert tables[:5] == ["articles", "attributions", "entities", "speakers", "outlets"]
    assert not any(t.startswith("_") for t in tables)
    assert sqlite3.sqlite_version_info >= (3, 35)
