"""The records presslens produces: frozen, typed dataclasses.

These classes are the single description of presslens's output. The JSON
schema (``presslens schema``) is generated from them, ``--format json`` is
``Analysis.to_dict()``, and the corpus store maps them onto its rows. Workers
return these records, never spaCy ``Doc`` objects, so results pickle cheaply
and survive process boundaries.

Offsets are Python string indices (Unicode code points), end exclusive. Every
span says which string it indexes in ``of``: ``"title"`` or ``"body"`` of the
:class:`Article`.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Article",
    "Attribution",
    "Caption",
    "Citation",
    "Claim",
    "DateMention",
    "Entity",
    "Failure",
    "Field",
    "Outlet",
    "Span",
    "Speaker",
    "Technique",
    "VoiceSegment",
]

#: Version of the output schema. Bump the number on any incompatible change.
SCHEMA_VERSION = "presslens.analysis/1"

Field = Literal["title", "body"]
AttributionKind = Literal["direct", "indirect", "mixed"]
AttributionCategory = Literal["speech", "stance"]
VoiceMode = Literal["own", "quoted", "reported"]
ClaimType = Literal["statistic-or-number", "event-or-fact", "quote-of-someone-else", "prediction-or-promise",
                    "opinion"]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the article's ``title`` or ``body``: ``text == article.<of>[start:end]``."""

    start: int
    end: int
    text: str
    of: Field = "body"


@dataclass(frozen=True, slots=True)
class Caption:
    """A photo caption, kept apart from the body, with its credit when one is given."""

    text: str
    credit: str | None = None


@dataclass(frozen=True, slots=True)
class Citation:
    """Where one fact comes from: the field it supports and a URL or reference."""

    field: str
    source: str


