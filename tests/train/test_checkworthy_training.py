"""``presslens train checkworthy`` end to end on tiny made-up TSV files: both modes are written, load
and score. Quality is the eval gate's business (tests/eval/test_checkworthy_gate.py)."""

import pytest

from presslens.nlp.adapters import adapters_available

pytestmark = [pytest.mark.model, pytest.mark.slow]

YES = ["Unemployment fell to 4 percent last year.", "The bill cut taxes by 300 billion dollars.",
       "Crime rose 12 percent in the city since 2019.", "We created two million jobs in four years."]
NO = ["Thank you all for coming tonight.", "I think that is a great question.",
      "Let me finish my point, please.", "Good evening, everyone."]


def write_split(path, repeat):
    rows = ["Sentence_id\tText\tclass_label"]
    for number in range(repeat):
        rows += [f"{number}{k}y\t{text}\tYes" for k, text in enumerate(YES)]
        rows += [f"{number}{k}n\t{text}\tNo" for k, text in enumerate(NO)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")


@pytest.mark.skipif(not adapters_available(), reason="needs presslens[accurate] and torch")
def test_trains_both_modes_and_they_score(tmp_path):
    from presslens.nlp.checkworthiness import available_modes, load_checkworthiness, score_texts
    from presslens.nlp.pipeline import load_model
    from presslens.train.checkworthy import FILES, TrainOptions, train_checkworthy

    data, out = tmp_path / "data", tmp_path / "model"
    data.mkdir()
    for split, name in FILES.items():
        write_split(data / name, 4 if split == "train" else 1)
    card = train_checkworthy(data, out, TrainOptions(allow_other_data=True, encoder_epochs=1, encoder_rank=2))
    assert {p.name for p in out.iterdir()} >= {"fast.npz", "accurate.npz", "encoder.npz", "card.json"}
    assert set(card["scores"]) == {"fast", "accurate"} and "adapters" in card["method"]["accurate"]
    assert available_modes(out) == ["fast", "accurate"]
    model = load_checkworthiness("accurate", out)
    scores = score_texts(load_model(), model, YES[:1] + NO[:1])
    assert scores.shape == (2,) and ((scores >= 0) & (scores <= 1)).all()

    # Without the accurate mode, its old files are not left behind to mismatch the new fast model.
    train_checkworthy(data, out, TrainOptions(allow_other_data=True, accurate=False))
    assert available_modes(out) == ["fast"]
