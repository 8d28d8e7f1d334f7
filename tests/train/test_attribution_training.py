"""``presslens train attribution`` end to end on a tiny made-up corpus in the PolNeAR layout.

It checks the plumbing (files written, card filled, both modes load and run), not quality: the eval
gate in tests/eval measures that on the real data.
"""

import json

import pytest

from presslens.nlp.adapters import adapters_available

pytestmark = [pytest.mark.model, pytest.mark.slow]

PARAGRAPHS = [
    ("Mayor Ana Ruiz", "said", "the bridge will reopen in May"),
    ("The council", "announced", "that taxes would fall next year"),
    ("Police chief Tom Hale", "told reporters", "the suspect had fled the city"),
    ("A spokeswoman", "said", "the company would appeal the ruling"),
]


def write_split(root, count):
    (root / "text").mkdir(parents=True)
    (root / "attributions").mkdir()
    for number in range(count):
        text, lines = "", []
        for k, (source, cue, content) in enumerate(PARAGRAPHS[number % 2:] + PARAGRAPHS[:number % 2]):
            base = len(text)
            sentence = f"{source} {cue} {content}. The weather was mild.\n\n"
            spans = {"Source": (base, base + len(source)),
                     "Cue": (base + len(source) + 1, base + len(source) + 1 + len(cue))}
            spans["Content"] = (spans["Cue"][1] + 1, spans["Cue"][1] + 1 + len(content))
            for t, (role, (start, end)) in enumerate(spans.items()):
                lines.append(f"T{3 * k + t + 1}\t{role} {start} {end}\t{sentence[start - base:end - base]}")
            lines.append(f"E{k + 1}\tAttribution:T{3 * k + 2} Content:T{3 * k + 3} Cue:T{3 * k + 2} "
                         f"Source:T{3 * k + 1}")
            text += sentence
        (root / "text" / f"doc{number}.txt").write_text(text, encoding="utf-8")
        (root / "attributions" / f"doc{number}.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")


@pytest.fixture
def corpus(tmp_path):
    write_split(tmp_path / "polnear" / "train", 6)
    write_split(tmp_path / "polnear" / "dev", 3)
    return tmp_path / "polnear"


@pytest.mark.skipif(not adapters_available(), reason="needs presslens[accurate] and torch")
def test_trains_both_modes_and_the_accurate_mode_runs(corpus, tmp_path, nlp):
    from presslens.nlp.attribution import AttributionFinder
    from presslens.train.attribution import train_attribution
    from presslens.train.piece_tagger import PieceTaggerOptions

    out = tmp_path / "model"
    tiny = PieceTaggerOptions(epochs=1, rank=2, length=32, stride=16)
    messages = []
    card = train_attribution(corpus, out, allow_other_data=True, accurate=tiny, step=messages.append)
    assert {p.name for p in out.iterdir()} >= {"cue.json.gz", "encoder.npz", "accurate.json", "card.json",
                                               "MODEL_CARD.md"}
    assert set(card["accurate"]["blend"]) == {"cue", "cue_threshold", "extent", "content", "source"}
    assert any(m.startswith("blend: cue threshold") for m in messages)
    finder = AttributionFinder(nlp, model=str(out), mode="accurate")
    assert finder.mode == "accurate"
    doc = nlp("Mayor Ana Ruiz said the bridge will reopen in May.")
    assert all(r.rule == "model" or r.rule for r in finder.predict(doc))

    # Retraining only the accurate mode keeps the fast model.
    fast_before = (out / "cue.json.gz").read_bytes()
    card = train_attribution(corpus, out, allow_other_data=True, accurate=tiny, fast=False)
    assert (out / "cue.json.gz").read_bytes() == fast_before and "accurate" in card

    # Refitting the blend keeps the tagger and writes the accurate mode's calibration.
    tagger_before = (out / "encoder.npz").read_bytes()
    card = train_attribution(corpus, out, allow_other_data=True, refit_blend=True)
    assert (out / "encoder.npz").read_bytes() == tagger_before
    assert json.loads((out / "accurate.json").read_text())["calibration"]["xs"]
    assert card["accurate"]["confidence_reliability"]["table"]

    # Retraining the fast model alone drops the accurate mode fitted to the old one.
    card = train_attribution(corpus, out, allow_other_data=True)
    assert not (out / "encoder.npz").exists() and "accurate" not in card
    assert AttributionFinder(nlp, model=str(out), mode="best").mode == "fast"
