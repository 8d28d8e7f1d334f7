"""The orchestrator: articles in, :class:`~presslens.records.Analysis` records out.

The headline and the body are analysed together as one spaCy ``Doc`` (headline,
blank line, body) so a name in the headline and its full form in the body end
up as one entity; every offset is then mapped back to the string it belongs
to and the ``Doc`` is turned into plain frozen records. Nothing else in
presslens calls spaCy on an article.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from itertools import islice
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from presslens.config import Settings
from presslens.nlp.annotations import ClaimNote, Cluster, Offsets, Relation, TechniqueHit, VoiceRun
from presslens.nlp.dates import parse_anchor
from presslens.nlp.dates import resolve as resolve_date
from presslens.outlets import with_outlet
from presslens.records import (
    Analysis,
    Article,
    Attribution,
    Claim,
    DateMention,
    Entity,
    Failure,
    Field,
    Span,
    Speaker,
    Technique,
    VoiceSegment,
)

__all__ = ["Analyzer"]

_SEPARATOR = "\n\n"


class _Layout:
    """Where the title and the body sit in the analysed text."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.title = article.title or ""
        self.body_offset = len(self.title) + len(_SEPARATOR) if self.title else 0
        self.text = f"{self.title}{_SEPARATOR}{article.body}" if self.title else article.body

    def field_of(self, offset: int) -> Field:
        return "title" if offset < self.body_offset else "body"

    def span(self, start: int, end: int) -> Span:
        of = self.field_of(start)
        base = 0 if of == "title" else self.body_offset
        limit = len(self.title) if of == "title" else len(self.article.body)
        local_start, local_end = max(0, start - base), min(limit, end - base)
        return Span(local_start, local_end, self.article.text_of(of)[local_start:local_end], of)

    def split(self, start: int, end: int) -> Iterator[tuple[Field, int, int]]:
        """``[start, end)`` of the analysed text, cut into its title and body parts (local offsets)."""
        if self.title and start < len(self.title):
            yield "title", start, min(end, len(self.title))
        if end > self.body_offset:
            yield "body", max(start, self.body_offset) - self.body_offset, end - self.body_offset


