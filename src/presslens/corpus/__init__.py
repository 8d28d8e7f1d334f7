"""The corpus: ingest many articles, store them once, search them, trace quotes, find stories.

:class:`Corpus` is the API; :mod:`.ingest` runs ingestion, :mod:`.queries`
search and speaker counts, :mod:`.tracing` quote tracing, :mod:`.stories`
story clustering; :mod:`.results` holds what they return.
"""

from __future__ import annotations

from presslens.corpus.api import Corpus
from presslens.corpus.results import (
    ArticleRef,
    IngestReport,
    QuoteTrace,
    SearchHit,
    SpeakerCount,
    SpeakerQuote,
    Story,
    TraceOccurrence,
    TraceVariant,
)

__all__ = [
    "ArticleRef",
    "Corpus",
    "IngestReport",
    "QuoteTrace",
    "SearchHit",
    "SpeakerCount",
    "SpeakerQuote",
    "Story",
    "TraceOccurrence",
    "TraceVariant",
]
