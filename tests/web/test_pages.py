"""Every page and API answer over a corpus of hand-built analyses (no spaCy model needed), checked for
content and for injected markup."""

from __future__ import annotations

from html.parser import HTMLParser
from urllib.parse import quote

import pytest

from tests.web.pages import EVIL_ROLE, EVIL_SPEAKER, PAYLOADS


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.elements.append((tag, dict(attrs)))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def elements(html: str) -> _Elements:
    parser = _Elements()
    parser.feed(html)
    return parser


def assert_no_injection(html: str) -> None:
    """Only the app's own markup: its one script file, no handlers, no embedded or scripted URLs."""
    page = elements(html)
    for tag, attrs in page.elements:
        assert tag not in ("img", "svg", "iframe", "object", "embed", "style", "base", "meta") or (
            tag == "meta" and set(attrs) <= {"charset", "name", "content"}), (tag, attrs)
        if tag == "script":
            assert attrs == {"src": "/static/presslens.js", "defer": None}, attrs
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action", "formaction") and value:
                assert value.startswith(("/", "#", "http://", "https://", "?")), (tag, name, value)
                assert not value.lower().startswith(("javascript:", "data:")), value


PAGES = ["/", "/articles", "/articles/1", "/articles/4", "/search?q=harbour", "/search?q=winter",
         "/search?q=harbour&articles=true", "/speakers", "/speakers?by=outlet", "/speakers?by=month",
         f"/speakers/{quote(EVIL_SPEAKER, safe='')}", "/speakers/Ann%20Lee",
         "/trace?q=We+will+keep+the+harbour+open", "/trace?q=We+have+a+deal+on+fishing+quotas",
         "/stories?min_articles=1", "/api", f"/search?q={quote(PAYLOADS['script'])}+harbour",
         f"/trace?q={quote(PAYLOADS['attribute'])}+harbour+open+winter", f"/articles?outlet={quote(PAYLOADS['img'])}"]


@pytest.mark.parametrize("path", PAGES)
def test_pages_render_without_injected_markup(client, path):
    response = client.get(path)
    assert response.status_code == 200, response.text[:500]
    assert response.headers["content-type"].startswith("text/html")
    assert_no_injection(response.text)


def test_the_hostile_article_shows_its_payloads_as_text(client):
    html = client.get("/articles/4").text
    text = "".join(elements(html).text)
    for payload in ("<script>window.__xss='script'</script>", EVIL_SPEAKER, EVIL_ROLE, "javascript:window.__xss"):
        assert payload in text
    assert "&lt;script&gt;window.__xss" in html


def test_article_page_has_header_legend_panel_and_captions(client):
    html = client.get("/articles/1").text
    page = elements(html)
    assert ("h1", {"class": "text title", "id": "title"}) in page.elements
    assert any(a.get("class") == "outlet-name" for _, a in page.elements)
    assert "A News" in html and "2024-01-10" in html
    assert any(a.get("data-attribution") == "A1" and a.get("class") == "attribution" for _, a in page.elements)
    assert '<a href="/speakers/Ann%20Lee">Ann Lee</a>' in html
    assert 'href="#att-A1"' in html and 'id="att-A1"' in html
    assert "Claims to check" in html and 'href="#claim-C1"' in html
    hostile = client.get("/articles/4").text
    assert "caption-text" in hostile and "State-controlled" in hostile


def test_speaker_page_lists_quotes_across_outlets_with_roles(client):
    html = client.get("/speakers/ann%20lee").text
    assert html.count('class="quote-row"') == 2
    assert "A News" in html and "B Daily" in html
    assert "minister" in html and "fisheries minister" in html
    assert client.get("/speakers/Nobody%20Here").status_code == 404


def test_trace_page_shows_word_level_edits(client):
    html = client.get("/trace?q=We+have+a+deal+on+fishing+quotas+for+the+whole+fleet").text
    assert "<del>whole</del>" in html
    assert "Variant 1" in html


def test_search_filters_and_problems(client):
    assert client.get("/search?q=quotas&speaker=chan").text.count('class="hit"') == 1
    assert client.get("/search?q=quotas&outlet=A+News").text.count('class="hit"') == 1
    assert client.get("/search?q=quotas&since=2024-02-01").text.count('class="hit"') == 1
    response = client.get("/search?q=!!!")
    assert response.status_code == 400 and "nothing to search for" in response.text
    assert client.get("/search?q=x&since=yesterday").status_code == 400
    assert client.get("/search?q=x&kind=rumour").status_code == 400


def test_unknown_article_is_404(client):
    assert client.get("/articles/999").status_code == 404
    assert client.get("/api/articles/999").json() == {"detail": "There is no article 999 in the corpus."}


def test_no_corpus_means_paste_only(client_for, tmp_path):
    from presslens.web import WebConfig

    client = client_for(WebConfig(db=tmp_path / "none.db"))
    assert client.get("/").status_code == 200
    response = client.get("/articles")
    assert response.status_code == 503 and "presslens ingest" in response.text
    assert client.get("/api/search?q=x").status_code == 503
    assert not (tmp_path / "none.db").exists()


def test_api_answers_in_the_documented_schema(client):
    import jsonschema

    from presslens.serialize import json_schema

    article = client.get("/api/articles/1").json()
    jsonschema.validate(article, json_schema())
    hits = client.get("/api/search", params={"q": "quotas", "kind": "direct"}).json()
    assert {h["speaker"] for h in hits} == {"Ann Lee", "Bo Chan"}
    assert client.get("/api/speakers", params={"by": "outlet"}).json()[0]["group"] == "A News"
    quotes = client.get("/api/quotes", params={"speaker": "ann lee"}).json()
    assert [q["role"] for q in quotes] == ["minister", "fisheries minister"]
    trace = client.get("/api/trace", params={"q": "We have a deal on fishing quotas"}).json()
    assert trace["articles"] == 2 and len(trace["variants"]) == 2
    assert client.get("/api/stories", params={"min_articles": 1}).status_code == 200
    assert client.get("/api/articles", params={"outlet": "B Daily"}).json()[0]["id"] == 3
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 4 and "path" not in stats
    assert client.get("/api/search", params={"q": "x", "since": "soon"}).status_code == 422


def test_openapi_documents_the_api(client):
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/analyze", "/api/search", "/api/articles/{article_id}", "/api/speakers", "/api/trace",
                 "/api/stories", "/api/quotes", "/api/articles"):
        assert path in paths, path
    assert "413" in paths["/api/analyze"]["post"]["responses"]
    assert "Analysis" in spec["components"]["schemas"]
    assert not any(p in paths for p in ("/", "/analyze", "/search"))  # pages are not API
    html = client.get("/api").text
    assert "/api/analyze" in html and "AnalyzeRequest" in html
