"""``presslens train techniques`` end to end on a tiny made-up corpus in the PTC layout.

It checks the plumbing (files written, card filled, the model loads and runs), not quality: the eval
gate in tests/eval measures that on the real data.
"""

import json

import pytest

from presslens.errors import DataFormatError, ModelNotFoundError
from presslens.nlp.adapters import adapters_available

pytestmark = [pytest.mark.model, pytest.mark.slow]

SENTENCES = [
    "The corrupt elite betrayed the nation once again.",
    "Officials said the bridge will reopen in May.",
    "Only a fool would believe these disgusting lies.",
    "The committee met on Tuesday to discuss the budget.",
]


def write_corpus(root):
    articles = root / "train-articles"
    articles.mkdir(parents=True)
    labels = []
    for number in (1, 2, 3, 4, 5, 6, 10, 15):  # 10 and 15 fall in the dev part (ids divisible by 5)
        text = f"Title {number}\n\n" + "\n".join(SENTENCES) + "\n"
        (articles / f"article{number}.txt").write_text(text, encoding="utf-8")
        for phrase, technique in (("corrupt elite", "Name_Calling,Labeling"), ("disgusting lies", "Loaded_Language")):
            start = text.index(phrase)
            labels.append(f"{number}\t{technique}\t{start}\t{start + len(phrase)}")
    (root / "train-task2-TC.labels").write_text("\n".join(labels) + "\n", encoding="utf-8")
    return root


@pytest.mark.skipif(not adapters_available(), reason="needs presslens[accurate] and torch")
def test_trains_both_taggers_and_the_accurate_mode_runs(tmp_path):
    from presslens.nlp.technique_encoder import load_encoder_tagger
    from presslens.train.technique_encoder import EncoderOptions
    from presslens.train.techniques import TrainOptions, train_techniques

    data, out = write_corpus(tmp_path / "ptc"), tmp_path / "model"
    messages = []
    options = TrainOptions(allow_other_data=True, accurate=True,
                           encoder=EncoderOptions(epochs=1, rank=2, length=32, stride=16))
    card = train_techniques(data, out, options, progress=messages.append)
    assert {p.name for p in out.iterdir()} >= {"tagger.npz", "classifier.npz", "encoder.npz", "config.json",
                                               "card.json", "MODEL_CARD.md"}
    config = json.loads((out / "config.json").read_text())
    assert config["encoder"]["rank"] == 2 and 0.1 <= config["encoder"]["threshold"] <= 0.65
    assert config["encoder"]["peak"] >= config["encoder"]["threshold"] and 0 <= config["encoder"]["fast_weight"] < 1
    assert 0.0 <= card["accurate"]["scores_dev_split"]["si"]["f1"] <= 1.0
    assert any(m.startswith("accurate tagger: dev SI F1") for m in messages)
    tagger = load_encoder_tagger(str(out))
    assert all(0 <= s < e for s, e, _ in tagger.spans("The corrupt elite lied.\nAgain."))

    # Retraining only the accurate part keeps the fast model and its card.
    fast_before = (out / "tagger.npz").read_bytes()
    card = train_techniques(data, out, TrainOptions(allow_other_data=True, fast=False, accurate=True,
                                                    encoder=EncoderOptions(epochs=1, rank=2, length=32, stride=16)))
    assert (out / "tagger.npz").read_bytes() == fast_before and "accurate" in card
    assert (out / "encoder_classifier.npz").is_file() and "classifier_weight" in config["encoder"]
    assert 0.0 <= card["accurate"]["scores_dev_split"]["tc"]["micro_f1"] <= 1.0

    # A refit keeps the adapters (and the options they were trained with) and fits the rest again.
    adapters = (out / "encoder.npz").read_bytes()
    refit = train_techniques(data, out, TrainOptions(allow_other_data=True, fast=False, accurate=True, refit=True))
    assert (out / "encoder.npz").read_bytes() == adapters
    assert refit["accurate"]["options"] == card["accurate"]["options"] and "refit_minutes" in refit["accurate"]

    # Retraining the fast part alone drops the accurate tagger tuned beside the old one.
    card = train_techniques(data, out, TrainOptions(allow_other_data=True))
    assert not (out / "encoder.npz").exists() and not (out / "encoder_classifier.npz").exists()
    assert "accurate" not in card

    # ... and then there is nothing to refit.
    with pytest.raises(ModelNotFoundError, match="no accurate tagger to refit"):
        train_techniques(data, out, TrainOptions(allow_other_data=True, fast=False, accurate=True, refit=True))


def test_accurate_only_refuses_a_fast_model_trained_on_other_data(tmp_path):
    import shutil

    from presslens.models import model_dir
    from presslens.train.techniques import TrainOptions, train_techniques

    data, out = write_corpus(tmp_path / "ptc"), tmp_path / "model"
    shutil.copytree(model_dir("techniques"), out)
    with pytest.raises(DataFormatError, match="other data"):
        train_techniques(data, out, TrainOptions(allow_other_data=True, fast=False, accurate=True))


def test_decoding_is_tuned_to_the_gold_spans():
    from types import SimpleNamespace

    import numpy as np

    from presslens.train.techniques import tune_decoding

    text = "aa bb cc dd ee"
    cut = SimpleNamespace(offsets=np.array([[0, 2], [3, 5], [6, 8], [9, 11], [12, 14]]))
    # "aa bb" is a span; "dd ee" scores as high at its edge but never at a peak
    scores = np.array([0.6, 0.9, 0.05, 0.6, 0.6], dtype=np.float32)
    fast = (np.array([2, 5, 8, 11, 14]), np.zeros(5, np.float32))
    best = tune_decoding({"1": text}, {"1": cut}, {"1": scores}, {"1": fast}, {"1": [(0, 5)]})
    assert best["fast_weight"] == 0.0  # the fast tagger knows nothing here
    assert best["threshold"] <= 0.6 < best["peak"] <= 0.9
