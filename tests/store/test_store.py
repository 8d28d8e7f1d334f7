import sqlite3

import pytest

from presslens.errors import StoreError
from presslens.records import Failure
from presslens.store import Store
from presslens.store.location import data_dir, default_db_path
from presslens.store.migrations import LATEST
from tests.factories import prepared

BODY = ("The port of Nordhaven reopened on Monday after a week of repairs, officials said. \"The damage was worse "
        "than we thought, but the crews worked day and night,\" harbour master Ines Dahl said. Shipping companies "
        "said delays would last until the end of the month, and fishermen asked the council for compensation "
        "after losing two weeks of catches to the closure of the harbour.")
QUOTE = "The damage was worse than we thought, but the crews worked day and night,"


@pytest.fixture
def store(tmp_path):
    with Store(tmp_path / "corpus.db") as s:
        yield s


def _add(store, item):
    with store.transaction():
        return store.add(item)


def test_new_database_is_migrated_in_wal_mode(store):
    assert store.version == LATEST
    assert store.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert store.integrity() == ["ok"]


def test_article_rows_follow_the_records(store):
    result = _add(store, prepared(BODY, title="Port reopens", url="https://gulf.example/port", outlet="Gulf Wire",
                                  published="2024-03-04", quotes=[(QUOTE, "Ines Dahl", "direct")]))
    assert result.status == "stored"
    row = store.query("SELECT * FROM articles")[0]
    assert (row["title"], row["day"], row["url_key"]) == ("Port reopens", "2024-03-04", "gulf.example/port")
    quote = store.query("SELECT * FROM attributions")[0]
    assert (quote["kind"], quote["text"], quote["speaker_name"]) == ("direct", QUOTE, "Ines Dahl")
    assert quote["content_start"] == BODY.index(QUOTE)
    assert store.query("SELECT name, label FROM speakers")[0]["label"] == "PERSON"
    assert store.analysis(result.article_id).attributions[0].content_text == QUOTE
    assert store.counts() == {"articles": 1, "originals": 1, "copies": 0, "attributions": 1, "speakers": 1,
                              "entities": 1, "outlets": 1, "failures": 0}


def test_same_url_or_same_content_adds_nothing(store):
    first = _add(store, prepared(BODY, url="https://gulf.example/port"))
    again = _add(store, prepared(BODY + " Extra.", url="https://www.gulf.example/port/?utm_source=x"))
    same_text = _add(store, prepared(BODY, url="https://other.example/copy"))
    assert first.status == "stored"
    assert (again.status, again.article_id, again.reason) == ("duplicate", first.article_id,
                                                              f"same URL as article {first.article_id}")
    assert same_text.status == "duplicate" and "same content" in same_text.reason
    assert store.counts()["articles"] == 1


def test_near_copy_is_stored_linked_to_its_original(store):
    original = _add(store, prepared(BODY, url="https://gulf.example/port", outlet="Gulf Wire"))
    copy = _add(store, prepared(BODY.replace("Monday", "Tuesday"), url="https://post.example/p", outlet="Post"))
    other = _add(store, prepared("Parliament passed the budget on Thursday after a long debate about pensions, "
                                 "schools and the health service, with the opposition voting against it.",
                                 url="https://post.example/budget"))
    assert copy.status == "stored" and copy.copy_of == original.article_id and copy.similarity >= 0.7
    assert other.copy_of is None
    counts = store.counts()
    assert (counts["articles"], counts["copies"]) == (3, 1)


def test_trimmed_version_is_a_near_copy(store):
    long_body = BODY + " " + " ".join(f"Paragraph {i} adds detail about tides, cranes and berth number {i}."
                                      for i in range(2))
    original = _add(store, prepared(long_body, url="https://a.example/1"))
    trimmed = _add(store, prepared(BODY, url="https://b.example/1"))
    assert trimmed.copy_of == original.article_id
    # A short version wholly inside a long one: low Jaccard, high containment.
    assert store._is_copy(0.5, 100, 50) and not store._is_copy(0.5, 100, 100) and not store._is_copy(0.2, 100, 20)


def test_a_failed_transaction_leaves_nothing(store):
    with pytest.raises(RuntimeError), store.transaction():
        store.add(prepared(BODY, url="https://gulf.example/port", outlet="Gulf Wire"))
        raise RuntimeError("killed")
    assert store.counts()["articles"] == 0 and store.counts()["outlets"] == 0
    assert _add(store, prepared(BODY, url="https://gulf.example/port", outlet="Gulf Wire")).status == "stored"


def test_uniqueness_is_enforced_by_the_database(store):
    _add(store, prepared(BODY, url="https://gulf.example/port"))
    with pytest.raises(sqlite3.IntegrityError):
        store.connection.execute("INSERT INTO articles(body, content_hash, analysis, schema, ingested_at) "
                                 "SELECT body, content_hash, analysis, schema, ingested_at FROM articles")


def test_failures_are_remembered_until_the_input_goes_in(store):
    with store.transaction():
        store.record_failure(Failure("feed.rss#2", "feed entry has no content or summary"))
        store.record_failure(Failure("feed.rss#2", "second reason"))
    assert store.failures() == [Failure("feed.rss#2", "second reason")]
    _add(store, prepared(BODY, source="feed.rss#2"))
    assert store.failures() == []


def test_read_only_open_refuses_a_missing_database(tmp_path):
    with pytest.raises(StoreError, match="presslens ingest"):
        Store(tmp_path / "none.db", create=False)


def test_not_a_database(tmp_path):
    path = tmp_path / "junk.db"
    path.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(StoreError, match=r"junk\.db"):
        Store(path)


def test_newer_database_is_refused(tmp_path):
    path = tmp_path / "new.db"
    Store(path).close()
    connection = sqlite3.connect(path)
    connection.execute(f"PRAGMA user_version = {LATEST + 1}")
    connection.close()
    with pytest.raises(StoreError, match="upgrade presslens"):
        Store(path)


def test_default_location(monkeypatch, tmp_path):
    assert default_db_path({"PRESSLENS_DB": str(tmp_path / "x.db")}) == tmp_path / "x.db"
    assert data_dir({"HOME": "/home/u"}, "linux").as_posix() == "/home/u/.local/share/presslens"
    assert data_dir({"HOME": "/home/u", "XDG_DATA_HOME": "/data"}, "linux").as_posix() == "/data/presslens"
    assert data_dir({"HOME": "/Users/u"}, "darwin").as_posix() == "/Users/u/Library/Application Support/presslens"
    monkeypatch.setenv("PRESSLENS_DB", str(tmp_path / "env.db"))
    with Store() as store:
        assert store.path == tmp_path / "env.db"
