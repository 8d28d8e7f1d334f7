"""search, speakers, trace and stories over hand-built records (no model needed)."""

import pytest

from presslens.corpus import Corpus
from presslens.errors import ConfigError
from tests.factories import prepared

ITEMS = [
    dict(body="Talks ended in Lisbon. \"We have a deal on fishing quotas,\" Ann Lee said. Others disagreed.",
         title="Deal in Lisbon", url="https://a.example/1", outlet="A News", published="2024-01-10",
         quotes=[("We have a deal on fishing quotas,", "Ann Lee", "direct")]),
    dict(body="Ann Lee said a deal on fishing quotas had been reached. Bo Chan said the quotas were too low.",
         title="Quotas agreed", url="https://b.example/2", outlet="B Daily", published="2024-02-03",
         quotes=[("a deal on fishing quotas had been reached", "Ann Lee", "indirect"),
                 ("the quotas were too low", "Bo Chan", "indirect")]),
    dict(body="Bo Chan warned that \"the quotas were far too low for the fleet\" and demanded new talks in March.",
         title="Chan warns on quotas", url="https://b.example/3", outlet="B Daily", published="2024-02-20",
         quotes=[("the quotas were far too low for the fleet", "Bo Chan", "mixed")]),
]


@pytest.fixture
def corpus(tmp_path):
    with Corpus(tmp_path / "c.db") as corpus:
        with corpus.store.transaction():
            for item in ITEMS:
                corpus.store.add(prepared(**item))
        yield corpus


def test_search_quotes_with_filters(corpus):
    assert {h.article.id for h in corpus.search("fishing quotas")} == {1, 2}
    assert [h.kind for h in corpus.search("quotas", kind="mixed")] == ["mixed"]
    assert {h.speaker for h in corpus.search("quotas", speaker="chan")} == {"Bo Chan"}
    assert {h.article.outlet for h in corpus.search("quotas", outlet="b daily")} == {"B Daily"}
    assert {h.article.id for h in corpus.search("quotas", since="2024-02-01", until="2024-02-10")} == {2}
    assert [h.text for h in corpus.search("were too low", phrase=True)] == ["the quotas were too low"]
    assert corpus.search("Ann Lee") == []  # quotes only: the speaker's name is not in what she said


def test_search_article_text(corpus):
    hits = corpus.search("Lisbon", articles=True)
    assert [h.article.title for h in hits] == ["Deal in Lisbon"] and "«Lisbon»" in hits[0].text
    with pytest.raises(ConfigError, match="kind"):
        corpus.search("Lisbon", articles=True, kind="direct")


def test_search_input_is_never_fts_syntax(corpus):
    assert corpus.search('quotas" OR NEAR(x') == []
    with pytest.raises(ConfigError):
        corpus.search("!!!")


def test_speakers_overall_by_outlet_and_month(corpus):
    top = corpus.speakers()
    assert [(c.speaker, c.articles, c.attributions) for c in top] == [("Ann Lee", 2, 2), ("Bo Chan", 2, 2)]
    by_outlet = {(c.group, c.speaker): c.articles for c in corpus.speakers(by="outlet")}
    assert by_outlet == {("A News", "Ann Lee"): 1, ("B Daily", "Ann Lee"): 1, ("B Daily", "Bo Chan"): 2}
    by_month = {(c.group, c.speaker) for c in corpus.speakers(by="month")}
    assert ("2024-02", "Bo Chan") in by_month and ("2024-01", "Ann Lee") in by_month
    assert [c.speaker for c in corpus.speakers(kind="mixed")] == ["Bo Chan"]


def test_trace_links_edited_wordings(corpus):
    trace = corpus.trace("the quotas were too low")
    assert [v.text for v in trace.variants] == ["the quotas were too low", "the quotas were far too low for the fleet"]
    assert [(e.op, e.after) for e in trace.variants[1].edits if e.op != "equal"] == [
        ("insert", "far"), ("insert", "for the fleet")]
    with pytest.raises(ConfigError, match="at least 3 words"):
        corpus.trace("quotas")


def test_stats(corpus):
    stats = corpus.stats()
    assert {k: stats[k] for k in ("articles", "attributions", "speakers", "outlets")} == {
        "articles": 3, "attributions": 4, "speakers": 2, "outlets": 2}
    assert stats["schema_version"] == 1 and stats["bytes"] > 0


def test_quotes_of_one_speaker_across_outlets(corpus):
    quotes = corpus.quotes("ann lee")
    assert [(q.article.outlet, q.kind, q.speaker) for q in quotes] == [("A News", "direct", "Ann Lee"),
                                                                       ("B Daily", "indirect", "Ann Lee")]
    assert [q.attribution for q in quotes] == ["A1", "A1"]
    assert [q.article.id for q in corpus.quotes("Ann Lee", outlet="b daily")] == [2]
    assert corpus.quotes("Ann") == []  # the whole name, not a part of it
    with pytest.raises(ConfigError, match="category"):
        corpus.quotes("Ann Lee", category="rumour")


def test_articles_newest_first_with_filters(corpus):
    assert [a.id for a in corpus.articles()] == [3, 2, 1]
    assert [a.id for a in corpus.articles(outlet="B Daily", limit=1)] == [3]
    assert [a.id for a in corpus.articles(speaker="chan")] == [3, 2]
    assert [a.id for a in corpus.articles(limit=2, offset=2)] == [1]


def test_add_one_analysis_stores_it_once(corpus):
    from tests.factories import analysis

    fresh = analysis("A new article about harbours and quotas, written for the test.", title="Fresh",
                     url="https://c.example/9", outlet="C Post", published="2024-03-01")
    first = corpus.add(fresh)
    assert first.status == "stored" and first.article_id == 4
    again = corpus.add(fresh)
    assert again.status == "duplicate" and again.article_id == 4 and "same URL" in again.reason
    assert corpus.analysis(4).article.title == "Fresh"
