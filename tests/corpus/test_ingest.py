"""Ingest with the real model: stored once, near-copies linked, bad inputs reported, workers agree."""

import pytest

from presslens.corpus import Corpus
from tests.corpus.articles import ARTICLES, write_jsonl

pytestmark = pytest.mark.model


def _stored(corpus):
    return {(r["url"], r["copy_of"] is not None, r["n"]) for r in corpus.store.query(
        "SELECT ar.url, ar.copy_of, (SELECT count(*) FROM attributions a WHERE a.article_id = ar.id) AS n "
        "FROM articles ar")}


def test_ingest_stores_each_article_once(tmp_path):
    inputs = tmp_path / "in"
    inputs.mkdir()
    write_jsonl(inputs / "batch.jsonl")
    (inputs / "later.jsonl").write_text(  # the first article again, its URL dressed up differently
        '{"url": "http://www.harbour-news.example/2024/03/01/minister/?utm_source=x", "text": "Other text."}\n'
        "not json\n", encoding="utf-8")
    (inputs / "empty.txt").write_bytes(b"")
    with Corpus(tmp_path / "c.db") as corpus:
        report = corpus.ingest([inputs])
        assert report.stored == len(ARTICLES) and report.copies == 1
        assert [why for _, why in report.duplicates] == ["same URL as an input earlier in this run"]
        assert sorted(f.source.rsplit("/", 1)[-1] for f in report.failures) == ["empty.txt", "later.jsonl:2"]
        stats = corpus.stats()
        assert (stats["articles"], stats["copies"], stats["failures"]) == (len(ARTICLES), 1, 2)
        copy = corpus.store.query("SELECT copy_of FROM articles WHERE url LIKE '%regional-wire%'")[0]["copy_of"]
        assert copy == 1
        before = _stored(corpus)
        again = corpus.ingest([inputs])
        assert again.stored == 0 and len(again.duplicates) == len(ARTICLES) + 1
        assert _stored(corpus) == before and corpus.store.integrity() == ["ok"]


def test_workers_store_the_same(tmp_path):
    path = write_jsonl(tmp_path / "batch.jsonl")
    with Corpus(tmp_path / "one.db") as one, Corpus(tmp_path / "two.db") as two:
        one.ingest([path], workers=1)
        two.ingest([path], workers=2)
        assert _stored(one) == _stored(two)
