"""trace on a quote carried by several articles with edited wording: each variant and its edits."""

import pytest

from presslens.corpus import Corpus
from tests.corpus.articles import write_jsonl

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    root = tmp_path_factory.mktemp("trace")
    with Corpus(root / "c.db") as corpus:
        corpus.ingest([write_jsonl(root / "batch.jsonl")])
        yield corpus


def test_variants_earliest_first_with_word_edits(corpus):
    trace = corpus.trace("we will not close the harbour while I am minister")
    texts = [v.text for v in trace.variants]
    assert texts[0] == "We will not close the harbour while I am minister, whatever the storms bring this winter"
    # The original and its syndicated copy carry the same wording; the copy is listed after it.
    first = trace.variants[0]
    assert [o.article.outlet for o in first.occurrences] == ["Harbour News", "Regional Wire"]
    assert first.occurrences[0].kind == "direct" and first.occurrences[0].speaker == "Elena Sorvik"
    edited = next(v for v in trace.variants if "never" in v.text)
    assert edited.occurrences[0].article.outlet == "Coastal Times"
    changes = [(e.op, e.before, e.after) for e in edited.edits if e.op != "equal"]
    assert changes == [("replace", "not", "never"), ("replace", "the", "this"), ("delete", "this winter", "")]
    # On a banner, in the text with no attribution: found in the article's text, trimmed.
    banner = next(v for v in trace.variants if v.occurrences[0].article.outlet == "Banner Watch")
    assert banner.text == "We will not close the harbour while I am minister"
    assert banner.occurrences[0].kind == "text"
    assert [(e.op, e.before) for e in banner.edits if e.op != "equal"] == [
        ("delete", "whatever the storms bring this winter")]
    days = [v.first_day for v in trace.variants]
    assert days == sorted(days)
    assert trace.articles == 4


def test_unrelated_quotes_stay_out(corpus):
    trace = corpus.trace("this is a promise nobody can pay for")
    assert [o.article.outlet for v in trace.variants for o in v.occurrences] == ["Daily Ledger"]


def test_stories_group_the_harbour_articles(corpus):
    stories = corpus.stories()
    by_title = {s.title: {a.outlet for a in s.articles} for s in stories}
    harbour = by_title["Minister vows to keep harbour open"]
    assert {"Harbour News", "Coastal Times", "Regional Wire"} <= harbour
    assert {"Capital Post", "Morning Star"} == by_title["Kestria parliament passes budget"]
