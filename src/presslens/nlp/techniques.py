"""Persuasion techniques: which stretches of text use one, and which of the 14 PTC techniques.

Two steps, both in numpy on what spaCy already computed:

1. **Span identification.** A small tagger scores every token: hashed
   lexical features (:mod:`presslens.nlp.technique_features`) summed through
   an embedding table, the ``tok2vec`` tensor of the parse and cue-word
   indicators go through one hidden layer and two 1-D convolutions over
   the token sequence. Runs of tokens scoring above the tuned threshold,
   within one sentence and allowing short gaps, become spans.
2. **Technique classification.** A linear classifier over hashed span
   features (:mod:`presslens.nlp.technique_spans`) names the technique of
   each span.

Both are trained by ``presslens train techniques`` on the Propaganda
Techniques Corpus; the weights live in ``presslens/models/techniques``.
The ``accurate`` mode replaces step 1 with MiniLM adapted to the task
(:mod:`presslens.nlp.technique_encoder`, the ``accurate`` extra); ``best``
uses it when it is installed. A
lexicon of euphemisms and loaded framings (:mod:`presslens.nlp.framing`)
adds what no benchmark covers. The component writes
``doc._.presslens_techniques``: a list of :class:`TechniqueHit`.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt
from spacy import attrs
from spacy.language import Language
from spacy.tokens import Doc
from thinc.api import NumpyOps

from presslens.errors import ConfigError, ModelNotFoundError
from presslens.nlp.annotations import TechniqueHit
from presslens.nlp.doccache import sentences
from presslens.nlp.framing import find_frames
from presslens.nlp.technique_encoder import EncoderReading, EncoderTagger, blend_classes
from presslens.nlp.technique_features import TokenFeatures, quoted_tokens, token_features
from presslens.nlp.technique_lexicon import CUES
from presslens.nlp.technique_spans import SpanContext, span_features

__all__ = ["PTC_NAMES", "TECHNIQUES", "TechniqueFinder", "TechniqueModel", "load_model"]

#: presslens's name of each PTC technique (the corpus's spelling on the left), with the cue list
#: whose words a finding's reason names (``None`` for repetition, which is about recurrence).
PTC_NAMES: dict[str, tuple[str, str | None]] = {
    "Appeal_to_Authority": ("appeal-to-authority", "authority"),
    "Appeal_to_fear-prejudice": ("appeal-to-fear", "fear"),
    "Bandwagon,Reductio_ad_hitlerum": ("bandwagon", "bandwagon"),
    "Black-and-White_Fallacy": ("black-and-white", "black_white"),
    "Causal_Oversimplification": ("causal-oversimplification", "causal"),
    "Doubt": ("doubt", "doubt"),
    "Exaggeration,Minimisation": ("exaggeration", "exaggeration"),
    "Flag-Waving": ("flag-waving", "flag"),
    "Loaded_Language": ("loaded-language", "loaded"),
    "Name_Calling,Labeling": ("name-calling", "labels"),
    "Repetition": ("repetition", None),
    "Slogans": ("slogans", "slogan"),
    "Thought-terminating_Cliches": ("thought-terminating-cliche", "cliche"),
    "Whataboutism,Straw_Men,Red_Herring": ("whataboutism", "whatabout"),
}

#: Every technique name presslens reports: the 14 of PTC, then those only the lexicon finds.
TECHNIQUES = (*(name for name, _ in PTC_NAMES.values()), "euphemism")

MODEL_NAME = "techniques"


# Matrix products go through thinc's single-threaded BLIS, as spaCy's own layers do: numpy's BLAS
# starts a thread per core, which for these small matrices on a busy machine is ten times slower.
_OPS = NumpyOps()


def _relu(x: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    return np.maximum(x, 0.0)


def _dense(x: npt.NDArray[np.float32], weight_t: npt.NDArray[np.float32],
           bias: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """``x @ weight_t + bias`` (``weight_t`` is in x out, C-contiguous)."""
    out: npt.NDArray[np.float32] = _OPS.gemm(np.ascontiguousarray(x, dtype=np.float32), weight_t) + bias
    return out


def _conv_kernel(weight: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
    """A torch Conv1d weight (out x in x width) laid out for :func:`_conv`: (width*in) x out."""
    return np.ascontiguousarray(weight.transpose(2, 1, 0).reshape(weight.shape[2] * weight.shape[1], weight.shape[0]))


def _conv(x: npt.NDArray[np.float32], kernel: npt.NDArray[np.float32], bias: npt.NDArray[np.float32],
          dilation: int) -> npt.NDArray[np.float32]:
    """A same-length 1-D convolution over tokens: ``x`` is tokens x channels, ``kernel`` from :func:`_conv_kernel`."""
    width = kernel.shape[0] // x.shape[1]
    pad = dilation * (width // 2)
    padded = np.concatenate([np.zeros((pad, x.shape[1]), x.dtype), x, np.zeros((pad, x.shape[1]), x.dtype)])
    # All taps side by side (tokens x width*in), then one matrix product.
    taps = np.concatenate([padded[k * dilation:k * dilation + len(x)] for k in range(width)], axis=1)
    return _dense(taps, kernel, bias)


@dataclass(frozen=True, slots=True)
class TechniqueModel:
    """The trained weights of both steps, and the decoding settings tuned with them."""

    tagger: dict[str, npt.NDArray[np.float32]]
    classifier: npt.NDArray[np.float32]
    classifier_bias: npt.NDArray[np.float32]
    classes: tuple[str, ...]
    tagger_buckets: int
    classifier_buckets: int
    threshold: float
    gap: int
    #: A span is kept only where one of its tokens scores at least this (the threshold draws its edges).
    peak: float

    @classmethod
    def load(cls, directory: Path) -> TechniqueModel:
        """Read a model written by ``presslens train techniques``."""
        config_path = directory / "config.json"
        if not config_path.is_file():
            raise ModelNotFoundError(
                f"no technique model in {directory} (config.json is missing). To fix: reinstall presslens, "
                "or train one with `presslens train techniques --data DIR --out DIR`"
            )
        config = json.loads(config_path.read_text(encoding="utf-8"))
        with np.load(directory / "tagger.npz") as tagger_file:
            tagger = {k: tagger_file[k].astype(np.float32) for k in tagger_file.files}
        for name in ("dense", "input", "output"):
            tagger[f"{name}_weight"] = np.ascontiguousarray(tagger[f"{name}_weight"].T)
        for name in ("conv1", "conv2"):
            tagger[f"{name}_weight"] = _conv_kernel(tagger[f"{name}_weight"])
        with np.load(directory / "classifier.npz") as classifier_file:
            weights = classifier_file["weight"].astype(np.float32)
            bias = classifier_file["bias"].astype(np.float32)
        return cls(tagger, weights, bias, tuple(config["classes"]), int(config["tagger_buckets"]),
                   int(config["classifier_buckets"]), float(config["threshold"]), int(config["gap"]),
                   float(config.get("peak", config["threshold"])))  # models stored before the peak: none

    def token_scores(self, doc: Doc, quoted: npt.NDArray[np.bool_] | None = None) -> npt.NDArray[np.float32]:
        """Per token: the probability that it lies in a technique span (column 0), then one column
        per PTC technique (an auxiliary output of the tagger)."""
        return self.scores_from_features(token_features(doc, quoted))

    def scores_from_features(self, features: TokenFeatures) -> npt.NDArray[np.float32]:
        """:meth:`token_scores` from features already extracted."""
        if len(features.dense) == 0:
            return np.zeros((0, 1 + len(PTC_NAMES)), np.float32)
        w = self.tagger
        embedded = w["embedding"][features.buckets(self.tagger_buckets)].sum(axis=1, dtype=np.float32)
        dense = ((features.dense - w["dense_mean"]) / w["dense_scale"]).astype(np.float32)
        x = np.concatenate([embedded, _relu(_dense(dense, w["dense_weight"], w["dense_bias"]))], axis=1)
        x = _relu(_dense(x, w["input_weight"], w["input_bias"]))
        h1 = _relu(_conv(x, w["conv1_weight"], w["conv1_bias"], 1))
        h2 = _relu(_conv(h1, w["conv2_weight"], w["conv2_bias"], 2))
        logits = _dense(np.concatenate([x, h1 + h2], axis=1), w["output_weight"], w["output_bias"])
        scores: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return scores

    def spans(self, doc: Doc, scores: npt.NDArray[np.float32]) -> list[tuple[int, int, float]]:
        """Token spans ``(start, end, mean score)`` where the tagger's score passes the threshold, and
        passes the peak on one token at least."""
        on = scores[:, 0] >= self.threshold
        sentence = np.zeros(len(doc), dtype=np.int64)
        for sent in sentences(doc):
            sentence[sent.start:sent.end] = sent.start
        spans = []
        i, n = 0, len(doc)
        while i < n:
            if not on[i] or doc[i].is_punct or doc[i].is_space:
                i += 1
                continue
            j = i
            while j + 1 < n and sentence[j + 1] == sentence[i] and on[j + 1:j + 2 + self.gap].any():
                j += 1
            while j > i and (not on[j] or doc[j].is_punct or doc[j].is_space):
                j -= 1
            if scores[i:j + 1, 0].max() >= self.peak:
                spans.append((i, j + 1, float(scores[i:j + 1, 0].mean())))
            i = j + 1
        return spans

    def probabilities(self, context: SpanContext, start: int, end: int) -> npt.NDArray[np.float32]:
        """The probability of each PTC technique (in ``classes`` order) for ``context.text[start:end]``."""
        features = span_features(context, start, end, self.classifier_buckets)
        buckets = np.fromiter(features.keys(), dtype=np.int64, count=len(features))
        values = np.fromiter(features.values(), dtype=np.float32, count=len(features))
        logits = self.classifier_bias + values @ self.classifier[buckets]
        probabilities: npt.NDArray[np.float32] = np.exp(logits - logits.max())
        probabilities /= probabilities.sum()
        return probabilities

    def ranked(self, probabilities: npt.NDArray[np.float32]) -> list[tuple[str, float]]:
        """``(technique, probability)`` pairs, most probable first."""
        return [(self.classes[k], float(probabilities[k])) for k in np.argsort(-probabilities)]

    def classify(self, context: SpanContext, start: int, end: int) -> list[tuple[str, float]]:
        """The PTC techniques of ``context.text[start:end]``, most probable first, with probabilities."""
        return self.ranked(self.probabilities(context, start, end))


@lru_cache(maxsize=2)
def load_model(directory: str | None = None) -> TechniqueModel:
    """The shipped technique model (or the one in ``directory``), loaded once."""
    from presslens.models import model_dir

    return TechniqueModel.load(Path(directory) if directory else model_dir(MODEL_NAME))


def _lemma_counts(doc: Doc) -> dict[int, int]:
    """How often each lemma (by hash) occurs in ``doc``, computed once per doc."""
    cached: dict[int, int] | None = doc.user_data.get("presslens_lemma_counts")
    if cached is None:
        lemmas, counts = np.unique(doc.to_array([attrs.LEMMA]), return_counts=True)
        cached = dict(zip(lemmas.tolist(), counts.tolist(), strict=True))
        doc.user_data["presslens_lemma_counts"] = cached
    return cached


def _reason(doc: Doc, start: int, end: int, ptc: str, score: float, confidence: float, tagger: str) -> str:
    name, key = PTC_NAMES[ptc]
    if key is None:
        counts = _lemma_counts(doc)
        again = [t.text for t in doc[start:end] if t.is_alpha and not t.is_stop and counts.get(t.lemma, 0) > 1]
        cue = f"words used again elsewhere: {', '.join(dict.fromkeys(again))}" if again else "wording recurs"
    else:
        words = set(CUES[key])
        hits = [t.text for t in doc[start:end] if t.lower_ in words or t.lemma_.lower() in words]
        label = key.replace("_", "-")
        cue = f"{label} cue words: {', '.join(dict.fromkeys(hits))}" if hits else "learned wording pattern"
    return f"{tagger} (span {score:.2f}, {name} {confidence:.2f}); {cue}"


class TechniqueFinder:
    """spaCy component: writes ``doc._.presslens_techniques`` (needs a parse and ``doc.tensor``)."""

    def __init__(self, nlp: Language, name: str = "presslens_techniques", *, model_path: str | None = None,
                 use_model: bool = True, use_lexicon: bool = True, mode: str = "fast") -> None:
        if mode not in ("fast", "accurate", "best"):
            raise ConfigError(f"technique mode must be fast, accurate or best, got {mode!r}")
        self.name = name
        self.model_path = model_path
        self.use_model = use_model
        self.use_lexicon = use_lexicon
        self.mode = mode

    @property
    def technique_model(self) -> TechniqueModel:
        return load_model(self.model_path)

    @property
    def model_folder(self) -> Path:
        from presslens.models import model_dir

        return Path(self.model_path) if self.model_path else model_dir(MODEL_NAME)

    @cached_property
    def tagger(self) -> str:
        """The span tagger that runs: ``fast`` or ``accurate`` (``best`` resolved once, against what is
        installed)."""
        if self.mode != "best":
            return self.mode
        from presslens.nlp.adapters import adapters_ready

        return "accurate" if adapters_ready(self.model_folder) else "fast"

    def __call__(self, doc: Doc) -> Doc:
        hits: list[TechniqueHit] = []
        if self.use_model:
            hits.extend(self._model_hits(doc))
        if self.use_lexicon:
            hits.extend(self._lexicon_hits(doc))
        doc._.presslens_techniques = _dedupe(hits)
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def _model_hits(self, doc: Doc) -> list[TechniqueHit]:
        model = self.technique_model
        tagger = self.tagger
        spans, reading = self._token_spans(doc, model, tagger)
        offsets = [(doc[start].idx, doc[end - 1].idx + len(doc[end - 1])) for start, end, _ in spans]
        hits = []
        classified = self.classify(doc.text, offsets, reading)
        for (start, end, score), (begin, finish), ranked in zip(spans, offsets, classified, strict=True):
            ptc, confidence = ranked[0]
            reason = _reason(doc, start, end, ptc, score, confidence, "model" if tagger == "fast" else "encoder")
            hits.append(TechniqueHit(begin, finish, PTC_NAMES[ptc][0], score, reason, "model"))
        return hits

    def classify(self, text: str, spans: Sequence[tuple[int, int]],
                 reading: EncoderReading | None = None) -> list[list[tuple[str, float]]]:
        """The PTC techniques of each character span of ``text``, most probable first, with probabilities.
        In the accurate mode, the encoder's own classifier is mixed in where the model has one;
        ``reading`` is the encoder's pass over ``text``, made here when not given."""
        model = self.technique_model
        context = SpanContext.of(text)
        encoder = self._encoder() if self.tagger == "accurate" else None
        if encoder is not None and not encoder.classifies:
            encoder = None
        if encoder is not None and reading is None and spans:
            reading = encoder.read(text)
        ranked = []
        for start, end in spans:
            probabilities = model.probabilities(context, start, end)
            extra = encoder.classes(reading, start, end) if encoder is not None and reading is not None else None
            if encoder is not None and extra is not None:
                probabilities = blend_classes(probabilities, extra, encoder.settings.classifier_weight)
            ranked.append(model.ranked(probabilities))
        return ranked

    def _encoder(self) -> EncoderTagger:
        from presslens.nlp.technique_encoder import load_encoder_tagger

        return load_encoder_tagger(str(self.model_folder))

    def _token_spans(self, doc: Doc, model: TechniqueModel,
                     tagger: str) -> tuple[list[tuple[int, int, float]], EncoderReading | None]:
        """Token spans ``(start, end, score)`` marked by the fast or the accurate tagger, and the accurate
        tagger's reading of the text (``None`` in the fast mode)."""
        if tagger == "fast":
            return model.spans(doc, model.token_scores(doc, quoted_tokens(doc))), None
        encoder = self._encoder()
        fast = None
        if encoder.settings.fast_weight > 0:
            # the shipped decoding mixes in the fast tagger's scores (cheap next to the encoder)
            token_ends = np.fromiter((t.idx + len(t) for t in doc), dtype=np.int64, count=len(doc))
            fast = (token_ends, model.token_scores(doc, quoted_tokens(doc))[:, 0])
        reading = encoder.read(doc.text)
        spans = []
        for begin, finish, score in encoder.spans(reading, fast=fast):
            span = doc.char_span(begin, finish, alignment_mode="expand")
            if span is not None and len(span):
                spans.append((span.start, span.end, score))
        return spans, reading

    @staticmethod
    def _lexicon_hits(doc: Doc) -> list[TechniqueHit]:
        hits = []
        for match in find_frames(doc):
            end = match.end
            # A violent metaphor takes its target with it: "tear apart" + "Russia".
            verb = doc[match.start]
            if verb.pos_ == "VERB" and end < len(doc):
                objects = [c for c in verb.children if c.dep_ in ("dobj", "obj") and c.i >= end]
                if objects and objects[0].left_edge.i == end:
                    end = min(objects[0].i + 1, end + 4)  # up to the object's head: "the country", not its appositions
            begin, finish = doc[match.start].idx, doc[end - 1].idx + len(doc[end - 1])
            reason = f"lexicon: “{doc[match.start:match.end].text}” {match.frame.reason}"
            hits.append(TechniqueHit(begin, finish, match.frame.technique, 1.0, reason, "lexicon"))
        return hits


def _dedupe(hits: list[TechniqueHit]) -> list[TechniqueHit]:
    """One hit per technique and stretch: a listed phrase wins over a model span of the same technique
    that it overlaps."""
    lexicon = [h for h in hits if h.method == "lexicon"]
    kept = list(lexicon)
    for hit in hits:
        if hit.method == "lexicon":
            continue
        if any(h.technique == hit.technique and h.start < hit.end and hit.start < h.end for h in lexicon):
            continue
        kept.append(hit)
    return sorted(kept, key=lambda h: (h.start, h.end, h.technique))

