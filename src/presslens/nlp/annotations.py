"""What presslens's spaCy components write onto a ``Doc``.

Components store their results as these small objects under ``doc._``
extensions (registered in :mod:`presslens.nlp.registry`). Offsets are
character offsets into ``doc.text``. They are mutable while the pipeline runs
(the speaker resolver fills ``Relation.speaker``); the orchestrator turns them
into the frozen records of :mod:`presslens.records` at the end.
"""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["ClaimNote", "Cluster", "Relation", "TechniqueHit", "VoiceRun"]

Offsets = tuple[int, int]


@dataclass(slots=True)
class Relation:
    """One attribution found in a doc."""

    kind: str  # direct | indirect | mixed
    content: list[Offsets]
    cue: Offsets | None
    source: Offsets | None
    rule: str
    confidence: float = 1.0
    #: Index into ``doc._.presslens_clusters`` once speakers are resolved.
    speaker: int | None = None
    #: For continuations: the relation whose speaker this one continues.
    continues: int | None = None
    #: ``speech`` (something said or written) or ``stance`` (an intention, belief or action
    #: attributed to someone: "refused to negotiate", "believes", "wants").
    category: str = "speech"

    @property
    def start(self) -> int:
        return min(s for s, _ in self.content)

    @property
    def end(self) -> int:
        return max(e for _, e in self.content)


@dataclass(slots=True)
class Cluster:
    """One entity: all mentions of a person, organisation or place, merged."""

    name: str
    label: str
    role: str | None = None
    mentions: list[Offsets] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class VoiceRun:
    """A stretch of ``doc.text`` in one voice: ``relation`` is None for the outlet's own."""

    start: int
    end: int
    relation: int | None
    mode: str  # own | quoted | reported


@dataclass(frozen=True, slots=True)
class ClaimNote:
    """A scored stretch of ``doc.text``: a sentence in the outlet's voice, or the part of a
    sentence that is an attribution's content (``relation`` is then its index)."""

    start: int
    end: int
    score: float
    checkworthy: bool
    type: str
    relation: int | None = None


@dataclass(frozen=True, slots=True)
class TechniqueHit:
    """A persuasion technique found in ``doc.text[start:end]``, with its score and reason."""

    start: int
    end: int
    technique: str
    score: float
    reason: str
    method: str  # model | lexicon
