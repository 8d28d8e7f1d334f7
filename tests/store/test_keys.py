import pytest

from presslens.records import Article
from presslens.store.keys import content_hash, day_of, raw_hash, url_key


@pytest.mark.parametrize(("a", "b"), [
    ("https://www.example.com/news/story/", "http://example.com/news/story"),
    ("https://example.com/a?utm_source=rss&id=3&fbclid=x", "https://EXAMPLE.com/a?id=3"),
    ("https://example.com/a?b=2&a=1#comments", "https://example.com/a?a=1&b=2"),
    ("https://m.example.com/a/amp", "https://example.com/a"),
])
def test_equivalent_urls_share_a_key(a, b):
    assert url_key(a) == url_key(b)


def test_different_pages_and_missing_urls():
    assert url_key("https://example.com/a?id=3") != url_key("https://example.com/a?id=4")
    assert url_key(None) is None and url_key("not a url") is None


def test_content_hash_ignores_layout_but_not_words():
    a = Article(body="The minister said “no”.\n\nMore text.", title="Headline")
    b = Article(body="The  minister said \"no\". More text.", title="headline")
    c = Article(body="The minister said yes. More text.", title="Headline")
    assert content_hash(a) == content_hash(b) != content_hash(c)
    assert raw_hash("x", format="text") != raw_hash("x", format="html")


def test_day_of():
    assert day_of("2024-03-01T10:00:00Z") == "2024-03-01"
    assert day_of("Tue, 05 Mar 2024 08:00:00 GMT") == "2024-03-05"
    assert day_of("last week") is None and day_of(None) is None
