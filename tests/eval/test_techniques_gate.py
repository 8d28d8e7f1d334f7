"""Quality gate: technique scores on the fixed dev split of the PTC training data (ids divisible by 5).

The floors are what the shipped model measured when it was trained, rounded down; they only ever go up.
"""

import pytest

from tests.conftest import DATA, need

pytestmark = [pytest.mark.data, pytest.mark.model, pytest.mark.slow]

SI_F1_FLOOR = 0.31
TC_MICRO_F1_FLOOR = 0.60
TC_MACRO_F1_FLOOR = 0.39


@pytest.fixture(scope="module")
def dev_scores(analyzer):
    from presslens.eval.techniques import evaluate_techniques
    from presslens.train.techniques import is_dev

    ptc = need(DATA / "ptc")
    return evaluate_techniques(ptc / "train-articles", ptc / "train-task2-TC.labels", analyzer, only=is_dev)


def test_span_identification_floor(dev_scores):
    assert dev_scores["docs"] == 77
    assert dev_scores["si"]["f1"] >= SI_F1_FLOOR


def test_technique_classification_floor(dev_scores):
    assert dev_scores["tc"]["micro_f1"] >= TC_MICRO_F1_FLOOR
    assert dev_scores["tc"]["macro_f1"] >= TC_MACRO_F1_FLOOR
