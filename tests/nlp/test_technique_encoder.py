"""The accurate technique tagger: windows, decoding, adapters, and the component in accurate mode.

Windows and decoding are plain numpy and always run; the rest needs the ``accurate`` extra (torch,
transformers and the MiniLM package) and skips, saying so, where it is not installed.
"""

import json

import numpy as np
import pytest
import spacy

import presslens.nlp.registry  # noqa: F401  registers the extensions
from presslens.errors import ConfigError
from presslens.nlp.adapters import adapters_available
from presslens.nlp.technique_encoder import (
    CLASSIFIER_FILE,
    EncoderSettings,
    SpanClassifier,
    blend_classes,
    blend_token_scores,
    decode_pieces,
    line_breaks,
    whole_words,
    windows,
)
from presslens.nlp.techniques import TechniqueFinder
from tests.nlp.test_techniques import write_model

needs_extra = pytest.mark.skipif(not adapters_available(), reason="needs presslens[accurate] (torch, transformers)")


def test_windows_overlap_and_cover_everything():
    assert windows(0, 4, 2) == []
    assert windows(3, 4, 2) == [(0, 3)]
    assert windows(9, 4, 2) == [(0, 4), (2, 6), (4, 8), (6, 9)]
    covered = set()
    for start, end in windows(1000, 254, 128):
        assert end - start <= 254
        covered.update(range(start, end))
    assert covered == set(range(1000))


# five pieces: "aa bb cc dd ee" at offsets 0, 3, 6, 9, 12
OFFSETS = np.array([[0, 2], [3, 5], [6, 8], [9, 11], [12, 14]])


def test_decoding_bridges_short_gaps_only():
    scores = np.array([0.9, 0.1, 0.8, 0.1, 0.1], dtype=np.float32)
    assert [(s, e) for s, e, _ in decode_pieces(OFFSETS, scores, 0.5, 0)] == [(0, 2), (6, 8)]
    spans = decode_pieces(OFFSETS, scores, 0.5, 1)
    assert [(s, e) for s, e, _ in spans] == [(0, 8)]  # ends on the last piece above the threshold
    assert spans[0][2] == pytest.approx((0.9 + 0.1 + 0.8) / 3)


def test_decoding_never_crosses_a_break():
    scores = np.full(5, 0.9, dtype=np.float32)
    assert [(s, e) for s, e, _ in decode_pieces(OFFSETS, scores, 0.5, 2, [8])] == [(0, 8), (9, 14)]
    assert decode_pieces(OFFSETS, np.zeros(5, np.float32), 0.5, 2) == []
    assert line_breaks("a\nb\n") == [1, 3]


def test_a_run_needs_one_piece_at_the_peak():
    scores = np.array([0.4, 0.6, 0.1, 0.4, 0.45], dtype=np.float32)
    # the threshold draws both runs; only the first has a piece at the peak
    assert [(s, e) for s, e, _ in decode_pieces(OFFSETS, scores, 0.3, 0)] == [(0, 5), (9, 14)]
    assert [(s, e) for s, e, _ in decode_pieces(OFFSETS, scores, 0.3, 0, peak=0.5)] == [(0, 5)]
    assert decode_pieces(OFFSETS, scores, 0.3, 0, peak=0.7) == []


def test_spans_are_widened_to_whole_words():
    text = "the warmongers lied"
    assert whole_words(text, 6, 12) == (4, 14)  # "rmonge" -> "warmongers"
    assert whole_words(text, 4, 14) == (4, 14)
    assert whole_words(text, 3, 9) == (3, 14)  # starts on the space: nothing to widen on the left


def test_fast_token_scores_are_mixed_into_the_pieces_they_hold():
    # pieces "aa" "bb" "cc" "dd" "ee"; tokens "aa bb" ... as three tokens ending at 5, 11, 14
    pieces = np.array([0.2, 0.2, 0.8, 0.8, 0.0], dtype=np.float32)
    token_ends = np.array([5, 11, 14])
    token_scores = np.array([1.0, 0.0, 0.5], dtype=np.float32)
    mixed = blend_token_scores(OFFSETS, pieces, token_ends, token_scores, 0.25)
    assert mixed == pytest.approx([0.4, 0.4, 0.6, 0.6, 0.125])
    assert blend_token_scores(OFFSETS, pieces, token_ends, token_scores, 0.0) is pieces


