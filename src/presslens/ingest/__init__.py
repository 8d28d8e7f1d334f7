"""Reading inputs into :class:`~presslens.records.Article` records.

One reader per kind of input: :mod:`.text` for plain text laid out like a
copied web page, :mod:`.html` for HTML pages (through trafilatura).
:func:`read_articles` walks paths and yields an ``Article`` or a
:class:`~presslens.records.Failure` for each input, never raising for one bad
input.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from presslens.config import Settings
from presslens.errors import InputError, InputTooLargeError
from presslens.ingest.decode import decode
from presslens.ingest.html import parse_html_article
from presslens.ingest.sources import RawInput, discover, read_bytes
from presslens.ingest.text import parse_text_article
from presslens.records import Article, Failure

__all__ = [
    "MAX_ARTICLE_CHARS",
    "article_from_string",
    "load_article",
    "parse_html_article",
    "parse_text_article",
    "read_articles",
]

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
#: Longest article (headline and body, in characters) presslens analyses: about 80,000 words, four
#: times the longest news features. Analysis time and memory grow with length (40 s and 1.5 GB
#: for 470,000 characters on two CPU cores), so a longer "article" is refused rather than left to
#: run for minutes; spaCy itself stops at 1,000,000.
MAX_ARTICLE_CHARS = 500_000
_LOOKS_HTML = re.compile(r"^\s*(?:<!doctype\s+html|<html\b|<head\b|<body\b|<article\b|<div\b|<p\b)", re.IGNORECASE)


def article_from_string(text: str, *, source: str | None = None, format: str = "auto",
                        **fields: object) -> Article:
    """An article from text or HTML held in memory. ``format`` is ``auto``, ``text`` or ``html``."""
    if format == "auto":
        format = "html" if _LOOKS_HTML.match(text[:2000]) else "text"
    if format == "html":
        article = parse_html_article(text, source=source, **fields)
    elif format == "text":
        article = parse_text_article(text, source=source, **fields)
    else:
        raise ValueError(f"format must be 'auto', 'text' or 'html', not {format!r}")
    length = len(article.body) + len(article.title or "")
    if length > MAX_ARTICLE_CHARS:
        raise InputTooLargeError(source or "<text>", f"article too long to analyse ({length:,} characters of "
                                 f"headline and body; the limit is {MAX_ARTICLE_CHARS:,})")
    return article


def load_article(item: RawInput | str | os.PathLike[str], settings: Settings | None = None) -> Article:
    """Read one file (or standard input) into an article; raises :class:`InputError`."""
    settings = settings or Settings.from_env()
    if not isinstance(item, RawInput):
        path = Path(item)
        item = RawInput(str(path), path)
    decoded = decode(read_bytes(item, settings.max_bytes), item.name)
    suffix = item.path.suffix.lower() if item.path else ""
    format = "html" if suffix in _HTML_SUFFIXES else "auto"
    article = article_from_string(decoded.text, source=item.name, format=format)
    if decoded.notes:
        article = dataclasses.replace(article, notes=article.notes + decoded.notes)
    return article


def read_articles(paths: Iterable[str | os.PathLike[str]],
                  settings: Settings | None = None) -> Iterator[Article | Failure]:
    """Each input under ``paths`` as an article, or as a failure saying why it could not be read."""
    settings = settings or Settings.from_env()
    for item in discover(paths):
        if isinstance(item, InputError):
            yield Failure(item.source, item.detail, type(item).__name__)
            continue
        try:
            yield load_article(item, settings)
        except InputError as e:
            yield Failure(e.source, e.detail, type(e).__name__)
