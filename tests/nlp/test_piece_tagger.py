"""Cutting text into word-piece windows and mapping piece scores back to tokens (no encoder needed)."""

import numpy as np
import spacy

from presslens.nlp.attribution_encoder import TaggerBlend, log_odds, token_scores
from presslens.nlp.piece_tagger import PieceWindows, piece_targets


def test_targets_mark_the_pieces_a_span_overlaps_per_channel():
    offsets = np.array([[0, 3], [4, 8], [8, 10], [11, 15]])
    cut = PieceWindows([1, 2, 3, 4], offsets, [(0, 4)])
    targets = piece_targets(cut, [[(4, 10)], [], [(0, 3), (12, 13)]])
    assert targets.tolist() == [[0, 0, 1], [1, 0, 0], [1, 0, 0], [0, 0, 1]]


def test_token_scores_average_the_pieces_of_each_token():
    doc = spacy.blank("en")("Unbelievable claims\n\nhere")
    # "Unbelievable" is three pieces, "claims" one, "here" one; the line break none
    offsets = np.array([[0, 2], [2, 6], [6, 12], [13, 19], [21, 25]])
    pieces = np.array([[0.9], [0.6], [0.3], [0.2], [0.7]], dtype=np.float32)
    scores = token_scores(doc, offsets, pieces)
    assert np.allclose(scores[:, 0], [0.6, 0.2, 0.0, 0.7])


def test_blend_round_trips_and_leans_on_the_tagger_as_weighted():
    blend = TaggerBlend((0.0, 1.0, 2.0), 0.4, (-1.0, 1.0, 1.0), 0.5, 0.25)
    assert TaggerBlend.from_config(blend.to_config()) == blend
    assert blend.cue_probability(0.5, 0.9) > blend.cue_probability(0.9, 0.5)
    assert blend.in_extent(0.9, 0.9) and not blend.in_extent(0.2, 0.2)
    assert log_odds(0.0) < -9 and log_odds(1.0) > 9  # clipped, never infinite
