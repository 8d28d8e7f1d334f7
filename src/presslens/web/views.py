"""What the article page shows, computed from an :class:`~presslens.records.Analysis`: the header facts,
the legend, the side panel's groups and the marked-up title and body. Plain data for the templates;
the only HTML built here comes from :mod:`presslens.web.highlight`."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from markupsafe import Markup

from presslens.records import Analysis, Attribution, Outlet
from presslens.web.highlight import Underline, article_marks, render_marked, underlines, voice_classes
from presslens.web.security import safe_url

__all__ = ["ArticleView", "LegendEntry", "SpeakerGroup", "article_view"]


@dataclass(frozen=True, slots=True)
class LegendEntry:
    name: str
    css: str
    #: How many attributions of speech the speaker has (0 for the outlet).
    count: int = 0


@dataclass(frozen=True, slots=True)
class PanelItem:
    id: str
    kind: str
    text: str
    cue: str | None
    role: str | None


@dataclass(frozen=True, slots=True)
class SpeakerGroup:
    speaker: str
    css: str
    roles: tuple[str, ...]
    items: tuple[PanelItem, ...]
    #: Whether the speaker is a resolved name (unresolved ones get no speaker page).
    named: bool = True


@dataclass(frozen=True, slots=True)
class OutletView:
    name: str
    country: str | None
    owner: str | None
    state_controlled: bool | None
    note: str | None
    sources: tuple[tuple[str, str | None], ...] = ()

    @property
    def state(self) -> str:
        """``yes``, ``no`` or ``unknown``: whether a state owns or directs the outlet."""
        return {True: "yes", False: "no"}.get(self.state_controlled, "unknown")  # type: ignore[arg-type]


@dataclass(frozen=True, slots=True)
class ArticleView:
    headline: str | None
    title: Markup | None
    body: Markup
    section: str | None
    byline: str | None
    published: str | None
    url: str | None
    url_href: str | None
    outlet: OutletView | None
    captions: tuple[tuple[str, str | None], ...]
    notes: tuple[str, ...]
    boilerplate_lines: int
    legend: tuple[LegendEntry, ...]
    speech: tuple[SpeakerGroup, ...]
    stance: tuple[SpeakerGroup, ...]
    lines: tuple[Underline, ...]
    kinds: tuple[str, ...] = field(default=())


def _outlet(outlet: Outlet | None) -> OutletView | None:
    if outlet is None:
        return None
    return OutletView(outlet.name, outlet.country, outlet.owner, outlet.state_controlled, outlet.note,
                      tuple((c.field, safe_url(c.source)) for c in outlet.sources))


def _groups(analysis: Analysis, category: str, classes: dict[str, str]) -> tuple[SpeakerGroup, ...]:
    groups: list[SpeakerGroup] = []
    for speaker, attributions in analysis.by_speaker(category).items():  # type: ignore[arg-type]
        roles = tuple(dict.fromkeys(a.speaker.role for a in attributions if a.speaker and a.speaker.role))
        items = tuple(_item(a) for a in attributions)
        named = any(a.speaker is not None for a in attributions)
        groups.append(SpeakerGroup(speaker, classes.get(speaker, "sp-unknown"), roles, items, named))
    return tuple(groups)


def _item(attribution: Attribution) -> PanelItem:
    return PanelItem(attribution.id, attribution.kind, attribution.content_text,
                     attribution.cue.text if attribution.cue else None,
                     attribution.speaker.role if attribution.speaker else None)


def article_view(analysis: Analysis) -> ArticleView:
    """Everything the article page shows of ``analysis``."""
    article = analysis.article
    classes = voice_classes(analysis)
    lines = underlines(analysis)
    speech = _groups(analysis, "speech", classes)
    counts = {g.speaker: len(g.items) for g in speech}
    voiced = [s.voice for s in analysis.voice if s.voice != "outlet"]
    legend = [LegendEntry("The outlet's own voice", "v-outlet")]
    legend += [LegendEntry(name, classes.get(name, "sp-unknown"), counts.get(name, 0))
               for name in dict.fromkeys(voiced)]
    title = render_marked(article.title, article_marks(analysis, "title", lines)) if article.title else None
    return ArticleView(
        headline=article.title,
        title=title,
        body=render_marked(article.body, article_marks(analysis, "body", lines)),
        section=article.section, byline=article.byline, published=article.published,
        url=article.url, url_href=safe_url(article.url),
        outlet=_outlet(article.outlet),
        captions=tuple((c.text, c.credit) for c in article.captions),
        notes=article.notes,
        boilerplate_lines=len(article.boilerplate),
        legend=tuple(legend),
        speech=speech,
        stance=_groups(analysis, "stance", classes),
        lines=tuple(lines),
        kinds=tuple(dict.fromkeys(line.kind for line in lines)),
    )


def json_ready(value: Any) -> Any:
    """Records as plain data for JSON responses."""
    from presslens.serialize import to_dict

    return to_dict(value)
