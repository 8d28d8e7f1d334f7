"""The learned attribution model: cue heads, cue extents, then a source and a content per cue.

Four sparse linear models (``cue``, ``extent``, ``source``, ``content``),
trained by ``presslens train attribution`` on PolNeAR and shipped in
``presslens/models/attribution/``. The rule-based finder's relations are an
input feature, so the model learns where to trust the rules.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt
from spacy.tokens import Doc, Token

from presslens.errors import ModelNotFoundError
from presslens.nlp import lexicon
from presslens.nlp.annotations import Offsets, Relation
from presslens.nlp.attribution_encoder import AttributionTagger, TaggerBlend, log_odds
from presslens.nlp.attribution_features import (
    Candidate,
    DocContext,
    candidate_features,
    cue_features,
    extent_features,
    is_cue_candidate,
    no_source_features,
)
from presslens.nlp.calibration import Calibration
from presslens.nlp.linear import LinearModel

__all__ = ["AttributionModel", "RuleHints"]

_EXTENT_WINDOW = 3


@dataclass(frozen=True, slots=True)
class RuleHints:
    """What the rules found for each cue head, as candidate features."""

    content: dict[int, tuple[Offsets, ...]]
    source: dict[int, tuple[Offsets, ...]]

    @classmethod
    def from_relations(cls, doc: Doc, relations: list[Relation]) -> RuleHints:
        content: dict[int, tuple[Offsets, ...]] = {}
        source: dict[int, tuple[Offsets, ...]] = {}
        for relation in relations:
            if relation.cue is None:
                continue
            span = doc.char_span(*relation.cue, alignment_mode="expand")
            if span is None or not len(span):
                continue
            head = span.root.i
            content[head] = tuple(relation.content)
            if relation.source is not None:
                source[head] = (relation.source,)
        return cls(content, source)


class AttributionModel:
    """Applies the four trained linear models to a parsed doc."""

    NAMES = ("cue", "extent", "source", "content")

    def __init__(self, models: dict[str, LinearModel], meta: dict[str, object] | None = None,
                 calibration: Calibration | None = None, cue_lemmas: frozenset[str] | None = None) -> None:
        self.cue = models["cue"]
        self.extent = models["extent"]
        self.source = models["source"]
        self.content = models["content"]
        self.meta = meta or {}
        #: Maps a relation's raw confidence to the chance it is right (fitted on dev).
        self.calibration = calibration
        #: Lemmas that headed a cue in the training data; other tokens are not scored as cues.
        self.cue_lemmas = cue_lemmas
        #: The accurate mode's tagger and how its scores are blended in (None in the fast mode).
        self.tagger: AttributionTagger | None = None
        self.blend: TaggerBlend | None = None

    def calibrate(self, relations: list[Relation]) -> list[Relation]:
        """Replace each relation's raw confidence by its calibrated one."""
        if self.calibration is not None:
            for relation in relations:
                relation.confidence = self.calibration(relation.confidence)
        return relations

    @classmethod
    def load(cls, directory: Path) -> AttributionModel:
        missing = [n for n in cls.NAMES if not (directory / f"{n}.json.gz").exists()]
        if missing:
            raise ModelNotFoundError(
                f"{directory} has no trained attribution model ({', '.join(missing)} missing); "
                "train one with `presslens train attribution --data ../shared/data/polnear --out DIR`"
            )
        meta_path = directory / "card.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
        calibration_path = directory / "calibration.json"
        calibration = Calibration.load(calibration_path) if calibration_path.exists() else None
        lemmas_path = directory / "cue_lemmas.json"
        lemmas = frozenset(json.loads(lemmas_path.read_text(encoding="utf-8"))) if lemmas_path.exists() else None
        return cls({n: LinearModel.load(directory / f"{n}.json.gz") for n in cls.NAMES}, meta, calibration, lemmas)

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        for name in self.NAMES:
            getattr(self, name).save(directory / f"{name}.json.gz")
        if self.calibration is not None:
            self.calibration.save(directory / "calibration.json")
        if self.cue_lemmas is not None:
            (directory / "cue_lemmas.json").write_text(json.dumps(sorted(self.cue_lemmas)), encoding="utf-8")

    # -- inference ----------------------------------------------------------

    def with_tagger(self, tagger: AttributionTagger | None, blend: TaggerBlend | None,
                    calibration: Calibration | None = None) -> AttributionModel:
        """This model with the accurate tagger's scores blended in (or taken out, with None), and the
        confidence calibration fitted for that mode (else this model's)."""
        model = AttributionModel({n: getattr(self, n) for n in self.NAMES}, self.meta,
                                 calibration or self.calibration, self.cue_lemmas)
        model.tagger, model.blend = tagger, blend
        return model

    def predict(self, doc: Doc, hints: RuleHints) -> list[Relation]:
        ctx = DocContext(doc)
        tagged = Tagged(self.tagger.scores(doc), self.blend) if self.tagger is not None and self.blend else None
        rule_heads = frozenset(hints.content)
        heads = []
        threshold = tagged.blend.cue_threshold if tagged is not None else self.cue.threshold
        for token in self.cue_candidates(doc, rule_heads):
            p = self.cue.probability(cue_features(token, ctx, rule_heads))
            if tagged is not None:
                blended = tagged.blend.cue_probability(p, float(tagged.scores[token.i, 0]))
                # the tagger may lower a cue the rules found but not below the fast model's own
                # score: rule patterns (the headline's "Name: quote") are rarer in its training data
                p = max(blended, p) if token.i in rule_heads else blended
            if p >= threshold:
                heads.append((p, token))
        relations: list[Relation] = []
        taken: set[int] = set()
        for p_cue, head in sorted(heads, key=lambda x: -x[0]):
            if head.i in taken:
                continue
            cue_tokens = self.cue_extent(head, ctx, tagged)
            if taken & {t.i for t in cue_tokens}:
                continue
            taken.update(t.i for t in cue_tokens)
            cue = (cue_tokens[0].idx, cue_tokens[-1].idx + len(cue_tokens[-1]))
            relation = self.relation_for(head, cue, ctx, hints, p_cue, tagged)
            if relation is not None:
                relations.append(relation)
        return relations

    def cue_candidates(self, doc: Doc, rule_heads: frozenset[int]) -> Iterator[Token]:
        """The tokens the cue classifier scores: possible cue heads whose lemma headed a cue in training,
        or that the rules made a cue."""
        lemmas = self.cue_lemmas
        return (token for token in doc if is_cue_candidate(token)
                and (lemmas is None or token.lemma_.lower() in lemmas or token.i in rule_heads))

    def cue_extent(self, head: Token, ctx: DocContext | None = None, tagged: Tagged | None = None) -> list[Token]:
        doc = head.doc
        sentence = ctx.sentences[ctx.sentence_of[head.i]] if ctx is not None else head.sent
        tokens = [head]
        for step in (-1, 1):
            i = head.i + step
            while abs(i - head.i) <= _EXTENT_WINDOW and sentence.start <= i < sentence.end:
                token = doc[i]
                if token.is_space:
                    break
                p = self.extent.probability(extent_features(token, head))
                inside = (tagged.blend.in_extent(p, float(tagged.scores[i, 0])) if tagged is not None
                          else p >= self.extent.threshold)
                if not inside:
                    break
                tokens.append(token)
                i += step
        return sorted(tokens, key=lambda t: t.i)

    def relation_for(self, head: Token, cue: Offsets, ctx: DocContext, hints: RuleHints,
                     p_cue: float, tagged: Tagged | None = None) -> Relation | None:
        contents = [c for c in ctx.content_candidates(head, cue) if not _covers(c, cue)]
        if not contents:
            return None
        content, p_content = self.best(contents, head, cue, ctx, "content", hints.content.get(head.i), tagged)
        sources: list[Candidate | None] = [
            c for c in ctx.source_candidates(head) if not _covers(c, cue) and not _overlap(c, content)
        ]
        sources.append(None)  # "no source in the text" is one of the choices
        source, _ = self.best(sources, head, cue, ctx, "source", hints.source.get(head.i), tagged)
        return Relation(
            kind="indirect",
            category=lexicon.cue_category(head),
            content=[_without_stray_marks(ctx.text, part) for part in content.parts],
            cue=cue,
            source=source.parts[0] if source is not None else None,  # sources are single spans
            rule="model",
            confidence=p_cue * p_content,
        )

    def best(self, candidates: list[Any], head: Token, cue: Offsets, ctx: DocContext, role: str,
             rule: tuple[Offsets, ...] | None, tagged: Tagged | None = None) -> tuple[Any, float]:
        """The highest-scoring candidate (``None`` stands for "no source") and its softmax probability."""
        model = self.content if role == "content" else self.source
        scores = [
            model.score(no_source_features(head, ctx) if c is None
                        else candidate_features(c, head, cue, ctx, role, rule))
            for c in candidates
        ]
        if tagged is not None:
            weight = tagged.blend.content if role == "content" else tagged.blend.source
            channel = 2 if role == "content" else 1
            scores = [s + weight * tagged.support(ctx.doc, c, channel) for s, c in zip(scores, candidates, strict=True)]
        top = max(scores)
        index = scores.index(top)
        total = sum(math.exp(s - top) for s in scores)
        return candidates[index], 1.0 / total


