"""A readable terminal report of one analysis, built with Rich.

The report has four parts: the article's header (headline, section, outlet,
byline, date, captions set apart), who said what grouped by speaker, the
check-worthy claims ranked by score with whose voice each is in, and the
text itself with every speaker's words coloured and the outlet's own words
left plain, so a reader sees at a glance whose voice each sentence is in.
All article text goes into ``rich.text.Text`` objects, never into markup, so
brackets in an article cannot restyle the report.
"""

from __future__ import annotations

from collections import Counter

from rich.console import Group, RenderableType
from rich.panel import Panel
from rich.rule import Rule
from rich.table import Table
from rich.text import Text

from presslens.records import Analysis, Attribution, Claim, Field, Technique

__all__ = ["render_report"]

_PALETTE = ["cyan", "magenta", "green", "yellow", "blue", "red", "bright_cyan", "bright_magenta"]
_KIND_STYLE = {"direct": "bold green", "indirect": "bold blue", "mixed": "bold yellow"}


def _colours(analysis: Analysis) -> dict[str, str]:
    names = list(dict.fromkeys(s.voice for s in analysis.voice if s.voice != "outlet"))
    return {name: _PALETTE[i % len(_PALETTE)] for i, name in enumerate(names)}


def _header(analysis: Analysis) -> RenderableType:
    article = analysis.article
    title = Text(article.title or "(no headline)", style="bold")
    lines = [title]
    facts = []
    if article.section:
        facts.append(("section", article.section))
    if article.outlet:
        facts.append(("outlet", article.outlet.name))
    if article.byline:
        facts.append(("byline", article.byline))
    if article.published:
        facts.append(("published", article.published))
    if article.url:
        facts.append(("url", article.url))
    for label, value in facts:
        lines.append(Text.assemble((f"{label}: ", "dim"), value))
    for caption in article.captions:
        credit = f" [credit: {caption.credit}]" if caption.credit else ""
        lines.append(Text.assemble(("caption: ", "dim"), (caption.text + credit, "italic")))
    if article.boilerplate:
        lines.append(Text(f"{len(article.boilerplate)} block(s) of site boilerplate set aside", style="dim"))
    for note in article.notes:
        lines.append(Text.assemble(("note: ", "yellow"), note))
    return Panel(Group(*lines), title=article.source or "article", title_align="left")


def _who_said_what(analysis: Analysis, colours: dict[str, str]) -> RenderableType:
    if not analysis.statements():
        return Text("No attributions found: every sentence is in the outlet's own voice.", style="dim")
    parts: list[RenderableType] = [Rule("Who said what", style="dim")]
    for name, attributions in analysis.by_speaker().items():
        role = next((a.speaker.role for a in attributions if a.speaker and a.speaker.role), None)
        kinds = Counter(a.kind for a in attributions)
        summary = ", ".join(f"{n} {kind}" for kind, n in sorted(kinds.items()))
        heading = Text.assemble((name, f"bold {colours.get(name, 'white')}"),
                                (f" ({role})" if role else "", "italic"), (f"  {summary}", "dim"))
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(width=9, no_wrap=True)
        table.add_column(ratio=1)
        for attribution in attributions:
            table.add_row(Text(attribution.kind, style=_KIND_STYLE[attribution.kind]), _statement(attribution))
        parts.extend([heading, table])
    return Group(*parts)


def _stances(analysis: Analysis) -> RenderableType | None:
    """Intentions, beliefs and actions the article attributes to people, listed compactly."""
    stances = [a for a in analysis.attributions if a.category == "stance"]
    if not stances:
        return None
    lines: list[RenderableType] = [Rule("Also attributed (intentions, beliefs, actions)", style="dim")]
    for attribution in stances:
        who = (attribution.speaker.name if attribution.speaker
               else attribution.source.text if attribution.source else "?")
        cue = attribution.cue.text if attribution.cue else ""
        lines.append(Text.assemble((who, "bold"), f" {cue} ", (attribution.content_text, "dim")))
    return Group(*lines)


def _statement(attribution: Attribution) -> Text:
    text = Text()
    if attribution.content[0].of == "title":
        text.append("[headline] ", style="dim")
    text.append(f"“{attribution.content_text}”")
    bits = []
    if attribution.source is not None:
        bits.append(f"source “{attribution.source.text}”")
    if attribution.cue is not None:
        bits.append(f"cue “{attribution.cue.text}”")
    if attribution.source is None and attribution.cue is None:
        bits.append("no cue: continues the previous quote")
    text.append(f"\n  {'; '.join(bits)}", style="dim")
    return text


def _voiced(analysis: Analysis, of: Field, colours: dict[str, str]) -> Text:
    text = Text()
    for segment in analysis.voice:
        if segment.of != of:
            continue
        if segment.voice == "outlet":
            text.append(segment.text)
        else:
            style = colours.get(segment.voice, "white")
            text.append(segment.text, style=style if segment.mode == "quoted" else f"{style} italic")
    return text


