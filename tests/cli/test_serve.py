"""``presslens serve`` and ``presslens bench web`` through the real CLI."""

from __future__ import annotations

import json
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest
from typer.testing import CliRunner

from presslens.cli import app
from tests.conftest import EXAMPLES

pytest.importorskip("fastapi", reason="the web extra is not installed")


def test_serve_help_names_the_defaults():
    result = CliRunner().invoke(app, ["serve", "--help"], terminal_width=200)
    assert result.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-writes", "--max-body"):
        assert option in result.output
    assert "127.0.0.1" in result.output


def _get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=5) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as e:
        return e.code, e.read()


@pytest.mark.model
def test_serve_answers_on_loopback_without_a_corpus(tmp_path):
    from tests.web.conftest import free_port

    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "presslens", "serve", "--db", str(tmp_path / "none.db"),
                                "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                status, page = _get(f"http://127.0.0.1:{port}/")
                break
            except OSError:
                assert process.poll() is None, process.stdout.read().decode()
                assert time.monotonic() < deadline, "presslens serve did not start"
                time.sleep(0.3)
        assert status == 200 and b'action="/analyze"' in page
        status, body = _get(f"http://127.0.0.1:{port}/api/stats")
        assert status == 503 and b"presslens ingest" in body
        request = urllib.request.Request(f"http://127.0.0.1:{port}/api/analyze", method="POST",
                                         data=json.dumps({"text": '"We are ready," Putin said.'}).encode(),
                                         headers={"content-type": "application/json"})
        with urllib.request.urlopen(request, timeout=30) as answer:
            analysis = json.load(answer)
        assert [a["speaker"]["name"] for a in analysis["attributions"]] == ["Putin"]
    finally:
        process.terminate()
        output = process.communicate(timeout=15)[0].decode()
    assert "read-only" in output and f"127.0.0.1:{port}" in output
    assert not (tmp_path / "none.db").exists()


@pytest.mark.model
def test_bench_web_reports_rates_and_latency_without_errors(tmp_path):
    result = CliRunner().invoke(app, ["bench", "web", "--article", str(EXAMPLES / "harbour_minister.txt"),
                                      "--connections", "3", "--seconds", "1", "--warmup", "0", "--dir", str(tmp_path),
                                      "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [e["path"] for e in data["endpoints"]] == ["/articles/1", "/api/analyze"]
    for endpoint in data["endpoints"]:
        assert endpoint["errors"] == 0 and endpoint["requests"] > 0
        assert endpoint["requests_per_s"] > 0 and endpoint["p99_ms"] >= endpoint["p50_ms"] > 0
