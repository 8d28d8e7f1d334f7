"""The paste page (``/``) and what its form posts to (``/analyze``): the article page of the pasted text."""

from __future__ import annotations

from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response

from presslens.errors import StoreError
from presslens.records import Analysis
from presslens.web.app import page
from presslens.web.routes.common import services_of
from presslens.web.services import Services
from presslens.web.views import article_view

router = APIRouter(include_in_schema=False)

_FORMATS = ("auto", "text", "html")
_FORM_TYPE = "application/x-www-form-urlencoded"


@router.get("/")
def paste_page(request: Request) -> Response:
    """A form to paste an article into, and the latest stored articles when there is a corpus."""
    services = services_of(request)
    recent, problem = [], None
    if services.has_corpus:
        try:
            recent = services.corpus().articles(limit=10)
        except StoreError as e:  # shown on the page: pasting still works without a corpus
            problem = str(e)
    return page(request, "paste.html", {"recent": recent, "corpus_problem": problem,
                                        "max_body": services.config.max_body})


def _field(fields: dict[str, list[str]], name: str) -> str:
    values = fields.get(name)
    return values[0] if values else ""


def _analyse_and_store(services: Services, text: str, format: str, store: bool,
                       extra: dict[str, str]) -> tuple[Analysis, dict[str, object] | None]:
    analysis = services.analyze(text, format=format, **extra)
    if not store:
        return analysis, None
    result = services.corpus().add(analysis)
    return analysis, {"status": result.status, "id": result.article_id, "reason": result.reason,
                      "copy_of": result.copy_of}


@router.post("/analyze")
async def analyze_pasted(request: Request) -> Response:
    """Analyse the posted field ``text`` (form-encoded) and answer with its article page."""
    services = services_of(request)
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind != _FORM_TYPE:
        raise HTTPException(415, f"Post the form as {_FORM_TYPE} (the paste page does), not {kind or 'nothing'}.")
    body = await request.body()
    try:
        fields = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20, strict_parsing=False)
    except (UnicodeDecodeError, ValueError) as e:
        raise HTTPException(400, f"The form could not be read: {e}") from e
    text, format = _field(fields, "text"), _field(fields, "format") or "auto"
    if format not in _FORMATS:
        raise HTTPException(400, f"format must be one of {', '.join(_FORMATS)}, not {format!r}.")
    store = _field(fields, "store") in ("on", "1", "true", "yes")
    if store and not services.config.allow_writes:
        raise HTTPException(403, "Storing is off on this server: start it with `presslens serve --allow-writes` "
                                 "to keep pasted articles.")
    extra = {name: _field(fields, name).strip() for name in ("url", "published")}
    analysis, stored = await run_in_threadpool(_analyse_and_store, services, text, format, store, extra)
    view = await run_in_threadpool(article_view, analysis)
    return page(request, "article.html", {"view": view, "stored": stored, "article_id": None,
                                          "speaker_links": services.has_corpus})
