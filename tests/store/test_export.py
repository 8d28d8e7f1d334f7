import csv
import json
import sys

import pytest

from presslens.errors import ConfigError, OptionalDependencyError
from presslens.store import Store
from presslens.store.export import export
from tests.factories import prepared

BODY = "Ministers met on Friday. \"We have a deal,\" Ann Lee said after the talks in Lisbon ended late at night."


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "c.db") as s:
        with s.transaction():
            s.add(prepared(BODY, title="Deal", url="https://a.example/deal", outlet="A News", published="2024-01-02",
                           quotes=[("We have a deal,", "Ann Lee", "direct")]))
        yield s


def test_jsonl_decodes_json_columns(store, tmp_path):
    written = export(store, tmp_path / "out", format="jsonl")
    assert [p.name for p in written][:5] == ["articles.jsonl", "attributions.jsonl", "entities.jsonl",
                                             "speakers.jsonl", "outlets.jsonl"]
    article = json.loads((tmp_path / "out" / "articles.jsonl").read_text().splitlines()[0])
    assert article["title"] == "Deal" and article["analysis"]["attributions"][0]["kind"] == "direct"
    assert "minhash" not in article
    quote = json.loads((tmp_path / "out" / "attributions.jsonl").read_text())
    assert quote["content"][0]["text"] == "We have a deal,"


def test_csv(store, tmp_path):
    export(store, tmp_path, format="csv", tables=["attributions"])
    with (tmp_path / "attributions.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["speaker_name"] == "Ann Lee" and rows[0]["kind"] == "direct"


def test_parquet(store, tmp_path):
    pq = pytest.importorskip("pyarrow.parquet")
    export(store, tmp_path, format="parquet")
    table = pq.read_table(tmp_path / "articles.parquet")
    assert table.column("title").to_pylist() == ["Deal"]
    assert "analysis" not in table.column_names
    assert pq.read_table(tmp_path / "outlets.parquet").num_rows == 1


def test_parquet_without_pyarrow_says_how_to_install(store, tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pyarrow", None)
    with pytest.raises(OptionalDependencyError, match=r"pip install 'presslens\[corpus\]'"):
        export(store, tmp_path, format="parquet")


def test_unknown_table_or_format(store, tmp_path):
    with pytest.raises(ConfigError, match="no table nope"):
        export(store, tmp_path, tables=["nope"])
    with pytest.raises(ConfigError, match="format"):
        export(store, tmp_path, format="xlsx")