def test_settings_stored_before_peak_and_weight_decode_as_they_did():
    settings = EncoderSettings.from_config({"rank": 2, "scale": 2.0, "length": 16, "stride": 8,
                                            "threshold": 0.3, "gap": 1})
    assert (settings.peak, settings.fast_weight, settings.classifier_weight) == (0.3, 0.0, 0.0)


def test_span_vector_pools_the_span_and_its_line():
    from presslens.nlp.technique_encoder import span_vector

    text = "aa bb\ncc dd ee"
    offsets = np.array([[0, 2], [3, 5], [6, 8], [9, 11], [12, 14]])
    states = np.array([[1, 0], [3, 0], [0, 2], [0, 4], [0, 9]], dtype=np.float32)
    vector = span_vector(text, offsets, states, 9, 14)  # "dd ee", on the second line
    assert vector.tolist() == pytest.approx([0, 6.5, 0, 9, 0, 5])  # span mean, span max, line mean
    assert span_vector(text, offsets, states, 2, 3).tolist() == [0, 0, 0, 0, 2, 0]  # no piece: zeros, its line


def test_span_classifier_standardises_then_softmaxes(tmp_path):
    classifier = SpanClassifier(np.array([[1.0, -1.0]], np.float32), np.zeros(2, np.float32),
                                np.array([2.0], np.float32), np.array([0.5], np.float32))
    probabilities = classifier.probabilities(np.array([3.0], np.float32))  # standardised: 2
    assert probabilities == pytest.approx([np.exp(2) / (np.exp(2) + np.exp(-2)), np.exp(-2) / (np.exp(2) + np.exp(-2))])
    classifier.save(tmp_path / CLASSIFIER_FILE)
    assert SpanClassifier.load(tmp_path / CLASSIFIER_FILE).probabilities(np.array([3.0], np.float32)) == \
        pytest.approx(probabilities)


def test_classes_blend_as_a_weighted_geometric_mean():
    fast = np.array([0.6, 0.3, 0.1], np.float32)
    encoder = np.array([0.1, 0.8, 0.1], np.float32)
    assert blend_classes(fast, encoder, 0.0) == pytest.approx(fast, abs=1e-5)
    assert blend_classes(fast, encoder, 1.0) == pytest.approx(encoder, abs=1e-5)
    mixed = blend_classes(fast, encoder, 0.5)
    assert mixed.sum() == pytest.approx(1.0) and mixed.argmax() == 1  # sqrt(.3 * .8) > sqrt(.6 * .1)


def test_unknown_mode_is_refused():
    with pytest.raises(ConfigError, match="fast, accurate or best"):
        TechniqueFinder(spacy.blank("en"), mode="fastest")


def test_best_mode_falls_back_to_fast_without_the_accurate_weights(tmp_path):
    finder = TechniqueFinder(spacy.blank("en"), model_path=str(write_model(tmp_path, span_bias=8.0)), mode="best")
    assert finder.tagger == "fast"


@needs_extra
def test_merged_adapters_compute_what_the_attached_ones_do():
    import torch

    from presslens.nlp.adapters import adapted_encoder, base_encoder
    from presslens.train.adapters import adapt_encoder

    torch.manual_seed(0)
    adapted = adapt_encoder("a test", rank=2, scale=2.0)
    with torch.no_grad():
        for adapter in adapted.adapters.values():
            adapter.up.normal_(0.0, 0.02)
    adapted.encoder.eval()
    ids = torch.tensor([[101, 7592, 2088, 102]])
    with torch.no_grad():
        expected = adapted.encoder(input_ids=ids).last_hidden_state
        merged, _ = adapted_encoder("a test", adapted.state(), scale=2.0)
        got = merged(input_ids=ids).last_hidden_state
        plain = base_encoder("a test")[0](input_ids=ids).last_hidden_state
    assert not torch.allclose(expected, plain, atol=1e-3)  # the adapters do change the encoder
    assert torch.allclose(expected, got, atol=1e-4)


