import json

from presslens.config import Settings
from presslens.ingest.documents import to_article
from presslens.ingest.jsonl import count_jsonl, read_jsonl
from presslens.records import Failure, Outlet


def test_records_and_bad_lines(tmp_path):
    path = tmp_path / "batch.jsonl"
    lines = [
        json.dumps({"url": "https://a.example/1", "title": "Deal reached", "text": "Talks ended.\n\nA deal was signed.",
                    "published": "2024-05-01", "outlet": "A News"}),
        "",
        json.dumps({"html": "<html><body><article><p>Some page text that is long enough to count.</p></article>"
                            "</body></html>", "outlet": {"name": "B Daily", "domains": ["b.example"]}}),
        json.dumps({"title": "no text"}),
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"text": 5}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_jsonl(path, Settings()))
    assert count_jsonl(path) == len(items) == 6
    first, second = items[0], items[1]
    assert (first.format, first.kind, first.title, first.outlet) == ("body", "jsonl", "Deal reached", Outlet("A News"))
    assert first.source.endswith("batch.jsonl:1")
    assert (second.format, second.outlet.domains) == ("html", ("b.example",))
    failures = {f.source.rsplit(":", 1)[1]: f.reason for f in items[2:]}
    assert all(isinstance(f, Failure) for f in items[2:])
    assert "no non-empty 'text' or 'html'" in failures["4"]
    assert "not valid JSON" in failures["5"]
    assert "expected a JSON object" in failures["6"]
    assert "'text' must be a string" in failures["7"]


def test_body_with_a_title_is_kept_whole(tmp_path):
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps({"title": "Headline", "text": "Short first paragraph.\n\nSecond paragraph here.",
                                "url": "https://news.example/x"}) + "\n", encoding="utf-8")
    article = to_article(next(read_jsonl(path, Settings())))
    assert article.body == "Short first paragraph.\n\nSecond paragraph here."
    assert (article.title, article.format) == ("Headline", "jsonl")
    assert article.outlet == Outlet("news.example", ("news.example",))  # from the URL when none is given


def test_line_limit(tmp_path):
    path = tmp_path / "big.jsonl"
    path.write_text(json.dumps({"text": "x" * 500}) + "\n", encoding="utf-8")
    [failure] = list(read_jsonl(path, Settings(max_bytes=100)))
    assert "too large" in failure.reason
