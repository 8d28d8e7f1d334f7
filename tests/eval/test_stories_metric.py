import pytest

from presslens.errors import DataFormatError
from presslens.eval.stories import bcubed, evaluate_stories, load_ecbplus, pairwise
from tests.conftest import DATA, need

#: Quality gate on ECB+ topics 1-35 (all clustered at once). Floors only ever go up.
ECBPLUS_BCUBED_F1_FLOOR = 0.95


def test_bcubed_and_pairwise_by_hand():
    gold = ["a", "a", "a", "b", "b"]
    perfect = bcubed([1, 1, 1, 2, 2], gold)
    assert (perfect.p, perfect.r, perfect.f1) == (1.0, 1.0, 1.0)
    lumped = bcubed([1, 1, 1, 1, 1], gold)
    assert lumped.r == 1.0 and lumped.p == pytest.approx((3 * 3 / 5 + 2 * 2 / 5) / 5)
    split = bcubed([1, 2, 3, 4, 5], gold)
    assert split.p == 1.0 and split.r == pytest.approx((3 * 1 / 3 + 2 * 1 / 2) / 5)
    pairs = pairwise([1, 1, 2, 2, 2], gold)  # pairs predicted: ab(1) + 3 = 4; gold pairs 3 + 1 = 4; right: 1 + 1
    assert (pairs.p, pairs.r) == (0.5, 0.5)


def test_layout_errors(tmp_path):
    with pytest.raises(DataFormatError, match="ECB"):
        load_ecbplus(tmp_path)
    (tmp_path / "1").mkdir()
    (tmp_path / "1" / "1_1ecb.xml").write_text("<Document><token", encoding="utf-8")
    with pytest.raises(DataFormatError, match="not well-formed"):
        load_ecbplus(tmp_path)


def test_tokens_become_sentences(tmp_path):
    (tmp_path / "4").mkdir()
    (tmp_path / "4" / "4_2ecbplus.xml").write_text(
        '<Document doc_name="4_2ecbplus.xml"><token t_id="1" sentence="0" number="0">Hello</token>'
        '<token t_id="2" sentence="0" number="1">world</token><token t_id="3" sentence="1" number="0">Bye</token>'
        "</Document>", encoding="utf-8")
    [doc] = load_ecbplus(tmp_path)
    assert (doc.topic, doc.story, doc.text) == ("4", "4/ecbplus", "Hello world\nBye")


@pytest.mark.data
def test_quality_gate_on_ecbplus_topics_1_to_35():
    scores = evaluate_stories(need(DATA / "ecbplus" / "ECB+"))
    assert scores["stories"] == 66
    assert scores["bcubed"]["f1"] >= ECBPLUS_BCUBED_F1_FLOOR
