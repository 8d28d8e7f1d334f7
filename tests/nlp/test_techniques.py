"""The technique component on hand-built docs, with small made-up weights (no training data needed)."""

import json

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

import presslens.nlp.registry  # noqa: F401  registers the extensions
from presslens.nlp.technique_features import DENSE_WIDTH, N_TEMPLATES, token_features
from presslens.nlp.techniques import PTC_NAMES, TechniqueFinder, TechniqueModel

BUCKETS, HIDDEN = 64, 8


def write_model(directory, span_bias):
    rng = np.random.default_rng(0)
    n_out = 1 + len(PTC_NAMES)

    def w(*shape):
        return (rng.standard_normal(shape) * 0.01).astype(np.float32)

    output_bias = np.zeros(n_out, np.float32)
    output_bias[0] = span_bias
    np.savez(directory / "tagger.npz", embedding=w(BUCKETS, 4).astype(np.float16),
             dense_mean=np.zeros(DENSE_WIDTH, np.float32), dense_scale=np.ones(DENSE_WIDTH, np.float32),
             dense_weight=w(4, DENSE_WIDTH), dense_bias=w(4), input_weight=w(HIDDEN, 8), input_bias=w(HIDDEN),
             conv1_weight=w(HIDDEN, HIDDEN, 5), conv1_bias=w(HIDDEN), conv2_weight=w(HIDDEN, HIDDEN, 5),
             conv2_bias=w(HIDDEN), output_weight=w(n_out, 2 * HIDDEN), output_bias=output_bias)
    classes = sorted(PTC_NAMES)
    classifier_bias = np.zeros(len(classes), np.float32)
    classifier_bias[classes.index("Loaded_Language")] = 5.0
    np.savez(directory / "classifier.npz", weight=np.zeros((32, len(classes)), np.float16), bias=classifier_bias)
    (directory / "config.json").write_text(json.dumps({
        "classes": classes, "tagger_buckets": BUCKETS, "classifier_buckets": 32, "threshold": 0.5, "gap": 1}))
    return directory


def make_doc(words, sent_starts):
    nlp = spacy.blank("en")
    return Doc(nlp.vocab, words=words, sent_starts=sent_starts)


WORDS = ["The", "vile", "regime", "lied", ".", "It", "was", "a", "special", "military", "operation", "."]
STARTS = [True] + [False] * 4 + [True] + [False] * 6


def test_features_have_the_documented_shapes():
    doc = make_doc(WORDS, STARTS)
    features = token_features(doc)
    assert features.hashed.shape == (len(doc), N_TEMPLATES)
    assert features.dense.shape == (len(doc), DENSE_WIDTH)
    assert features.buckets(BUCKETS).max() < BUCKETS
    # Same doc, same hashes: the features are deterministic.
    assert (token_features(make_doc(WORDS, STARTS)).hashed == features.hashed).all()


def test_empty_doc():
    doc = make_doc([], [])
    assert token_features(doc).dense.shape == (0, DENSE_WIDTH)


def test_spans_stop_at_sentences_and_skip_punctuation(tmp_path):
    model = TechniqueModel.load(write_model(tmp_path, span_bias=8.0))
    doc = make_doc(WORDS, STARTS)
    scores = model.token_scores(doc)
    assert scores.shape == (len(doc), 1 + len(PTC_NAMES)) and (scores[:, 0] > 0.99).all()
    assert [doc[s:e].text for s, e, _ in model.spans(doc, scores)] == [
        "The vile regime lied", "It was a special military operation"]


def test_a_span_needs_one_token_at_the_peak(tmp_path):
    import dataclasses

    model = TechniqueModel.load(write_model(tmp_path, span_bias=8.0))
    assert model.peak == model.threshold  # a model stored without a peak decodes as before
    doc = make_doc(WORDS, STARTS)
    scores = np.full((len(doc), 1 + len(PTC_NAMES)), 0.6, np.float32)
    scores[2, 0] = 0.9  # "regime"
    peaked = dataclasses.replace(model, peak=0.8)
    assert [doc[s:e].text for s, e, _ in peaked.spans(doc, scores)] == ["The vile regime lied"]


def test_component_writes_hits_with_reasons(tmp_path):
    finder = TechniqueFinder(spacy.blank("en"), model_path=str(write_model(tmp_path, span_bias=8.0)))
    doc = finder(make_doc(WORDS, STARTS))
    hits = doc._.presslens_techniques
    by_method = {(h.method, doc.text[h.start:h.end], h.technique) for h in hits}
    assert ("model", "The vile regime lied", "loaded-language") in by_method
    assert ("lexicon", "special military operation", "euphemism") in by_method
    model_hit = next(h for h in hits if h.method == "model" and h.start == 0)
    assert "vile" in model_hit.reason and model_hit.score > 0.99


def test_a_quiet_model_leaves_only_the_lexicon(tmp_path):
    finder = TechniqueFinder(spacy.blank("en"), model_path=str(write_model(tmp_path, span_bias=-8.0)))
    doc = finder(make_doc(WORDS, STARTS))
    assert [(h.method, h.technique) for h in doc._.presslens_techniques] == [("lexicon", "euphemism")]


def test_missing_model_says_how_to_fix(tmp_path):
    from presslens.errors import ModelNotFoundError

    with pytest.raises(ModelNotFoundError, match="presslens train techniques"):
        TechniqueModel.load(tmp_path)
