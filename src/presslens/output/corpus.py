"""Rich renderings of corpus query results: search hits, speaker counts, quote traces, stories.

Article text always goes into ``rich.text.Text`` objects, never into markup,
so brackets in a quote cannot restyle the output.
"""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text

from presslens.corpus.results import ArticleRef, QuoteTrace, SearchHit, SpeakerCount, Story
from presslens.link.trace import WordEdit

__all__ = ["render_edits", "render_hits", "render_speakers", "render_stories", "render_trace"]

_KIND_STYLE = {"direct": "green", "indirect": "blue", "mixed": "yellow", "article": "cyan", "text": "magenta"}


def _where(article: ArticleRef) -> Text:
    text = Text()
    text.append(article.day or "????-??-??", style="dim")
    text.append("  ")
    text.append(article.outlet or "(unknown outlet)", style="bold")
    if article.title:
        text.append("  ")
        text.append(article.title, style="italic")
    if article.copy_of is not None:
        text.append(f"  (near-copy of #{article.copy_of})", style="dim")
    return text


def _locator(article: ArticleRef) -> Text:
    return Text(f"#{article.id} {article.url or article.source or ''}".rstrip(), style="dim")


def render_hits(hits: Sequence[SearchHit]) -> RenderableType:
    if not hits:
        return Text("No matches.", style="dim")
    table = Table(show_header=True, header_style="dim", expand=True, box=None, padding=(0, 1))
    table.add_column("kind", no_wrap=True)
    table.add_column("match", ratio=3)
    table.add_column("where", ratio=2)
    for hit in hits:
        quote = Text()
        if hit.speaker:
            quote.append(f"{hit.speaker}: ", style="bold")
        quote.append(f"“{hit.text}”" if hit.kind != "article" else hit.text)
        table.add_row(Text(hit.kind, style=_KIND_STYLE.get(hit.kind, "white")), quote,
                      Text.assemble(_where(hit.article), "\n", _locator(hit.article)))
    return table


def render_speakers(counts: Sequence[SpeakerCount], by: str | None) -> RenderableType:
    if not counts:
        return Text("No attributed speakers match.", style="dim")
    table = Table(show_header=True, header_style="dim", box=None, padding=(0, 1))
    if by:
        table.add_column(by)
    for name in ("speaker", "articles", "quotes", "outlets", "first", "last"):
        table.add_column(name, justify="right" if name in ("articles", "quotes", "outlets") else "left")
    previous = None
    for count in counts:
        cells: list[Text | str] = [Text(count.speaker, style="bold"), str(count.articles), str(count.attributions),
                                   str(count.outlets), count.first_day or "", count.last_day or ""]
        if by:
            group = count.group or "(unknown)"
            cells.insert(0, Text(group if group != previous else "", style="cyan"))
            previous = group
        table.add_row(*cells)
    return table


def render_edits(edits: Sequence[WordEdit]) -> Text:
    """A variant's wording with its edits from the original marked word by word:
    ``[-removed-]`` struck out in red, ``{+added+}`` in green."""
    text = Text()
    for edit in edits:
        if text and not text.plain.endswith(" "):
            text.append(" ")
        if edit.op == "equal":
            text.append(edit.after)
        if edit.op in ("delete", "replace"):
            text.append(f"[-{edit.before}-]", style="red strike")
        if edit.op == "replace":
            text.append(" ")
        if edit.op in ("insert", "replace"):
            text.append(f"{{+{edit.after}+}}", style="bold green")
    return text


def render_trace(trace: QuoteTrace) -> RenderableType:
    if not trace.variants:
        return Text(f"No article in the corpus carries “{trace.query}”.", style="dim")
    parts: list[RenderableType] = [Text.assemble(
        ("Quote: ", "dim"), f"“{trace.query}”", (f"\n{trace.articles} article(s), {len(trace.variants)} wording(s), "
                                                  "earliest first", "dim"))]
    for n, variant in enumerate(trace.variants, 1):
        heading = Text(f"\nVariant {n}", style="bold underline")
        heading.append(" (original wording)" if n == 1 else "", style="dim")
        heading.append(f"  {len(variant.occurrences)} article(s), first {variant.first_day or 'undated'}", style="dim")
        parts.append(heading)
        if n == 1:
            parts.append(Text(f"“{variant.text}”"))
        else:
            changed = sum(1 for e in variant.edits if e.op != "equal")
            parts.append(Text(f"{changed} edit(s) from the original:", style="dim"))
            parts.append(render_edits(variant.edits))
        for occurrence in variant.occurrences:
            line = Text("  ")
            line.append_text(_where(occurrence.article))
            how = occurrence.kind if occurrence.kind != "text" else "in the text, unattributed"
            line.append(f"  [{how}{': ' + occurrence.speaker if occurrence.speaker else ''}]", style="dim")
            line.append("\n    ")
            line.append_text(_locator(occurrence.article))
            parts.append(line)
    return Group(*parts)


def render_stories(stories: Sequence[Story]) -> RenderableType:
    if not stories:
        return Text("No stories with enough articles.", style="dim")
    parts: list[RenderableType] = []
    for story in stories:
        span = story.first_day or "undated"
        if story.last_day and story.last_day != story.first_day:
            span += f" to {story.last_day}"
        parts.append(Text.assemble((f"\nStory {story.id}: ", "bold"), (story.title or "(untitled)", "bold italic"),
                                   (f"\n{len(story.articles)} article(s), {len(story.outlets)} outlet(s), {span}",
                                    "dim")))
        for article in story.articles:
            line = Text("  ")
            line.append_text(_where(article))
            parts.append(line)
    return Group(*parts)
