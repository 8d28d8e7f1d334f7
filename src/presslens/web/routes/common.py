"""Helpers the route modules share."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from fastapi import HTTPException, Request

from presslens.corpus import Corpus
from presslens.errors import ConfigError, StoreError
from presslens.records import Analysis
from presslens.web.services import Services

__all__ = ["DAY", "KINDS", "analysis_of", "corpus_of", "day", "query_string", "services_of"]

#: A calendar day as the filters take it.
DAY = r"^\d{4}-\d{2}-\d{2}$"
KINDS = ("direct", "indirect", "mixed")
_DAY = re.compile(DAY)


def services_of(request: Request) -> Services:
    services: Services = request.app.state.services
    return services


def corpus_of(request: Request) -> Corpus:
    return services_of(request).corpus()


def analysis_of(request: Request, article_id: int) -> Analysis:
    """A stored article's analysis, or a 404 naming the id."""
    corpus = corpus_of(request)  # a corpus that cannot be opened is a StoreError (503), raised here
    try:
        return corpus.analysis(article_id)
    except StoreError as e:  # the corpus is open, so the only StoreError left is "no such article"
        raise HTTPException(404, f"There is no article {article_id} in the corpus.") from e


def day(value: str | None, name: str) -> str | None:
    """A ``YYYY-MM-DD`` filter value from a form (empty means none)."""
    if not value:
        return None
    if not _DAY.match(value):
        raise ConfigError(f"{name} must be a day written YYYY-MM-DD, not {value!r}")
    return value


def query_string(**values: object) -> str:
    """A query string of the non-empty values (for links that keep a page's filters)."""
    return urlencode({k: v for k, v in values.items() if v not in (None, "", False)})
