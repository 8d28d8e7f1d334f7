"""Claim units, types and the numpy scorer, on hand-built docs; then on the real model."""

import numpy as np
import pytest
import spacy
from spacy.tokens import Doc

from presslens.nlp.annotations import Relation
from presslens.nlp.checkworthiness import CUE_NAMES, N_BUCKETS, LinearCheckworthiness, featurize
from presslens.nlp.claims import CLAIM_TYPES, claim_type, find_units
from presslens.nlp.voice import partition


@pytest.fixture(scope="module")
def blank():
    return spacy.blank("en")


def _doc(blank, words, sent_starts, **annotations):
    spaces = [not (i + 1 < len(words) and words[i + 1] in ".,!?\"”") for i in range(len(words))]
    return Doc(blank.vocab, words=words, spaces=spaces, sent_starts=sent_starts, **annotations)


def _linear(mode="fast", threshold=0.5, **extra):
    width = len(CUE_NAMES)
    weights = {"sparse": np.zeros(N_BUCKETS, np.float32), "dense": np.zeros(width, np.float32),
               "mean": np.zeros(width, np.float32), "scale": np.ones(width, np.float32), "bias": np.float32(0.0)}
    weights.update(extra)
    return LinearCheckworthiness(weights, mode=mode, threshold=threshold)


def test_units_split_outlet_sentences_from_attributed_content(blank):
    words = ["The", "port", "closed", "in", "May", ".",
             "“", "We", "will", "reopen", "it", "soon", "!", "”", "Sorvik", "said", "."]
    doc = _doc(blank, words, [True] + [False] * 5 + [True] + [False] * 10)
    text = doc.text
    content = (text.index("We"), text.index("!") + 1)
    relation = Relation("direct", [content], cue=(text.index("said"), text.index("said") + 4),
                        source=(text.index("Sorvik"), text.index("Sorvik") + 6), rule="test")
    units = find_units(doc, [relation], partition(text, [relation]))
    assert [(u.span.text, u.relation, u.reports_speech) for u in units] == [
        ("The port closed in May.", None, False),
        ("We will reopen it soon!", 0, False),  # the frame "Sorvik said." is no claim of its own
    ]


def test_an_outlet_sentence_around_reported_speech_is_a_quote_of_someone_else(blank):
    words = ["After", "the", "long", "storm", "of", "last", "winter", ",", "Sorvik", "said", "the", "port",
             "will", "reopen", "."]
    doc = _doc(blank, words, [True] + [False] * 14)
    text = doc.text
    relation = Relation("indirect", [(text.index("the port"), len(text) - 1)],
                        cue=(text.index("said"), text.index("said") + 4),
                        source=(text.index("Sorvik"), text.index("Sorvik") + 6), rule="t")
    units = find_units(doc, [relation], partition(text, [relation]))
    assert [(u.span.text, u.relation, u.reports_speech) for u in units] == [
        (text.rstrip(), None, True), ("the port will reopen.", 0, False)]


def _tagged(blank, words, tags, lemmas=None, ents=None, deps=None, heads=None):
    pos = {"MD": "AUX", "VB": "VERB", "VBD": "VERB", "VBP": "VERB", "CD": "NUM", "JJ": "ADJ", "NN": "NOUN",
           "PRP": "PRON", "NNS": "NOUN"}
    kwargs = {"tags": tags, "pos": [pos.get(t, "X") for t in tags], "lemmas": lemmas or [w.lower() for w in words]}
    if ents:
        kwargs["ents"] = ents
    if deps:
        kwargs |= {"deps": deps, "heads": heads}
    return _doc(blank, words, [True] + [False] * (len(words) - 1), **kwargs)


