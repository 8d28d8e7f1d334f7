"""What corpus queries return: frozen records, printable by the CLI and serialisable with
:func:`presslens.serialize.to_dict`."""

from __future__ import annotations

from dataclasses import dataclass

from presslens.link.trace import WordEdit
from presslens.records import Failure

__all__ = [
    "ArticleRef",
    "IngestReport",
    "QuoteTrace",
    "SearchHit",
    "SpeakerCount",
    "SpeakerQuote",
    "Story",
    "TraceOccurrence",
    "TraceVariant",
]


@dataclass(frozen=True, slots=True)
class ArticleRef:
    """A stored article as results list it. ``copy_of`` names the article it is a near-copy of."""

    id: int
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    day: str | None = None
    url: str | None = None
    source: str | None = None
    copy_of: int | None = None


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One match: a quote (``kind`` is the attribution's kind) or an article's text (``kind`` ``"article"``)."""

    article: ArticleRef
    kind: str
    text: str
    speaker: str | None = None
    attribution: str | None = None
    #: BM25 relevance (higher is better).
    score: float = 0.0


@dataclass(frozen=True, slots=True)
class SpeakerCount:
    """How often a speaker is quoted, within ``group`` (an outlet or a period) when grouped."""

    speaker: str
    label: str | None
    group: str | None
    attributions: int
    #: Distinct articles quoting them, a near-copy counted with its original.
    articles: int
    outlets: int
    first_day: str | None = None
    last_day: str | None = None


@dataclass(frozen=True, slots=True)
class SpeakerQuote:
    """One attribution to a speaker in a stored article, with the role that article gives them."""

    article: ArticleRef
    attribution: str
    kind: str
    text: str
    speaker: str
    role: str | None = None
    #: ``speech`` (said or written) or ``stance`` (an intention, belief or action attributed to them).
    category: str = "speech"


@dataclass(frozen=True, slots=True)
class TraceOccurrence:
    """An article carrying a quote: as an attribution (``kind`` direct/indirect/mixed) or found in its text
    without one (``kind`` ``"text"``)."""

    article: ArticleRef
    text: str
    kind: str
    speaker: str | None = None


@dataclass(frozen=True, slots=True)
class TraceVariant:
    """One wording of a traced quote, with the articles that carried it (earliest first) and the word
    edits from the original wording (the earliest variant, whose ``edits`` are empty)."""

    text: str
    occurrences: tuple[TraceOccurrence, ...]
    edits: tuple[WordEdit, ...] = ()

    @property
    def first_day(self) -> str | None:
        return next((o.article.day for o in self.occurrences if o.article.day), None)


@dataclass(frozen=True, slots=True)
class QuoteTrace:
    """Everything :meth:`presslens.Corpus.trace` found for a quote, variants in order of first appearance."""

    query: str
    variants: tuple[TraceVariant, ...] = ()

    @property
    def articles(self) -> int:
        return len({o.article.id for v in self.variants for o in v.occurrences})


@dataclass(frozen=True, slots=True)
class Story:
    """Articles about one event, across outlets, earliest first (near-copies included)."""

    id: int
    title: str | None
    articles: tuple[ArticleRef, ...]
    outlets: tuple[str, ...]
    first_day: str | None = None
    last_day: str | None = None


@dataclass(frozen=True, slots=True)
class IngestReport:
    """What one ingest did. ``copies`` of the ``stored`` articles were near-copies, linked to their original."""

    stored: int = 0
    copies: int = 0
    #: ``(source, why)`` for inputs the corpus already had.
    duplicates: tuple[tuple[str, str], ...] = ()
    failures: tuple[Failure, ...] = ()
    seconds: float = 0.0
