import pytest

from presslens.config import Settings
from presslens.ingest.documents import to_article
from presslens.records import Failure

pytest.importorskip("feedparser")
from presslens.ingest.feed import count_feed, read_feed

RSS = """<?xml version="1.0"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>
<title>Northern Post</title><link>https://www.northernpost.example/</link>
<item><title>Port open again</title><link>https://northernpost.example/port</link>
<pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate><author>Kai Lund</author>
<description>Short teaser.</description>
<content:encoded><![CDATA[<p>The port reopened on Monday.</p><p>"Crews worked day and night," Ines Dahl said.</p>
<script>tracking()</script>]]></content:encoded></item>
<item><title>Empty</title><link>https://northernpost.example/empty</link><description></description></item>
</channel></rss>"""

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Times</title>
<entry><title>Budget passed</title><link href="https://atom.example/budget"/><updated>2024-04-01T10:00:00Z</updated>
<summary>Parliament passed the budget after a long debate.</summary></entry></feed>"""


def test_rss_entries(tmp_path):
    path = tmp_path / "feed.rss"
    path.write_text(RSS, encoding="utf-8")
    items = list(read_feed(path, Settings()))
    assert count_feed(path) == len(items) == 2
    raw, failure = items
    article = to_article(raw)
    assert article.body == "The port reopened on Monday.\n\n\"Crews worked day and night,\" Ines Dahl said."
    assert (article.title, article.url, article.published) == ("Port open again", "https://northernpost.example/port",
                                                                "2024-03-05T08:00:00Z")
    assert (article.outlet.name, article.outlet.domains, article.format) == ("Northern Post", ("northernpost.example",),
                                                                             "feed")
    assert isinstance(failure, Failure) and "no content" in failure.reason


def test_atom_summary(tmp_path):
    path = tmp_path / "feed.xml"
    path.write_text(ATOM, encoding="utf-8")
    [raw] = list(read_feed(path, Settings()))
    assert raw.title == "Budget passed" and raw.published == "2024-04-01T10:00:00Z"
    assert raw.content == "Parliament passed the budget after a long debate."


def test_not_a_feed(tmp_path):
    path = tmp_path / "x.rss"
    path.write_text("just some words", encoding="utf-8")
    [failure] = list(read_feed(path, Settings()))
    assert "not an RSS/Atom feed" in failure.reason
