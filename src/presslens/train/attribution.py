"""``presslens train attribution``: the learned attribution model, from PolNeAR.

Reads ``DATA/train`` and ``DATA/dev`` (PolNeAR layout), parses them with the
same spaCy pipeline presslens runs, turns every gold relation into examples for
the four linear models of :mod:`presslens.nlp.attribution_model` (using the same
candidate and feature code the model uses at run time), fits them with
scikit-learn's logistic regression, tunes the decision thresholds on dev and
writes the weights and a model card.
"""

from __future__ import annotations

import itertools
import json
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.tokens import Doc

from presslens.errors import OptionalDependencyError
from presslens.eval.attribution import (
    GoldDocument,
    PredictedRelation,
    load_polnear,
    relation_matches,
    score_documents,
)
from presslens.nlp.adapters import ADAPTERS_FILE
from presslens.nlp.annotations import Relation
from presslens.nlp.attribution_encoder import SETTINGS_FILE
from presslens.nlp.attribution_features import (
    DocContext,
    candidate_features,
    cue_features,
    extent_features,
    is_cue_candidate,
    no_source_features,
)
from presslens.nlp.attribution_model import AttributionModel, RuleHints
from presslens.nlp.calibration import Calibration
from presslens.nlp.linear import LinearModel
from presslens.train.common import check_hash, data_hash, write_card
from presslens.train.piece_tagger import PieceTaggerOptions

__all__ = ["PINNED_DATA_HASH", "train_attribution"]

#: SHA-256 of PolNeAR train + dev (text/*.txt and attributions/*.ann) the shipped model was trained on.
PINNED_DATA_HASH = "8384a5a004ff8252ea028c0d4d8f3003de9e3a227ffd2168e16df772919adb47"

Progress = Callable[[str, int, int], None]


@dataclass
class _Examples:
    """A growing sparse design matrix with string features mapped to columns."""

    vocabulary: dict[str, int]
    indices: list[int] = field(default_factory=list)
    indptr: list[int] = field(default_factory=lambda: [0])
    labels: list[int] = field(default_factory=list)
    #: For rankers: the choice set each row belongs to (rows of a set are contiguous).
    groups: list[int] = field(default_factory=list)

    def add(self, features: Iterable[str], label: bool, group: int = -1) -> None:
        vocabulary = self.vocabulary
        columns = {vocabulary.setdefault(f, len(vocabulary)) for f in features}
        self.indices.extend(sorted(columns))
        self.indptr.append(len(self.indices))
        self.labels.append(int(label))
        self.groups.append(group)

    def add_group(self, rows: list[tuple[list[str], bool]], group: int) -> bool:
        """Add one choice set. A set with no right answer teaches a ranker nothing and is skipped;
        one with several (candidates that differ only in punctuation, which the scores ignore)
        is kept: the ranker learns to put its weight on any of them."""
        if not any(label for _, label in rows):
            return False
        for features, label in rows:
            self.add(features, label, group)
        return True

    def matrix(self) -> Any:
        import numpy as np
        from scipy.sparse import csr_matrix

        data = np.ones(len(self.indices), dtype=np.float32)
        shape = (len(self.labels), len(self.vocabulary))
        indices = np.array(self.indices, dtype=np.int32)
        return csr_matrix((data, indices, np.array(self.indptr, dtype=np.int64)), shape=shape)


def _chars(text: str, parts: Iterable[tuple[int, int]]) -> frozenset[int]:
    return frozenset(i for a, b in parts for i in range(a, min(b, len(text))) if text[i].isalnum())


def polnear_files(data: Path) -> list[Path]:
    files = []
    for split in ("train", "dev"):
        files += sorted((data / split / "text").glob("*.txt")) + sorted((data / split / "attributions").glob("*.ann"))
    return files


def _parse(documents: list[GoldDocument], progress: Progress | None, label: str) -> list[Doc]:
    import presslens.nlp.registry  # noqa: F401
    from presslens.nlp.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("presslens_paragraphs", before="parser")
    docs = []
    for n, doc in enumerate(nlp.pipe((d.text for d in documents), batch_size=16), 1):
        docs.append(doc)
        if progress:
            progress(label, n, len(documents))
    return docs


def _rule_hints(doc: Doc) -> RuleHints:
    from presslens.nlp.attribution import rule_relations

    return RuleHints.from_relations(doc, rule_relations(doc))