def test_claim_type_rules(blank):
    future = _tagged(blank, ["Prices", "will", "fall", "."], ["NNS", "MD", "VB", "."])
    assert claim_type(future[:]) == "prediction-or-promise"
    assert claim_type(future[:], reports_speech=True) == "quote-of-someone-else"
    number = _tagged(blank, ["Prices", "fell", "4", "percent", "."], ["NNS", "VBD", "CD", "NN", "."],
                     ents=["O", "O", "B-PERCENT", "I-PERCENT", "O"])
    assert claim_type(number[:]) == "statistic-or-number"
    date = _tagged(blank, ["Prices", "fell", "in", "2020", "."], ["NNS", "VBD", "IN", "CD", "."],
                   ents=["O", "O", "O", "B-DATE", "O"])
    assert claim_type(date[:]) == "event-or-fact"
    belief = _tagged(blank, ["I", "believe", "it", "."], ["PRP", "VBP", "PRP", "."],
                     deps=["nsubj", "ROOT", "dobj", "punct"], heads=[1, 1, 1, 1])
    assert claim_type(belief[:]) == "opinion"
    should = _tagged(blank, ["Taxes", "should", "fall", "."], ["NNS", "MD", "VB", "."])
    assert claim_type(should[:]) == "opinion"
    assert set(CLAIM_TYPES) >= {claim_type(d[:]) for d in (future, number, date, belief, should)}


def test_would_is_a_prediction_only_in_reported_speech(blank):
    would = _tagged(blank, ["his", "forces", "would", "destroy", "it"], ["PRP$", "NNS", "MD", "VB", "PRP"])
    assert claim_type(would[:], indirect=True) == "prediction-or-promise"
    assert claim_type(would[:]) == "event-or-fact"
    conditional = _tagged(blank, ["if", "asked", ",", "they", "would", "go"], ["IN", "VBN", ",", "PRP", "MD", "VB"])
    assert claim_type(conditional[:], indirect=True) == "event-or-fact"


def test_a_number_inside_a_name_is_no_statistic(blank):
    name = _tagged(blank, ["He", "spoke", "on", "Rossiya", "1", "."], ["PRP", "VBD", "IN", "NNP", "CD", "."],
                   ents=["O", "O", "O", "B-ORG", "I-ORG", "O"])
    assert claim_type(name[:]) == "event-or-fact"
    modifier = _tagged(blank, ["a", "two", "-", "way", "deal"], ["DT", "CD", "HYPH", "NN", "NN"],
                       ents=["O", "B-CARDINAL", "O", "O", "O"])
    assert claim_type(modifier[:]) == "event-or-fact"
    count = _tagged(blank, ["two", "ships", "sank"], ["CD", "NNS", "VBD"], ents=["B-CARDINAL", "O", "O"])
    assert claim_type(count[:]) == "statistic-or-number"


def test_linear_model_scores_hashed_words_and_round_trips(blank, tmp_path):
    doc = _doc(blank, ["Taxes", "rose", ".", "Thanks", "all", "."], [True, False, False, True, False, False])
    spans = list(doc.sents)
    features = featurize(doc, spans)
    assert features.dense.shape == (2, len(CUE_NAMES))
    sparse = np.zeros(N_BUCKETS, np.float32)
    sparse[features.buckets[0]] = 1.0  # everything in the first sentence pushes towards check-worthy
    model = _linear(sparse=sparse)
    scores = model.scores(features)
    assert scores[0] > 0.5 and scores[1] < scores[0]
    model.save(tmp_path)
    (tmp_path / "card.json").write_text('{"thresholds": {"fast": 0.7}}', encoding="utf-8")
    loaded = LinearCheckworthiness.load(tmp_path, "fast")
    assert loaded.threshold == 0.7 and not loaded.needs_embeddings
    np.testing.assert_allclose(loaded.scores(features), scores, rtol=1e-3)


def test_accurate_model_needs_embeddings(blank):
    doc = _doc(blank, ["Taxes", "rose", "."], [True, False, False])
    features = featurize(doc, [doc[:]])
    model = _linear("accurate", embedding=np.ones(4, np.float32), embedding_mean=np.zeros(4, np.float32),
                    embedding_scale=np.ones(4, np.float32))
    with pytest.raises(ValueError, match="needs sentence embeddings"):
        model.scores(features)
    assert model.scores(features, np.full((1, 4), 1.0, np.float32))[0] > 0.98


@pytest.mark.model
def test_types_on_parsed_sentences(nlp):
    cases = {
        "Unemployment fell to 3.5 percent last year.": "statistic-or-number",
        "We will cut taxes for every family.": "prediction-or-promise",
        "I think this deal is a disaster.": "opinion",
        "The senator visited the border on Monday.": "event-or-fact",
    }
    for text, expected in cases.items():
        doc = nlp(text)
        assert claim_type(doc[:]) == expected, text
