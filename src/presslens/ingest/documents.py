"""Inputs of every kind, read into :class:`RawDocument` records for the corpus.

A raw document is one article as read from its container (a file, a JSONL
line, a feed entry, a WARC record): decoded text or HTML plus what the
container says about it (URL, headline, date, outlet). Reading is cheap and
happens in the main process; turning a raw document into an
:class:`~presslens.records.Article` (:func:`to_article`: HTML extraction,
layout detection) and analysing it happen in the ingest workers. Both are
plain picklable records.

Kinds, by file name (directories are walked recursively, in sorted order):

* ``.txt .text .md .html .htm .xhtml``: one article per file (:mod:`.text`, :mod:`.html`);
* ``.jsonl .ndjson``: one article per line (:mod:`.jsonl`);
* ``.rss .atom``, and ``.xml`` files that hold a feed: one article per entry (:mod:`.feed`);
* ``.warc .warc.gz``: one article per HTML response (:mod:`.warc`).

A file named explicitly is read whatever its name (as text or HTML if the
name says nothing). Anything that cannot be read becomes a
:class:`~presslens.records.Failure` saying why, and the batch goes on.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from presslens.config import Settings
from presslens.errors import InputError
from presslens.ingest.decode import decode
from presslens.ingest.sources import ARTICLE_SUFFIXES, RawInput, read_bytes
from presslens.records import Article, Failure, Outlet

__all__ = ["RawDocument", "count_documents", "discover_documents", "kind_of", "to_article"]

_HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
_FEED_MARKERS = (b"<rss", b"<feed", b"<rdf:rdf")


@dataclass(frozen=True, slots=True)
class RawDocument:
    """One article as read, before parsing.

    ``format`` says how to parse ``content``: ``text`` (a page copied as text:
    layout detection), ``html`` (a page: extraction), ``auto`` (either, by
    content) or ``body`` (the article's text alone, used as the body as is).
    ``kind`` is the container (``text``, ``html``, ``jsonl``, ``feed``,
    ``warc``) and becomes ``Article.format``.
    """

    source: str
    content: str
    format: str
    kind: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    byline: str | None = None
    outlet: Outlet | None = None
    notes: tuple[str, ...] = ()


def kind_of(path: Path, *, explicit: bool = False) -> str | None:
    """The reader for a file: ``file``, ``jsonl``, ``feed``, ``warc``; ``None`` to skip it in a directory."""
    name = path.name.lower()
    if name.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if name.endswith((".warc", ".warc.gz")):
        return "warc"
    if name.endswith((".rss", ".atom")):
        return "feed"
    if name.endswith(".xml"):
        return "feed" if explicit or _looks_like_feed(path) else None
    if path.suffix.lower() in ARTICLE_SUFFIXES or explicit:
        return "file"
    return None


def _looks_like_feed(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(2048).lower()
    except OSError:
        return False
    return any(marker in head for marker in _FEED_MARKERS)


def _files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[tuple[Path, str] | Failure]:
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = False
            for child in sorted(path.rglob("*")):
                if child.is_file() and not child.name.startswith(".") and (kind := kind_of(child)) is not None:
                    found = True
                    yield child, kind
            if not found:
                yield Failure(str(path), "directory has no files presslens reads (text, HTML, JSONL, feeds, WARC)")
        elif path.is_file():
            yield path, kind_of(path, explicit=True) or "file"
        elif path.exists():
            yield Failure(str(path), "not a regular file")
        else:
            yield Failure(str(path), "no such file or directory")


def discover_documents(paths: Iterable[str | os.PathLike[str]], settings: Settings | None = None
                       ) -> Iterator[RawDocument | Failure]:
    """Every article under ``paths`` as a raw document, or a failure saying why an input could not be read."""
    from presslens.ingest import feed, jsonl, warc

    settings = settings or Settings.from_env()
    for item in _files(paths):
        if isinstance(item, Failure):
            yield item
            continue
        path, kind = item
        if kind == "jsonl":
            yield from jsonl.read_jsonl(path, settings)
        elif kind == "feed":
            yield from feed.read_feed(path, settings)
        elif kind == "warc":
            yield from warc.read_warc(path, settings)
        else:
            yield _read_file(path, settings)


def count_documents(paths: Iterable[str | os.PathLike[str]], settings: Settings | None = None) -> int:
    """How many items :func:`discover_documents` will yield (for progress bars); reads containers once."""
    from presslens.ingest import feed, jsonl, warc

    total = 0
    for item in _files(paths):
        if isinstance(item, Failure):
            total += 1
            continue
        path, kind = item
        counter = {"jsonl": jsonl.count_jsonl, "feed": feed.count_feed, "warc": warc.count_warc}.get(kind)
        total += counter(path) if counter else 1
    return total


def _read_file(path: Path, settings: Settings) -> RawDocument | Failure:
    try:
        decoded = decode(read_bytes(RawInput(str(path), path), settings.max_bytes), str(path))
    except InputError as e:
        return Failure(e.source, e.detail, type(e).__name__)
    is_html = path.suffix.lower() in _HTML_SUFFIXES
    return RawDocument(str(path), decoded.text, "html" if is_html else "auto", "html" if is_html else "text",
                       notes=decoded.notes)


def to_article(raw: RawDocument) -> Article:
    """Parse a raw document into an article (raises :class:`~presslens.errors.InputError`)."""
    from presslens.ingest import article_from_string

    fields: dict[str, object] = {"url": raw.url, "title": raw.title, "published": raw.published,
                                 "byline": raw.byline, "outlet": raw.outlet}
    if raw.format == "body":
        body = raw.content.replace("\r\n", "\n").replace("\r", "\n").strip()
        if not body:
            raise InputError(raw.source, "no article text")
        article = Article(body=body, source=raw.source,
                          **{k: v for k, v in fields.items() if v is not None})  # type: ignore[arg-type]
    else:
        article = article_from_string(raw.content, source=raw.source, format=raw.format, **fields)
    if article.outlet is None and article.url and (host := urlsplit(article.url).hostname):
        domain = host.lower().removeprefix("www.")
        article = dataclasses.replace(article, outlet=Outlet(name=domain, domains=(domain,)))
    return dataclasses.replace(article, format=raw.kind, notes=article.notes + raw.notes)
