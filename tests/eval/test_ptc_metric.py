"""The PTC metrics on hand-computed cases, and the reader's errors."""

import pytest

from presslens.errors import DataFormatError
from presslens.eval.ptc import GoldSpan, merge_spans, read_articles, read_labels, si_score, tc_score


def test_merge_joins_overlaps_but_not_touching_spans():
    assert merge_spans([(5, 10), (0, 3), (8, 12), (12, 14)]) == [(0, 3), (5, 12), (12, 14)]


def test_si_partial_credit_by_hand():
    # gold 0-10; predicted 5-15 shares 5 chars: P = 5/10, R = 5/10
    score = si_score({"1": [(5, 15)]}, {"1": [(0, 10)]})
    assert (score.p, score.r, score.f1) == (0.5, 0.5, 0.5)


def test_si_sums_over_pairs_and_averages_over_spans():
    # one long prediction over two gold spans: precision (4 + 2) / 20, recall (4/4 + 2/2) / 2
    score = si_score({"1": [(0, 20)]}, {"1": [(2, 6), (10, 12)]})
    assert score.p == pytest.approx(6 / 20)
    assert score.r == pytest.approx(1.0)


def test_si_merges_overlapping_gold_of_different_techniques_and_counts_missed_articles():
    score = si_score({"1": [(0, 10)]}, {"1": [(0, 6), (4, 10)], "2": [(0, 5)]})
    assert score.p == 1.0
    assert score.r == pytest.approx(0.5)  # article 1 fully found, article 2 missed


def test_si_without_predictions_is_zero():
    assert si_score({}, {"1": [(0, 4)]}).f1 == 0.0


def test_tc_multi_label_spans_match_as_multisets():
    gold = [GoldSpan("1", "Doubt", 0, 5), GoldSpan("1", "Repetition", 0, 5), GoldSpan("1", "Slogans", 9, 12)]
    result = tc_score({("1", 0, 5): ["Repetition", "Doubt", "Slogans"], ("1", 9, 12): ["Doubt"]}, gold)
    assert result["micro_f1"] == pytest.approx(2 / 3, abs=1e-4)
    per = result["per_technique"]
    assert per["Repetition"]["f1"] == 1.0 and per["Slogans"]["f1"] == 0.0
    assert per["Doubt"] == {"p": 0.5, "r": 1.0, "f1": pytest.approx(0.6667, abs=1e-4)}


def test_reader(tmp_path):
    (tmp_path / "article7.txt").write_text("Title\n\nBody here.", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("ignored", encoding="utf-8")
    labels = tmp_path / "gold.labels"
    labels.write_text("7\tDoubt\t0\t5\n", encoding="utf-8")
    assert read_articles(tmp_path) == {"7": "Title\n\nBody here."}
    assert read_labels(labels) == [GoldSpan("7", "Doubt", 0, 5)]


@pytest.mark.parametrize("line, message", [("7\tDoubt\t5\n", "expected 4"), ("7\tDoubt\t5\tx\n", "whole numbers"),
                                           ("7\tDoubt\t5\t5\n", "empty")])
def test_reader_errors_name_the_line(tmp_path, line, message):
    labels = tmp_path / "gold.labels"
    labels.write_text(line, encoding="utf-8")
    with pytest.raises(DataFormatError, match=message):
        read_labels(labels)


def test_missing_folder(tmp_path):
    with pytest.raises(DataFormatError, match=r"article<ID>\.txt"):
        read_articles(tmp_path)
