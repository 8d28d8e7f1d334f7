import pytest

from presslens.errors import DataFormatError
from presslens.eval.checkworthy import evaluate_checkworthy, read_checkworthy, score_labels

HEADER = "Sentence_id\tText\tclass_label\n"


def test_reads_records_and_crlf(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_bytes((HEADER + "1\tTaxes rose by 4 percent.\tYes\r\n2\tThank you all.\tNo\r\n").encode())
    assert [(s.id, s.text, s.label) for s in read_checkworthy(path)] == [
        ("1", "Taxes rose by 4 percent.", True), ("2", "Thank you all.", False)]


def test_splits_two_records_glued_on_one_line(tmp_path):
    path = tmp_path / "train.tsv"
    path.write_text(HEADER + "7\tWe can do better.\tNo8\tThe deficit doubled.\tYes\n", encoding="utf-8")
    assert [(s.id, s.text, s.label) for s in read_checkworthy(path)] == [
        ("7", "We can do better.", False), ("8", "The deficit doubled.", True)]


@pytest.mark.parametrize("body", ["1\tonly two fields\n", "1\tText\tMaybe\n"])
def test_bad_lines_name_the_line(tmp_path, body):
    path = tmp_path / "bad.tsv"
    path.write_text(HEADER + body, encoding="utf-8")
    with pytest.raises(DataFormatError, match=r"bad\.tsv:2"):
        read_checkworthy(path)


def test_wrong_header_is_refused(tmp_path):
    path = tmp_path / "other.tsv"
    path.write_text("id\ttext\n1\tx\n", encoding="utf-8")
    with pytest.raises(DataFormatError, match="CheckThat"):
        read_checkworthy(path)


def test_scores_are_those_of_the_yes_class():
    scores = score_labels([True, True, False, False], [True, False, True, False])
    assert scores == {"f1": 0.5, "p": 0.5, "r": 0.5, "accuracy": 0.5}
    assert score_labels([True], [False])["f1"] == 0.0


def test_evaluate_passes_texts_in_order(tmp_path):
    path = tmp_path / "dev.tsv"
    path.write_text(HEADER + "1\tA number: 12.\tYes\n2\tHello.\tNo\n", encoding="utf-8")
    result = evaluate_checkworthy(path, lambda texts: ["12" in t for t in texts])
    assert result["f1"] == 1.0 and result["accuracy"] == 1.0
