"""The web application: ``create_app`` builds it, ``presslens serve`` runs it with uvicorn.

Pages are rendered on the server with Jinja2 (autoescape on, nothing marked
safe in the templates) and styled by one CSS file; the small script in
``static/`` only adds conveniences the pages work without. The JSON API lives
under ``/api`` and is described by the OpenAPI document at
``/api/openapi.json`` (a readable version at ``/api``).
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from jinja2 import Environment, PackageLoader, StrictUndefined
from starlette.exceptions import HTTPException

from presslens import __version__
from presslens.analyzer import Analyzer
from presslens.errors import ConfigError, InputError, InputTooLargeError, PresslensError, StoreError
from presslens.web.security import GuardMiddleware
from presslens.web.services import Services, WebConfig

__all__ = ["create_app", "page"]

_DESCRIPTION = """Who said what, in whose voice: presslens's analysis and its corpus over HTTP.

Article content is untrusted input: every response escapes it, and request bodies are limited in
size (413 beyond the limit). Storing articles is possible only when the server was started with
`--allow-writes`."""


def _environment() -> Environment:
    env = Environment(loader=PackageLoader("presslens.web", "templates"), autoescape=True,
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["path"] = lambda value: quote(str(value), safe="")
    return env


_TEMPLATES = Jinja2Templates(env=_environment())


def page(request: Request, name: str, context: dict[str, Any] | None = None, *, status_code: int = 200) -> Response:
    """A rendered template, with what every page needs in its context."""
    services: Services = request.app.state.services
    values = {"allow_writes": services.config.allow_writes, "has_corpus": services.has_corpus,
              "version": __version__, **(context or {})}
    return _TEMPLATES.TemplateResponse(request, name, values, status_code=status_code)


def _wants_json(request: Request) -> bool:
    return request.url.path.startswith("/api")


def _error(request: Request, status: int, detail: str) -> Response:
    if _wants_json(request):
        return JSONResponse({"detail": detail}, status_code=status)
    return page(request, "error.html", {"status": status, "detail": detail}, status_code=status)


def _status_of(error: PresslensError) -> int:
    if isinstance(error, InputTooLargeError):
        return 413
    if isinstance(error, InputError | ConfigError):
        return 400
    if isinstance(error, StoreError):
        return 503
    return 500


def create_app(config: WebConfig | None = None, *, analyzer: Analyzer | None = None, warm: bool = False) -> FastAPI:
    """The presslens web app. ``analyzer`` shares an already loaded pipeline; ``warm`` loads it at startup."""
    from presslens.web.routes import api, articles, corpus_pages, paste, reference

    config = config or WebConfig()
    services = Services(config, analyzer=analyzer)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            services.warm_up()
        yield

    app = FastAPI(title="presslens", version=__version__, description=_DESCRIPTION, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.services = services
    app.add_middleware(GuardMiddleware, max_body=config.max_body, allowed_hosts=config.hosts())
    app.mount("/static", StaticFiles(packages=[("presslens.web", "static")]), name="static")
    app.include_router(paste.router)
    app.include_router(articles.router)
    app.include_router(corpus_pages.router)
    app.include_router(reference.router)
    app.include_router(api.router)

    @app.exception_handler(PresslensError)
    async def presslens_error(request: Request, error: PresslensError) -> Response:
        return _error(request, _status_of(error), str(error))

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    @app.exception_handler(RequestValidationError)
    async def invalid_request(request: Request, error: RequestValidationError) -> Response:
        if _wants_json(request):
            return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)
        problems = "; ".join(f"{'.'.join(str(p) for p in e.get('loc', ())[1:])}: {e.get('msg')}"
                             for e in error.errors())
        return _error(request, 422, f"Some of the request's values are not usable: {problems}")

    return app