def _cue_lemmas(documents: list[GoldDocument], docs: list[Doc]) -> frozenset[str]:
    """Lemmas that head a gold cue somewhere in the training data."""
    lemmas = set()
    for gold, doc in zip(documents, docs, strict=True):
        for relation in gold.relations:
            if relation.cue:
                span = doc.char_span(*relation.cue[0], alignment_mode="expand")
                if span is not None and len(span):
                    lemmas.add(span.root.lemma_.lower())
    return frozenset(lemmas)


def _examples(documents: list[GoldDocument], docs: list[Doc], progress: Progress | None,
              label: str) -> dict[str, _Examples]:
    sets = {name: _Examples({}) for name in AttributionModel.NAMES}
    for n, (gold, doc) in enumerate(zip(documents, docs, strict=True), 1):
        if progress:
            progress(label, n, len(documents))
        text = doc.text
        ctx = DocContext(doc)
        hints = _rule_hints(doc)
        heads: dict[int, list[PredictedRelation]] = {}
        for relation in gold.relations:
            if not relation.cue:
                continue
            span = doc.char_span(*relation.cue[0], alignment_mode="expand")
            if span is None or not len(span):
                continue
            heads.setdefault(span.root.i, []).append(relation)
        rule_heads = frozenset(hints.content)
        for token in doc:
            if is_cue_candidate(token):
                sets["cue"].add(cue_features(token, ctx, rule_heads), token.i in heads)
        for head_i, relations in heads.items():
            head = doc[head_i]
            cue_chars = _chars(text, relations[0].cue)
            for i in range(max(head.sent.start, head_i - 3), min(head.sent.end, head_i + 4)):
                if i != head_i and not doc[i].is_space:
                    inside = bool(_chars(text, [(doc[i].idx, doc[i].idx + len(doc[i]))]) & cue_chars) or (
                        any(s <= doc[i].idx < e for s, e in relations[0].cue))
                    sets["extent"].add(extent_features(doc[i], head), inside)
            span = doc.char_span(*relations[0].cue[0], alignment_mode="expand")
            assert span is not None  # relations[0] was grouped under head_i above only because this span exists
            cue = (span.start_char, span.end_char)
            for relation in relations:
                group = len(sets["content"].groups) + len(sets["source"].groups)
                if relation.content:
                    gold_content = _chars(text, relation.content)
                    sets["content"].add_group([
                        (candidate_features(c, head, cue, ctx, "content", hints.content.get(head_i)),
                         _chars(text, c.parts) == gold_content)
                        for c in ctx.content_candidates(head, cue) if not _covers(c, cue)
                    ], group)
                gold_source = _chars(text, relation.source) if relation.source else None
                rows = [(candidate_features(c, head, cue, ctx, "source", hints.source.get(head_i)),
                         gold_source is not None and _chars(text, c.parts) == gold_source)
                        for c in ctx.source_candidates(head) if not _covers(c, cue)]
                rows.append((no_source_features(head, ctx), gold_source is None))
                sets["source"].add_group(rows, group)
    return sets


def _fit_ranker(examples: _Examples, c: float) -> LinearModel:
    """A conditional-logit ranker: softmax over each choice set, L2-regularised, fitted with L-BFGS."""
    import numpy as np
    from scipy.optimize import minimize

    x = examples.matrix()
    y = np.array(examples.labels, dtype=np.float64)
    groups = np.array(examples.groups)
    starts = np.flatnonzero(np.r_[True, groups[1:] != groups[:-1]])
    counts = np.diff(np.r_[starts, len(groups)])
    xt = x.T.tocsr()

    def objective(w: Any) -> tuple[float, Any]:
        # -log of the probability mass on the set's right answers (one or several)
        scores = x @ w
        top = np.maximum.reduceat(scores, starts)
        shifted = np.exp(scores - np.repeat(top, counts))
        totals = np.add.reduceat(shifted, starts)
        right = np.add.reduceat(shifted * y, starts)
        loss = float(np.log(totals / right).sum() + 0.5 / c * (w @ w))
        gradient = xt @ (shifted / np.repeat(totals, counts) - shifted * y / np.repeat(right, counts)) + w / c
        return loss, gradient

    result = minimize(objective, np.zeros(x.shape[1]), jac=True, method="L-BFGS-B", options={"maxiter": 300})
    names = {index: name for name, index in examples.vocabulary.items()}
    weights = {names[i]: round(float(w), 4) for i, w in enumerate(result.x) if abs(w) >= 1e-3}
    return LinearModel(weights, 0.0)


