"""presslens: who said what, in whose voice, how, and where it travelled.

    >>> import presslens
    >>> analysis = presslens.analyze('"We are ready," Putin said.')
    >>> [(a.kind, a.speaker.name) for a in analysis.attributions]
    [('direct', 'Putin')]
"""

from __future__ import annotations

from presslens.analyzer import Analyzer, analyze
from presslens.config import Settings
from presslens.corpus import Corpus
from presslens.errors import (
    ConfigError,
    DataFormatError,
    InputError,
    ModelNotFoundError,
    PresslensError,
    StoreError,
)
from presslens.ingest import article_from_string, load_article, read_articles
from presslens.records import (
    SCHEMA_VERSION,
    Analysis,
    Article,
    Attribution,
    Caption,
    Claim,
    Entity,
    Failure,
    Outlet,
    Span,
    Speaker,
    Technique,
    VoiceSegment,
)

__version__ = "0.1.0"

__all__ = [
    "SCHEMA_VERSION",
    "Analysis",
    "Analyzer",
    "Article",
    "Attribution",
    "Caption",
    "Claim",
    "ConfigError",
    "Corpus",
    "DataFormatError",
    "Entity",
    "Failure",
    "InputError",
    "ModelNotFoundError",
    "Outlet",
    "PresslensError",
    "Settings",
    "Span",
    "Speaker",
    "StoreError",
    "Technique",
    "VoiceSegment",
    "__version__",
    "analyze",
    "article_from_string",
    "load_article",
    "read_articles",
]