@dataclass(frozen=True, slots=True)
class Outlet:
    """The publication an article comes from, with what is known about it.

    ``state_controlled`` is ``True`` when a state owns or directs the outlet,
    ``False`` when it does not, ``None`` when presslens does not know. ``sources``
    cites each fact; ``identified_by`` says how the outlet was recognised
    (``url``, ``site name``, ``text``, ``given``).
    """

    name: str
    domains: tuple[str, ...] = ()
    country: str | None = None
    owner: str | None = None
    state_controlled: bool | None = None
    note: str | None = None
    sources: tuple[Citation, ...] = ()
    identified_by: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """One article as extracted from its input, split into its parts.

    ``body`` holds only the article's own text. Headline, captions and site
    boilerplate are kept in their own fields so nothing is lost and none of
    them is analysed as the article's statements (the headline is analysed on
    its own, with spans that say ``of="title"``).
    """

    body: str
    title: str | None = None
    section: str | None = None
    byline: str | None = None
    published: str | None = None
    url: str | None = None
    outlet: Outlet | None = None
    captions: tuple[Caption, ...] = ()
    #: Site text removed from the article (share buttons, app promos, mirror addresses).
    boilerplate: tuple[str, ...] = ()
    #: Where the article was read from: a path, ``<stdin>``, a URL or a record id.
    source: str | None = None
    #: The input's format: ``text``, ``html``, ``jsonl``, ...
    format: str = "text"
    #: What presslens noticed while reading the input (a legacy encoding, replaced bytes).
    notes: tuple[str, ...] = ()

    def text_of(self, of: Field) -> str:
        """The string a span with ``of`` indexes."""
        return (self.title or "") if of == "title" else self.body


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who an attribution is resolved to: a canonical name, the role the article gives, and
    the entity (``Analysis.entities``) it belongs to."""

    name: str
    role: str | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation or place, with all its mentions in the article merged."""

    id: str
    name: str
    label: str
    role: str | None = None
    mentions: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution relation: ``source`` says ``content``, signalled by ``cue``.

    ``content`` is one or more spans (a quote split around its cue has two).
    ``source`` is the mention in the text that names the speaker; it is
    ``None`` where the text names nobody (a quoted paragraph that continues the
    previous speaker). ``speaker`` is whom the source resolves to.
    """

    id: str
    kind: AttributionKind
    content: tuple[Span, ...]
    cue: Span | None = None
    source: Span | None = None
    speaker: Speaker | None = None
    confidence: float = 1.0
    #: Which rule or model found the relation, for users who want to know why.
    rule: str = ""
    #: ``speech``: something said or written (a quote, reported speech); ``stance``: an intention,
    #: belief or action attributed to someone ("refused to negotiate", "wants"). Only speech has a
    #: voice in :attr:`Analysis.voice`.
    category: AttributionCategory = "speech"

    @property
    def of(self) -> Field:
        return self.content[0].of

    @property
    def content_text(self) -> str:
        return " … ".join(s.text for s in self.content)


@dataclass(frozen=True, slots=True)
class VoiceSegment:
    """A stretch of title or body in one voice.

    ``voice`` is ``"outlet"`` for the outlet's own words, else the speaker's
    canonical name. ``mode`` says how the speaker's words are given:
    ``quoted`` (inside quote marks, the speaker's wording) or ``reported``
    (the outlet's paraphrase of what the speaker said). The segments of one
    string cover it completely, without gaps or overlaps.
    """

    start: int
    end: int
    text: str
    of: Field
    voice: str
    mode: VoiceMode = "own"
    entity: str | None = None
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression and the date it means.

    ``value`` is ISO 8601 at the given ``granularity`` (``2022-12-18`` day,
    ``2022-W51`` week, ``2022-12`` month, ``2022`` year). Relative expressions
    ("on Sunday", "last week") are resolved against the article's publication
    date; when there is none, or the expression is not a calendar date,
    ``value`` is ``None`` and ``reason`` says why.
    """

    span: Span
    value: str | None
    granularity: str | None
    relative: bool
    reason: str | None = None


@dataclass(frozen=True, slots=True)
class Claim:
    """A statement scored for check-worthiness: a sentence in the outlet's voice, or the
    content of an attribution (one sentence's worth) in the speaker's voice.

    ``score`` is the model's probability that a fact-checker would check it;
    ``checkworthy`` says it passes the model's threshold. ``voice`` is
    ``"outlet"`` or the speaker's canonical name; ``attribution`` and
    ``entity`` name the attribution the claim is the content of, and its
    speaker's entity. ``type`` comes from rules over the sentence: an outlet
    sentence reporting someone's words is ``quote-of-someone-else``.
    """

    id: str
    span: Span
    score: float
    checkworthy: bool
    type: ClaimType
    voice: str = "outlet"
    attribution: str | None = None
    entity: str | None = None


@dataclass(frozen=True, slots=True)
class Technique:
    """A persuasion technique used in a stretch of the title or body, and in whose voice.

    ``technique`` is one of the 14 techniques of the Propaganda Techniques
    Corpus in presslens's spelling (``loaded-language``, ``name-calling``,
    ``black-and-white``, ...) or ``euphemism``. ``voice`` is ``"outlet"``
    when the words are the outlet's own, else the canonical name of the
    speaker they belong to (as in :attr:`Analysis.voice`). ``score`` is the
    model's confidence (1.0 for a listed phrase), ``reason`` says in a few
    words which cue words or pattern fired, and ``method`` which step found it
    (``model`` or ``lexicon``).
    """

    technique: str
    span: Span
    voice: str
    score: float
    reason: str
    method: str = "model"
    #: The attribution (``Attribution.id``) whose content holds the span, when it is a speaker's.
    attribution: str | None = None


@dataclass(frozen=True, slots=True)
class Failure:
    """An input that could not be analysed, and why. Batches report these and go on."""

    source: str
    reason: str
    error: str = "InputError"


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything presslens found in one article."""

    article: Article
    attributions: tuple[Attribution, ...] = ()
    entities: tuple[Entity, ...] = ()
    voice: tuple[VoiceSegment, ...] = ()
    schema: str = field(default=SCHEMA_VERSION)
    dates: tuple[DateMention, ...] = ()
    #: Every scored statement, in text order (``checkworthy`` marks the ones worth checking).
    claims: tuple[Claim, ...] = ()
    techniques: tuple[Technique, ...] = ()

    def voice_at(self, offset: int, of: Field = "body") -> VoiceSegment | None:
        """The voice segment holding character ``offset`` of the title or body."""
        for segment in self.voice:
            if segment.of == of and segment.start <= offset < segment.end:
                return segment
        return None

    def voice_of(self, start: int, end: int, of: Field = "body") -> Iterator[VoiceSegment]:
        """The voice segments that overlap ``[start, end)``."""
        for segment in self.voice:
            if segment.of == of and segment.start < end and start < segment.end:
                yield segment

    def statements(self) -> tuple[Attribution, ...]:
        """The attributions of speech: what people said or wrote, quoted or reported."""
        return tuple(a for a in self.attributions if a.category == "speech")

    def by_speaker(self, category: AttributionCategory | None = "speech") -> dict[str, list[Attribution]]:
        """Attributions (of speech, by default) grouped by canonical speaker name ("unknown" when unresolved)."""
        groups: dict[str, list[Attribution]] = {}
        for attribution in self.attributions:
            if category is not None and attribution.category != category:
                continue
            name = attribution.speaker.name if attribution.speaker else "unknown"
            groups.setdefault(name, []).append(attribution)
        return groups

    def techniques_by_voice(self) -> dict[str, list[Technique]]:
        """Techniques grouped by voice (``"outlet"`` or a speaker's name), in order of appearance."""
        groups: dict[str, list[Technique]] = {}
        for technique in self.techniques:
            groups.setdefault(technique.voice, []).append(technique)
        return groups

    def technique_summary(self) -> dict[str, dict[str, int]]:
        """How many times each voice uses each technique: ``{voice: {technique: count}}``, the outlet
        first, then speakers in order of appearance; techniques most frequent first."""
        summary: dict[str, dict[str, int]] = {}
        groups = self.techniques_by_voice()
        for voice, found in sorted(groups.items(), key=lambda kv: kv[0] != "outlet"):
            counts: dict[str, int] = {}
            for technique in found:
                counts[technique.technique] = counts.get(technique.technique, 0) + 1
            summary[voice] = dict(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
        return summary

    def technique_summary_text(self) -> str:
        """The per-voice summary in one line: ``outlet: 3 loaded-language, 1 euphemism; Vladimir Putin: ...``."""
        return "; ".join(f"{voice}: " + ", ".join(f"{n} {name}" for name, n in counts.items())
                         for voice, counts in self.technique_summary().items())

    def to_dict(self) -> dict[str, Any]:
        """This analysis as plain JSON-ready data, in the documented schema."""
        from presslens.serialize import to_dict

        data: dict[str, Any] = to_dict(self)  # a dataclass instance always comes back as a dict
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Analysis:
        """Rebuild an analysis from :meth:`to_dict` output."""
        from presslens.serialize import from_dict

        return from_dict(cls, data)
