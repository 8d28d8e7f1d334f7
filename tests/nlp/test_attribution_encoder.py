"""The accurate attribution mode's blend, with a stand-in tagger (no MiniLM needed)."""

import math

import numpy as np
import pytest

from presslens.nlp.attribution import _load_model, model_relations
from presslens.nlp.attribution_encoder import AttributionTagger, TaggerBlend

pytestmark = pytest.mark.model

TEXT = ("The mayor said the bridge would reopen in May. “We are ready,” she added. "
        "Critics argue that the repairs were rushed, according to a report by the city council.")


class ConstantTagger(AttributionTagger):
    def __init__(self, value):
        self.value = value

    def scores(self, doc):
        return np.full((len(doc), 3), self.value, dtype=np.float32)


def parsed(nlp, text):
    doc = nlp.make_doc(text)
    for name, component in nlp.pipeline:
        if name.startswith("presslens_") and name != "presslens_paragraphs":
            break
        doc = component(doc)
    return doc


def spans(relations):
    return [(r.cue, r.source, tuple(r.content), round(r.confidence, 6)) for r in relations]


def test_a_neutral_tagger_with_an_identity_blend_changes_nothing(nlp):
    fast = _load_model("shipped")
    logit = math.log(fast.extent.threshold / (1 - fast.extent.threshold))
    identity = TaggerBlend((0.0, 1.0, 0.0), fast.cue.threshold, (-logit, 1.0, 0.0), 0.0, 0.0)
    doc = parsed(nlp, TEXT)
    expected = spans(model_relations(doc, fast))
    assert expected
    assert spans(model_relations(doc, fast.with_tagger(ConstantTagger(0.5), identity))) == expected


def test_a_vetoing_tagger_cannot_drop_a_cue_the_rules_found(nlp):
    # the rules find every cue of TEXT; their fast score is a floor under the blend
    fast = _load_model("shipped")
    doc = parsed(nlp, TEXT)
    veto = TaggerBlend((0.0, 1.0, 5.0), fast.cue.threshold, (0.0, 1.0, 0.0), 0.0, 0.0)
    assert {r.cue for r in model_relations(doc, fast.with_tagger(ConstantTagger(0.01), veto))} == {
        r.cue for r in model_relations(doc, fast)}
    # and a tagger sure of every word can only add cues
    blended = fast.with_tagger(ConstantTagger(0.99), TaggerBlend((0.0, 1.0, 5.0), 0.5, (0.0, 1.0, 0.0), 0.0, 0.0))
    assert len(model_relations(doc, blended)) >= len(model_relations(doc, fast))
