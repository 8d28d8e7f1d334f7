"""Headers, limits, host and origin checks, safe links, and writes refused unless allowed."""

from __future__ import annotations

import re

import pytest

from presslens.web.security import CONTENT_SECURITY_POLICY, safe_url
from tests.conftest import REPO


@pytest.mark.parametrize("url", ["https://example.com/a?b=c", "http://x.example", "HTTPS://EXAMPLE.COM"])
def test_safe_url_keeps_web_links(url):
    assert safe_url(url) == url


@pytest.mark.parametrize("url", [
    "javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:alert(1)", "java\tscript:alert(1)",
    "java\nscript:alert(1)", "\x01javascript:alert(1)", "data:text/html,<script>", "vbscript:msgbox",
    "//evil.example/x", "/relative", "file:///etc/passwd", "https:\\\\evil.example", "https://", "", None,
    "http://exa mple.com",
])
def test_safe_url_refuses_everything_else(url):
    assert safe_url(url) is None


def test_every_response_carries_the_policy(client):
    for path in ("/", "/articles", "/articles/999", "/static/presslens.css", "/api/openapi.json", "/nope"):
        response = client.get(path)
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY, path
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["x-frame-options"] == "DENY"
        assert response.headers["referrer-policy"] == "same-origin"
    assert "script-src 'self'" in CONTENT_SECURITY_POLICY and "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_a_body_over_the_limit_is_refused_with_413(client_for, corpus_db):
    from presslens.web import WebConfig

    client = client_for(WebConfig(db=corpus_db, max_body=1_000))
    big = "x" * 2_000
    response = client.post("/api/analyze", json={"text": big})
    assert response.status_code == 413
    assert "larger than this server accepts (1,000 bytes)" in response.json()["detail"]
    response = client.post("/analyze", data={"text": big})
    assert response.status_code == 413 and "1,000 bytes" in response.text
    assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY

    def chunks():  # no Content-Length: the limit applies while the body is read
        for _ in range(10):
            yield b"x" * 500

    response = client.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and "1,000 bytes" in response.json()["detail"]


def test_other_host_names_are_refused_on_loopback(client):
    assert client.get("/", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
    assert client.get("/", headers={"host": "[::1]:8000"}).status_code == 200


def test_any_host_name_when_serving_other_addresses(client_for, corpus_db):
    from presslens.web import WebConfig

    client = client_for(WebConfig(db=corpus_db, host="0.0.0.0"))
    assert client.get("/", headers={"host": "news-desk.example"}).status_code == 200


def test_posts_from_other_origins_are_refused(client):
    for headers in ({"origin": "http://evil.example"}, {"origin": "null"}, {"sec-fetch-site": "cross-site"}):
        response = client.post("/analyze", data={"text": "Hello."}, headers=headers)
        assert response.status_code == 403, headers


def test_writes_are_off_unless_allowed(client):
    response = client.post("/analyze", data={"text": "Hello there.", "store": "on"})
    assert response.status_code == 403 and "--allow-writes" in response.text
    response = client.post("/api/articles", json={"text": "Hello there."})
    assert response.status_code == 403 and "--allow-writes" in response.json()["detail"]
    assert 'name="store"' not in client.get("/").text


def test_the_form_must_be_form_encoded(client):
    response = client.post("/analyze", content=b'{"text": "x"}', headers={"content-type": "application/json"})
    assert response.status_code == 415


def test_templates_never_mark_content_safe():
    templates = REPO / "src" / "presslens" / "web" / "templates"
    for path in templates.glob("*.html"):
        source = path.read_text(encoding="utf-8")
        assert not re.search(r"\|\s*safe\b|autoescape\s+false|Markup", source), path.name
        assert not re.search(r"\son[a-z]+\s*=", source), f"{path.name}: inline event handler"
        assert "<script>" not in source and "style=" not in source, f"{path.name}: inline script or style"


def test_binds_to_loopback_by_default():
    from presslens.web import WebConfig

    config = WebConfig()
    assert config.host == "127.0.0.1" and not config.allow_writes
    assert set(config.hosts() or ()) == {"127.0.0.1", "localhost", "::1"}