def _fit(examples: _Examples, c: float) -> LinearModel:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise OptionalDependencyError("training the attribution model", "train") from e
    model = LogisticRegression(C=c, solver="liblinear", max_iter=200)
    model.fit(examples.matrix(), examples.labels)
    names = {index: name for name, index in examples.vocabulary.items()}
    weights = {names[i]: round(float(w), 4) for i, w in enumerate(model.coef_[0]) if abs(w) >= 1e-3}
    return LinearModel(weights, round(float(model.intercept_[0]), 4))


def _relations_all(model: AttributionModel, docs: list[Doc]) -> list[list[Relation]]:
    """The model's relations for each doc, as the component makes them, before calibration."""
    from presslens.nlp.attribution import model_relations

    return [model_relations(doc, model) for doc in docs]


def _as_predicted(relations: list[Relation]) -> list[PredictedRelation]:
    return [PredictedRelation(tuple(r.content), (r.cue,) if r.cue else (), (r.source,) if r.source else ())
            for r in relations]


def _predict_all(model: AttributionModel, docs: list[Doc]) -> list[list[PredictedRelation]]:
    return [_as_predicted(relations) for relations in _relations_all(model, docs)]


def _fit_calibration(raw: Any, correct: Any) -> Calibration:
    from sklearn.isotonic import IsotonicRegression

    iso = IsotonicRegression(y_min=0.0, y_max=1.0, out_of_bounds="clip").fit(raw, correct)
    return Calibration(tuple(round(float(x), 5) for x in iso.X_thresholds_),
                       tuple(round(float(y), 5) for y in iso.y_thresholds_))


def _calibrate(model: AttributionModel, gold: list[GoldDocument],
               docs: list[Doc]) -> tuple[Calibration, dict[str, Any]]:
    """Fit the confidence map on dev; report reliability from 2-fold cross-fitting over documents."""
    import numpy as np

    raw: list[float] = []
    correct: list[bool] = []
    fold: list[int] = []
    for n, (document, relations) in enumerate(zip(gold, _relations_all(model, docs), strict=True)):
        matches = relation_matches(document.text, document.relations, _as_predicted(relations))
        raw += [r.confidence for r in relations]
        correct += matches
        fold += [n % 2] * len(relations)
    raw_a, correct_a, fold_a = np.array(raw), np.array(correct, dtype=float), np.array(fold)
    cross = np.zeros_like(raw_a)
    for k in (0, 1):
        mapping = _fit_calibration(raw_a[fold_a != k], correct_a[fold_a != k])
        cross[fold_a == k] = [mapping(x) for x in raw_a[fold_a == k]]
    edges = [0.0, 0.2, 0.4, 0.6, 0.8, 1.0001]
    table: list[dict[str, Any]] = []
    for low, high in itertools.pairwise(edges):
        inside = (cross >= low) & (cross < high)
        if inside.any():
            table.append({"confidence": f"{low:.1f}-{min(high, 1.0):.1f}", "relations": int(inside.sum()),
                          "mean_confidence": round(float(cross[inside].mean()), 3),
                          "correct": round(float(correct_a[inside].mean()), 3)})
    ece = sum(row["relations"] * abs(row["mean_confidence"] - row["correct"]) for row in table) / max(len(raw), 1)
    reliability = {"method": "isotonic regression on dev; table from 2-fold cross-fitting over dev documents "
                             "(each half calibrated by a map fitted on the other)",
                   "correct_means": "content and source both overlap-match a gold relation",
                   "table": table, "expected_calibration_error": round(float(ece), 4),
                   "raw_confidence_error": round(float(np.mean(np.abs(raw_a - correct_a))), 4)}
    return _fit_calibration(raw_a, correct_a), reliability


def _covers(candidate: Any, cue: tuple[int, int]) -> bool:
    return any(s < cue[1] and cue[0] < e for s, e in candidate.parts)


def _objective(scores: dict[str, Any]) -> float:
    total: float = sum(scores[role]["exact"]["f1"] for role in ("source", "cue", "content"))
    return total / 3


