"""Check-worthy claims: every statement of the article scored, typed, and given its voice.

The units scored are:

* each sentence of headline and body that says something in the outlet's own
  voice (a sentence whose own words are only an attribution frame, such as
  ``"...!" Putin stressed.``, is left to the speaker's unit below);
* within each sentence, the part that is an attribution's content: that is
  the speaker's claim, in the speaker's voice.

Each unit gets a check-worthiness score from the shipped model
(:mod:`presslens.nlp.checkworthiness`) and a type from the rules in
:func:`claim_type`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span

from presslens.nlp.annotations import ClaimNote, Relation, VoiceRun
from presslens.nlp.checkworthiness import LinearCheckworthiness, entities_by_span, featurize, load_checkworthiness
from presslens.nlp.doccache import sentences

__all__ = ["CLAIM_TYPES", "ClaimFinder", "claim_type"]

#: The claim types, in the order the rules try them.
CLAIM_TYPES = ("quote-of-someone-else", "prediction-or-promise", "statistic-or-number", "opinion", "event-or-fact")

# A sentence whose own words, apart from sources and cues, have fewer letters and digits than
# this is only the frame of an attribution ("Putin stressed.", "He added,").
_MIN_OWN_CHARS = 12
# Units need this many words to be scored at all.
_MIN_WORDS = 3
_EDGE = set(" \t\n\u00a0,;:-–—\"'“”‘’«»()[]…")

_FUTURE = frozenset({"will", "'ll", "shall", "wo", "gonna"})
_PROMISE_LEMMAS = frozenset({"promise", "pledge", "vow", "guarantee", "swear", "commit", "intend", "plan"})
_FIRST_PERSON = frozenset({"i", "we"})
_HEDGE_LEMMAS = frozenset({"think", "believe", "feel", "guess", "suppose", "reckon", "hope", "doubt"})
_DEONTIC = frozenset({"should", "must", "ought"})
_NUMERIC_ENTS = frozenset({"CARDINAL", "PERCENT", "MONEY", "QUANTITY"})
_EVALUATIVE = frozenset(
    """
    good bad great terrible horrible awful wrong right disastrous disaster shameful ridiculous unacceptable
    outrageous disgraceful wonderful fantastic incredible amazing pathetic stupid foolish absurd
    best worst fair unfair evil dangerous reckless irresponsible brave courageous weak strong failure
    """.split()
)


def claim_type(span: Span, *, reports_speech: bool = False, indirect: bool = False,
               ents: Sequence[Span] | None = None) -> str:
    """The type of the claim ``span`` makes (one of :data:`CLAIM_TYPES`).

    ``reports_speech`` says the span is in the outlet's voice but holds someone else's words
    or paraphrase (an attribution's content): the claim is then that they said it. Otherwise,
    in this order: a future tense, ``going to``, or a promise verb makes a prediction or
    promise (in ``indirect`` speech ``would`` counts too, as the reported form of ``will``,
    unless an ``if`` makes it a conditional); a number (not a date, an ordinal or part of a
    name such as "Rossiya 1") makes a statistic; a first-person belief, a should/must, or an
    evaluative word makes an opinion; anything else is an event or fact. ``ents`` are the
    span's entities when the caller has them (``span.ents`` walks the whole doc).
    """
    if reports_speech:
        return "quote-of-someone-else"
    tokens = list(span)
    lowers = [t.lower_ for t in tokens]
    future = _FUTURE | ({"would", "'d"} if indirect and "if" not in lowers else set())
    for i, token in enumerate(tokens):
        if token.tag_ == "MD" and lowers[i] in future:
            return "prediction-or-promise"
        if lowers[i] == "going" and i + 2 < len(tokens) and lowers[i + 1] == "to" and tokens[i + 2].tag_ == "VB":
            return "prediction-or-promise"
        if token.lemma_ in _PROMISE_LEMMAS and token.pos_ == "VERB" and (
            any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON for c in token.children)
            or any(c.dep_ == "xcomp" for c in token.children)
        ):
            return "prediction-or-promise"
    ents = span.ents if ents is None else ents
    if any(_is_quantity(e) for e in ents) or any(
        t.like_num and not t.ent_type_ and any(ch.isdigit() for ch in t.text) for t in tokens
    ):
        return "statistic-or-number"
    for i, token in enumerate(tokens):
        if token.lemma_ in _HEDGE_LEMMAS and any(c.dep_ == "nsubj" and c.lower_ in _FIRST_PERSON
                                                 for c in token.children):
            return "opinion"
        if token.tag_ == "MD" and lowers[i] in _DEONTIC:
            return "opinion"
        if lowers[i] in _EVALUATIVE and token.pos_ in ("ADJ", "NOUN") and not token.ent_type_:
            return "opinion"
    return "event-or-fact"


def _is_quantity(ent: Span) -> bool:
    """A number entity that states a quantity: not a lone "one", nor a number word inside a
    hyphenated modifier ("a two-way solution")."""
    if ent.label_ not in _NUMERIC_ENTS:
        return False
    if len(ent) > 1 or any(ch.isdigit() for ch in ent.text):
        return True
    following = ent.doc[ent.end] if ent.end < len(ent.doc) else None
    return ent.text.lower() != "one" and not (following is not None and following.text == "-")


@dataclass(slots=True)
class _Unit:
    span: Span
    relation: int | None
    reports_speech: bool
    indirect: bool = False


class _Counts:
    """Prefix sums over a doc, so counting letters and words in any stretch is O(1).

    ``doc.text`` is rebuilt by spaCy on every access and token iteration creates objects, so
    both are done once per doc here.
    """

    def __init__(self, doc: Doc, relations: list[Relation], text: str | None = None) -> None:
        self.doc = doc
        self.text = text = doc.text if text is None else text
        alnum = np.fromiter((ch.isalnum() for ch in text), dtype=bool, count=len(text))
        own = alnum.copy()
        for relation in relations:  # sources and cues are the frame of an attribution, not a claim
            for offsets in (relation.source, relation.cue):
                if offsets is not None:
                    own[offsets[0]:offsets[1]] = False
        self._alnum = np.concatenate([[0], np.cumsum(alnum)])
        self._own = np.concatenate([[0], np.cumsum(own)])
        flags = doc.to_array(["IS_PUNCT", "IS_SPACE"]).reshape(len(doc), 2)
        self._words = np.concatenate([[0], np.cumsum(flags.sum(axis=1) == 0)])

    def alnum(self, start: int, end: int) -> int:
        return int(self._alnum[end] - self._alnum[start])

    def own(self, start: int, end: int) -> int:
        """Letters and digits in ``[start, end)`` outside every attribution's source and cue."""
        return int(self._own[end] - self._own[start])

    def trimmed(self, start: int, end: int) -> Span | None:
        """The tokens of ``[start, end)`` without edge punctuation and spaces, or None if too short."""
        text = self.text
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        # Keep a closing ! ? . that ends the statement itself.
        if end < len(text) and text[end] in "!?." and end > start:
            end += 1
        span = self.doc.char_span(start, end, alignment_mode="expand") if end > start else None
        if span is None or self._words[span.end] - self._words[span.start] < _MIN_WORDS:
            return None
        return span


def find_units(doc: Doc, relations: list[Relation], runs: list[VoiceRun], text: str | None = None) -> list[_Unit]:
    """The stretches of ``doc`` to score: outlet sentences and attribution contents, per sentence.
    ``text`` is ``doc.text`` if the caller has it."""
    counts = _Counts(doc, relations, text)
    units: list[_Unit] = []
    run_index = 0
    for sentence in sentences(doc):
        s_start, s_end = sentence.start_char, sentence.end_char
        if not counts.alnum(s_start, s_end):
            continue
        while run_index < len(runs) and runs[run_index].end <= s_start:
            run_index += 1
        extents: dict[int, list[int]] = {}
        own = 0
        i = run_index
        while i < len(runs) and runs[i].start < s_end:
            run = runs[i]
            start, end = max(run.start, s_start), min(run.end, s_end)
            if run.relation is None:
                own += counts.own(start, end)
            else:
                extent = extents.setdefault(run.relation, [start, end])
                extent[0], extent[1] = min(extent[0], start), max(extent[1], end)
            i += 1
        if own >= _MIN_OWN_CHARS:
            span = counts.trimmed(s_start, s_end)
            if span is not None:
                units.append(_Unit(span, None, reports_speech=bool(extents)))
        for relation, (start, end) in sorted(extents.items(), key=lambda item: item[1][0]):
            span = counts.trimmed(start, end)
            if span is not None:
                units.append(_Unit(span, relation, reports_speech=False,
                                   indirect=relations[relation].kind != "direct"))
    return units


class ClaimFinder:
    """spaCy component: writes ``doc._.presslens_claims`` (a :class:`ClaimNote` per unit).

    Needs the relations and voice runs of ``presslens_attribution`` and
    ``presslens_voice``. ``mode`` picks the scorer: ``fast`` (the default,
    numpy only), ``accurate`` (MiniLM embeddings; the ``accurate`` extra) or
    ``best`` (accurate when it can run, else fast).
    """

    def __init__(self, nlp: Language, name: str = "presslens_claims", *, mode: str = "fast",
                 model: LinearCheckworthiness | None = None) -> None:
        self.name = name
        self.model = model or load_checkworthiness(mode)

    @property
    def mode(self) -> str:
        return self.model.mode

    def __call__(self, doc: Doc) -> Doc:
        self.set_annotations(doc, self.predict(doc))
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def predict(self, doc: Doc) -> list[ClaimNote]:
        relations = list(doc._.presslens_relations or [])
        text = doc.text
        units = find_units(doc, relations, list(doc._.presslens_voice or []), text)
        if not units:
            return []
        spans = [unit.span for unit in units]
        embeddings = None
        if self.model.needs_embeddings:
            from presslens.nlp.encoder import load_encoder

            embeddings = load_encoder(self.model.directory).encode([span.text for span in spans])
        scores = self.model.scores(featurize(doc, spans, text), embeddings)
        notes = []
        ents = entities_by_span(doc, spans)
        for unit, score, unit_ents in zip(units, np.asarray(scores).tolist(), ents, strict=True):
            kind = claim_type(unit.span, reports_speech=unit.reports_speech, indirect=unit.indirect, ents=unit_ents)
            notes.append(ClaimNote(unit.span.start_char, unit.span.end_char, round(float(score), 4),
                                   bool(score >= self.model.threshold), kind, unit.relation))
        return notes

    def set_annotations(self, doc: Doc, claims: list[ClaimNote]) -> None:
        doc._.presslens_claims = claims
