"""Hand-built analyses for the web tests: ordinary articles for the corpus pages, and one whose every
field carries script-injection payloads (title, body, captions, byline, section, outlet, URL, speaker
names and roles, claims). Spans are computed from the text, so they index it exactly."""

from __future__ import annotations

from presslens.records import (
    Analysis,
    Article,
    Attribution,
    Caption,
    Citation,
    Claim,
    Entity,
    Outlet,
    Span,
    Speaker,
    VoiceSegment,
)

#: Payloads that would run script, change the title, or break out of an attribute if any reached the page
#: unescaped. Each one that executes sets ``window.__xss`` or changes ``document.title``.
PAYLOADS = {
    "script": "<script>window.__xss='script'</script>",
    "img": "<img src=x onerror=\"window.__xss='img'\">",
    "svg": "<svg/onload=window.__xss='svg'>",
    "attribute": "\" autofocus onfocus=\"window.__xss='attribute'\" x=\"",
    "single": "' onmouseover='window.__xss=1' '",
    "title": "</title><script>document.title='pwned'</script>",
    "iframe": "<iframe srcdoc=\"<script>parent.__xss='iframe'</script>\"></iframe>",
    "javascript": "javascript:window.__xss='href'",
}

EVIL_SPEAKER = f"Ann {PAYLOADS['img']} Lee"
EVIL_ROLE = f"Minister {PAYLOADS['svg']}"


def build(body: str, quotes: list[tuple[str, str, str | None]], *, title: str | None = None, url: str | None = None,
          outlet: Outlet | None = None, published: str | None = None, byline: str | None = None,
          section: str | None = None, captions: tuple[Caption, ...] = (), checkworthy: tuple[str, ...] = (),
          kind: str = "direct") -> Analysis:
    """An analysis of ``body`` whose attributions are ``(quoted text, speaker, role)``: each quote found in the
    body, its speaker's name found after it as the source, ``said`` between them as the cue; voice segments
    partition the body; ``checkworthy`` sentences become outlet claims."""
    entities: dict[str, Entity] = {}
    attributions: list[Attribution] = []
    voice: list[VoiceSegment] = []
    at = 0
    for n, (quote, speaker, role) in enumerate(quotes, 1):
        start = body.index(quote, at)
        end = start + len(quote)
        source_start = body.index(speaker, end)
        cue_start = body.index("said", end)
        entity = entities.setdefault(speaker, Entity(f"E{len(entities) + 1}", speaker, "PERSON", role))
        attributions.append(Attribution(
            f"A{n}", kind, (Span(start, end, quote),),  # type: ignore[arg-type]
            cue=Span(cue_start, cue_start + 4, "said"),
            source=Span(source_start, source_start + len(speaker), speaker),
            speaker=Speaker(speaker, role, entity.id), rule="test"))
        if start > at:
            voice.append(VoiceSegment(at, start, body[at:start], "body", "outlet"))
        voice.append(VoiceSegment(start, end, quote, "body", speaker, "quoted", entity.id, f"A{n}"))
        at = end
    if at < len(body):
        voice.append(VoiceSegment(at, len(body), body[at:], "body", "outlet"))
    if title:
        voice.insert(0, VoiceSegment(0, len(title), title, "title", "outlet"))
    claims = []
    for n, sentence in enumerate(checkworthy, 1):
        start = body.index(sentence)
        claims.append(Claim(f"C{n}", Span(start, start + len(sentence), sentence), 0.9, True, "event-or-fact"))
    article = Article(body=body, title=title, section=section, byline=byline, published=published, url=url,
                      outlet=outlet, captions=captions, source=url or title, format="text")
    return Analysis(article, tuple(attributions), tuple(entities.values()), tuple(voice), claims=tuple(claims))


def ordinary() -> list[Analysis]:
    """Three articles, two outlets, one quote carried twice with an edit."""
    return [
        build("Talks ended in Lisbon. \"We have a deal on fishing quotas for the whole fleet,\" Ann Lee said. "
              "Others disagreed.", [("We have a deal on fishing quotas for the whole fleet,", "Ann Lee", "minister")],
              title="Deal in Lisbon", url="https://a.example/1", outlet=Outlet("A News"), published="2024-01-10",
              checkworthy=("Talks ended in Lisbon.",)),
        build("Fishing news. \"We have a deal on fishing quotas for the fleet,\" Ann Lee said on Monday.",
              [("We have a deal on fishing quotas for the fleet,", "Ann Lee", "fisheries minister")],
              title="Quotas deal agreed", url="https://b.example/2", outlet=Outlet("B Daily"), published="2024-01-11"),
        build("Bo Chan spoke. \"The quotas are far too low for the fleet,\" Bo Chan said.",
              [("The quotas are far too low for the fleet,", "Bo Chan", None)],
              title="Chan warns on quotas", url="https://b.example/3", outlet=Outlet("B Daily"),
              published="2024-02-20"),
    ]


def hostile() -> Analysis:
    """An article with a payload in every field a page shows."""
    p = PAYLOADS
    body = (f"Opening {p['script']} line about harbour {p['attribute']} policy.\n\n"
            f"\"We will keep the harbour open {p['svg']} all winter,\" said {EVIL_SPEAKER} in Portvik.\n\n"
            f"Critics {p['single']} disagreed {p['iframe']} and {p['title']} left.")
    return build(
        body, [(f"We will keep the harbour open {p['svg']} all winter,", EVIL_SPEAKER, EVIL_ROLE)],
        title=f"Harbour {p['script']} row {p['img']}",
        url=p["javascript"],
        outlet=Outlet(f"Evil {p['img']} Times", country=p["svg"], owner=p["script"], state_controlled=None,
                      note=p["attribute"], sources=(Citation("owner", p["javascript"]),
                                                    Citation("country", "data:text/html,<script>1</script>"))),
        published="2024-03-01", byline=f"By {p['img']}", section=f"News {p['script']}",
        captions=(Caption(f"Photo {p['img']} caption", credit=p["script"]),),
        checkworthy=(f"Critics {p['single']} disagreed {p['iframe']} and {p['title']} left.",),
    )