@dataclass(frozen=True, slots=True)
class Tagged:
    """The accurate tagger's token scores for one doc, and how to blend them."""

    scores: npt.NDArray[np.float32]
    blend: TaggerBlend

    def support(self, doc: Doc, candidate: Candidate | None, channel: int) -> float:
        """The tagger's mean log-odds for ``channel`` over the candidate's words (0 for no candidate)."""
        if candidate is None:
            return 0.0
        values = []
        for start, end in candidate.parts:
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None:
                values += [log_odds(float(self.scores[t.i, channel])) for t in span if not (t.is_space or t.is_punct)]
        return sum(values) / len(values) if values else 0.0


def _covers(candidate: Candidate, cue: Offsets) -> bool:
    return any(s < cue[1] and cue[0] < e for s, e in candidate.parts)


def _overlap(a: Candidate, b: Candidate) -> bool:
    return any(s1 < e2 and s2 < e1 for s1, e1 in a.parts for s2, e2 in b.parts)


_MARKS = "\"“”‘’'«»"


def _without_stray_marks(text: str, part: Offsets) -> Offsets:
    """A content part without a quote mark at either edge whose partner lies outside the part."""
    start, end = part
    for _ in range(2):
        inner = text[start:end]
        if end - start > 1 and inner[-1] in _MARKS and _unbalanced(inner):
            end -= 1
        inner = text[start:end]
        if end - start > 1 and inner[0] in _MARKS and _unbalanced(inner):
            start += 1
    return (start, end)


def _unbalanced(text: str) -> bool:
    doubles = sum(text.count(m) for m in "\"“”«»")
    return doubles % 2 == 1 or text.count("“") != text.count("”")
