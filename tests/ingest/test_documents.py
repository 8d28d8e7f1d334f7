import json

from presslens.ingest.documents import count_documents, discover_documents, kind_of
from presslens.records import Failure


def test_kinds_by_name(tmp_path):
    feed = tmp_path / "news.xml"
    feed.write_text("<?xml version='1.0'?><rss><channel></channel></rss>", encoding="utf-8")
    other_xml = tmp_path / "data.xml"
    other_xml.write_text("<data/>", encoding="utf-8")
    assert kind_of(tmp_path / "a.jsonl") == "jsonl" and kind_of(tmp_path / "a.warc.gz") == "warc"
    assert kind_of(tmp_path / "a.atom") == "feed" and kind_of(feed) == "feed"
    assert kind_of(other_xml) is None and kind_of(other_xml, explicit=True) == "feed"
    assert kind_of(tmp_path / "a.html") == "file" and kind_of(tmp_path / "a.pdf") is None


def test_a_mixed_folder(tmp_path):
    (tmp_path / "one.txt").write_text("Headline here\n\nA body sentence that says something.", encoding="utf-8")
    (tmp_path / "page.html").write_text("<html><body><p>Text</p></body></html>", encoding="utf-8")
    (tmp_path / "lines.jsonl").write_text("\n".join(json.dumps({"text": f"Article {i} text."}) for i in range(3)),
                                          encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    items = list(discover_documents([tmp_path, tmp_path / "missing"]))
    assert count_documents([tmp_path, tmp_path / "missing"]) == len(items) == 7
    failures = [i for i in items if isinstance(i, Failure)]
    assert {f.source.rsplit("/", 1)[-1]: f.reason for f in failures} == {
        "empty.txt": "empty file (no text to analyse)", "missing": "no such file or directory"}
    kinds = sorted(i.kind for i in items if not isinstance(i, Failure))
    assert kinds == ["html", "jsonl", "jsonl", "jsonl", "text"]
