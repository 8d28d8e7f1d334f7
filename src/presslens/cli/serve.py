"""``presslens serve``: the web UI and JSON API (needs the ``web`` extra)."""

from __future__ import annotations

from pathlib import Path

import typer

from presslens.errors import OptionalDependencyError

from .common import err, fail, reporting_errors
from .corpus_common import db_option


def register(app: typer.Typer) -> None:
    @app.command("serve")
    def serve(
        db: Path | None = db_option(),
        host: str = typer.Option("127.0.0.1", "--host",
                                 help="Address to listen on. The default answers this machine only; another "
                                      "address (0.0.0.0: every interface) lets others reach the server."),
        port: int = typer.Option(8000, "--port", "-p", min=0, max=65535, help="Port to listen on (0: any free one)."),
        allow_writes: bool = typer.Option(False, "--allow-writes",
                                          help="Let users store pasted articles in the corpus (off by default: "
                                               "the server only reads)."),
        max_body: int = typer.Option(4_000_000, "--max-body", min=1_000,
                                     help="Largest request body accepted, in bytes (413 beyond it)."),
        allowed_host: list[str] = typer.Option([], "--allowed-host",
                                               help="A host name the server answers to (repeat for more). Default: "
                                                    "the loopback names when --host is loopback, else any."),
    ) -> None:
        """Serve the web UI: paste an article to see who said what in whose voice, and browse the corpus.

        Pages: / (paste), /articles, /search, /speakers, /trace, /stories; the JSON API is under /api
        (OpenAPI description at /api/openapi.json).
        """
        try:
            import uvicorn

            from presslens.web import WebConfig, create_app
        except ImportError as e:
            raise fail(str(OptionalDependencyError("presslens serve", "web"))) from e
        config = WebConfig(db=db, allow_writes=allow_writes, max_body=max_body, host=host,
                           allowed_hosts=tuple(allowed_host) or None)
        with reporting_errors():
            app = create_app(config, warm=True)
        services = app.state.services
        where = f"http://{'[' + host + ']' if ':' in host else host}:{port}/"
        err.print(f"presslens web UI on {where} · corpus {services.db_path}"
                  f"{'' if services.has_corpus else ' (none yet: paste-and-analyse only)'} · "
                  f"{'storing allowed' if allow_writes else 'read-only'}", markup=False)
        if host not in ("127.0.0.1", "localhost", "::1"):
            err.print(f"warning: listening on {host}: anyone who can reach this address can use the server",
                      style="yellow")
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False)