def _voice_summary(analysis: Analysis, colours: dict[str, str]) -> Text:
    shares: Counter[str] = Counter()
    for segment in analysis.voice:
        if segment.of == "body":
            shares[segment.voice] += sum(1 for ch in segment.text if not ch.isspace())
    total = sum(shares.values()) or 1
    legend = Text("Voice of the body: ", style="dim")
    for i, (voice, count) in enumerate(shares.most_common()):
        if i:
            legend.append(" · ", style="dim")
        style = "bold" if voice == "outlet" else f"bold {colours.get(voice, 'white')}"
        label = "outlet (plain text)" if voice == "outlet" else voice
        legend.append(f"{label} {100 * count / total:.0f}%", style=style)
    legend.append("   italic = reported speech, upright = quoted words", style="dim")
    return legend


_CLAIMS_SHOWN = 10


def _claims(analysis: Analysis, colours: dict[str, str]) -> RenderableType:
    worthy = sorted((c for c in analysis.claims if c.checkworthy), key=lambda c: -c.score)
    if not worthy:
        return Text(f"No check-worthy claims among {len(analysis.claims)} scored statements.", style="dim")
    table = Table(show_header=True, header_style="dim", box=None, padding=(0, 1), expand=True)
    table.add_column("score", width=5, no_wrap=True)
    table.add_column("whose", ratio=1, max_width=22)
    table.add_column("type", width=21, no_wrap=True)
    table.add_column("claim", ratio=4)
    for claim in worthy[:_CLAIMS_SHOWN]:
        table.add_row(f"{claim.score:.2f}", _whose(claim, colours), Text(claim.type, style="dim"), _claim_text(claim))
    more = len(worthy) - _CLAIMS_SHOWN
    footer = Text(f"{more} more check-worthy; " if more > 0 else "", style="dim")
    footer.append(f"{len(worthy)} of {len(analysis.claims)} scored statements are check-worthy", style="dim")
    return Group(Rule("Check-worthy claims, most first", style="dim"), table, footer)


def _whose(claim: Claim, colours: dict[str, str]) -> Text:
    if claim.voice == "outlet":
        return Text("outlet", style="bold")
    return Text(claim.voice, style=f"bold {colours.get(claim.voice, 'white')}")


def _claim_text(claim: Claim) -> Text:
    text = Text()
    if claim.span.of == "title":
        text.append("[headline] ", style="dim")
    text.append(claim.span.text)
    return text


def _techniques(analysis: Analysis, colours: dict[str, str]) -> RenderableType:
    """Persuasion techniques grouped by voice, each with its words, score and reason."""
    if not analysis.techniques:
        return Text("No persuasion techniques found.", style="dim")
    parts: list[RenderableType] = [Rule("How it is said: persuasion techniques, by voice", style="dim"),
                                   Text.assemble(("Summary: ", "dim"), analysis.technique_summary_text())]
    for voice, found in analysis.techniques_by_voice().items():
        style = "bold" if voice == "outlet" else f"bold {colours.get(voice, 'white')}"
        parts.append(Text.assemble((voice, style), (f"  {len(found)} technique(s)", "dim")))
        table = Table(show_header=False, box=None, padding=(0, 1), expand=True)
        table.add_column(width=26, no_wrap=True)
        table.add_column(ratio=1)
        for technique in found:
            line = Text()
            if technique.span.of == "title":
                line.append("[headline] ", style="dim")
            line.append(f"“{technique.span.text}”", style="underline")
            line.append(f"\n  {technique.reason} (score {technique.score:.2f})", style="dim")
            table.add_row(Text(technique.technique, style=_technique_style(technique)), line)
        parts.append(table)
    return Group(*parts)


def _technique_style(technique: Technique) -> str:
    return "bold red" if technique.method == "model" else "bold magenta"


#: Only findings at least this confident are marked inside the text. The tagger runs at a
#: recall-oriented threshold (about one span in five is right on our PTC split, see its model
#: card), so weaker findings stay in the per-voice list with their scores, not in the text.
INLINE_MIN_SCORE = 0.3


def _mark_techniques(text: Text, analysis: Analysis, of: Field) -> Text:
    """Underline the stronger techniques' words in the voiced text and tag each with its name, inline."""
    marked = [t for t in analysis.techniques if t.span.of == of and t.score >= INLINE_MIN_SCORE]
    if not marked:
        return text
    for technique in marked:
        text.stylize("underline", technique.span.start, technique.span.end)
    # Insert the tags from the end so earlier offsets stay valid.
    result = text
    for technique in sorted(marked, key=lambda t: t.span.end, reverse=True):
        tag = Text(f"⟦{technique.technique}⟧", style=f"{_technique_style(technique)} dim")
        result = Text.assemble(result[:technique.span.end], tag, result[technique.span.end:])
    return result


def render_report(analysis: Analysis) -> RenderableType:
    """The whole report for one analysis, ready for ``Console.print``."""
    colours = _colours(analysis)
    parts: list[RenderableType] = [_header(analysis), _who_said_what(analysis, colours)]
    stances = _stances(analysis)
    if stances is not None:
        parts.append(stances)
    parts.append(_techniques(analysis, colours))
    parts.append(_claims(analysis, colours))
    parts.append(Rule("The text, by voice", style="dim"))
    if analysis.article.title:
        title = _voiced(analysis, "title", colours).copy()
        title.stylize("bold")
        parts.append(_mark_techniques(title, analysis, "title"))
        parts.append(Text())
    parts.append(_mark_techniques(_voiced(analysis, "body", colours), analysis, "body"))
    parts.append(Text())
    parts.append(_voice_summary(analysis, colours))
    return Group(*parts)
