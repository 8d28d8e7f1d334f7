"""Pages over the corpus: search, speakers (and one speaker's quotes), trace and stories.

Each takes the same filters as its ``presslens`` command, as query parameters,
and calls the :class:`~presslens.Corpus` method the command calls.
"""

from __future__ import annotations

from collections import Counter

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from presslens.errors import ConfigError
from presslens.web.app import page
from presslens.web.routes.common import KINDS, corpus_of, day

router = APIRouter(include_in_schema=False)

_GROUPS = ("outlet", "day", "week", "month", "year")


def _kind(value: str) -> str | None:
    if value and value not in KINDS:
        raise ConfigError(f"kind must be one of {', '.join(KINDS)}, not {value!r}")
    return value or None


@router.get("/search")
def search_page(request: Request, q: str = "", speaker: str = "", outlet: str = "", since: str = "",
                until: str = "", kind: str = "", articles: bool = False, phrase: bool = False,
                limit: int = Query(20, ge=1, le=500)) -> Response:
    """Full-text search of the quotes (or of the articles' text), with the filters of ``presslens search``."""
    filters = {"q": q, "speaker": speaker, "outlet": outlet, "since": since, "until": until, "kind": kind,
               "articles": articles, "phrase": phrase, "limit": limit}
    hits, problem, status = None, None, 200
    if q.strip():
        try:
            hits = corpus_of(request).search(q, speaker=speaker or None, outlet=outlet or None,
                                             since=day(since, "since"), until=day(until, "until"),
                                             kind=_kind(kind), articles=articles, phrase=phrase, limit=limit)
        except ConfigError as e:
            problem, status = str(e), 400
    return page(request, "search.html", {"filters": filters, "hits": hits, "problem": problem, "kinds": KINDS},
                status_code=status)


@router.get("/speakers")
def speakers_page(request: Request, by: str = "", outlet: str = "", since: str = "", until: str = "",
                  kind: str = "", limit: int = Query(50, ge=1, le=1000)) -> Response:
    """Who is quoted most, overall or per outlet or period (``presslens speakers``)."""
    if by and by not in _GROUPS:
        raise ConfigError(f"by must be one of {', '.join(_GROUPS)}, not {by!r}")
    counts = corpus_of(request).speakers(by=by or None, outlet=outlet or None,  # type: ignore[arg-type]
                                         since=day(since, "since"), until=day(until, "until"), kind=_kind(kind),
                                         limit=limit)
    groups: dict[str | None, list[object]] = {}
    for count in counts:
        groups.setdefault(count.group, []).append(count)
    filters = {"by": by, "outlet": outlet, "since": since, "until": until, "kind": kind, "limit": limit}
    return page(request, "speakers.html", {"groups": groups, "filters": filters, "kinds": KINDS,
                                           "group_names": _GROUPS})


@router.get("/speakers/{name:path}")
def speaker_page(request: Request, name: str, outlet: str = "", since: str = "", until: str = "",
                 kind: str = "") -> Response:
    """Every quote by one speaker across outlets and time, with the role each article gives them."""
    corpus = corpus_of(request)
    found = corpus.quotes(name, outlet=outlet or None, since=day(since, "since"), until=day(until, "until"),
                          kind=_kind(kind), limit=5000)
    speech = [q for q in found if q.category == "speech"]
    stance = [q for q in found if q.category != "speech"]
    roles = Counter(q.role for q in found if q.role)
    outlets = Counter(q.article.outlet for q in speech if q.article.outlet)
    days = sorted(q.article.day for q in found if q.article.day)
    filters = {"outlet": outlet, "since": since, "until": until, "kind": kind}
    return page(request, "speaker.html", {
        "name": found[0].speaker if found else name, "speech": speech, "stance": stance,
        "roles": roles.most_common(), "outlets": outlets.most_common(), "first_day": days[0] if days else None,
        "last_day": days[-1] if days else None, "filters": filters, "kinds": KINDS,
        "articles": len({q.article.id for q in found}),
    }, status_code=200 if found or any(filters.values()) else 404)


@router.get("/trace")
def trace_page(request: Request, q: str = "", outlet: str = "", since: str = "", until: str = "") -> Response:
    """A quote's wording variants across outlets, earliest first, with word-level edits (``presslens trace``)."""
    filters = {"q": q, "outlet": outlet, "since": since, "until": until}
    result, problem, status = None, None, 200
    if q.strip():
        try:
            result = corpus_of(request).trace(q, outlet=outlet or None, since=day(since, "since"),
                                              until=day(until, "until"))
        except ConfigError as e:
            problem, status = str(e), 400
    return page(request, "trace.html", {"filters": filters, "result": result, "problem": problem},
                status_code=status)


@router.get("/stories")
def stories_page(request: Request, outlet: str = "", since: str = "", until: str = "",
                 min_articles: int = Query(2, ge=1, le=1000), limit: int = Query(50, ge=1, le=1000)) -> Response:
    """Stored articles clustered into stories across outlets, largest first (``presslens stories``)."""
    found = corpus_of(request).stories(outlet=outlet or None, since=day(since, "since"), until=day(until, "until"),
                                       min_articles=min_articles)
    filters = {"outlet": outlet, "since": since, "until": until, "min_articles": min_articles, "limit": limit}
    return page(request, "stories.html", {"stories": found[:limit], "total": len(found), "filters": filters})
