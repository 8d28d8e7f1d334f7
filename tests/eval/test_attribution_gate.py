"""Quality gate: attribution and speaker resolution on PolNeAR dev against pinned floors.

The floors are what the shipped model scored when `presslens train attribution` produced it
(see src/presslens/models/attribution/MODEL_CARD.md), rounded down slightly. They only ever go up.
"""

import pytest

from presslens.eval.attribution import evaluate_attribution
from presslens.eval.speakers import evaluate_speakers
from tests.conftest import DATA, REPO, need

pytestmark = [pytest.mark.data, pytest.mark.model, pytest.mark.slow]

# Measured: source exact 0.7601, cue exact 0.7203, content exact 0.5618 (overlap 0.7059), relation 0.6584.
FLOORS = {
    ("source", "exact"): 0.75,
    ("cue", "exact"): 0.72,
    ("content", "exact"): 0.56,
    ("content", "overlap"): 0.70,
}
RELATION_FLOOR = 0.65
# The accurate mode (MiniLM tagger blended in), measured: source 0.7803, cue 0.7225, content 0.5780
# (overlap 0.7240), relation 0.6817.
ACCURATE_FLOORS = {
    ("source", "exact"): 0.78,
    ("cue", "exact"): 0.72,
    ("content", "exact"): 0.57,
    ("content", "overlap"): 0.72,
}
ACCURATE_RELATION_FLOOR = 0.68
# Measured on the 527 hand-annotated relations: 0.9070 (gold mentions), 0.9254 (named speakers).
SPEAKER_FLOORS = {"accuracy": 0.90, "accuracy_named": 0.92}
# The check set (183 relations from five other publishers): 0.9016 and 0.9247. Its errors were
# read while writing rules in the fifth session, so it is a development set now, like the first.
CHECK_FLOORS = {"accuracy": 0.90, "accuracy_named": 0.92}
# The test set (141 relations, annotated after those rules were frozen, never tuned on): 0.7234
# and 0.8218 (the rules before them: 0.7092 and 0.8119). The honest measure of the resolver.
TEST_FLOORS = {"accuracy": 0.72, "accuracy_named": 0.82}


@pytest.fixture(scope="module")
def dev_scores(analyzer):
    return evaluate_attribution(need(DATA / "polnear" / "dev"), analyzer)


@pytest.mark.parametrize(("role", "match"), sorted(FLOORS))
def test_polnear_dev_span_floors(dev_scores, role, match):
    assert dev_scores["docs"] == 84
    assert dev_scores[role][match]["f1"] >= FLOORS[(role, match)]


def test_polnear_dev_relation_floor(dev_scores):
    assert dev_scores["relation"]["f1"] >= RELATION_FLOOR


@pytest.fixture(scope="module")
def accurate_dev_scores():
    from presslens import Analyzer, Settings
    from presslens.nlp.adapters import adapters_available

    if not adapters_available():
        pytest.skip("needs presslens[accurate] (torch, transformers)")
    return evaluate_attribution(need(DATA / "polnear" / "dev"), Analyzer(Settings(attribution_mode="accurate")))


@pytest.mark.parametrize(("role", "match"), sorted(ACCURATE_FLOORS))
def test_polnear_dev_span_floors_accurate(accurate_dev_scores, role, match):
    assert accurate_dev_scores[role][match]["f1"] >= ACCURATE_FLOORS[(role, match)]


def test_polnear_dev_relation_floor_accurate(accurate_dev_scores):
    assert accurate_dev_scores["relation"]["f1"] >= ACCURATE_RELATION_FLOOR


@pytest.mark.parametrize(("gold", "relations", "floors"), [
    ("polnear_dev_speakers.tsv", 527, SPEAKER_FLOORS),
    ("polnear_dev_speakers_check.tsv", 183, CHECK_FLOORS),
    ("polnear_dev_speakers_test.tsv", 141, TEST_FLOORS),
])
def test_speaker_resolution_floors(analyzer, gold, relations, floors):
    result = evaluate_speakers(need(DATA / "polnear" / "dev"), REPO / "evaluation/speakers" / gold, analyzer)
    assert result["relations"] == relations
    for key, floor in floors.items():
        assert result["gold_mentions"][key] >= floor
