"""Every corpus command, through the CLI."""

import json

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from presslens.corpus import Corpus
from tests.conftest import DATA, need
from tests.corpus.articles import write_jsonl
from tests.factories import prepared

runner = CliRunner()


@pytest.fixture
def db(tmp_path):
    path = tmp_path / "c.db"
    with Corpus(path) as corpus, corpus.store.transaction():
        corpus.store.add(prepared("Talks ended. \"We have a deal on fishing quotas,\" Ann Lee said on Friday.",
                                  title="Deal", url="https://a.example/1", outlet="A News", published="2024-01-10",
                                  quotes=[("We have a deal on fishing quotas,", "Ann Lee", "direct")]))
    return path


@pytest.mark.model
def test_ingest_then_query(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl")
    db = tmp_path / "c.db"
    result = runner.invoke(app, ["ingest", str(path), str(tmp_path / "missing.jsonl"), "--db", str(db), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert (summary["stored"], summary["copies"], summary["failed"]) == (7, 1, 1)
    assert summary["failures"][0]["reason"] == "no such file or directory"
    result = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert "stored 0 article(s)" in result.stdout and "skipped 7 duplicate(s)" in result.stdout
    result = runner.invoke(app, ["trace", "we will not close the harbour while I am minister", "--db", str(db)])
    assert result.exit_code == 0
    assert "Variant 1 (original wording)" in result.stdout and "[-not-] {+never+}" in result.stdout


def test_ingest_exit_status_when_everything_fails(tmp_path):
    (tmp_path / "bad.jsonl").write_text("nope\n", encoding="utf-8")
    result = runner.invoke(app, ["ingest", str(tmp_path / "bad.jsonl"), "--db", str(tmp_path / "c.db")])
    assert result.exit_code == 1
    assert "bad.jsonl:1: not valid JSON" in result.stderr


def test_db_stats_json(db):
    result = runner.invoke(app, ["db", "stats", "--json", "--db", str(db)])
    assert result.exit_code == 0
    stats = json.loads(result.stdout)
    assert {k: stats[k] for k in ("articles", "attributions", "speakers", "outlets")} == {
        "articles": 1, "attributions": 1, "speakers": 1, "outlets": 1}


def test_db_check_and_missing_database(db, tmp_path):
    assert runner.invoke(app, ["db", "check", "--db", str(db)]).stdout.strip() == "ok"
    result = runner.invoke(app, ["db", "stats", "--db", str(tmp_path / "none.db")])
    assert result.exit_code == 1 and "presslens ingest" in result.stderr


def test_search(db):
    result = runner.invoke(app, ["search", "fishing", "--speaker", "Lee", "--kind", "direct", "--db", str(db)])
    assert result.exit_code == 0 and "Ann Lee" in result.stdout
    result = runner.invoke(app, ["search", "fishing", "--json", "--outlet", "A News", "--db", str(db)])
    assert json.loads(result.stdout)[0]["article"]["outlet"] == "A News"


def test_speakers(db):
    result = runner.invoke(app, ["speakers", "--by", "month", "--json", "--db", str(db)])
    assert json.loads(result.stdout)[0] | {"first_day": None, "last_day": None} == {
        "speaker": "Ann Lee", "label": "PERSON", "group": "2024-01", "attributions": 1, "articles": 1, "outlets": 1,
        "first_day": None, "last_day": None}


def test_trace_json(db):
    result = runner.invoke(app, ["trace", "a deal on fishing quotas", "--json", "--db", str(db)])
    data = json.loads(result.stdout)
    assert data["articles"] == 1 and data["variants"][0]["occurrences"][0]["speaker"] == "Ann Lee"


def test_stories(db):
    result = runner.invoke(app, ["stories", "--min-articles", "1", "--json", "--db", str(db)])
    assert json.loads(result.stdout)[0]["title"] == "Deal"


def test_export(db, tmp_path):
    result = runner.invoke(app, ["export", "--format", "csv", "--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 0
    assert (tmp_path / "out" / "attributions.csv").exists() and (tmp_path / "out" / "articles.csv").exists()
    result = runner.invoke(app, ["export", "--table", "nope", "--out", str(tmp_path / "out"), "--db", str(db)])
    assert result.exit_code == 1 and "no table nope" in result.stderr


def test_bench_store_small(tmp_path):
    result = runner.invoke(app, ["bench", "store", "--articles", "40", "--attributions", "400", "--queries", "20",
                                 "--runs", "1", "--dir", str(tmp_path), "--json"])
    assert result.exit_code in (0, 1), result.output  # 1 means a bar was missed on this machine
    data = json.loads(result.stdout)
    assert data["search_attributions"] == 400 and data["write_rate"] > 0
    assert set(data["bars"]) == {"write_rate >= 500 articles/s", "search median < 50 ms"}


@pytest.mark.data
def test_eval_stories_on_ecbplus():
    result = runner.invoke(app, ["eval", "stories", str(need(DATA / "ecbplus")), "--format", "json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["docs"] == 772
    assert set(scores["bcubed"]) == set(scores["pairwise"]) == {"p", "r", "f1"}
