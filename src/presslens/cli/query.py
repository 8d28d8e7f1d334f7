"""Corpus queries: ``presslens search``, ``speakers``, ``trace`` and ``stories``."""

from __future__ import annotations

import enum
from pathlib import Path

import typer

from presslens.corpus import Corpus
from presslens.output.corpus import render_hits, render_speakers, render_stories, render_trace
from presslens.serialize import to_dict

from .common import out, reporting_errors
from .corpus_common import db_option, print_json


class Kind(str, enum.Enum):
    direct = "direct"
    indirect = "indirect"
    mixed = "mixed"


class GroupBy(str, enum.Enum):
    outlet = "outlet"
    day = "day"
    week = "week"
    month = "month"
    year = "year"


_SINCE = "Only articles published on or after this day (YYYY-MM-DD)."
_UNTIL = "Only articles published on or before this day (YYYY-MM-DD)."
_OUTLET = "Only articles from this outlet (its name or domain)."


def register(app: typer.Typer) -> None:
    @app.command("search")
    def search(
        text: str = typer.Argument(..., help="Words to find (all of them; in this order with --phrase)."),
        speaker: str | None = typer.Option(None, "--speaker",
                                           help="Only quotes by a speaker whose name contains this."),
        outlet: str | None = typer.Option(None, "--outlet", help=_OUTLET),
        since: str | None = typer.Option(None, "--since", help=_SINCE),
        until: str | None = typer.Option(None, "--until", help=_UNTIL),
        kind: Kind | None = typer.Option(None, "--kind", help="Only direct, indirect or mixed quotes."),
        articles: bool = typer.Option(False, "--articles", help="Search the articles' text instead of the quotes."),
        phrase: bool = typer.Option(False, "--phrase", help="Match the words as one phrase."),
        limit: int = typer.Option(20, "--limit", "-n", min=1, help="Most results to show."),
        db: Path | None = db_option(),
        json_out: bool = typer.Option(False, "--json", help="Print the results as JSON."),
    ) -> None:
        """Full-text search of the quotes in the corpus (or of the articles' text), best matches first."""
        with reporting_errors(), Corpus(db, create=False) as corpus:
            hits = corpus.search(text, speaker=speaker, outlet=outlet, since=since, until=until,
                                 kind=kind.value if kind else None, articles=articles, phrase=phrase, limit=limit)
        print_json(hits) if json_out else out.print(render_hits(hits))

    @app.command("speakers")
    def speakers(
        by: GroupBy | None = typer.Option(None, "--by", help="Count per outlet or per period."),
        outlet: str | None = typer.Option(None, "--outlet", help=_OUTLET),
        since: str | None = typer.Option(None, "--since", help=_SINCE),
        until: str | None = typer.Option(None, "--until", help=_UNTIL),
        kind: Kind | None = typer.Option(None, "--kind", help="Count only direct, indirect or mixed quotes."),
        limit: int = typer.Option(20, "--limit", "-n", min=1, help="Speakers to show (per group with --by)."),
        category: str = typer.Option("speech", "--category", help="speech (what people said, the default), "
                                     "stance (what they were reported to intend, believe or do), or all."),
        db: Path | None = db_option(),
        json_out: bool = typer.Option(False, "--json", help="Print the counts as JSON."),
    ) -> None:
        """Who is quoted most: speakers by the number of distinct articles quoting them."""
        with reporting_errors(), Corpus(db, create=False) as corpus:
            counts = corpus.speakers(by=by.value if by else None, outlet=outlet, since=since, until=until,
                                     kind=kind.value if kind else None, limit=limit,
                                     category=None if category == "all" else category)
        print_json(counts) if json_out else out.print(render_speakers(counts, by.value if by else None))

    @app.command("trace")
    def trace(
        text: str = typer.Argument(..., help="The quote, or a long enough part of it (at least 3 words)."),
        outlet: str | None = typer.Option(None, "--outlet", help=_OUTLET),
        since: str | None = typer.Option(None, "--since", help=_SINCE),
        until: str | None = typer.Option(None, "--until", help=_UNTIL),
        db: Path | None = db_option(),
        json_out: bool = typer.Option(False, "--json", help="Print the trace as JSON."),
    ) -> None:
        """Every article that carried a quote, earliest first, grouped into wording variants.

        Each variant after the first shows its edits from the original wording word by word:
        [-removed-] {+added+}. Articles whose text carries the quote without an attribution
        for it are listed too ("in the text, unattributed").
        """
        with reporting_errors(), Corpus(db, create=False) as corpus:
            result = corpus.trace(text, outlet=outlet, since=since, until=until)
        if json_out:
            print_json({**to_dict(result), "articles": result.articles})
        else:
            out.print(render_trace(result))

    @app.command("stories")
    def stories(
        outlet: str | None = typer.Option(None, "--outlet", help=_OUTLET),
        since: str | None = typer.Option(None, "--since", help=_SINCE),
        until: str | None = typer.Option(None, "--until", help=_UNTIL),
        min_articles: int = typer.Option(2, "--min-articles", min=1,
                                         help="Show stories with at least this many articles."),
        limit: int | None = typer.Option(None, "--limit", "-n", min=1, help="Most stories to show."),
        db: Path | None = db_option(),
        json_out: bool = typer.Option(False, "--json", help="Print the stories as JSON."),
    ) -> None:
        """Articles clustered into stories across outlets, largest first."""
        with reporting_errors(), Corpus(db, create=False) as corpus:
            found = corpus.stories(outlet=outlet, since=since, until=until, min_articles=min_articles)
        found = found[:limit] if limit else found
        print_json(found) if json_out else out.print(render_stories(found))
