"""``presslens bench web``: requests/s and latency of the web UI under concurrent connections.

The article is stored with :meth:`presslens.Corpus.ingest` into a temporary
corpus; ``presslens serve`` then runs read-only in its own process on a free
loopback port, exactly as a user starts it. A small asyncio HTTP/1.1 client
(keep-alive, ``connections`` at once, each sending its next request as soon
as the last is answered) loads each endpoint for ``seconds`` after a warm-up:
the stored article's page (``GET /articles/{id}``) and the analysis API
(``POST /api/analyze`` with the same article). Every answer that is not a 2xx,
every connection error and every timeout counts as an error. The client runs
on the same machine as the server and takes some of its CPU, so the numbers
are a floor for what the server alone would do; the load average is reported
with them. Traffic goes to 127.0.0.1 only.
"""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

from presslens.config import Settings
from presslens.corpus import Corpus
from presslens.errors import DataFormatError, PresslensError

__all__ = ["EndpointResult", "WebBenchResult", "run_web_bench"]

_HOST = "127.0.0.1"


@dataclass(frozen=True, slots=True)
class EndpointResult:
    name: str
    method: str
    path: str
    requests: int
    errors: int
    seconds: float
    requests_per_s: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    max_ms: float
    #: Status codes other than 2xx and connection problems, with their counts.
    error_kinds: dict[str, int]


@dataclass(frozen=True, slots=True)
class WebBenchResult:
    connections: int
    seconds: float
    article_words: int
    endpoints: tuple[EndpointResult, ...]
    cpus: int
    load_average: float

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((_HOST, 0))
        return int(s.getsockname()[1])


def _request(method: str, path: str, port: int, body: bytes = b"", content_type: str = "") -> bytes:
    head = [f"{method} {path} HTTP/1.1", f"Host: {_HOST}:{port}", "Connection: keep-alive", "Accept: */*"]
    if body:
        head += [f"Content-Type: {content_type}", f"Content-Length: {len(body)}"]
    return ("\r\n".join(head) + "\r\n\r\n").encode("ascii") + body


async def _exchange(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, request: bytes) -> int:
    """Send one request and read its whole answer; the status code."""
    writer.write(request)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("the server closed the connection")
    status = int(status_line.split()[1])
    length, chunked, closing = 0, False, False
    while (line := await reader.readline()) not in (b"\r\n", b""):
        name, _, value = line.partition(b":")
        key = name.strip().lower()
        if key == b"content-length":
            length = int(value.strip())
        elif key == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
        elif key == b"connection" and b"close" in value.lower():
            closing = True
    if chunked:
        while (size := int((await reader.readline()).split(b";")[0], 16)) > 0:
            await reader.readexactly(size + 2)
        await reader.readline()
    elif length:
        await reader.readexactly(length)
    if closing:
        raise ConnectionResetError("the server asked to close the connection")
    return status


async def _load(port: int, request: bytes, *, connections: int, seconds: float,
                timeout: float) -> tuple[list[float], dict[str, int], float]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    started = time.perf_counter()
    end = started + seconds

    async def client() -> None:
        connection: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
        while time.perf_counter() < end:
            sent = time.perf_counter()
            try:
                if connection is None:
                    connection = await asyncio.wait_for(asyncio.open_connection(_HOST, port), timeout)
                status = await asyncio.wait_for(_exchange(*connection, request), timeout)
            except (OSError, asyncio.IncompleteReadError, TimeoutError, ValueError, IndexError) as e:
                kind = "timeout" if isinstance(e, TimeoutError) else type(e).__name__
                errors[kind] = errors.get(kind, 0) + 1
                if connection is not None:
                    connection[1].close()
                connection = None
                continue
            latencies.append(time.perf_counter() - sent)
            if not 200 <= status < 300:
                errors[str(status)] = errors.get(str(status), 0) + 1
        if connection is not None:
            connection[1].close()

    await asyncio.gather(*(client() for _ in range(connections)))
    return latencies, errors, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered) + 0.5) - 1))
    return ordered[index]


def _measure(name: str, method: str, path: str, request: bytes, port: int, *, connections: int, seconds: float,
             warmup: float, timeout: float) -> EndpointResult:
    if warmup > 0:
        asyncio.run(_load(port, request, connections=connections, seconds=warmup, timeout=timeout))
    latencies, errors, elapsed = asyncio.run(_load(port, request, connections=connections, seconds=seconds,
                                                   timeout=timeout))
    failed = sum(errors.values())
    answered = len(latencies)
    ms = [x * 1000 for x in latencies]
    return EndpointResult(name, method, path, answered + sum(v for k, v in errors.items() if not k.isdigit()),
                          failed, round(elapsed, 2), round(answered / elapsed, 1),
                          round(_percentile(ms, 0.50), 1), round(_percentile(ms, 0.90), 1),
                          round(_percentile(ms, 0.99), 1), round(max(ms, default=float("nan")), 1), errors)


def _wait_for(port: int, process: subprocess.Popen[bytes], deadline: float) -> None:
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = process.stdout.read().decode("utf-8", "replace") if process.stdout else ""
            raise PresslensError(f"presslens serve exited with status {process.returncode}: {output.strip()}")
        try:
            with urllib.request.urlopen(f"http://{_HOST}:{port}/", timeout=2) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise PresslensError(f"presslens serve did not answer on port {port} within the time allowed")


def run_web_bench(article: Path, *, connections: int = 20, seconds: float = 10.0, warmup: float = 2.0,
                  timeout: float = 60.0, directory: Path | None = None, settings: Settings | None = None,
                  on_step: Callable[[str], None] | None = None) -> WebBenchResult:
    """Load the article page and ``/api/analyze`` of a freshly started ``presslens serve`` (see module doc)."""
    step = on_step or (lambda message: None)
    text = article.read_text(encoding="utf-8")
    with tempfile.TemporaryDirectory(dir=directory, prefix="presslens-bench-web-") as tmp:
        db = Path(tmp) / "bench.db"
        step("storing the article")
        with Corpus(db, settings=settings) as corpus:
            report = corpus.ingest([article])
            if report.failures or not report.stored:
                reason = report.failures[0].reason if report.failures else "nothing stored"
                raise DataFormatError(f"{article}: could not be stored for the benchmark ({reason})")
            [stored] = corpus.articles(limit=1)
        port = _free_port()
        step(f"starting presslens serve on {_HOST}:{port}")
        env = {**os.environ, "PYTHONUNBUFFERED": "1"}
        process = subprocess.Popen([sys.executable, "-m", "presslens", "serve", "--db", str(db), "--host", _HOST,
                                    "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env)
        try:
            _wait_for(port, process, time.monotonic() + 120)
            page = f"/articles/{stored.id}"
            body = json.dumps({"text": text}).encode("utf-8")
            plans = [("article page", "GET", page, _request("GET", page, port)),
                     ("analyze API", "POST", "/api/analyze",
                      _request("POST", "/api/analyze", port, body, "application/json"))]
            results = []
            for name, method, path, request in plans:
                step(f"{name}: {connections} connections for {seconds:g} s")
                results.append(_measure(name, method, path, request, port, connections=connections,
                                        seconds=seconds, warmup=warmup, timeout=timeout))
        finally:
            process.terminate()
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
            if process.stdout is not None:
                process.stdout.close()
    return WebBenchResult(connections, seconds, len(text.split()), tuple(results), os.cpu_count() or 1,
                          round(os.getloadavg()[0], 2))