@needs_extra
def test_component_in_accurate_mode_marks_lines_with_the_encoder(tmp_path):
    from presslens.train.adapters import adapt_encoder

    folder = write_model(tmp_path, span_bias=-8.0)  # the fast tagger would mark nothing
    state = adapt_encoder("a test", rank=2, scale=2.0).state()
    state["head.weight"] = np.zeros(384, np.float32)
    state["head.bias"] = np.array([8.0], np.float32)  # every piece in a span
    np.savez(folder / "encoder.npz", **state)
    config = json.loads((folder / "config.json").read_text())
    config["encoder"] = {"rank": 2, "scale": 2.0, "length": 16, "stride": 8, "threshold": 0.5, "gap": 0}
    (folder / "config.json").write_text(json.dumps(config))

    nlp = spacy.blank("en")
    finder = TechniqueFinder(nlp, model_path=str(folder), mode="best")
    assert finder.tagger == "accurate"
    doc = finder(nlp("The vile regime lied to everyone again and again and again.\nIt was a special operation."))
    model_hits = [h for h in doc._.presslens_techniques if h.method == "model"]
    assert [doc.text[h.start:h.end] for h in model_hits] == [
        "The vile regime lied to everyone again and again and again.", "It was a special operation."]
    assert all(h.technique == "loaded-language" and h.reason.startswith("encoder") for h in model_hits)


@needs_extra
def test_component_mixes_in_the_fast_tagger_where_the_settings_say_so(tmp_path):
    from presslens.train.adapters import adapt_encoder

    folder = write_model(tmp_path, span_bias=-8.0)  # the fast tagger marks nothing
    state = adapt_encoder("a test", rank=2, scale=2.0).state()
    state["head.weight"] = np.zeros(384, np.float32)
    state["head.bias"] = np.array([8.0], np.float32)  # the encoder marks everything
    np.savez(folder / "encoder.npz", **state)
    config = json.loads((folder / "config.json").read_text())
    decoding = {"threshold": 0.5, "gap": 0, "peak": 0.5}
    config["encoder"] = {"rank": 2, "scale": 2.0, "length": 16, "stride": 8, **decoding, "fast_weight": 0.75}
    (folder / "config.json").write_text(json.dumps(config))

    nlp = spacy.blank("en")
    finder = TechniqueFinder(nlp, model_path=str(folder), mode="accurate")
    doc = finder(nlp("The vile regime lied to everyone again."))
    # a quarter of the encoder's certainty is not enough
    assert [h for h in doc._.presslens_techniques if h.method == "model"] == []


def _accurate_model(tmp_path, classifier_weight):
    """A model whose encoder marks every line and whose encoder classifier always says Doubt."""
    from presslens.nlp.techniques import PTC_NAMES
    from presslens.train.adapters import adapt_encoder

    folder = write_model(tmp_path, span_bias=-8.0)  # the fast tagger marks nothing; its classifier says loaded
    state = adapt_encoder("a test", rank=2, scale=2.0).state()
    state["head.weight"] = np.zeros(384, np.float32)
    state["head.bias"] = np.array([8.0], np.float32)
    np.savez(folder / "encoder.npz", **state)
    classes = sorted(PTC_NAMES)
    bias = np.zeros(len(classes), np.float32)
    bias[classes.index("Doubt")] = 20.0
    SpanClassifier(np.zeros((3 * 384, len(classes)), np.float32), bias, np.zeros(3 * 384, np.float32),
                   np.ones(3 * 384, np.float32)).save(folder / CLASSIFIER_FILE)
    config = json.loads((folder / "config.json").read_text())
    config["encoder"] = {"rank": 2, "scale": 2.0, "length": 16, "stride": 8, "threshold": 0.5, "gap": 0,
                         "classifier_weight": classifier_weight}
    (folder / "config.json").write_text(json.dumps(config))
    return folder


@needs_extra
@pytest.mark.parametrize(("weight", "technique"), [(0.5, "doubt"), (0.0, "loaded-language")])
def test_component_mixes_in_the_encoder_classifier_at_its_weight(tmp_path, weight, technique):
    nlp = spacy.blank("en")
    finder = TechniqueFinder(nlp, model_path=str(_accurate_model(tmp_path, weight)), mode="accurate")
    doc = finder(nlp("The vile regime lied to everyone again."))
    assert [h.technique for h in doc._.presslens_techniques if h.method == "model"] == [technique]
    # the same classification for spans given from outside (the evaluation's gold spans)
    assert finder.classify(doc.text, [(4, 8)])[0][0][0] == {"doubt": "Doubt"}.get(technique, "Loaded_Language")


def test_fast_mode_never_reads_the_encoder(tmp_path):
    finder = TechniqueFinder(spacy.blank("en"), model_path=str(write_model(tmp_path, span_bias=8.0)), mode="fast")
    assert finder.classify("The vile regime lied.", [(4, 8)])[0][0][0] == "Loaded_Language"
