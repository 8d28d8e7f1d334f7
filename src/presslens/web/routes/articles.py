"""Stored articles: the list (``/articles``) and each one's article page (``/articles/{id}``)."""

from __future__ import annotations

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response

from presslens.web.app import page
from presslens.web.routes.common import analysis_of, corpus_of, day, query_string
from presslens.web.views import article_view

router = APIRouter(include_in_schema=False)

_PAGE = 50


@router.get("/articles")
def article_list(request: Request, outlet: str = "", speaker: str = "", since: str = "", until: str = "",
                 page_number: int = Query(1, alias="page", ge=1, le=100_000)) -> Response:
    """Stored articles, newest first, filtered like ``presslens search``."""
    corpus = corpus_of(request)
    found = corpus.articles(outlet=outlet or None, speaker=speaker or None, since=day(since, "since"),
                            until=day(until, "until"), limit=_PAGE + 1, offset=(page_number - 1) * _PAGE)
    filters = {"outlet": outlet, "speaker": speaker, "since": since, "until": until}
    more = query_string(**filters, page=page_number + 1) if len(found) > _PAGE else None
    back = query_string(**filters, page=page_number - 1) if page_number > 1 else None
    return page(request, "articles.html", {"articles": found[:_PAGE], "filters": filters, "more": more,
                                           "back": back, "page_number": page_number})


@router.get("/articles/{article_id}")
def stored_article(request: Request, article_id: int) -> Response:
    """The article page of a stored article."""
    view = article_view(analysis_of(request, article_id))
    return page(request, "article.html", {"view": view, "stored": None, "article_id": article_id,
                                          "speaker_links": True})
