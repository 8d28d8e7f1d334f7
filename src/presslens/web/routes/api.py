"""The JSON API under ``/api``: the same analysis and corpus queries as the pages and the CLI.

Responses are presslens's records as the JSON output documents them
(:func:`presslens.serialize.to_dict`); the ``response_model`` of each route
only describes them in the OpenAPI document.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, Field

from presslens.corpus.results import ArticleRef, QuoteTrace, SearchHit, SpeakerCount, SpeakerQuote, Story
from presslens.records import Analysis
from presslens.serialize import to_dict
from presslens.web.routes.common import DAY, analysis_of, corpus_of, services_of

router = APIRouter(prefix="/api", tags=["api"])

Day = Annotated[str | None, Query(pattern=DAY, description="A day, YYYY-MM-DD (inclusive).")]
Outlet = Annotated[str | None, Query(description="Only articles from this outlet (its name or domain).")]
Kind = Literal["direct", "indirect", "mixed"]
_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "A value presslens cannot use (the detail says which and why)."},
    413: {"description": "The request body is larger than the server accepts."},
    503: {"description": "There is no corpus database, or it cannot be opened."},
}


class AnalyzeRequest(BaseModel):
    """An article to analyse: its text or HTML, and what the text does not say about it."""

    text: str = Field(description="The article: plain text as copied from a page, or the page's HTML.")
    format: Literal["auto", "text", "html"] = Field("auto", description="How to read `text` (auto: HTML if it "
                                                                          "looks like HTML).")
    url: str | None = Field(None, description="Where the article was published (helps name the outlet).")
    published: str | None = Field(None, description="Publication date, ISO 8601 (anchors relative dates).")


class StoredArticle(BaseModel):
    """What storing an article did: ``stored`` (a near-copy names its original in ``copy_of``) or
    ``duplicate`` (the corpus already had it: ``id`` is the stored one)."""

    status: Literal["stored", "duplicate"]
    id: int
    copy_of: int | None = None
    reason: str = ""


def _json(data: Any, status_code: int = 200) -> Response:
    return JSONResponse(to_dict(data), status_code=status_code)


@router.post("/analyze", response_model=Analysis, responses=_ERRORS, summary="Analyse an article")
def analyze(request: Request, body: AnalyzeRequest) -> Response:
    """Analyse an article without storing it: who said what, in whose voice, check-worthy claims.

    The answer is the JSON of `presslens analyze --format json` (`presslens schema` prints its full schema).
    """
    analysis = services_of(request).analyze(body.text, format=body.format, source="<api>", url=body.url,
                                            published=body.published)
    return _json(analysis)


@router.post("/articles", response_model=StoredArticle, status_code=201, summary="Analyse and store an article",
             responses={**_ERRORS, 403: {"description": "The server was not started with --allow-writes."}})
def store_article(request: Request, body: AnalyzeRequest) -> Response:
    """Analyse an article and store it in the corpus (only on a server started with `--allow-writes`).

    An article the corpus already has (same URL or same text) is not stored again."""
    services = services_of(request)
    if not services.config.allow_writes:
        raise HTTPException(403, "Writing is off on this server: start it with `presslens serve --allow-writes`.")
    analysis = services.analyze(body.text, format=body.format, source="<api>", url=body.url,
                                published=body.published)
    result = services.corpus().add(analysis)
    stored = StoredArticle(status=result.status, id=result.article_id, copy_of=result.copy_of, reason=result.reason)
    return JSONResponse(stored.model_dump(), status_code=201 if result.status == "stored" else 200)


@router.get("/articles", response_model=list[ArticleRef], responses=_ERRORS, summary="List stored articles")
def list_articles(request: Request, outlet: Outlet = None, since: Day = None, until: Day = None,
                  speaker: Annotated[str | None, Query(description="Only articles quoting a speaker whose "
                                                                   "name contains this.")] = None,
                  limit: Annotated[int, Query(ge=1, le=1000)] = 50,
                  offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """Stored articles, newest first."""
    return _json(corpus_of(request).articles(speaker=speaker, outlet=outlet, since=since, until=until, limit=limit,
                                             offset=offset))


@router.get("/articles/{article_id}", response_model=Analysis, summary="A stored article's analysis",
            responses={**_ERRORS, 404: {"description": "No article with this id."}})
def get_article(request: Request, article_id: int) -> Response:
    """The full stored analysis of one article, in the schema of `presslens analyze --format json`."""
    return _json(analysis_of(request, article_id))


@router.get("/search", response_model=list[SearchHit], responses=_ERRORS, summary="Search quotes or articles")
def search(request: Request, q: Annotated[str, Query(min_length=1, description="Words to find (all of them).")],
           speaker: Annotated[str | None, Query(description="Only quotes by a speaker whose name contains this.")]
           = None, outlet: Outlet = None, since: Day = None, until: Day = None, kind: Kind | None = None,
           articles: Annotated[bool, Query(description="Search the articles' text instead of the quotes.")] = False,
           phrase: Annotated[bool, Query(description="Match the words as one phrase.")] = False,
           limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> Response:
    """Full-text search, best matches first: the same as `presslens search`."""
    return _json(corpus_of(request).search(q, speaker=speaker, outlet=outlet, since=since, until=until, kind=kind,
                                           articles=articles, phrase=phrase, limit=limit))


@router.get("/speakers", response_model=list[SpeakerCount], responses=_ERRORS, summary="Who is quoted most")
def speakers(request: Request, by: Literal["outlet", "day", "week", "month", "year"] | None = None,
             outlet: Outlet = None, since: Day = None, until: Day = None, kind: Kind | None = None,
             limit: Annotated[int, Query(ge=1, le=1000)] = 20) -> Response:
    """Speakers by the number of distinct articles quoting them, overall or per outlet or period
    (`presslens speakers`)."""
    return _json(corpus_of(request).speakers(by=by, outlet=outlet, since=since, until=until, kind=kind, limit=limit))


@router.get("/quotes", response_model=list[SpeakerQuote], responses=_ERRORS, summary="One speaker's quotes")
def quotes(request: Request, speaker: Annotated[str, Query(min_length=1, description="The speaker's full name.")],
           outlet: Outlet = None, since: Day = None, until: Day = None, kind: Kind | None = None,
           category: Literal["speech", "stance"] | None = None,
           limit: Annotated[int, Query(ge=1, le=5000)] = 200, offset: Annotated[int, Query(ge=0)] = 0) -> Response:
    """Everything attributed to one speaker across outlets and time, earliest first, with the role each
    article gives them."""
    return _json(corpus_of(request).quotes(speaker, outlet=outlet, since=since, until=until, kind=kind,
                                           category=category, limit=limit, offset=offset))


@router.get("/trace", response_model=QuoteTrace, responses=_ERRORS, summary="Trace a quote across outlets")
def trace(request: Request, q: Annotated[str, Query(min_length=1, description="The quote (at least 3 words).")],
          outlet: Outlet = None, since: Day = None, until: Day = None) -> Response:
    """Every article that carried the quote, grouped into wording variants, earliest first, each later
    variant with its word-level edits from the first (`presslens trace`)."""
    result = corpus_of(request).trace(q, outlet=outlet, since=since, until=until)
    return JSONResponse({**to_dict(result), "articles": result.articles})


@router.get("/stories", response_model=list[Story], responses=_ERRORS, summary="Stories across outlets")
def stories(request: Request, outlet: Outlet = None, since: Day = None, until: Day = None,
            min_articles: Annotated[int, Query(ge=1)] = 2,
            limit: Annotated[int | None, Query(ge=1)] = None) -> Response:
    """Stored articles clustered into stories across outlets, largest first (`presslens stories`)."""
    found = corpus_of(request).stories(outlet=outlet, since=since, until=until, min_articles=min_articles)
    return _json(found[:limit] if limit else found)


@router.get("/stats", responses=_ERRORS, summary="What the corpus holds")
def stats(request: Request) -> dict[str, Any]:
    """Counts of articles, attributions, speakers, outlets and more (`presslens db stats`)."""
    counts = corpus_of(request).stats()
    counts.pop("path", None)  # where the file lives is the server's business
    return counts
