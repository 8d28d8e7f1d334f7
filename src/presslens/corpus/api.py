"""``presslens.Corpus``: the Python API the corpus commands are thin over."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, Literal

from presslens.config import Settings
from presslens.corpus import queries, stories, tracing
from presslens.corpus.ingest import IngestProgress, add_analysis, ingest
from presslens.corpus.queries import Filters
from presslens.corpus.results import ArticleRef, IngestReport, QuoteTrace, SearchHit, SpeakerCount, SpeakerQuote, Story
from presslens.link.stories import StoryParams
from presslens.records import Analysis
from presslens.store.sqlite import Store, WriteResult, database_size

__all__ = ["Corpus"]


class Corpus:
    """A corpus of analysed articles in an SQLite file.

    ``path`` defaults to ``PRESSLENS_DB`` or the per-user data folder (see
    :mod:`presslens.store.location`). ``create=False`` refuses to make a new
    database (for read-only commands on a path that has none)::

        with presslens.Corpus("news.db") as corpus:
            corpus.ingest(["feeds/", "archive.warc.gz"], workers=2)
            corpus.search("ceasefire", speaker="Guterres")
            corpus.trace("we will not retreat from the harbour")
    """

    def __init__(self, path: str | os.PathLike[str] | None = None, *, create: bool = True,
                 settings: Settings | None = None) -> None:
        self.settings = settings or Settings.from_env()
        self.store = Store(path, create=create)

    @property
    def path(self) -> Path:
        return self.store.path

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Corpus:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def ingest(self, paths: Iterable[str | os.PathLike[str]], *, workers: int = 1,
               on_start: Callable[[int], None] | None = None,
               on_progress: Callable[[IngestProgress], None] | None = None) -> IngestReport:
        """Analyse and store every article under ``paths`` (directories of text/HTML, JSONL, feeds, WARC).

        Articles already stored (same normalised URL, same input, same content)
        are skipped; near-copies are stored linked to their original; inputs
        that fail are reported with their reason and the rest go on.
        """
        return ingest(self.store, paths, workers=workers, settings=self.settings, on_start=on_start,
                      on_progress=on_progress)

    def search(self, text: str, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, articles: bool = False, phrase: bool = False,
               limit: int = 20) -> list[SearchHit]:
        """Quotes containing every word of ``text`` (all of them in order with ``phrase``), best first;
        with ``articles``, article texts instead."""
        filters = Filters(speaker, outlet, since, until, kind)
        return queries.search(self.store, text, filters, articles=articles, phrase=phrase, limit=limit)

    def speakers(self, *, by: Literal["outlet", "day", "week", "month", "year"] | None = None,
                 outlet: str | None = None, since: str | None = None, until: str | None = None,
                 kind: str | None = None, limit: int = 20, category: str | None = "speech") -> list[SpeakerCount]:
        """Who is quoted most (in how many distinct articles), overall or per outlet or period; speech
        only unless ``category`` is ``"stance"`` or ``None`` (both)."""
        return queries.speakers(self.store, Filters(None, outlet, since, until, kind), by=by, limit=limit,
                                category=category)

    def quotes(self, speaker: str, *, outlet: str | None = None, since: str | None = None,
               until: str | None = None, kind: str | None = None, category: str | None = None, limit: int = 200,
               offset: int = 0) -> list[SpeakerQuote]:
        """Every quote (and stance, unless ``category`` says which) of one speaker, by their canonical name,
        across outlets and time, earliest first, each with the role its article gives them."""
        return queries.quotes(self.store, speaker, Filters(None, outlet, since, until, kind), category=category,
                              limit=limit, offset=offset)

    def articles(self, *, speaker: str | None = None, outlet: str | None = None, since: str | None = None,
                 until: str | None = None, limit: int = 50, offset: int = 0) -> list[ArticleRef]:
        """Stored articles, newest first (``speaker``: only articles quoting someone whose name contains it)."""
        return queries.articles(self.store, Filters(speaker, outlet, since, until), limit=limit, offset=offset)

    def add(self, analysis: Analysis, *, raw_key: str | None = None) -> WriteResult:
        """Store one analysed article unless the corpus has it (same URL or content); near-copies are linked."""
        return add_analysis(self.store, analysis, raw_key=raw_key)

    def trace(self, text: str, *, outlet: str | None = None, since: str | None = None,
              until: str | None = None) -> QuoteTrace:
        """Every article that carried the quote ``text``, grouped into wording variants, earliest first."""
        return tracing.trace(self.store, text, Filters(None, outlet, since, until))

    def stories(self, *, outlet: str | None = None, since: str | None = None, until: str | None = None,
                min_articles: int = 2, params: StoryParams | None = None) -> list[Story]:
        """Articles clustered into stories across outlets, largest first."""
        return stories.stories(self.store, Filters(None, outlet, since, until), min_articles=min_articles,
                               params=params)

    def analysis(self, article_id: int) -> Analysis:
        """The full stored analysis of one article."""
        return self.store.analysis(article_id)

    def stats(self) -> dict[str, Any]:
        """Counts of what the corpus holds, with its schema version and size on disk."""
        return {**self.store.counts(), "schema_version": self.store.version, "path": str(self.path),
                "bytes": database_size(self.path)}

    def export(self, out: str | os.PathLike[str], *, format: Literal["jsonl", "csv", "parquet"] = "jsonl",
               tables: Sequence[str] | None = None) -> list[Path]:
        """Write each table (articles, attributions, entities, speakers, outlets, and any record table
        added later) to ``out/<table>.<format>``; returns the files written."""
        from presslens.store.export import export

        return export(self.store, Path(out), format=format, tables=tables)
