"""The web UI's defences: response headers, a bounded request body, host and origin checks, safe links.

Article content is untrusted. Templates escape everything (Jinja autoescape),
the highlighted text is escaped piece by piece (:mod:`presslens.web.highlight`),
links taken from content pass :func:`safe_url`, and the Content-Security-Policy
lets the browser run only this app's own script and styles, so an injection
that slipped through would still not execute. Requests whose ``Host`` is not
this server (DNS rebinding) and writes from other origins (cross-site form
posts) are refused.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Iterable, MutableMapping
from typing import Any
from urllib.parse import urlsplit

from starlette.exceptions import HTTPException

__all__ = [
    "CONTENT_SECURITY_POLICY",
    "LOOPBACK_HOSTS",
    "BodyTooLarge",
    "GuardMiddleware",
    "is_loopback",
    "safe_url",
]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

#: Only this server's own files may load; no inline script or style, no plugins, no framing, no base tag.
CONTENT_SECURITY_POLICY = ("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
                           "font-src 'self'; connect-src 'self'; form-action 'self'; base-uri 'none'; "
                           "frame-ancestors 'none'")

HEADERS = (
    (b"content-security-policy", CONTENT_SECURITY_POLICY.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),  # "no-referrer" would make a browser send "Origin: null" on our own forms
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"cross-origin-resource-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
)

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})
_SAFE_SCHEMES = frozenset({"http", "https"})
_UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def is_loopback(host: str) -> bool:
    return host in LOOPBACK_HOSTS or host.startswith("127.")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is an absolute http(s) URL fit for an ``href``, else ``None`` (shown as text, not a link).

    Refuses ``javascript:``, ``data:``, ``vbscript:`` and every other scheme,
    scheme-relative ``//host`` links, and URLs hiding control characters or
    spaces (browsers strip some of them before reading the scheme).
    """
    if not url:
        return None
    url = url.strip()
    if any(ord(ch) < 0x21 or ch == "\x7f" or ch == "\\" for ch in url):
        return None
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SAFE_SCHEMES or not parts.netloc:
        return None
    return url


def _host_of(value: str) -> str:
    """The host name in a ``Host`` header or an origin's netloc, without the port (IPv6 unbracketed)."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class BodyTooLarge(HTTPException):
    """The request body passed the limit while it was being read (an HTTP 413, so the framework answers it
    like any other HTTP error rather than as a body it failed to parse)."""

    def __init__(self, detail: str) -> None:
        super().__init__(413, detail)


class GuardMiddleware:
    """ASGI middleware: security headers on every response, the ``Host`` check, the same-origin check on
    writes, and the request body limit (413 from ``Content-Length`` at once, or while reading a body sent
    without one)."""

    def __init__(self, app: ASGIApp, *, max_body: int, allowed_hosts: Iterable[str] | None) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = None if allowed_hosts is None else frozenset(h.lower() for h in allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope.get("headers", [])}
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = [*message.get("headers", []), *(h for h in HEADERS if h[0] not in present)]
            await send(message)

        problem = self._refusal(scope, headers)
        if problem is not None:
            await self._error(scope, send_with_headers, *problem)
            return
        seen = 0

        async def bounded_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise BodyTooLarge(self._too_large())
            return message

        try:
            await self.app(scope, bounded_receive, send_with_headers)
        except BodyTooLarge as e:
            if started:
                raise
            await self._error(scope, send_with_headers, 413, str(e.detail))

    def _too_large(self) -> str:
        return (f"The request body is larger than this server accepts ({self.max_body:,} bytes). "
                "Send a shorter article, or start the server with a larger --max-body.")

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str] | None:
        host = _host_of(headers.get("host", ""))
        if self.allowed_hosts is not None and host not in self.allowed_hosts:
            return 400, (f"This server answers to {', '.join(sorted(self.allowed_hosts))} only, not {host!r}; "
                         "start it with --host to serve other names.")
        length = headers.get("content-length")
        if length is not None:
            if not length.isdigit():
                return 400, "Content-Length must be a number of bytes."
            if int(length) > self.max_body:
                return 413, self._too_large()
        if scope.get("method") in _UNSAFE_METHODS:
            if headers.get("sec-fetch-site") == "cross-site":
                return 403, "Requests from other sites may not post to this server."
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc.lower() != headers.get("host", "").lower():
                return 403, "Requests from other origins may not post to this server."
        return None

    @staticmethod
    async def _error(scope: Scope, send: Send, status: int, detail: str) -> None:
        path = str(scope.get("path", ""))
        if path.startswith("/api"):
            body = json.dumps({"detail": detail}).encode()
            kind = b"application/json"
        else:
            from markupsafe import escape

            body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{status}</title>"
                    f"<link rel=\"stylesheet\" href=\"/static/presslens.css\"></head><body><main class=\"page\">"
                    f"<h1>Error {status}</h1><p class=\"error\">{escape(detail)}</p>"
                    f"<p><a href=\"/\">Back to the paste page</a></p></main></body></html>").encode()
            kind = b"text/html; charset=utf-8"
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