def train_attribution(data: Path, out: Path, *, allow_other_data: bool = False, progress: Progress | None = None,
                      accurate: PieceTaggerOptions | None = None, fast: bool = True, refit_blend: bool = False,
                      step: Callable[[str], None] | None = None) -> dict[str, Any]:
    """Train the four models on ``data/train``, tune on ``data/dev``, write them to ``out``; with
    ``accurate``, also the accurate mode's tagger and blend (``fast=False``: only those, beside the fast
    model already in ``out``; ``refit_blend``: only the blend and calibration, for the tagger already
    there). ``step`` hears the accurate mode's progress lines."""
    started = time.time()
    digest = data_hash(polnear_files(data), data)
    check_hash(digest, PINNED_DATA_HASH, data, allow_other=allow_other_data)
    train_gold, dev_gold = load_polnear(data / "train"), load_polnear(data / "dev")
    if not fast or refit_blend:
        stored = None
        if refit_blend:
            from presslens.train.attribution_accurate import stored_tagger

            stored, accurate = stored_tagger(out, accurate.epochs if accurate is not None else 0)
        if accurate is None:
            raise ValueError("nothing to train: fast=False needs accurate options")
        card = json.loads((out / "card.json").read_text(encoding="utf-8")) if (out / "card.json").exists() else {}
        model = AttributionModel.load(out)
        before = card.get("accurate", {})
        card["accurate"] = _train_accurate(model, train_gold, dev_gold, _parse(dev_gold, progress, "parsing dev"),
                                           out, accurate, step, stored)
        if stored is not None:  # the tagger is the one trained before: keep what its training cost
            card["accurate"]["tagger_training_seconds"] = before.get("tagger_training_seconds")
        write_card(out, {k: v for k, v in card.items() if k not in ("trained_at", "python")})
        return card
    train_docs = _parse(train_gold, progress, "parsing train")
    dev_docs = _parse(dev_gold, progress, "parsing dev")
    examples = _examples(train_gold, train_docs, progress, "building examples")
    regularisation = {"cue": 1.0, "extent": 1.0, "source": 1.0, "content": 1.0}
    fitted = {}
    for name in AttributionModel.NAMES:
        if progress:
            progress(f"fitting {name}", 0, 1)
        ranker = name in ("source", "content")
        fitted[name] = (_fit_ranker if ranker else _fit)(examples[name], regularisation[name])
    model = AttributionModel(fitted, cue_lemmas=_cue_lemmas(train_gold, train_docs))
    # The cue threshold is tuned end to end on dev.
    best: tuple[float, dict[str, Any]] | None = None
    for cue_threshold in (0.3, 0.35, 0.4, 0.45, 0.5, 0.55):
        model.cue = LinearModel(fitted["cue"].weights, fitted["cue"].bias, cue_threshold)
        if progress:
            progress("tuning the cue threshold on dev", 0, 1)
        scores = score_documents(iter(zip(dev_gold, _predict_all(model, dev_docs), strict=True)))
        if best is None or _objective(scores) > _objective(best[1]):
            best = (cue_threshold, scores)
    assert best is not None
    model.cue = LinearModel(fitted["cue"].weights, fitted["cue"].bias, best[0])
    if progress:
        progress("calibrating confidence on dev", 0, 1)
    model.calibration, reliability = _calibrate(model, dev_gold, dev_docs)
    model.save(out)
    elapsed = time.time() - started
    card = {
        "name": "presslens attribution model",
        "data": "PolNeAR (Newell, Margolin & Ruths, LREC 2018): train split (840 documents) for fitting, "
                "dev split (84 documents) for thresholds; the first annotator's file per document.",
        "data_terms": "PolNeAR states no license; used as research data. The weights hold feature weights "
                      "only, no article text.",
        "data_sha256": digest,
        "method": "Sparse linear models over features of spaCy en_core_web_sm parses: a cue-head "
                  "classifier and a cue-extent classifier (logistic regression, scikit-learn liblinear), and "
                  "source and content rankers (conditional logit, softmax over each cue's candidates, L2, "
                  "fitted with L-BFGS) over parse-subtree and quotation candidates, with a 'no source' "
                  "choice; a choice set may have several right answers (candidates differing only in "
                  "punctuation): the loss is minus the log of their summed probability. The rule-based "
                  "finder's output is a feature. Inference is pure Python.",
        "regularisation_C": regularisation,
        "thresholds": {"cue": best[0]},
        "dev_scores": best[1],
        "confidence_reliability": reliability,
        "training_seconds": round(elapsed),
        "training_hardware": "2 CPU cores",
    }
    for stale in (ADAPTERS_FILE, SETTINGS_FILE):  # an accurate mode trained beside older weights no longer fits
        (out / stale).unlink(missing_ok=True)
    if accurate is not None:
        card["accurate"] = _train_accurate(model, train_gold, dev_gold, dev_docs, out, accurate, step)
    write_card(out, card)
    return card


def _train_accurate(model: AttributionModel, train: list[GoldDocument], dev: list[GoldDocument], dev_docs: list[Doc],
                    out: Path, options: PieceTaggerOptions, step: Callable[[str], None] | None,
                    stored: dict[str, Any] | None = None) -> dict[str, Any]:
    from presslens.train.attribution_accurate import train_accurate

    return train_accurate(model, train, dev, dev_docs, out, options, step or (lambda message: None), stored)