class Analyzer:
    """Runs presslens's pipeline over articles.

    Build one and reuse it: loading the spaCy model takes a second.
    """

    def __init__(self, settings: Settings | None = None, *, nlp: Language | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self._nlp = nlp

    @property
    def nlp(self) -> Language:
        if self._nlp is None:
            from presslens.nlp.pipeline import build_pipeline

            self._nlp = build_pipeline(self.settings)
        return self._nlp

    def analyze(self, article: Article) -> Analysis:
        """Analyse one article."""
        layout = _Layout(with_outlet(article))
        return self._records(layout, self.nlp(layout.text))

    def analyze_many(self, items: Iterable[Article | Failure]) -> Iterator[Analysis | Failure]:
        """Analyse articles in batches; failures pass through, and an article the pipeline
        fails on becomes a :class:`Failure` with the reason instead of stopping the batch."""
        iterator = iter(items)
        while batch := list(islice(iterator, self.settings.batch_size)):
            articles = [with_outlet(item) for item in batch if isinstance(item, Article)]
            layouts = [_Layout(article) for article in articles]
            try:
                docs = list(self.nlp.pipe((layout.text for layout in layouts), batch_size=self.settings.batch_size))
            except Exception:  # one bad document must not sink the batch: retry them one by one
                docs = None
            results = iter(self._one_by_one(layouts) if docs is None else
                           (self._records(layout, doc) for layout, doc in zip(layouts, docs, strict=True)))
            for item in batch:
                yield item if isinstance(item, Failure) else next(results)

    def _one_by_one(self, layouts: list[_Layout]) -> Iterator[Analysis | Failure]:
        for layout in layouts:
            try:
                yield self._records(layout, self.nlp(layout.text))
            except Exception as e:  # reported to the caller as a failure record, never hidden
                yield Failure(layout.article.source or "<article>", f"analysis failed: {type(e).__name__}: {e}",
                              type(e).__name__)

    # -- Doc to records -----------------------------------------------------

    def _records(self, layout: _Layout, doc: Doc) -> Analysis:
        clusters: list[Cluster] = doc._.presslens_clusters or []
        relations: list[Relation] = doc._.presslens_relations or []
        entity_ids = self._entity_ids(clusters)
        entities = tuple(
            Entity(entity_ids[i], c.name, c.label, c.role, tuple(layout.span(s, e) for s, e in c.mentions))
            for i, c in enumerate(clusters) if i in entity_ids
        )
        attributions = []
        for number, relation in enumerate(relations, 1):
            attributions.append(Attribution(
                id=f"A{number}",
                kind=relation.kind,  # type: ignore[arg-type]
                content=tuple(layout.span(s, e) for s, e in relation.content),
                cue=self._maybe_span(layout, relation.cue),
                source=self._maybe_span(layout, relation.source),
                speaker=self._speaker(relation, clusters, entity_ids),
                confidence=round(relation.confidence, 3),
                rule=relation.rule,
                category=relation.category,  # type: ignore[arg-type]
            ))
        voice = self._voice(layout, doc._.presslens_voice or [], attributions)
        anchor = parse_anchor(layout.article.published)
        dates = []
        for start, end in doc._.presslens_dates or []:
            span = layout.span(start, end)
            meaning = resolve_date(span.text, anchor)
            dates.append(DateMention(span, meaning.value, meaning.granularity, meaning.relative, meaning.reason))
        claims = self._claims(layout, doc._.presslens_claims or [], attributions)
        techniques = self._techniques(layout, doc._.presslens_techniques or [], voice)
        return Analysis(article=layout.article, attributions=tuple(attributions), entities=entities, voice=voice,
                        dates=tuple(dates), claims=claims, techniques=techniques)

    @staticmethod
    def _entity_ids(clusters: list[Cluster]) -> dict[int, str]:
        order = sorted((c.mentions[0][0], i) for i, c in enumerate(clusters) if c.mentions)
        return {index: f"E{n}" for n, (_, index) in enumerate(order, 1)}

    @staticmethod
    def _maybe_span(layout: _Layout, offsets: Offsets | None) -> Span | None:
        return layout.span(*offsets) if offsets is not None else None

    @staticmethod
    def _speaker(relation: Relation, clusters: list[Cluster], ids: dict[int, str]) -> Speaker | None:
        if relation.speaker is None:
            return None
        cluster = clusters[relation.speaker]
        return Speaker(name=cluster.name, role=cluster.role, entity=ids.get(relation.speaker))

    @staticmethod
    def _techniques(layout: _Layout, hits: list[TechniqueHit],
                    voice: tuple[VoiceSegment, ...]) -> tuple[Technique, ...]:
        """Technique records, each in the voice that holds most of its characters."""
        found = []
        for hit in hits:
            parts = [(of, s, e) for of, s, e in layout.split(hit.start, hit.end) if e > s]
            if not parts:
                continue
            of, start, end = max(parts, key=lambda part: part[2] - part[1])
            shares: dict[str, int] = {}
            owner: dict[str, str | None] = {}
            for segment in voice:
                if segment.of == of and segment.start < end and start < segment.end:
                    shared = min(end, segment.end) - max(start, segment.start)
                    shares[segment.voice] = shares.get(segment.voice, 0) + shared
                    owner.setdefault(segment.voice, segment.attribution)
            who = max(shares, key=lambda v: shares[v]) if shares else "outlet"
            found.append(Technique(
                technique=hit.technique, span=Span(start, end, layout.article.text_of(of)[start:end], of), voice=who,
                score=round(hit.score, 3), reason=hit.reason, method=hit.method,
                attribution=owner.get(who) if who != "outlet" else None,
            ))
        return tuple(found)

    @staticmethod
    def _voice(layout: _Layout, runs: list[VoiceRun], attributions: list[Attribution]) -> tuple[VoiceSegment, ...]:
        segments: list[VoiceSegment] = []
        for run in runs:
            attribution = attributions[run.relation] if run.relation is not None else None
            speaker = attribution.speaker if attribution else None
            voice = "outlet" if attribution is None else (speaker.name if speaker else "unknown speaker")
            for of, start, end in layout.split(run.start, run.end):
                if end <= start:
                    continue
                previous = segments[-1] if segments else None
                if (previous and previous.of == of and previous.end == start and previous.voice == voice
                        and previous.mode == run.mode
                        and previous.attribution == (attribution.id if attribution else None)):
                    start = previous.start
                    segments.pop()
                text = layout.article.text_of(of)
                segments.append(VoiceSegment(
                    start=start, end=end, text=text[start:end], of=of, voice=voice, mode=run.mode,  # type: ignore[arg-type]
                    entity=speaker.entity if speaker else None,
                    attribution=attribution.id if attribution else None,
                ))
        return tuple(segments)

    @staticmethod
    def _claims(layout: _Layout, notes: list[ClaimNote], attributions: list[Attribution]) -> tuple[Claim, ...]:
        claims = []
        for number, note in enumerate(notes, 1):
            attribution = attributions[note.relation] if note.relation is not None else None
            speaker = attribution.speaker if attribution else None
            claims.append(Claim(
                id=f"C{number}", span=layout.span(note.start, note.end), score=note.score,
                checkworthy=note.checkworthy, type=note.type,  # type: ignore[arg-type]
                voice="outlet" if attribution is None else (speaker.name if speaker else "unknown speaker"),
                attribution=attribution.id if attribution else None,
                entity=speaker.entity if speaker else None,
            ))
        return tuple(claims)


def default_analyzer() -> Analyzer:
    """A shared analyzer with settings from the environment."""
    global _DEFAULT
    if _DEFAULT is None:
        _DEFAULT = Analyzer()
    return _DEFAULT


_DEFAULT: Analyzer | None = None


def analyze(source: str | os.PathLike[str] | Article, *, format: str = "auto",
            analyzer: Analyzer | None = None, **fields: object) -> Analysis:
    """Analyse one article.

    ``source`` is the article's text (plain text or HTML; ``format`` is
    ``auto``, ``text`` or ``html``), a path to a file (``pathlib.Path``), or an
    :class:`Article`. ``fields`` (``title``, ``url``, ``published``, ...) fill
    in what the text does not say.
    """
    from presslens.ingest import article_from_string, load_article

    analyzer = analyzer or default_analyzer()
    if isinstance(source, Article):
        article = source
    elif isinstance(source, os.PathLike):
        article = load_article(Path(source), analyzer.settings)
    else:
        # ``source`` is the text itself here, so the article names no file. ``fields`` can never carry a
        # ``source`` key (the name binds to this function's first parameter); saying source=None lets
        # mypy see that too, and is what article_from_string got by default before.
        article = article_from_string(source, source=None, format=format, **fields)
    return analyzer.analyze(article)
