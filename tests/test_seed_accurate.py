"""The seed's attribution, claim and technique bars hold in the accurate modes too (eval's default,
``best``, runs them wherever the ``accurate`` extra is installed)."""

import pytest

from presslens.nlp.adapters import adapters_available
from tests import test_seed, test_seed_techniques
from tests.conftest import SEED, need

pytestmark = [pytest.mark.model,
              pytest.mark.skipif(not adapters_available(), reason="needs presslens[accurate] (torch, transformers)")]


@pytest.fixture(scope="module")
def accurate_seed_analysis():
    from presslens import Analyzer, Settings
    from presslens.ingest import load_article

    analyzer = Analyzer(Settings.from_env(claims_mode="accurate", techniques_mode="accurate",
                                          attribution_mode="accurate"))
    assert analyzer.nlp.get_pipe("presslens_attribution").mode == "accurate"
    return analyzer.analyze(load_article(need(SEED)))


def test_the_accurate_models_ran(accurate_seed_analysis):
    assert any(t.reason.startswith("encoder") for t in accurate_seed_analysis.techniques)


@pytest.mark.parametrize("check", [
    test_seed.test_every_attribution_resolves_to_putin,
    test_seed.test_headline_quote,
    test_seed.test_continuation_paragraph_and_he_added,
    test_seed.test_kinds,
    test_seed.test_outlet_sentences_belong_to_no_one,
    test_seed.test_voice_partition_is_complete,
    test_seed.test_outlet_claims_are_checkworthy,
    test_seed.test_putins_prediction_is_his_claim,
    test_seed_techniques.test_putins_techniques_are_in_his_voice,
    test_seed_techniques.test_the_outlets_euphemism_is_the_outlets,
    test_seed_techniques.test_every_technique_is_well_formed,
], ids=lambda check: check.__name__)
def test_seed_bars_in_accurate_mode(accurate_seed_analysis, check):
    check(accurate_seed_analysis)
